import type { VendorId } from './vendor';

/**
 * Domain models: what vendor clients return and resolvers read (the codegen mappers). They carry
 * normalised values (lower-case emails, E.164 phones, ISO dates, decimal-string money) and never
 * a vendor wire shape.
 */

/** A record in one vendor's system. */
export interface VendorRefModel {
  vendor: VendorId;
  /** The vendor's own identifier, as a string. */
  id: string;
}

/** Money as a decimal string, never a float. */
export interface MoneyModel {
  /** e.g. `1450.00` */
  amount: string;
  /** ISO 4217, e.g. `USD`. */
  currency: string;
}

export interface AddressModel {
  line1: string | null;
  line2: string | null;
  city: string | null;
  /** Two-letter state code, upper case. */
  state: string | null;
  /** Five-digit ZIP with leading zeros restored. */
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

export interface VendorStatusModel {
  code: string;
  label: string | null;
}

export interface AssigneeModel {
  id: string | null;
  name: string | null;
}

/**
 * One vendor's view of a person: the identity fields of a vendor record, normalised. The
 * identity layer clusters these into a `PersonModel`.
 *
 * `ref.id` conventions (stable, used in identity links): Americor the customer uuid; The Credit
 * Pros the client id; lending CRM the client uuid; Apiture `contact:<contact id>`; AgencyZoom
 * `customer:<id>` or `lead:<id>`.
 */
export interface PersonRecordModel {
  ref: VendorRefModel;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  /** Lower-case. */
  emails: string[];
  /** E.164. */
  phones: string[];
  /** `YYYY-MM-DD`. */
  dateOfBirth: string | null;
  /** `NNN-NN-NNNN` when the vendor returns the full number. */
  ssn: string | null;
  addresses: AddressModel[];
}

/** A person: a global ID and the vendor records linked to it (fetched fresh per request). */
export interface PersonModel {
  /** Global ID (opaque). */
  id: string;
  /** Links to vendor records, from the identity store. */
  links: VendorRefModel[];
}

export type LeadStatusModel = 'NEW' | 'CONTACTED' | 'QUOTED' | 'WON' | 'LOST' | 'EXPIRED' | 'OTHER';

export interface EnrollmentModel {
  vendorStatus: VendorStatusModel;
  active: boolean;
  enrolledDebt: MoneyModel | null;
  currentDebt: MoneyModel | null;
  /** ISO 8601 date-time. */
  enrolledAt: string | null;
  salesRep: string | null;
}

export interface LeadModel {
  /** Americor: the customer uuid; AgencyZoom: the lead id. */
  ref: VendorRefModel;
  /** The person record the lead belongs to (for AgencyZoom `lead:<id>`; Americor the same uuid). */
  subject: VendorRefModel;
  status: LeadStatusModel;
  vendorStatus: VendorStatusModel;
  source: string | null;
  /** ISO 8601 date-time. */
  createdAt: string | null;
  estimatedDebt: MoneyModel | null;
  assignedTo: AssigneeModel | null;
  /** Americor only; null when not enrolled or not asked. */
  enrollment: EnrollmentModel | null;
}

export type BureauModel = 'EQUIFAX' | 'EXPERIAN' | 'TRANSUNION';

export interface TradelineModel {
  creditorName: string | null;
  accountType: string | null;
  accountNumberLast4: string | null;
  status: string | null;
  balance: MoneyModel | null;
  pastDue: MoneyModel | null;
  openedDate: string | null;
  reportedDate: string | null;
  chargedOff: boolean | null;
  inCollection: boolean | null;
}

export interface CreditReportModel {
  ref: VendorRefModel;
  /** The vendor record of the person the report belongs to. */
  subject: VendorRefModel;
  bureau: BureauModel;
  /** `YYYY-MM-DD`. */
  reportDate: string | null;
  score: number | null;
  negativeItems: TradelineModel[];
}

export type ApplicationStateModel =
  'RUNNING' | 'BLOCKED' | 'APPROVED' | 'REJECTED' | 'CANCELED' | 'EXPIRED' | 'PENDING';
export type ApplicationActionModel = 'APPROVE' | 'REJECT' | 'CANCEL' | 'EXPIRE' | 'START';

export interface ApplicationModel {
  ref: VendorRefModel;
  kind: string;
  state: ApplicationStateModel;
  productName: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  availableActions: ApplicationActionModel[];
  /** The vendor record of the applicant, when known. */
  subject: VendorRefModel | null;
}

export type PolicyStatusModel = 'ACTIVE' | 'PENDING' | 'EXPIRED' | 'CANCELLED';

export interface CarrierModel {
  id: string;
  name: string | null;
}

export interface PolicyModel {
  ref: VendorRefModel;
  /** The vendor record of the insured. */
  subject: VendorRefModel;
  policyNumber: string | null;
  carrier: CarrierModel | null;
  lineOfBusiness: string | null;
  premium: MoneyModel | null;
  effectiveDate: string | null;
  expirationDate: string | null;
  status: PolicyStatusModel;
}

/** The gateway's view of one vendor (the `vendors` query, `/readyz`). */
export interface VendorHealthModel {
  vendor: VendorId;
  state: 'READY' | 'DEGRADED' | 'UNAVAILABLE';
  mode: 'SANDBOX' | 'REMOTE' | 'UNCONFIGURED';
  circuit: 'CLOSED' | 'OPEN' | 'HALF_OPEN';
  /** Calls left in the current rate window; null when unknown. */
  remainingBudget: number | null;
  lastErrorCode: string | null;
  /** Average wait for the budget since start, in ms; null before any call. */
  averageQueueWaitMs?: number | null;
  /** Share of reads the shared cache answered since start (filled in by the graph layer). */
  cacheHitRatio?: number | null;
  /** Reads coalesced with another request's call since start (filled in by the graph layer). */
  coalescedReads?: number;
}

/** Credit and income figures of a person (lending CRM). */
export interface FinancialProfileModel {
  fico: number | null;
  /** Gross income per year. */
  annualIncome: MoneyModel | null;
  /** Payments on existing debt per month. */
  monthlyDebtPayments: MoneyModel | null;
  /** Monthly debt payments over monthly income, rounded to 2 decimals; null when income is unknown or 0. */
  debtToIncomeRatio: number | null;
  source: VendorRefModel;
}
