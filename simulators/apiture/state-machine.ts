import { BASE_PATH } from './constants';
import type { ApplicationState, EnrollmentState } from './types';

/**
 * The state machines of §4. Each action moves a resource to one target state from a fixed set of
 * source states; in the target state already it does nothing (200, unchanged); anywhere else it
 * is refused with 409. `pending` (reserved, §4.1) and the four terminal states accept no action.
 */

export interface ActionRule<S extends string> {
  /** The state the action produces. */
  target: S;
  /** States from which the action changes the resource. */
  from: readonly S[];
  /** The action endpoint, which is also the href of the advertising link (with `?<param>=<id>`). */
  path: string;
  /** The link relation that advertises the action while it is allowed. */
  rel: string;
}

export type ApplicationAction = 'expire' | 'reject' | 'approve' | 'cancel' | 'start';
export type EnrollmentAction = 'reject' | 'approve';

const LIVE = ['running', 'blocked'] as const;

export const APPLICATION_ACTIONS: Readonly<
  Record<ApplicationAction, ActionRule<ApplicationState>>
> = {
  expire: {
    target: 'expired',
    from: LIVE,
    path: `${BASE_PATH}/expiredApplications`,
    rel: 'apiture:expire',
  },
  reject: {
    target: 'rejected',
    from: LIVE,
    path: `${BASE_PATH}/rejectedApplications`,
    rel: 'apiture:reject',
  },
  approve: {
    target: 'approved',
    from: LIVE,
    path: `${BASE_PATH}/approvedApplications`,
    rel: 'apiture:approve',
  },
  cancel: {
    target: 'canceled',
    from: LIVE,
    path: `${BASE_PATH}/canceledApplications`,
    rel: 'apiture:cancel',
  },
  start: {
    target: 'running',
    from: ['blocked'],
    path: `${BASE_PATH}/runningApplications`,
    rel: 'apiture:start',
  },
};

export const ENROLLMENT_ACTIONS: Readonly<Record<EnrollmentAction, ActionRule<EnrollmentState>>> = {
  reject: {
    target: 'rejected',
    from: LIVE,
    path: `${BASE_PATH}/rejectedEnrollments`,
    rel: 'apiture:reject',
  },
  approve: {
    target: 'approved',
    from: LIVE,
    path: `${BASE_PATH}/approvedEnrollments`,
    rel: 'apiture:approve',
  },
};

export type TransitionOutcome = 'change' | 'noop' | 'forbidden';

export function transitionOutcome<S extends string>(
  rule: ActionRule<S>,
  current: S,
): TransitionOutcome {
  if (current === rule.target) return 'noop';
  return rule.from.includes(current) ? 'change' : 'forbidden';
}

/** States no action leaves (§4.1: "terminal"); entering one sets `completedAt`. */
export const TERMINAL_STATES: readonly ApplicationState[] = [
  'canceled',
  'expired',
  'rejected',
  'approved',
];

export function isTerminal(state: ApplicationState): boolean {
  return TERMINAL_STATES.includes(state);
}

/**
 * `workflowState` for each application state. Only `running` appears in the reference; the rest
 * are inferred (a workflow is waiting while blocked and ends with the application).
 */
export function workflowStateFor(state: ApplicationState): string {
  switch (state) {
    case 'pending':
      return 'pending';
    case 'running':
      return 'running';
    case 'blocked':
      return 'waiting';
    case 'canceled':
      return 'canceled';
    case 'expired':
      return 'expired';
    case 'rejected':
    case 'approved':
      return 'completed';
  }
}

/** `accountApproval.state` for each application state (only `open` is in the reference; inferred). */
export function approvalStateFor(state: ApplicationState): string {
  return isTerminal(state) ? state : 'open';
}

/** The action links of a resource in `state`: only actions that would change it are advertised. */
export function actionLinks<S extends string, A extends string>(
  actions: Readonly<Record<A, ActionRule<S>>>,
  state: S,
  param: 'application' | 'enrollment',
  id: string,
  allowed: (action: A) => boolean = () => true,
): Record<string, { href: string }> {
  const links: Record<string, { href: string }> = {};
  for (const [action, rule] of Object.entries(actions) as [A, ActionRule<S>][]) {
    if (transitionOutcome(rule, state) === 'change' && allowed(action)) {
      links[rule.rel] = { href: `${rule.path}?${param}=${encodeURIComponent(id)}` };
    }
  }
  return links;
}

/**
 * Approving an enrollment also needs the user to have completed its requirements (§4.2): the
 * sandbox reads that from the applicant's server-owned `verified` flag (inferred).
 */
export function enrollmentRequirementsMet(applicant: { [key: string]: unknown }): boolean {
  return applicant['verified'] === true;
}
