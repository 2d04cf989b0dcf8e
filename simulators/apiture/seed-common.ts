import type { Rng } from '../kit/random';
import { PROFILES } from './constants';
import { isTerminal } from './state-machine';
import type { ApplicationState, JsonObject } from './types';

/** Time and consent helpers shared by the application and enrollment seeders. */

/** The instant the seeded data is "as of"; live applications were touched in the 25 days before it. */
export const SEED_EPOCH = '2025-06-01T12:00:00.000Z';

export const EPOCH_MS = Date.parse(SEED_EPOCH);
export const DAY_MS = 86_400_000;
/** Incomplete applications expire after 30 days of inactivity (§1.1). */
const EXPIRY_DAYS = 30;

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface Times {
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** Live resources were created within 25 days of the epoch; terminal ones up to two years before. */
export function timesFor(state: ApplicationState, rng: Rng): Times {
  const jitter = (): number => rng.int(0, 86_399_999);
  if (!isTerminal(state)) {
    const created = EPOCH_MS - rng.int(1, 25) * DAY_MS - jitter();
    const updated = Math.min(created + rng.int(0, 72) * 3_600_000 + jitter() / 24, EPOCH_MS);
    return { createdAt: iso(created), updatedAt: iso(updated), completedAt: null };
  }
  const created = EPOCH_MS - rng.int(45, 720) * DAY_MS - jitter();
  const completed =
    state === 'expired'
      ? created + EXPIRY_DAYS * DAY_MS
      : created + rng.int(1, 14) * DAY_MS + jitter();
  return { createdAt: iso(created), updatedAt: iso(completed), completedAt: iso(completed) };
}

export function consentFor(
  type: string,
  fileId: string,
  userId: string,
  contextUri: string,
  givenAt: string,
  rng: Rng,
): JsonObject {
  const id = rng.uuid();
  return {
    _id: id,
    _profile: PROFILES.consent,
    document: {
      uri: `/vault/files/${fileId}/content`,
      contentType: 'application/pdf',
      revisionId: '2024:1.2.0',
      revisedAt: '2024-03-18T14:00:00.000Z',
    },
    state: 'given',
    givenAt,
    type,
    userId,
    contextUri,
    _links: {
      self: { href: `/consents/consents/${id}` },
      'apiture:revoke': { href: `/consents/revokedConsents?consent=${id}` },
      'apiture:rescind': { href: `/consents/rescindedConsents?consent=${id}` },
    },
  };
}
