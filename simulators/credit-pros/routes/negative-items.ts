import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationErrors, sendNotFound, sendValidation } from '../errors';
import { mapPage, pageUrlOf, paginate } from '../pagination';
import { PERMISSIONS } from '../permissions';
import { renderNegativeItem } from '../resources';
import { NEGATIVE_ITEM_STATUSES } from '../types';
import type { NegativeItemRecord } from '../types';
import type { Query } from '../validation';
import {
  readBoolean,
  readEnum,
  readInteger,
  readPage,
  readSort,
  readString,
  sortBy,
} from '../validation';
import { parsePathId } from './deps';
import type { RouteDeps } from './deps';

/**
 * Negative items (derogatory tradelines): `GET /negative-items` (all clients, `client_id`
 * optional), `GET /negative-items/{id}`, and the portal's per-client twins
 * `GET /portal/clients/{client}/negative-items[/{id}]`. Lists are Laravel paginators, single
 * items `{data}`. Items carry no bureau: it follows from `report_id` (the master schema's).
 */

const SORT_COLUMNS = [
  'id',
  'account_name',
  'account_type',
  'account_status',
  'opened_date',
  'reported_date',
  'credit_balance',
  'status',
] as const;
type SortColumn = (typeof SORT_COLUMNS)[number];

const SORT_KEYS: Record<SortColumn, (item: NegativeItemRecord) => string | number> = {
  id: (i) => i.id,
  account_name: (i) => i.account_name,
  account_type: (i) => i.account_type,
  account_status: (i) => i.account_status,
  opened_date: (i) => i.opened_date,
  reported_date: (i) => i.reported_date,
  credit_balance: (i) => Number.parseFloat(i.credit_balance),
  status: (i) => i.metadata.status,
};

const FLAGS = ['is_negative', 'is_collection', 'is_charge_off', 'is_disputed'] as const;

function listItems(
  items: NegativeItemRecord[],
  request: FastifyRequest<{ Querystring: Query }>,
  deps: RouteDeps,
  errors: ValidationErrors,
) {
  const query = request.query;
  const page = readPage(query, errors);
  const accountType = readString(query, 'account_type', errors)?.toLowerCase();
  const status = readEnum(query, 'status', NEGATIVE_ITEM_STATUSES, errors);
  const flags = FLAGS.map((flag) => [flag, readBoolean(query, flag, errors)] as const);
  const sort = readSort(query, SORT_COLUMNS, { field: 'id', direction: 'asc' }, errors);
  const found = items.filter(
    (item) =>
      (accountType === undefined || item.account_type.toLowerCase() === accountType) &&
      (status === undefined || item.metadata.status === status) &&
      flags.every(([flag, wanted]) => wanted === undefined || item[flag] === wanted),
  );
  const sorted = sortBy(found, SORT_KEYS[sort.field], sort.direction, (item) => item.id);
  return mapPage(paginate(sorted, page, pageUrlOf(request)), (item) =>
    renderNegativeItem(deps.store, item),
  );
}

export function registerNegativeItemRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, auth } = deps;
  const view = { onRequest: auth.guard(PERMISSIONS.viewNegativeItems) };

  app.get<{ Querystring: Query }>('/negative-items', view, async (request, reply) => {
    const errors = new ValidationErrors();
    const clientId = readInteger(request.query, 'client_id', errors);
    const items =
      clientId === undefined ? store.listNegativeItems() : store.negativeItemsOf(clientId);
    const page = listItems(items, request, deps, errors);
    return errors.isEmpty ? page : sendValidation(reply, errors);
  });

  app.get<{ Params: { id: string } }>('/negative-items/:id', view, async (request, reply) => {
    const id = parsePathId(request.params.id);
    const item = id === undefined ? undefined : store.getNegativeItem(id);
    return item ? { data: renderNegativeItem(store, item) } : sendNotFound(reply);
  });

  app.get<{ Params: { client: string }; Querystring: Query }>(
    '/portal/clients/:client/negative-items',
    view,
    async (request, reply) => {
      const clientId = parsePathId(request.params.client);
      if (clientId === undefined || !store.getClient(clientId)) return sendNotFound(reply);
      const errors = new ValidationErrors();
      const page = listItems(store.negativeItemsOf(clientId), request, deps, errors);
      return errors.isEmpty ? page : sendValidation(reply, errors);
    },
  );

  app.get<{ Params: { client: string; id: string } }>(
    '/portal/clients/:client/negative-items/:id',
    view,
    async (request, reply) => {
      const clientId = parsePathId(request.params.client);
      const id = parsePathId(request.params.id);
      const item = id === undefined ? undefined : store.getNegativeItem(id);
      if (!item || item.client_id !== clientId) return sendNotFound(reply);
      return { data: renderNegativeItem(store, item) };
    },
  );
}
