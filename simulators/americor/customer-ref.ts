import type { FastifyInstance } from 'fastify';
import { INTEGER_SEGMENT, UUID_SEGMENT } from './store';

/**
 * Deprecated and current Americor endpoints share path templates (`/v1/leads/{customerId}/budget`
 * and `/v1/leads/{customerUuid}/budget`). This route constraint tells them apart by the shape of
 * the customer segment, so each variant is its own route and is counted under its own template
 * (reference §3, inferred routing). A segment of neither shape matches no customer route: 404.
 */

export const CUSTOMER_REF = 'americorCustomerRef';

/** The constraint value of a route: which segment shape it serves. */
export type CustomerRefShape = 'id' | 'uuid';

const CUSTOMER_SEGMENT = /^\/v1\/(?:leads|enrollment)\/([^/?#]+)/;

type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type HandlerStorage = ReturnType<ConstraintStrategy['storage']>;
type StoredHandler = Parameters<HandlerStorage['set']>[1];

export function customerRefStrategy(): ConstraintStrategy {
  return {
    name: CUSTOMER_REF,
    // Routes without the constraint (`POST /v1/leads`) still match whatever is derived.
    mustMatchWhenDerived: false,
    storage(): HandlerStorage {
      const handlers = new Map<unknown, StoredHandler>();
      return {
        get: (value) => handlers.get(value) ?? null,
        set: (value, handler) => {
          handlers.set(value, handler);
        },
      };
    },
    deriveConstraint(request: { url?: string }) {
      const segment = CUSTOMER_SEGMENT.exec(request.url ?? '')?.[1] ?? '';
      if (INTEGER_SEGMENT.test(segment)) return 'id';
      if (UUID_SEGMENT.test(segment)) return 'uuid';
      return 'other';
    },
  };
}
