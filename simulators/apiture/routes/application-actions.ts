import type { FastifyInstance } from 'fastify';
import { BASE_PATH } from '../constants';
import { ApitureError } from '../errors';
import { checkIfMatch, etagOf } from '../etag';
import { renderApplication } from '../hal';
import {
  APPLICATION_ACTIONS,
  approvalStateFor,
  isTerminal,
  transitionOutcome,
  workflowStateFor,
} from '../state-machine';
import type { ApplicationAction } from '../state-machine';
import type { ApplicationRecord } from '../types';
import { actionTarget, nowIso, sendResource } from './context';
import type { RouteContext } from './context';

/**
 * Operations 9-13 of §5: `POST /{state}Applications?application=<id or URI>`, no body.
 * An unknown target is a 400, not a 404 (quirk 10). `If-Match` is checked only when sent ("if
 * passed" in the operation text), and a mismatch is a 412 (inferred for applications, §3.4).
 */

function moved(
  record: ApplicationRecord,
  action: ApplicationAction,
  now: string,
): ApplicationRecord {
  const state = APPLICATION_ACTIONS[action].target;
  const terminal = isTerminal(state);
  return {
    ...record,
    state,
    workflowState: workflowStateFor(state),
    updatedAt: now,
    completedAt: terminal ? now : null,
    accountApproval: {
      ...record.accountApproval,
      state: approvalStateFor(state),
      done: terminal,
    },
  };
}

export function registerApplicationActionRoutes(app: FastifyInstance, context: RouteContext): void {
  for (const [action, rule] of Object.entries(APPLICATION_ACTIONS) as [
    ApplicationAction,
    (typeof APPLICATION_ACTIONS)[ApplicationAction],
  ][]) {
    app.post(rule.path.slice(BASE_PATH.length), async (request, reply) => {
      const id = actionTarget(request.query as Record<string, unknown>, 'application');
      const record = context.store.getApplication(id);
      if (!record) {
        throw new ApitureError({
          statusCode: 400,
          type: 'unknownApplication',
          message:
            'The application parameter does not refer to an existing or accessible application.',
          attributes: { application: id },
        });
      }
      checkIfMatch(request.headers['if-match'], etagOf(renderApplication(record)), false);
      const outcome = transitionOutcome(rule, record.state);
      if (outcome === 'forbidden') {
        throw new ApitureError({
          statusCode: 409,
          type: 'invalidStateTransition',
          message: `An application in state ${record.state} cannot be changed to ${rule.target}.`,
          attributes: { state: record.state, requestedState: rule.target },
          remediation: `Only ${rule.from.join(' or ')} applications can be changed to ${rule.target}.`,
        });
      }
      const next = outcome === 'change' ? moved(record, action, nowIso(context)) : record;
      context.store.putApplication(next);
      return sendResource(reply, 200, renderApplication(next));
    });
  }
}
