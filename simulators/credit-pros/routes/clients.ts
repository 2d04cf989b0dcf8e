import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseClientPatch } from '../client-update';
import { filterClients, sortClients } from '../client-query';
import { ValidationErrors, sendNotFound, sendValidation } from '../errors';
import type { LaravelPage } from '../pagination';
import { mapPage, pageUrlOf, paginate } from '../pagination';
import { PERMISSIONS } from '../permissions';
import { renderClient } from '../resources';
import type { ClientResource } from '../resources';
import { compileConditions } from '../rule-tree';
import type { ClientRecord } from '../types';
import type { Query } from '../validation';
import { isJsonObject, readPage } from '../validation';
import { isoSeconds, parsePathId } from './deps';
import type { RouteDeps } from './deps';

/**
 * Clients: list (`GET /clients`), rule-tree search (`POST /clients/search`), get
 * (`GET /clients/{id}`, and the portal twin `GET /portal/clients/{id}`), and the portal update
 * (`PUT /portal/clients/{client}`), the only documented client write.
 */

type ClientPage = LaravelPage<ClientResource>;

/** The outer envelope of the documented `GET /clients`: `links` empty, `meta` without links/path. */
function doubleWrapped(page: ClientPage) {
  const { current_page, from, last_page, per_page, to, total } = page.meta;
  return { data: [page], links: {}, meta: { current_page, from, last_page, per_page, to, total } };
}

type ClientFilter = (client: ClientRecord) => boolean;

/**
 * Reads a search body: `conditions` (a SegmentRuleGroup), `segment_id` (a saved segment), and
 * the top-level `combinator` joining the two when both are given (inferred; default AND).
 */
function readSearchBody(
  body: unknown,
  deps: RouteDeps,
  errors: ValidationErrors,
): ClientFilter | undefined {
  const raw = isJsonObject(body) ? body : {};
  if (body !== undefined && body !== null && !isJsonObject(body)) {
    errors.add('body', 'The request body must be a JSON object.');
    return undefined;
  }
  const combinator = raw.combinator ?? 'AND';
  if (combinator !== 'AND' && combinator !== 'OR') {
    errors.add('combinator', 'The selected combinator is invalid.');
  }
  const filters: ClientFilter[] = [];
  const segmentId = raw.segment_id;
  if (segmentId !== undefined && segmentId !== null) {
    if (typeof segmentId !== 'number' || !Number.isInteger(segmentId)) {
      errors.add('segment_id', 'The segment id field must be an integer.');
    } else if (!deps.store.getSegment(segmentId)) {
      errors.add('segment_id', 'The selected segment id is invalid.');
    } else {
      filters.push((client) => client.segment_id === segmentId);
    }
  }
  if (raw.conditions !== undefined && raw.conditions !== null) {
    const predicate = compileConditions(raw.conditions, errors);
    const context = { negativeItemsOf: (id: number) => deps.store.negativeItemsOf(id) };
    filters.push((client) => predicate(client, context));
  } else if (segmentId === undefined || segmentId === null) {
    errors.add('conditions', 'The conditions field is required when segment id is not present.');
  }
  if (!errors.isEmpty) return undefined;
  return combinator === 'OR'
    ? (client) => filters.some((filter) => filter(client))
    : (client) => filters.every((filter) => filter(client));
}

export function registerClientRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, auth } = deps;
  const view = { onRequest: auth.guard(PERMISSIONS.viewClients) };
  const update = { onRequest: auth.guard(PERMISSIONS.updateClients) };

  app.get<{ Querystring: Query }>('/clients', view, async (request, reply) => {
    const errors = new ValidationErrors();
    const page = readPage(request.query, errors);
    const found = filterClients(store.listClients(), request.query, errors);
    const sorted = sortClients(found, request.query, errors);
    if (!errors.isEmpty) return sendValidation(reply, errors);
    const rendered = mapPage(paginate(sorted, page, pageUrlOf(request)), (client) =>
      renderClient(store, client),
    );
    return deps.clientListShape === 'documented' ? doubleWrapped(rendered) : rendered;
  });

  app.post<{ Querystring: Query; Body: unknown }>(
    '/clients/search',
    view,
    async (request, reply) => {
      const errors = new ValidationErrors();
      const page = readPage(request.query, errors);
      const filter = readSearchBody(request.body, deps, errors);
      const sorted = sortClients(store.listClients(), request.query, errors);
      if (!filter || !errors.isEmpty) return sendValidation(reply, errors);
      const rendered = mapPage(paginate(sorted.filter(filter), page, pageUrlOf(request)), (c) =>
        renderClient(store, c),
      );
      // The documented sample is a top-level array holding one paginator.
      return deps.clientListShape === 'documented' ? [rendered] : rendered;
    },
  );

  const getClient = async (id: string, reply: FastifyReply) => {
    const clientId = parsePathId(id);
    const client = clientId === undefined ? undefined : store.getClient(clientId);
    if (!client) return sendNotFound(reply);
    // A bare ClientResource, not wrapped in `data` (as documented).
    return renderClient(store, client);
  };

  app.get<{ Params: { id: string } }>('/clients/:id', view, async (request, reply) =>
    getClient(request.params.id, reply),
  );

  app.get<{ Params: { id: string } }>('/portal/clients/:id', view, async (request, reply) =>
    getClient(request.params.id, reply),
  );

  app.put<{ Params: { client: string }; Body: unknown }>(
    '/portal/clients/:client',
    update,
    async (request, reply) => {
      const clientId = parsePathId(request.params.client);
      if (clientId === undefined || !store.getClient(clientId)) return sendNotFound(reply);
      const now = deps.clock();
      const today = isoSeconds(now).slice(0, 10);
      const parsed = parseClientPatch(request.body, clientId, store, today);
      if (!parsed.ok) return sendValidation(reply, parsed.errors);
      const client = store.updateClient(clientId, parsed.patch, isoSeconds(now));
      if (!client) return sendNotFound(reply);
      // The doc's 200 sample is a negative item (a copy-paste error); the sandbox echoes the
      // updated client in `data` (inferred). Clients should not rely on this body.
      return { data: renderClient(store, client) };
    },
  );
}
