import type { FastifyInstance } from 'fastify';
import { BASE_PATH } from '../constants';
import { ApitureError } from '../errors';
import { checkIfMatch, etagOf } from '../etag';
import { renderEnrollment } from '../hal';
import {
  ENROLLMENT_ACTIONS,
  enrollmentRequirementsMet,
  transitionOutcome,
  workflowStateFor,
} from '../state-machine';
import type { EnrollmentAction } from '../state-machine';
import { actionTarget, nowIso, sendResource } from './context';
import type { RouteContext } from './context';

/**
 * Operations 20-21 of §5: `POST /rejectedEnrollments` and `/approvedEnrollments`
 * `?enrollment=<id or URI>`. Unknown target 400, forbidden transition 409, `If-Match` checked
 * when sent (412). Approve also needs the applicant's completed verification, else 409.
 */
export function registerEnrollmentActionRoutes(app: FastifyInstance, context: RouteContext): void {
  for (const [action, rule] of Object.entries(ENROLLMENT_ACTIONS) as [
    EnrollmentAction,
    (typeof ENROLLMENT_ACTIONS)[EnrollmentAction],
  ][]) {
    app.post(rule.path.slice(BASE_PATH.length), async (request, reply) => {
      const id = actionTarget(request.query as Record<string, unknown>, 'enrollment');
      const record = context.store.getEnrollment(id);
      if (!record) {
        throw new ApitureError({
          statusCode: 400,
          type: 'unknownEnrollment',
          message:
            'The enrollment parameter does not refer to an existing or accessible enrollment.',
          attributes: { enrollment: id },
        });
      }
      checkIfMatch(request.headers['if-match'], etagOf(renderEnrollment(record)), false);
      const outcome = transitionOutcome(rule, record.state);
      if (outcome === 'forbidden') {
        throw new ApitureError({
          statusCode: 409,
          type: 'invalidStateTransition',
          message: `An enrollment in state ${record.state} cannot be changed to ${rule.target}.`,
          attributes: { state: record.state, requestedState: rule.target },
          remediation: `Only ${rule.from.join(' or ')} enrollments can be changed to ${rule.target}.`,
        });
      }
      if (
        outcome === 'change' &&
        action === 'approve' &&
        !enrollmentRequirementsMet(record.applicant)
      ) {
        throw new ApitureError({
          statusCode: 409,
          type: 'enrollmentRequirementsNotMet',
          message:
            'The user has not completed the enrollment requirements (identity verification, terms).',
          attributes: { state: record.state },
          remediation: 'Approve the enrollment once its apiture:approve link is present.',
        });
      }
      const now = nowIso(context);
      const next =
        outcome === 'change'
          ? {
              ...record,
              state: rule.target,
              workflowState: workflowStateFor(rule.target),
              updatedAt: now,
              completedAt: now,
              // Both results are terminal: nothing is pending any more.
              error: null,
            }
          : record;
      context.store.putEnrollment(next);
      return sendResource(reply, 200, renderEnrollment(next));
    });
  }
}
