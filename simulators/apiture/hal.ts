import { APPLICATIONS_COLLECTION_NAME, PROFILES, paths } from './constants';
import {
  APPLICATION_ACTIONS,
  ENROLLMENT_ACTIONS,
  actionLinks,
  enrollmentRequirementsMet,
} from './state-machine';
import type { ApplicationRecord, EnrollmentRecord, HalLink, JsonObject } from './types';

/**
 * HAL representations (§3.1). Own resources get root-relative hrefs (`/accountApplications/...`),
 * so they resolve against whatever origin the sandbox listens on.
 */

/** The full `application` (§6.4); absent optional fields are left out rather than sent as null. */
export function renderApplication(record: ApplicationRecord): JsonObject {
  return {
    _id: record._id,
    _profile: PROFILES.application,
    applicantName: record.applicantName,
    accountName: record.accountName,
    productName: record.productName,
    ...(record.organizationName !== null ? { organizationName: record.organizationName } : {}),
    ...(record.fundingAmount !== null ? { fundingAmount: record.fundingAmount } : {}),
    state: record.state,
    workflowState: record.workflowState,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.completedAt !== null ? { completedAt: record.completedAt } : {}),
    ...(record.fundingAccount !== null ? { fundingAccount: record.fundingAccount } : {}),
    organization: record.organization,
    applicants: record.applicants,
    products: record.products,
    documents: record.documents,
    accountApproval: record.accountApproval,
    consents: record.consents,
    _links: {
      self: { href: paths.application(record._id) },
      ...record.links,
      ...actionLinks(APPLICATION_ACTIONS, record.state, 'application', record._id),
    },
  };
}

/** A collection item (§6.2): summaries carry only `_id`, `name` (the account name) and `state`. */
export function renderApplicationSummary(record: ApplicationRecord): JsonObject {
  return {
    _profile: PROFILES.summary,
    _links: { self: { href: paths.application(record._id) } },
    _id: record._id,
    name: record.accountName,
    state: record.state,
  };
}

/** The full `enrollment` (§6.7). */
export function renderEnrollment(record: EnrollmentRecord): JsonObject {
  return {
    _id: record._id,
    _profile: PROFILES.enrollment,
    _links: {
      self: { href: paths.enrollment(record._id) },
      ...record.links,
      ...actionLinks(
        ENROLLMENT_ACTIONS,
        record.state,
        'enrollment',
        record._id,
        (action) => action !== 'approve' || enrollmentRequirementsMet(record.applicant),
      ),
    },
    _embedded: {},
    applicant: record.applicant,
    applicants: record.applicants,
    requiredDocuments: record.requiredDocuments,
    documents: record.documents,
    approvals: record.approvals,
    applicantName: record.applicantName,
    workflowState: record.workflowState,
    state: record.state,
    flaggedForReview: record.flaggedForReview,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.completedAt !== null ? { completedAt: record.completedAt } : {}),
    ...(record.error !== null ? { _error: record.error } : {}),
  };
}

/** Enrollment collection items reuse the application summary profile (quirk 14); `name` is the applicant's. */
export function renderEnrollmentSummary(record: EnrollmentRecord): JsonObject {
  return {
    _profile: PROFILES.summary,
    _links: { self: { href: paths.enrollment(record._id) } },
    _id: record._id,
    name: record.applicantName,
    state: record.state,
  };
}

export interface PageLinks {
  self: HalLink;
  first: HalLink;
  next?: HalLink;
  collection: HalLink;
}

/**
 * A collection envelope (§3.2, §6.1): `count` is the size of the whole filtered collection; the
 * `next` link is present only while items remain (no `prev`/`last`, as in the reference).
 */
export function renderCollection(options: {
  profile: string;
  /** `applications` envelopes carry `name`; `enrollments` ones do not. */
  withName: boolean;
  start: number;
  limit: number;
  count: number;
  links: PageLinks;
  items: JsonObject[];
}): JsonObject {
  const links: Record<string, HalLink> = {
    self: options.links.self,
    first: options.links.first,
    ...(options.links.next ? { next: options.links.next } : {}),
    collection: options.links.collection,
  };
  return {
    _profile: options.profile,
    start: options.start,
    limit: options.limit,
    count: options.count,
    ...(options.withName ? { name: APPLICATIONS_COLLECTION_NAME } : {}),
    _links: links,
    _embedded: { items: options.items },
  };
}
