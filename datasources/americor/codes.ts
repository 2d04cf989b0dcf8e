import type { LeadStatusModel } from '../../src/domain/models';

/**
 * Americor's documented code lists (reference §4.13-§4.15), labels copied exactly (typos such as
 * `Ready to Petch` included: a vendor label is kept as the vendor wrote it), and how each code
 * places on our normalised scales. Keyed by the wire code.
 */

/** Lead `status` of `GET /v1/leads/{customerUuid}` (§4.13), with its place in our funnel. */
export const LEAD_STATUSES: ReadonlyMap<number, { label: string; status: LeadStatusModel }> =
  new Map([
    [0, { label: 'New', status: 'NEW' }],
    [18, { label: 'Hot', status: 'CONTACTED' }],
    // "Ready to pitch": qualified and about to receive a proposal.
    [16, { label: 'Ready to Petch', status: 'QUOTED' }],
    [3, { label: 'Nurture', status: 'CONTACTED' }],
    [13, { label: 'Docs Sent', status: 'QUOTED' }],
    [22, { label: 'Automation', status: 'CONTACTED' }],
    [25, { label: 'Mail Fax Docs', status: 'QUOTED' }],
    [34, { label: 'Automation SR.ai', status: 'CONTACTED' }],
    [43, { label: 'Pre-Enrollments Sent', status: 'QUOTED' }],
    [44, { label: 'Pre-Enrollments Completed', status: 'QUOTED' }],
    [57, { label: 'Docs Signed', status: 'WON' }],
    [58, { label: 'Docs Expired', status: 'EXPIRED' }],
    [54, { label: 'CA Pre-Enrollment', status: 'QUOTED' }],
  ]);

/**
 * Lead `salesPhase` (§4.13). `-1` (the export shows `**1**`; the example value is `-1`) says
 * nothing about the funnel, hence null.
 */
export const SALES_PHASES: ReadonlyMap<number, { label: string; status: LeadStatusModel | null }> =
  new Map<number, { label: string; status: LeadStatusModel | null }>([
    [-1, { label: 'No Sales Phase', status: null }],
    [0, { label: 'Waiting on Assignment', status: 'NEW' }],
    [1, { label: 'Trying to Contact', status: 'CONTACTED' }],
    [2, { label: 'Initial Contact-No Application', status: 'CONTACTED' }],
    [3, { label: 'Application Taken-Building File', status: 'QUOTED' }],
    [4, { label: 'App taken - Attempting Contact for Proposal', status: 'QUOTED' }],
    [5, { label: 'Proposal Completed - working file', status: 'QUOTED' }],
    [6, { label: 'Proposal Declined - no longer working file', status: 'LOST' }],
    [7, { label: 'Less than 7500/DNQ for Loan', status: 'LOST' }],
    [8, { label: 'Pre-enrollments Sent', status: 'QUOTED' }],
    [9, { label: 'Pre-enrollments Completed', status: 'QUOTED' }],
    [10, { label: 'Loan Submission', status: 'QUOTED' }],
    [11, { label: 'Docs Sent', status: 'QUOTED' }],
    [12, { label: 'Docs Signed', status: 'WON' }],
    [13, { label: 'Docs Expired', status: 'EXPIRED' }],
    [14, { label: 'Client Enrollment Failed by AOT', status: 'LOST' }],
  ]);

/** Outcomes that end the funnel: they win over any other signal. */
export const FINAL_LEAD_STATUSES: ReadonlySet<LeadStatusModel> = new Set([
  'WON',
  'LOST',
  'EXPIRED',
]);

/** Funnel order of the open statuses: the further of two signals wins. */
export const OPEN_LEAD_STATUS_RANK: Readonly<Partial<Record<LeadStatusModel, number>>> = {
  NEW: 0,
  CONTACTED: 1,
  QUOTED: 2,
};

