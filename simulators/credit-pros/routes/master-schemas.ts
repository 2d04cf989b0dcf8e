import type { FastifyInstance } from 'fastify';
import { ValidationErrors, sendNotFound, sendValidation } from '../errors';
import { mapPage, pageUrlOf, paginate } from '../pagination';
import { PERMISSIONS } from '../permissions';
import { renderMasterSchema, renderMasterSchemaWithContent } from '../resources';
import { BUREAU_CODES } from '../types';
import type { MasterSchemaRecord } from '../types';
import type { Query } from '../validation';
import { readDate, readInteger, readPage, readSort, readString, sortBy } from '../validation';
import { parsePathId } from './deps';
import type { RouteDeps } from './deps';

/**
 * Credit report master schemas (one normalised report per bureau per pull): the paginated list
 * per client, the latest one with content, and one by id with content. The doc documents only
 * 200 for these; unknown ids answer 404 `{message}` (inferred).
 */

const SORT_COLUMNS = [
  'id',
  'report_date',
  'modified_date',
  'bureau',
  'vendor',
  'report_id',
] as const;
type SortColumn = (typeof SORT_COLUMNS)[number];

const SORT_KEYS: Record<SortColumn, (schema: MasterSchemaRecord) => string | number> = {
  id: (s) => s.id,
  report_date: (s) => s.report_date,
  modified_date: (s) => s.modified_date,
  bureau: (s) => BUREAU_CODES[s.bureau].code,
  vendor: (s) => BUREAU_CODES[s.bureau].vendor,
  report_id: (s) => s.report_id,
};

/** The digits of `RPT_200001`: the query filter `report_id` is an integer (documented). */
function reportNumber(schema: MasterSchemaRecord): number {
  return Number.parseInt(schema.report_id.replace(/\D/g, ''), 10);
}

function filterSchemas(
  schemas: MasterSchemaRecord[],
  query: Query,
  errors: ValidationErrors,
): MasterSchemaRecord[] {
  const vendor = readString(query, 'vendor', errors)?.toLowerCase();
  const bureau = readString(query, 'bureau', errors)?.toLowerCase();
  const reportDate = readDate(query, 'report_date', errors);
  const reportId = readInteger(query, 'report_id', errors);
  return schemas.filter(
    (schema) =>
      (vendor === undefined || BUREAU_CODES[schema.bureau].vendor.toLowerCase() === vendor) &&
      (bureau === undefined || BUREAU_CODES[schema.bureau].code.toLowerCase() === bureau) &&
      (reportDate === undefined || schema.report_date === reportDate) &&
      (reportId === undefined || reportNumber(schema) === reportId),
  );
}

export function registerMasterSchemaRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, auth } = deps;
  const view = { onRequest: auth.guard(PERMISSIONS.viewCreditReports) };

  app.get<{ Params: { client: string }; Querystring: Query }>(
    '/clients/:client/credit-report-master-schemas',
    view,
    async (request, reply) => {
      const clientId = parsePathId(request.params.client);
      if (clientId === undefined || !store.getClient(clientId)) return sendNotFound(reply);
      const errors = new ValidationErrors();
      // `per_page` in [1 .. 100] and `page` >= 1, as documented for these lists.
      const page = readPage(request.query, errors);
      const found = filterSchemas(store.masterSchemasOf(clientId), request.query, errors);
      // (inferred) The doc's examples `sort_by=report_date`, `sort_direction=desc` as defaults.
      const sort = readSort(
        request.query,
        SORT_COLUMNS,
        { field: 'report_date', direction: 'desc' },
        errors,
      );
      if (!errors.isEmpty) return sendValidation(reply, errors);
      const sorted = sortBy(found, SORT_KEYS[sort.field], sort.direction, (s) => s.id);
      return mapPage(paginate(sorted, page, pageUrlOf(request)), (schema) =>
        renderMasterSchema(store, schema),
      );
    },
  );

  app.get<{ Params: { client: string } }>(
    '/clients/:client/credit-report-master-schemas/latest',
    view,
    async (request, reply) => {
      const clientId = parsePathId(request.params.client);
      const latest = clientId === undefined ? undefined : store.latestMasterSchemaOf(clientId);
      if (!latest) return sendNotFound(reply);
      return { data: renderMasterSchemaWithContent(store, latest) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/credit-report-master-schemas/:id',
    view,
    async (request, reply) => {
      const id = parsePathId(request.params.id);
      const schema = id === undefined ? undefined : store.getMasterSchema(id);
      if (!schema) return sendNotFound(reply);
      return { data: renderMasterSchemaWithContent(store, schema) };
    },
  );
}
