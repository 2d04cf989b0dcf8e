/**
 * The records the AgencyZoom sandbox keeps. They hold what the vendor stores; the wire shapes the
 * API answers with are built from them in `views.ts`. Money is integer cents throughout (stated by
 * the vendor for policy premium, broker fee and premium change; inferred for the rest).
 */

/** Lead status as lead search and lead detail report it: 0 NEW, 1 QUOTED, 2 WON, 3 LOST, 4 CONTACTED, 5 EXPIRED. */
export const LEAD_STATUS = {
  NEW: 0,
  QUOTED: 1,
  WON: 2,
  LOST: 3,
  CONTACTED: 4,
  EXPIRED: 5,
} as const;
export type LeadStatus = (typeof LEAD_STATUS)[keyof typeof LEAD_STATUS];

/** Status values `PUT /leads/{leadId}/status` accepts: 0 ACTIVE, 2 WON, 3 LOST, 5 XDATED. */
export const LEAD_STATUS_CHANGE_VALUES = [0, 2, 3, 5] as const;

/**
 * Policy status as `POST /policies/update-status` writes it: 0 Cancelled, 1 Active, 10 Active-New,
 * 11 Active-Renewed, 12 Active-Reinstated, 13 Active-Rewritten. No read endpoint returns it.
 */
export const POLICY_STATUS_VALUES = [0, 1, 10, 11, 12, 13] as const;
export type PolicyStatus = (typeof POLICY_STATUS_VALUES)[number];

/** A custom field value; the vendor never expands `CustomField`, this `{fieldName, value}` shape is inferred. */
export interface CustomFieldValue {
  fieldName: string;
  value: string;
}

export interface LeadRecord {
  id: number;
  firstname: string;
  middlename: string | null;
  lastname: string | null;
  nickname: string | null;
  email: string;
  phone: string | null;
  secondaryEmail: string | null;
  secondaryPhone: string | null;
  streetAddress: string | null;
  streetAddressLine2: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  zip: string | null;
  /** Free text; written as `notes`, read back as `comments`. */
  comments: string | null;
  status: LeadStatus;
  /** `yyyy-MM-dd`. */
  createDate: string;
  contactDate: string | null;
  soldDate: string | null;
  xDate: string | null;
  quoteDate: string | null;
  leadSourceId: number;
  assignedTo: number;
  csrId: number | null;
  creatorId: number;
  assignmentGroupId: number | null;
  otherProducers: number[];
  otherCsrs: number[];
  workflowId: number;
  workflowStageId: number;
  /** Location code, written as `agencyNumber`. */
  locationCode: string | null;
  departmentCode: string | null;
  groupCode: string | null;
  /** `yyyy-MM-dd HH:mm:ss`, agency time (America/Chicago). */
  lastActivityDate: string;
  /** `yyyy-MM-dd HH:mm:ss`, agency time (America/Chicago). */
  enterStageDate: string;
  tagIds: number[];
  /** The customer the lead became when sold. */
  convertedHouseholdId: number | null;
  /** As written (`mm/dd/yy` per the docs, often `MM/dd/yyyy`). */
  nextExpirationDate: string | null;
  externalSystem: string | null;
  externalId: string | null;
  customFields: CustomFieldValue[];
  /** As written: `MM/dd/yyyy` mostly, `MM/dd/yy` for some records. */
  birthday: string | null;
  /** Driver enum 1-10; written as an integer, read back as its label. */
  maritalStatus: number | null;
  lossReasonId: number | null;
  xDateType: string | null;
}

