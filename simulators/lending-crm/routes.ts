import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthHook } from './auth';
import { sendProblem, sendValidationProblem } from './problem';
import type { FieldErrors } from './problem';
import { parseClientQuery, runClientQuery } from './query';
import { auditRecordOf } from './store';
import type { ClientStore } from './store';
import { isUuid } from './types';
import { validateClientBody } from './validation';

/**
 * The seven documented `/clients` operations. Status codes as documented: 200 for reads and for
 * POST/PUT/PATCH (which answer with an audit record, not the client), 405 with no content for
 * `DELETE /clients`; the rest is inferred: 204 for `DELETE /clients/{id}`, 404 for an unknown
 * id, 400 for a malformed one.
 */

export interface ClientRouteDeps {
  store: ClientStore;
  /** Sandbox clock, ms since the epoch; stamps `createdOn` / `updatedOn`. */
  clock: () => number;
  authenticate: AuthHook;
}

interface IdParams {
  id: string;
}

/** Errors of a malformed path id, in ASP.NET model-binding words. */
function idErrors(id: string): FieldErrors {
  return isUuid(id) ? {} : { id: [`The value '${id}' is not valid.`] };
}

function notFound(reply: FastifyReply): FastifyReply {
  return sendProblem(reply, 404);
}

export function registerClientRoutes(app: FastifyInstance, deps: ClientRouteDeps): void {
  const { store, authenticate } = deps;
  const now = (): string => new Date(deps.clock()).toISOString();
  const onRequest = authenticate;

  // The response is a bare JSON array of (possibly projected) Clients, not an OData
  // `{"value": [...]}` envelope: the doc shows no wrapper (inferred, see lending-crm.md 4.1).
  app.get('/clients', { onRequest }, async (request, reply) => {
    const parsed = parseClientQuery(request.query as Record<string, unknown>);
    if (!parsed.ok) return sendValidationProblem(reply, parsed.errors);
    return runClientQuery(store.list(), parsed.value);
  });

  app.post('/clients', { onRequest }, async (request, reply) => {
    const body = validateClientBody(request.body, 'replace');
    if (!body.ok) return sendValidationProblem(reply, body.errors);
    return auditRecordOf(store.create(body.value, now()));
  });

  app.delete('/clients', { onRequest }, async (_request, reply) =>
    reply.code(405).header('allow', 'GET, POST').send(),
  );

  app.get<{ Params: IdParams }>('/clients/:id', { onRequest }, async (request, reply) => {
    const { id } = request.params;
    const errors = idErrors(id);
    if (Object.keys(errors).length > 0) return sendValidationProblem(reply, errors);
    return store.get(id) ?? notFound(reply);
  });

  app.put<{ Params: IdParams }>('/clients/:id', { onRequest }, async (request, reply) => {
    const { id } = request.params;
    const body = validateClientBody(request.body, 'replace');
    const errors = { ...idErrors(id), ...(body.ok ? {} : body.errors) };
    if (!body.ok || Object.keys(errors).length > 0) return sendValidationProblem(reply, errors);
    // The body's read-only `id` is ignored; the path names the client (inferred).
    const updated = store.replace(id, body.value, now());
    return updated ? auditRecordOf(updated) : notFound(reply);
  });

  app.patch<{ Params: IdParams }>('/clients/:id', { onRequest }, async (request, reply) => {
    const { id } = request.params;
    const body = validateClientBody(request.body, 'merge');
    const errors = { ...idErrors(id), ...(body.ok ? {} : body.errors) };
    if (!body.ok || Object.keys(errors).length > 0) return sendValidationProblem(reply, errors);
    const updated = store.merge(id, body.value, now());
    return updated ? auditRecordOf(updated) : notFound(reply);
  });

  app.delete<{ Params: IdParams }>('/clients/:id', { onRequest }, async (request, reply) => {
    const { id } = request.params;
    const errors = idErrors(id);
    if (Object.keys(errors).length > 0) return sendValidationProblem(reply, errors);
    // A hard delete: a second DELETE of the same id is a 404 (inferred).
    return store.delete(id) ? reply.code(204).send() : notFound(reply);
  });
}
