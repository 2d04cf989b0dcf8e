/**
 * Wire shapes of the Apiture Account Applications sandbox (reference: vendor-docs/apiture-applications.md).
 * Nested parts a client may replace wholesale through PUT/PATCH (applicants, documents, consents...)
 * are plain JSON; the fields the sandbox reasons about are typed.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/** A HAL link (§3.1): `href` root-relative (`/accountApplications/...`) or absolute. */
export type HalLink = { href: string; title?: string };
export type HalLinks = Record<string, HalLink>;

/** The application `state` enum (§4.1), in the order of the reference. */
export const APPLICATION_STATES = [
  'pending',
  'running',
  'blocked',
  'canceled',
  'expired',
  'rejected',
  'approved',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Enrollment states are "similar to applications" (§4.2, inferred: the same set). */
export type EnrollmentState = ApplicationState;

/** Money (§1.6): the amount is a decimal string, the currency an ISO 4217 code. */
export type Money = { value: string; currency: string };

/**
 * One stored application: the full representation (§6.4) minus the links that depend on the
 * request (`self` and the action links), which are added when rendering.
 */
export interface ApplicationRecord {
  _id: string;
  applicantName: string;
  accountName: string;
  productName: string;
  /** Only business applications carry one (inferred from the filter field list). */
  organizationName: string | null;
  fundingAmount: Money | null;
  state: ApplicationState;
  workflowState: string;
  createdAt: string;
  /** Not in the reference (inferred): the time of the last change, for `ge(updatedAt,...)` filters. */
  updatedAt: string;
  /** Set when the application reaches a terminal state (inferred from the filter field list). */
  completedAt: string | null;
  fundingAccount: JsonObject | null;
  organization: JsonObject;
  applicants: JsonValue[];
  products: JsonValue[];
  documents: JsonValue[];
  accountApproval: JsonObject;
  consents: JsonValue[];
  /** Relations to other Apiture services (`apiture:product`, `apiture:workflow`, ...). */
  links: HalLinks;
}

/** One stored enrollment (§6.7), minus the request-dependent links. */
export interface EnrollmentRecord {
  _id: string;
  applicant: JsonObject;
  applicants: JsonValue[];
  requiredDocuments: JsonValue[];
  documents: JsonValue[];
  approvals: JsonValue[];
  applicantName: string;
  workflowState: string;
  state: EnrollmentState;
  flaggedForReview: boolean;
  createdAt: string;
  /** Not in the reference (inferred), as for applications. */
  updatedAt: string;
  completedAt: string | null;
  /** The embedded error of §3.5 (second shape), present only while something needs attention. */
  error: JsonObject | null;
  /** Relations to other Apiture services (`apiture:applicant`, `apiture:contact`). */
  links: HalLinks;
}