export interface CustomerRecord {
  id: number;
  bizCustomer: 0 | 1;
  businessName: string | null;
  firstname: string;
  middlename: string | null;
  lastname: string | null;
  email: string;
  phone: string | null;
  secondaryEmail: string | null;
  secondaryPhone: string | null;
  streetAddress: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  zip: string | null;
  /** `yyyy-MM-dd HH:mm:ss`. */
  createDate: string;
  /** `yyyy-MM-dd HH:mm:ss`: when the household became a customer. */
  asCustomerDate: string;
  /** `MM/dd/yyyy`. */
  birthday: string | null;
  agentId: number;
  csrId: number | null;
  leadSourceId: number | null;
  locationCode: string | null;
  /** `;`-separated tag names, as written. */
  tagNames: string | null;
  customFields: CustomFieldValue[];
  contactFirstname: string | null;
  contactLastname: string | null;
  contactMiddlename: string | null;
  numberOfEmployees: number | null;
  annualRevenue: number | null;
  totalPayroll: number | null;
  externalSystem: string | null;
  externalId: string | null;
}

export interface PolicyRecord {
  id: number;
  /** Id of the same policy in the agency management system; null for policies created through the API. */
  amsPolicyId: number | null;
  customerId: number;
  insuredName: string | null;
  carrierId: number;
  /** Product line (policy type) id. */
  productLineId: number;
  policyNumber: string | null;
  /** Cents per term (per year for multi-year life terms). */
  premium: number;
  /** Cents. */
  brokerFee: number | null;
  items: number;
  /** As written, `MM/dd/yyyy`. */
  soldDate: string;
  /** `yyyy-MM-dd`. */
  effectiveDate: string;
  /** `yyyy-MM-dd`. */
  expiryDate: string;
  agentId: number;
  csrId: number | null;
  leadSourceId: number;
  agencyNumber: string;
  departmentCode: string | null;
  groupCode: string | null;
  priorCarrierName: string | null;
  priorPolicyNumber: string | null;
  priorExpiryDate: string | null;
  status: PolicyStatus;
  /** `;`-separated tag names. */
  tagNames: string | null;
  externalSystem: string | null;
  externalId: string | null;
  meta: Record<string, unknown> | null;
  endorsements: EndorsementRecord[];
}

export interface EndorsementRecord {
  endorsementNumber: string;
  /** As written. */
  effectiveDate: string;
  /** Cents, signed. */
  premiumChange: number;
  description: string;
}

/** A note on a lead or a customer. */
export interface NoteRecord {
  leadId: number | null;
  customerId: number | null;
  type: string;
  /** `yyyy-MM-dd HH:mm:ss`. */
  createDate: string;
  createdBy: string;
  title: string;
  body: string;
}

export interface TaskRecord {
  id: number;
  leadId: number | null;
  customerId: number | null;
  title: string;
  /** 0 open, 1 completed. */
  status: 0 | 1;
  /** `yyyy-MM-dd`. */
  createDate: string;
  dueDate: string;
  completeDate: string | null;
  /** Minutes. */
  duration: number;
  comments: string;
  assigneeId: number;
  timeSpecific: boolean;
}

export interface FileRecord {
  id: number;
  customerId: number;
  title: string;
  mediaType: string;
  comments: string;
  /** Bytes. */
  size: number;
  createDate: string;
  createdBy: string;
}

/** A quote or an opportunity on a lead (the two share most fields). */
export interface ProductRecord {
  id: number;
  leadId: number;
  carrierId: number;
  productLineId: number;
  /** Quotes: 0 open, 1 sold (inferred); opportunities: 0 open, 1 won (inferred). */
  status: number;
  /** Cents. */
  premium: number;
  items: number;
  /** Quotes only; `yyyy-MM-dd`. */
  effectiveDate: string | null;
  sold: boolean;
}

/** Everything the AgencyZoom sandbox starts with. */
export interface AgencyZoomSeed {
  /** The `yyyy-MM-dd` day the seeded dates are relative to. */
  asOf: string;
  customers: CustomerRecord[];
  leads: LeadRecord[];
  policies: PolicyRecord[];
  notes: NoteRecord[];
  tasks: TaskRecord[];
  files: FileRecord[];
  quotes: ProductRecord[];
  opportunities: ProductRecord[];
}
