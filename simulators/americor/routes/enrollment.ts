import type { FastifyInstance } from 'fastify';
import type { AmericorContext } from '../context';
import { CLIENT_STATUS, ENROLLMENT_STATUS } from '../enums';
import { sendNotFound } from '../errors';
import { customerRoute } from './customer-routes';

/** The §4.14 list has other codes than `clientStatus` for New (0 vs 4); the rest share codes. */
const CLIENT_TO_ENROLLMENT_STATUS: ReadonlyMap<number, number> = new Map([[4, 0]]);

const NOT_IN_ENROLLMENT = 'Customer is not in enrollment state.';

/**
 * `GET /v1/enrollment/{customerId}/status` (§4.14, integer id only) and
 * `GET /v1/enrollment/{customerUuid}` (§4.15, uuid only). Customers not enrolled: 404 on both
 * (documented for the first, inferred for the second).
 */
export function registerEnrollmentRoutes(app: FastifyInstance, ctx: AmericorContext): void {
  customerRoute(
    app,
    ctx,
    'GET',
    '/v1/enrollment/{customer}/status',
    ['id'],
    async (_request, reply, customer) => {
      const enrollment = customer.enrollment;
      if (!enrollment) return sendNotFound(reply, NOT_IN_ENROLLMENT);
      const status =
        CLIENT_TO_ENROLLMENT_STATUS.get(enrollment.clientStatus) ?? enrollment.clientStatus;
      // Codes outside the 5-value list come through with their clientStatus label (inferred).
      const statusText = ENROLLMENT_STATUS.get(status) ?? CLIENT_STATUS.get(status) ?? 'Unknown';
      return { status, statusText };
    },
  );

  customerRoute(
    app,
    ctx,
    'GET',
    '/v1/enrollment/{customer}',
    ['uuid'],
    async (_request, reply, customer) => {
      const enrollment = customer.enrollment;
      if (!enrollment) return sendNotFound(reply, NOT_IN_ENROLLMENT);
      const lead = customer.lead;
      const name = lead
        ? `${lead.firstName} ${lead.lastName}`
        : [customer.prospect?.firstName, customer.prospect?.lastName].filter(Boolean).join(' ');
      return {
        // The "enrollment identifier": the customer uuid (inferred).
        clientUuid: customer.uuid,
        clientStatus: enrollment.clientStatus,
        clientName: name,
        enrolledDebtAmount: enrollment.enrolledDebtAmount,
        currentDebtAmount: enrollment.currentDebtAmount,
        enrolledDate: enrollment.enrolledDate,
        salesRep: ctx.store.salesRep(customer.salesRepId)?.name ?? null,
        initialDepositDate: enrollment.initialDepositDate,
        initialDepositStatus: enrollment.initialDepositStatus,
        initialDepositClearedDate: enrollment.initialDepositClearedDate,
      };
    },
  );
}
