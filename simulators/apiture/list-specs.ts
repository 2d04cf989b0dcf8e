import type { FieldTable } from './filter';
import type { ListSpec } from './listing';
import type { ApplicationRecord, EnrollmentRecord } from './types';

/**
 * The fields usable in `filter` and `sortBy`. For applications the reference lists accountName,
 * applicantName, productName, organizationName, state, createdAt and completedAt (§3.3);
 * `updatedAt` is added (inferred) so a client can fetch what changed since its last sync. For
 * enrollments the reference lists none; these are inferred.
 */
export const APPLICATION_FIELDS: FieldTable<ApplicationRecord> = {
  accountName: { kind: 'string', get: (r) => r.accountName },
  applicantName: { kind: 'string', get: (r) => r.applicantName },
  productName: { kind: 'string', get: (r) => r.productName },
  organizationName: { kind: 'string', get: (r) => r.organizationName },
  state: { kind: 'string', get: (r) => r.state },
  createdAt: { kind: 'dateTime', get: (r) => r.createdAt },
  completedAt: { kind: 'dateTime', get: (r) => r.completedAt },
  updatedAt: { kind: 'dateTime', get: (r) => r.updatedAt },
};

export const ENROLLMENT_FIELDS: FieldTable<EnrollmentRecord> = {
  applicantName: { kind: 'string', get: (r) => r.applicantName },
  state: { kind: 'string', get: (r) => r.state },
  workflowState: { kind: 'string', get: (r) => r.workflowState },
  flaggedForReview: { kind: 'boolean', get: (r) => r.flaggedForReview },
  createdAt: { kind: 'dateTime', get: (r) => r.createdAt },
  completedAt: { kind: 'dateTime', get: (r) => r.completedAt },
  updatedAt: { kind: 'dateTime', get: (r) => r.updatedAt },
};

/** `q` searches names only (inferred): Apiture offers no lookup by email or phone. */
export const APPLICATION_LIST: ListSpec<ApplicationRecord> = {
  fields: APPLICATION_FIELDS,
  searchText: (r) => [r.accountName, r.applicantName, r.productName, r.organizationName ?? ''],
  idOf: (r) => r._id,
};

export const ENROLLMENT_LIST: ListSpec<EnrollmentRecord> = {
  fields: ENROLLMENT_FIELDS,
  searchText: (r) => [r.applicantName],
  idOf: (r) => r._id,
};
