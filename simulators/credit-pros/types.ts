/**
 * Records of The Credit Pros sandbox, in the vendor's wire field names (credit-pros.md §4.0).
 * Records hold ids instead of embedded objects; `resources.ts` renders them into the vendor's
 * response shapes (every resource embeds the full ClientResource).
 */

/** The three bureaus in the lower-case vocabulary of paths and internal reports. */
export const BUREAUS = ['equifax', 'experian', 'transunion'] as const;
export type Bureau = (typeof BUREAUS)[number];

/** Master schemas name the bureau by a short code and the vendor by a display name. */
export const BUREAU_CODES: Record<Bureau, { code: string; vendor: string }> = {
  equifax: { code: 'EFX', vendor: 'Equifax' },
  // (inferred) Only `EFX` appears in the doc; `EXP` and `TU` follow the same short-code style.
  experian: { code: 'EXP', vendor: 'Experian' },
  transunion: { code: 'TU', vendor: 'TransUnion' },
};

/** Values of `metadata.status` on a negative item (the list filter's enum). */
export const NEGATIVE_ITEM_STATUSES = ['new', 'not_processed', 'in_progress', 'repaired'] as const;
export type NegativeItemStatus = (typeof NEGATIVE_ITEM_STATUSES)[number];

/** A scalar value of a dynamic Salesforce-style client attribute. */
export type AttributeValue = string | number | boolean | null;

/** One rule of a SegmentRuleGroup, or a nested group (a rule that has `rules`). */
export interface SegmentRule {
  count_repeat?: number | null;
  field: string;
  operator: string;
  relation?: string | null;
  value: unknown;
}

export interface SegmentRuleGroup {
  combinator: 'AND' | 'OR';
  count_repeat?: number | null;
  /** 1/true negates the group. */
  not?: boolean | number | null;
  relation?: string | null;
  rules: (SegmentRule | SegmentRuleGroup)[];
}

export interface SegmentRecord {
  id: number;
  name: string;
  description: string | null;
  type: 'client' | 'negative_item';
  conditions: SegmentRuleGroup;
  is_active: boolean;
  is_archive: boolean;
  usage_count: number | null;
  /** ISO date-time, e.g. `2024-03-01T09:00:00Z`. */
  created_at: string;
  updated_at: string;
}

export interface ClientRecord {
  id: number;
  client_key: string | null;
  /** The login email, with the case the client typed; may differ from `attributes.Email`. */
  email: string;
  /** Free-format US phone as entered, e.g. `(617) 555-0142` or `617.555.0142`. */
  mobile_phone: string;
  /** Integer, as the vendor types it (real Salesforce ids are strings). */
  salesforce_id: number;
  /** Only legacy clients have one. */
  joint_customer_sf_id: string | null;
  /** Integer SSN: leading zeros are lost (`045-62-1187` is `45621187`). */
  ssn: number;
  /**
   * Dynamic Salesforce-Contact-style attributes: names live only here (`FirstName`, `MiddleName`,
   * `LastName`), with `Email`, `Id`, phones, `D_O_B__c` (ISO date) and the `Mailing*` address
   * (`MailingPostalCode` an integer, so leading zeros are lost).
   */
  attributes: Record<string, AttributeValue>;
  segment_id: number;
  /** ISO date-time; not part of ClientResource, kept for `updated_at` bookkeeping. */
  created_at: string;
  updated_at: string;
}

/** An "internal client report": metadata of the latest pull from one bureau. */
export interface InternalReportRecord {
  id: number;
  client_id: number;
  bureau: Bureau;
  created_at: string;
  updated_at: string;
}

/** One item of the (undocumented) master-schema `content.items`. */
export type MasterSchemaContentItem =
  | { section: 'score'; model: string; value: number }
  | {
      section: 'tradeline';
      account_name: string;
      account_type: string;
      account_status: string;
      balance: string;
      opened_date: string;
      is_negative: boolean;
    };

