import type { FastifyInstance } from 'fastify';
import { ADMIN_PREFIX } from '../../kit/sandbox';
import type { AmericorContext } from '../context';

/**
 * `GET /__admin/leads?externalId=X` -> `{count, leads: [{id, uuid}]}`: the customers created with
 * that `externalId`, so reliability tests can detect a duplicated lead write. Under the admin prefix,
 * hence never counted, faulted or rate limited.
 */
export function registerAmericorAdminRoutes(app: FastifyInstance, ctx: AmericorContext): void {
  app.get(`${ADMIN_PREFIX}/leads`, async (request, reply) => {
    const { externalId } = request.query as { externalId?: unknown };
    if (typeof externalId !== 'string' || externalId === '') {
      return reply.code(400).send({ error: 'externalId query parameter is required' });
    }
    const leads = ctx.store.findByExternalId(externalId);
    return { count: leads.length, leads };
  });
}
