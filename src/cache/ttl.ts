/**
 * How long the shared cache keeps each kind of vendor read fresh, in ms: one table, also in the
 * README. Reference data changes rarely, credit report snapshots never (a new pull is a new
 * report), live statuses often. Past its TTL an entry is no longer served fresh but is kept up
 * to `STALE_MAX_MS` longer, for stale-if-error.
 */
export const CACHE_TTL_MS = {
  /** A credit report by id: a snapshot of one bureau pull, never changed. */
  'creditPros.report': 24 * 60 * 60_000,
  /** A report's score (from its content): part of the snapshot. */
  'creditPros.reportScore': 24 * 60 * 60_000,
  /**
   * The reports of a client (with the client its report list embeds), with and without negative
   * items: a new pull adds one, rarely.
   */
  'creditPros.clientReports': 60 * 60_000,
  'creditPros.reportList': 60 * 60_000,
  /** Identity fields of a Credit Pros client. */
  'creditPros.client': 10 * 60_000,
  /** Identity and financial figures of a lending CRM client. */
  'lendingCrm.client': 10 * 60_000,
  /** An AgencyZoom customer with its policies (policy dates and premiums change at renewals). */
  'agencyZoom.customer': 5 * 60_000,
  /** Leads found by phone and leads by id: live statuses. */
  'agencyZoom.leadsByPhone': 60_000,
  'agencyZoom.lead': 60_000,
  /** An Americor lead's status and sales phase: live. */
  'americor.lead': 60_000,
  /** An Americor enrollment: its status and balances move with payments. */
  'americor.enrollment': 5 * 60_000,
  /** An Apiture application and a contact's applications: live states. */
  'apiture.application': 30_000,
  'apiture.applicationsByContact': 60_000,
  /** Search results of findPeople per vendor and match: short, so new records show up soon. */
  'creditPros.search': 60_000,
  'lendingCrm.search': 60_000,
  'agencyZoom.customerSearch': 60_000,
} as const;

export type CacheKind = keyof typeof CACHE_TTL_MS;

/**
 * Reference data (AgencyZoom carriers and product lines) is cached inside the AgencyZoom client
 * for 6 hours, per process: it is read to name carriers, not per person.
 */
export const REFERENCE_DATA_TTL_MS = 6 * 60 * 60_000;

/** The longest a value past its TTL may be served when its vendor fails (default one day). */
export const DEFAULT_STALE_MAX_MS = 24 * 60 * 60_000;
