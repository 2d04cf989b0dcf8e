import type {
  EnrollmentModel,
  LeadModel,
  MoneyModel,
  PersonRecordModel,
  VendorStatusModel,
} from '../../src/domain/models';
import type {
  ACCOUNT_HOLDER_CODES,
  ACCOUNT_PROCESSOR_CODES,
  BANK_ACCOUNT_TYPE_CODES,
  EXEMPTION_GROUND_CODES,
  HARDSHIP_REASON_CODES,
  HOUSING_TYPE_CODES,
  PAY_FREQUENCY_CODES,
} from './codes';
import type { BudgetAmountField, BudgetDescribedField } from './wire';

/**
 * What the Americor client takes and returns beyond the shared domain models: domain-shaped inputs
 * of its writes (normalised values, our names, enums in words) and read models that carry the
 * few Americor facts the shared models have no field for.
 */

/** A US postal address as input. */
export interface AmericorAddressInput {
  line1: string | null;
  /** Appended to `line1`: Americor has a single street field. */
  line2?: string | null;
  city: string | null;
  /** Two-letter state code; Americor requires it on a lead. */
  state: string | null;
  /** Five-digit ZIP (ZIP+4 accepted; only the five digits can be sent). */
  postalCode: string | null;
}

/** A new debt-relief lead (`POST /v1/leads`). */
export interface AmericorLeadInput {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  /** null: the consumer has no email (sent as `noEmail: true`). */
  email: string | null;
  /** E.164 or a common US format; Americor needs a mobile or a home phone. */
  mobilePhone: string | null;
  homePhone?: string | null;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string | null;
  /** `NNN-NN-NNNN` or nine digits. */
  ssn?: string | null;
  address?: AmericorAddressInput | null;
  /** Unsecured debt the consumer estimates; USD with at most two decimals. */
  estimatedDebt?: MoneyModel | null;
  /** One of Americor's source names, e.g. `Digital - 1`; the vendor refuses others. */
  source?: string | null;
  /** Free-text lead origin, for sources outside Americor's list. */
  leadOrigin?: string | null;
  /** The partner's own id of the lead (e.g. the gateway's idempotency or person id). */
  externalId?: string | null;
}

/** A created lead: both Americor ids (the integer one is needed for the enrollment status). */
export interface AmericorCreatedLead {
  id: number;
  uuid: string;
  /**
   * The identity Americor now holds, normalised (`ref.id` is the uuid), for the identity store:
   * Americor cannot be searched or read back, so this is the only time it is known.
   */
  person: PersonRecordModel;
}

/** A new prospect (`POST /v1/prospects`): a lighter pre-lead record, every field optional. */
export interface AmericorProspectInput {
  campaign?: string | null;
  accessCode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  address?: AmericorAddressInput | null;
  county?: string | null;
  estimatedDebt?: MoneyModel | null;
  email?: string | null;
  /** Mobile, E.164 or a common US format. */
  phone?: string | null;
}

/** A created prospect; `id` is null when Americor answers only the uuid (its documented example). */
export interface AmericorCreatedProspect {
  uuid: string;
  id: number | null;
}

/** A debt to enrol (`POST /v1/leads/{customerUuid}/creditor`). */
export interface AmericorCreditorInput {
  creditorName: string;
  /** e.g. `026QK001`. */
  creditorMemberCode: string;
  /** Digits only; sent as an integer, so leading zeros are lost (documented type). */
  accountNumber: string;
  accountHolder: keyof typeof ACCOUNT_HOLDER_CODES;
  cardholderName: string;
  /** `YYYY-MM-DD`. */
  openedDate: string;
  /** Experian account type code, e.g. `18` (credit card). */
  debtType: string;
  originalBalance: MoneyModel;
  monthlyPayment: MoneyModel;
  /** `YYYY-MM-DD`. */
  lastPaymentDate: string;
  creditLimit?: MoneyModel | null;
  /** false keeps the debt outside the programme; default true. */
  included?: boolean;
}

/** The monthly budget (`PUT /v1/leads/{customerUuid}/budget`). */
export interface AmericorBudgetInput {
  /**
   * Monthly amounts by budget line (`cashReserves` is a balance). Americor requires
   * `netMonthlyIncome`, `housingPayment`, `autoLoans` and `autoInsurance`.
   */
  amounts: Partial<Record<BudgetAmountField, MoneyModel>>;
  /**
   * Explanations by budget line. Americor requires one for a zero housing payment, cable,
   * telephone, utilities or food, and for any other debt or cards kept outside the programme.
   */
  notes?: Partial<Record<BudgetDescribedField, string>>;
  housingType: keyof typeof HOUSING_TYPE_CODES;
  hardshipReason: keyof typeof HARDSHIP_REASON_CODES;
  hardshipDetails: string;
  /** Required by Americor when the budget is negative. */
  groundsOfExemption?: keyof typeof EXEMPTION_GROUND_CODES | null;
}

/** Escrow bank data (`PUT /v1/leads/{customerUuid}/ach`). */
export interface AmericorAchInput {
  accountName: string;
  processor: keyof typeof ACCOUNT_PROCESSOR_CODES;
  /** 9 digits. */
  routingNumber: string;
  /** Digits only; sent as an integer (documented type). */
  accountNumber: string;
  accountType: keyof typeof BANK_ACCOUNT_TYPE_CODES;
  bankName: string;
  /** E.164 or a common US format. */
  bankPhone: string;
  bankAddress: { line1: string; city: string; state: string; postalCode: string };
  /** The escrow account is the co-applicant's. */
  nonPrimaryApplicant?: boolean;
}

/** Payment-plan inputs (`PUT /v1/leads/{customerUuid}/calculator`). */
export interface AmericorCalculatorInput {
  payFrequency: keyof typeof PAY_FREQUENCY_CODES;
  /** `YYYY-MM-DD`. */
  nextPayDate: string;
  /** Required by Americor with `fundingDepositDate`. */
  fundingDeposit?: MoneyModel | null;
  /** `YYYY-MM-DD`; required by Americor when the next pay date is more than 10 days away. */
  fundingDepositDate?: string | null;
}

/** A lead as `GET /v1/leads/{customerUuid}` shows it. */
export interface AmericorLeadModel extends LeadModel {
  /** The integer customer id (for `getEnrollmentStatus`); null when the vendor omits it. */
  customerId: number | null;
  /** The vendor's sales phase, which refines `status`; null when absent. */
  salesPhase: VendorStatusModel | null;
}

/** An enrollment as `GET /v1/enrollment/{customerUuid}` shows it. */
export interface AmericorEnrollmentModel extends EnrollmentModel {
  initialDeposit: {
    status: VendorStatusModel | null;
    /** ISO 8601 date-time; null before it is scheduled. */
    scheduledAt: string | null;
    /** ISO 8601 date-time; null until it clears. */
    clearedAt: string | null;
  };
}