export interface MasterSchemaRecord {
  id: number;
  client_id: number;
  bureau: Bureau;
  /** `RPT_` followed by digits; the list filter `report_id` takes the digits as an integer. */
  report_id: string;
  /** ISO date `YYYY-MM-DD`. */
  report_date: string;
  /** ISO date-time. */
  modified_date: string;
  available_file_types: string[];
  content: { items: MasterSchemaContentItem[]; schema: string };
}

export interface UserShortRecord {
  created_at: string;
  email: string;
  first_name: string;
  id: number;
  is_disabled: boolean;
  last_name: string;
}

export interface CorrespondenceRecord {
  attachments: {
    caption: string;
    created_at: string;
    extension: string;
    id: number;
    size: number;
    type: string;
    url: string;
  }[];
  attributes: { name: string; value: string }[];
  client_id: number;
  id: number;
  negative_item_id: number;
  run_by: UserShortRecord;
  type: string;
}

/**
 * A negative item in the vendor's field names, except `client` (rendered from `client_id`).
 * `id` is not in the doc's resource although get-by-id exists; the sandbox adds it (inferred).
 */
export interface NegativeItemRecord {
  id: number;
  client_id: number;
  account_name: string;
  account_number: string;
  account_ownership_type: string;
  account_paid_date: string | null;
  account_status: string;
  account_type: string;
  bureau_tradeline_id: string;
  charge_off_date: string | null;
  client_key: string | null;
  close_date: string | null;
  collection_date: string | null;
  correspondence: CorrespondenceRecord[];
  /** Money as decimal strings, e.g. `"1250.00"`. */
  credit_balance: string;
  credit_limit: string | null;
  credit_loan_type: string;
  /** The id of the internal client report of the same bureau (inferred link). */
  credit_report_id: number;
  /** Sic: the vendor's misspelled key. */
  current_rateing_code: string;
  current_rating_type: string;
  high_balance_amount: string;
  high_credit_amount: string;
  highest_adverse_rating_code: string;
  highest_adverse_rating_type: string;
  internal_client_key: string;
  is_charge_off: boolean;
  is_closed: boolean;
  is_collection: boolean;
  is_disputed: boolean;
  is_mortgage: boolean;
  is_negative: boolean;
  is_revolving: boolean;
  is_secure_loan: boolean;
  last_activity_date: string | null;
  last_payment_date: string | null;
  late_count_30_days: number;
  late_count_60_days: number;
  late_count_90_days: number;
  loan_type: string;
  metadata: {
    created_by: number;
    not_dispute: boolean;
    status: NegativeItemStatus;
    updated_by: number;
  };
  /** Untyped in the doc; the sandbox sends `Y-m-d H:i:s` (inferred). */
  modified_date: string;
  monthly_payment: string;
  months_viewed: number;
  most_recent_adverse_rating_code: string;
  most_recent_adverse_rating_date: string | null;
  most_recent_adverse_rating_type: string;
  opened_date: string;
  original_balance_amount: string;
  past_due_amount: string;
  /** The `report_id` of the master schema the item was taken from (inferred link). */
  report_id: string;
  reported_date: string;
  terms_desc: string;
  terms_month: number;
  unpaid_balance_amount: string;
  vendor_tradeline_id: string;
}

export interface StaffRole {
  id: string;
  name: string;
  permissions: { name: string }[];
}

/** A back-office user who can log in through `POST /auth/login`. */
export interface StaffUserRecord {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  password: string;
  is_disabled: boolean;
  roles: StaffRole[];
  created_at: string;
  updated_at: string;
}

/** Everything the seeder derives from a population; plain JSON, so it can be compared. */
export interface CreditProsSeed {
  segments: SegmentRecord[];
  clients: ClientRecord[];
  reports: InternalReportRecord[];
  masterSchemas: MasterSchemaRecord[];
  negativeItems: NegativeItemRecord[];
  staffUsers: StaffUserRecord[];
}
