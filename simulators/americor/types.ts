/**
 * Americor wire inputs (as accepted by the write endpoints, after validation) and the records the
 * sandbox keeps. Money amounts are US dollars as JSON numbers; dates are ISO `YYYY-MM-DD` unless
 * a field says otherwise.
 */

/** Body of `POST /v1/leads` (reference §4.2), as stored after validation. */
export interface LeadInput {
  firstName: string;
  lastName: string;
  middleName?: string;
  /** E.164. At least one of `phoneMobile` / `phoneHome` is present. */
  phoneMobile?: string;
  /** E.164. */
  phoneHome?: string;
  email?: string;
  noEmail?: boolean;
  state: string;
  /** `NNN-NN-NNNN`. */
  ssn?: string;
  dob?: string;
  address?: string;
  city?: string;
  /** Integer: a ZIP with a leading zero has lost it. */
  zip?: number;
  mailingAddress?: string;
  mailingState?: string;
  mailingCity?: string;
  mailingZip?: number;
  /** String in the field table, integer in the example: both accepted. */
  externalSalesRepId?: string | number;
  accessCode?: string;
  clientEstimatedDebt?: number;
  source?: string;
  leadOrigin?: string;
  externalId?: string;
}

/** Body of `POST /v1/prospects` (reference §4.16); every field optional. */
export interface ProspectInput {
  campaign?: string;
  accessCode?: string;
  firstName?: string;
  lastName?: string;
  address?: string;
  city?: string;
  state?: string;
  zip?: number;
  county?: string;
  clientEstimatedDebt?: number;
  email?: string;
  /** E.164. */
  phone?: string;
}

/** Body of `POST /v1/leads/{customer}/creditor` (reference §4.3/4.4). */
export interface CreditorInput {
  creditorName: string;
  creditorMemberCode: string;
  accountNumber: number;
  /** 1 primary applicant, 2 co-applicant, 3 joint. */
  accountHolder: number;
  cardholderName: string;
  openedDate: string;
  /** Experian account type code, e.g. `18` (credit card). */
  debtType: string;
  originalBalance: number;
  monthlyPayment: number;
  lastPayment: string;
  creditLimit?: number;
  included: boolean;
}

/** The money fields of the budget (US dollars per month, `cashReserves` a balance). */
export const BUDGET_MONEY_FIELDS = [
  'netMonthlyIncome',
  'cashReserves',
  'governmentStudentLoans',
  'privateStudentLoans',
  'medicalDebt',
  'otherDebt',
  'backTaxes',
  'cardsOutsideProgram',
  'housingPayment',
  'homeownersInsurance',
  'tax',
  'hoa',
  'cableTvSatellite',
  'telephone',
  'utilities',
  'otherUtilities',
  'autoLoans',
  'autoInsurance',
  'otherAutoPayment',
  'houseHoldItems',
  'clothing',
  'gymHealth',
  'personalCare',
  'entertainment',
  'food',
  'laundryDryCleaning',
  'otherPersonal',
  'lifeInsurance',
  'medicalCare',
  'legalSupport',
  'alimony',
  'childCare',
  'nursingCare',
  'education',
  'charityDonations',
  'otherLivingExpenses',
] as const;
export type BudgetMoneyField = (typeof BUDGET_MONEY_FIELDS)[number];

/** The free-text fields of the budget. */
export const BUDGET_TEXT_FIELDS = [
  'otherDebtDescription',
  'cardsOutsideProgramDescription',
  'housingPaymentDescription',
  'cableTvSatelliteDescription',
  'telephoneDescription',
  'utilitiesDescription',
  'otherUtilitiesDescription',
  'autoInsuranceDescription',
  'foodDescription',
  'otherLivingExpensesDescription',
  'groundsOfExemptionDescription',
  'hardshipReasonDetailed',
] as const;
export type BudgetTextField = (typeof BUDGET_TEXT_FIELDS)[number];

/** Body of `PUT /v1/leads/{customer}/budget` (reference §4.7/4.8): 51 fields. */
export type BudgetInput = Partial<Record<BudgetMoneyField, number>> &
  Partial<Record<BudgetTextField, string>> & {
    /** 1 Rented, 2 Own, 3 Live with family. */
    housingType: number;
    groundsOfExemption?: number;
    hardshipReason: number;
  };

/** Body of `PUT /v1/leads/{customer}/ach` (reference §4.9/4.10). */
export interface AchInput {
  accountName: string;
  /** 1 ram, 2 gcs. */
  accountProcessor: number;
  /** 9 digits. */
  routingNumber: string;
  bankAccountNumber: number;
  /** 1 checking, 2 saving. */
  bankAccountType: number;
  bankName: string;
  /** E.164. */
  bankPhoneNumber: string;
  bankAddress: string;
  bankCity: string;
  bankState: string;
  bankZip: number;
  nonPrimaryApplicant?: boolean;
}

/** Body of `PUT /v1/leads/{customer}/calculator` (reference §4.11/4.12). */
export interface CalculatorInput {
  /** 0 Monthly, 1 Semi-monthly, 2 Bi-weekly. */
  payFrequency: number;
  nextPayDate: string;
  fundingDeposit?: number;
  fundingDepositDate?: string;
}

/** A staff member leads are assigned to; `externalId` is what `externalSalesRepId` matches. */
export interface SalesRep {
  id: number;
  uuid: string;
  externalId: number;
  name: string;
  /** E.164. */
  phone: string;
  email: string;
}

export interface CreditorRecord extends CreditorInput {
  id: number;
}

/** Programme enrollment of a customer (reference §4.14/4.15). */
export interface EnrollmentRecord {
  /** Code of the `clientStatus` list. */
  clientStatus: number;
  enrolledDebtAmount: number;
  currentDebtAmount: number;
  /** ISO 8601 date-time with offset, e.g. `2024-03-05T11:53:47-08:00`. */
  enrolledDate: string;
  initialDepositDate: string | null;
  /** Code of the `initialDepositStatus` list. */
  initialDepositStatus: number;
  initialDepositClearedDate: string | null;
}

/**
 * One Americor customer: a lead (`POST /v1/leads`) or a prospect (`POST /v1/prospects`). Everything
 * written is kept, though the read endpoints return only their documented fields.
 */
export interface CustomerRecord {
  id: number;
  uuid: string;
  kind: 'lead' | 'prospect';
  /** The partner's id given at lead creation; never returned by a read endpoint. */
  externalId: string | null;
  lead: LeadInput | null;
  prospect: ProspectInput | null;
  /** Code of the lead `status` list. */
  status: number;
  /** Code of the `salesPhase` list. */
  salesPhase: number;
  /** `SalesRep.id`, or null while unassigned. */
  salesRepId: number | null;
  enrollment: EnrollmentRecord | null;
  creditors: CreditorRecord[];
  budget: BudgetInput | null;
  ach: AchInput | null;
  calculator: CalculatorInput | null;
}
