import type { FastifyInstance } from 'fastify';
import { ADMIN_PREFIX } from '../../kit/sandbox';
import type { AgencyZoomStore } from '../store';

/**
 * AgencyZoom-specific admin routes (not part of the vendor API; never counted, faulted or limited).
 * The lead write body has no external-id field, so duplicate writes are detected by email.
 */
export function registerAgencyZoomAdminRoutes(app: FastifyInstance, store: AgencyZoomStore): void {
  /**
   * `GET /__admin/leads?email=X` (case-insensitive, exact) and/or `?externalId=X` (exact; only
   * seeded leads carry one): `{ count, leads: [{ id }] }`, for duplicate-write checks in tests.
   */
  app.get<{ Querystring: { email?: string; externalId?: string } }>(
    `${ADMIN_PREFIX}/leads`,
    async (request, reply) => {
      const { email, externalId } = request.query;
      if (!email && !externalId) {
        return reply.code(400).send({ error: 'give email or externalId' });
      }
      const leads = [...store.leads.values()]
        .filter((lead) => !email || lead.email.toLowerCase() === email.toLowerCase())
        .filter((lead) => !externalId || lead.externalId === externalId)
        .map((lead) => ({ id: lead.id }));
      return { count: leads.length, leads };
    },
  );

  /** `GET /__admin/policies/{policyId}`: the stored policy, status included (no vendor read shows it). */
  app.get<{ Params: { policyId: string } }>(
    `${ADMIN_PREFIX}/policies/:policyId`,
    async (request, reply) => {
      const policy = store.policies.get(Number(request.params.policyId));
      if (!policy) return reply.code(404).send({ error: 'no such policy' });
      return policy;
    },
  );
}
