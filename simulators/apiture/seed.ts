import type { Rng } from '../kit/random';
import { peopleIn, vendorRng } from '../population/generate';
import type { Population } from '../population/generate';
import { productNamed } from './catalog';
import { apiturePerson } from './people';
import { buildApplication } from './seed-applications';
import type { ApplicationChoice } from './seed-applications';
import { DAY_MS, EPOCH_MS, iso } from './seed-common';
import { buildEnrollment } from './seed-enrollments';
import { TERMINAL_STATES, isTerminal } from './state-machine';
import type {
  ApplicationRecord,
  ApplicationState,
  EnrollmentRecord,
  EnrollmentState,
} from './types';

/**
 * Population -> Apiture records. Pure and deterministic: the same population gives the same
 * records byte for byte (every draw comes from `vendorRng(population, 'apiture', index)`, every
 * time is relative to `SEED_EPOCH`, never the wall clock).
 */

export { SEED_EPOCH } from './seed-common';

/**
 * State of each person's first application, cycled in population order so that every state is
 * present in any population with a dozen Apiture people, blocked ones often enough to exercise
 * every action. `pending` is reserved by the reference but in its enum (inferred: a few exist).
 */
const FIRST_STATE_CYCLE: readonly ApplicationState[] = [
  'running',
  'blocked',
  'approved',
  'blocked',
  'rejected',
  'running',
  'canceled',
  'blocked',
  'expired',
  'approved',
  'pending',
  'blocked',
];

/** A person has at most one live (running, blocked, pending) application (§1.1). */
const SECOND_AFTER_LIVE: readonly ApplicationState[] = TERMINAL_STATES;
const SECOND_AFTER_TERMINAL: readonly ApplicationState[] = [
  ...TERMINAL_STATES,
  'blocked',
  'running',
];

/**
 * State of each enrollment and whether its applicant passed identity verification (the extra
 * precondition of approve, §4.2), cycled so that every combination the actions care about exists.
 */
const ENROLLMENT_CYCLE: readonly { state: EnrollmentState; verified: boolean }[] = [
  { state: 'running', verified: false },
  { state: 'approved', verified: true },
  { state: 'blocked', verified: false },
  { state: 'rejected', verified: false },
  { state: 'running', verified: true },
  { state: 'approved', verified: true },
  { state: 'blocked', verified: true },
  { state: 'running', verified: true },
];

/** Share of Apiture people with a second application, and with an enrollment. */
const SECOND_APPLICATION_SHARE = 0.3;
const ENROLLMENT_SHARE = 0.45;

export interface ApitureSeed {
  /** In population order; a person's applications oldest first. */
  applications: ApplicationRecord[];
  enrollments: EnrollmentRecord[];
}

/** The showcase person's applications: one running, one approved, one canceled; plus an approved enrollment. */
const SHOWCASE_APPLICATIONS: readonly ApplicationChoice[] = [
  { state: 'approved', product: productNamed('Premiere Savings'), accountName: 'Rainy Day Fund' },
  { state: 'canceled', product: productNamed('6 Month CD'), accountName: '6 Month CD' },
  {
    state: 'running',
    product: productNamed('Personal Checking'),
    accountName: 'My Personal Checking',
  },
];

function choicesFor(position: number, rng: Rng): ApplicationChoice[] {
  const first = FIRST_STATE_CYCLE[position % FIRST_STATE_CYCLE.length];
  if (!rng.chance(SECOND_APPLICATION_SHARE)) return [{ state: first }];
  const second = rng.pick(isTerminal(first) ? SECOND_AFTER_TERMINAL : SECOND_AFTER_LIVE);
  // Oldest first: a terminal application is older than a live one.
  return isTerminal(second) && !isTerminal(first)
    ? [{ state: second }, { state: first }]
    : [{ state: first }, { state: second }];
}

/** Converts the population's Apiture people into applications and enrollments. */
export function seedApiture(population: Population): ApitureSeed {
  const applications: ApplicationRecord[] = [];
  const enrollments: EnrollmentRecord[] = [];
  peopleIn(population, 'apiture').forEach((person, position) => {
    const rng = vendorRng(population, 'apiture', person.index);
    const showcase = person.index === 0;
    const contactAt = iso(EPOCH_MS - rng.int(60, 900) * DAY_MS - rng.int(0, 86_399_999));
    const who = apiturePerson(person, rng, contactAt);
    const choices = showcase ? SHOWCASE_APPLICATIONS : choicesFor(position, rng);
    for (const choice of choices) applications.push(buildApplication(person, who, choice, rng));
    if (showcase) {
      enrollments.push(buildEnrollment(person, who, 'approved', true, rng));
    } else if (rng.chance(ENROLLMENT_SHARE)) {
      const { state, verified } = ENROLLMENT_CYCLE[enrollments.length % ENROLLMENT_CYCLE.length];
      enrollments.push(buildEnrollment(person, who, state, verified, rng));
    }
  });
  return { applications, enrollments };
}