/** `clientStatus` of `GET /v1/enrollment/{customerUuid}` (§4.15). */
export const CLIENT_STATUSES: ReadonlyMap<number, string> = new Map([
  [4, 'New'],
  [5, 'Waiting for 1st payment'],
  [6, 'Active'],
  [7, 'NSF Need Contact'],
  [8, 'NSF'],
  [9, 'Suspended'],
  [10, 'Pending Cancellation'],
  [11, 'Cancelled'],
  [12, 'Completed'],
  [20, 'ACH waiting for e-sign'],
  [21, 'RAM Rejected'],
  [29, 'Compliance Hold'],
  [35, 'Collection Recovery'],
  [36, 'Pending Completed'],
  [47, 'Client Relations'],
  [48, 'Review for Completion'],
  [50, 'Pending Completed - Fee Collection'],
  [51, 'Pending Cancellation - Fee Collection'],
  [53, 'Final Debt'],
]);

/**
 * `clientStatus` codes of a running programme: waiting for the first payment, active, a bounced
 * payment being worked (NSF), with client relations, under review for completion, or settling the
 * final debt. New, ACH setup, holds, suspensions, cancellations and completions are not running.
 */
export const ACTIVE_CLIENT_STATUSES: ReadonlySet<number> = new Set([5, 6, 7, 8, 47, 48, 53]);

/**
 * `status` of `GET /v1/enrollment/{customerId}/status` (§4.14): a shorter list that conflicts with
 * §4.15 (New is 0 here, 4 there; other spellings). The vendor's `statusText` is preferred; this
 * list, then the §4.15 one, only fill in a missing label.
 */
export const ENROLLMENT_STATUSES: ReadonlyMap<number, string> = new Map([
  [0, 'New'],
  [5, 'Waiting for 1 Payment'],
  [6, 'Active'],
  [10, 'Pending Cancellation'],
  [11, 'Canceled'],
]);

/** `initialDepositStatus` of §4.15. */
export const DEPOSIT_STATUSES: ReadonlyMap<number, string> = new Map([
  [0, 'Void'],
  [1, 'Posted'],
  [2, 'NSF'],
  [3, 'Processing'],
  [4, 'Scheduled'],
  [6, 'Pending'],
  [5, 'Transmitted'],
  [9, 'Cancelled'],
  [10, 'Refunded partial'],
  [11, 'Refunded'],
  [12, 'Returned'],
  [100, 'Overdue'],
  [101, 'Scheduled (Auto)'],
  [102, 'Posted (Auto)'],
  [103, 'NSF make up'],
]);

/** Creditor `accountHolder` (§4.4). */
export const ACCOUNT_HOLDER_CODES = { PRIMARY: 1, CO_APPLICANT: 2, JOINT: 3 } as const;

/** Budget `housingType` (§4.8). */
export const HOUSING_TYPE_CODES = { RENTED: 1, OWNED: 2, WITH_FAMILY: 3 } as const;

/** Budget `hardshipReason` (§4.8; 2 and 4 are unused by the vendor). */
export const HARDSHIP_REASON_CODES = {
  AVOID_BANKRUPTCY: 1,
  DIVORCED: 3,
  ILLNESS_IN_FAMILY: 5,
  LOSS_OF_INCOME: 6,
  WIDOWED: 7,
  MEDICAL_ISSUES: 8,
  OTHER: 9,
  BIRTH: 10,
  SPECIAL_NEEDS_FAMILY: 11,
  LOSS_OF_JOB: 12,
  LAID_OFF: 13,
  UNEXPECTED_EXPENSES: 14,
} as const;

/** Budget `groundsOfExemption` for a negative budget (§4.8). */
export const EXEMPTION_GROUND_CODES = {
  OVERTIME: 1,
  ADDITIONAL_EMPLOYMENT: 2,
  GIFT_OR_DONATION: 3,
  TAX_REFUND_PENDING: 4,
  FUTURE_SUPPORT_OR_ALIMONY: 5,
  RETIREMENT_OR_STOCK_FUNDS: 6,
  PAY_OFF_OTHER_DEBT: 7,
  REDUCE_SUBSCRIPTIONS: 8,
  OTHER: 99,
} as const;

/** ACH `accountProcessor` (§4.10). */
export const ACCOUNT_PROCESSOR_CODES = { RAM: 1, GCS: 2 } as const;

/** ACH `bankAccountType` (§4.10). */
export const BANK_ACCOUNT_TYPE_CODES = { CHECKING: 1, SAVINGS: 2 } as const;

/** Calculator `payFrequency` (§4.12). */
export const PAY_FREQUENCY_CODES = { MONTHLY: 0, SEMI_MONTHLY: 1, BI_WEEKLY: 2 } as const;
