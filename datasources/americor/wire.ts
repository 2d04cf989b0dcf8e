import { z } from 'zod';

/**
 * Americor Partners API wire shapes (reference: vendor-docs/americor.md). Response schemas are
 * tolerant: unknown keys are dropped, fields the docs leave vague are optional or nullable, and
 * documented quirks are unions (`lifetime` as string or number, `salesRep` as object or name,
 * 422 items in form A or form B). Nothing here normalises values: that is the mappers' job.
 */

/** A numeric code the docs type as `number`; a numeric string is tolerated. */
const code = z.union([z.number(), z.string()]);

/** An integer id; a digit string is tolerated. */
const integerId = z.union([z.number().int(), z.string().regex(/^\d+$/)]);

/**
 * A money amount in US dollars: a JSON number by the docs, though examples also show the
 * placeholder `"string"` (prospects) and integers (enrollment). Numeric strings are tolerated.
 */
const amount = z.union([z.number(), z.string()]);

/** `POST /v1/authentication/token` 200 (§2). `lifetime` is seconds, typed string, shown as a number. */
export const tokenResponseSchema = z.object({
  token: z.string().min(1),
  lifetime: z.union([z.number(), z.string()]).nullish(),
});
export type WireTokenResponse = z.infer<typeof tokenResponseSchema>;

/** `POST /v1/leads` 200 (§4.2). */
export const createdLeadSchema = z.object({
  id: integerId,
  uuid: z.string().min(1),
});
export type WireCreatedLead = z.infer<typeof createdLeadSchema>;

/** `POST /v1/prospects` 200 (§4.16): the example has only `uuid`, the field table also `id`. */
export const createdProspectSchema = z.object({
  uuid: z.string().min(1),
  id: integerId.nullish(),
});
export type WireCreatedProspect = z.infer<typeof createdProspectSchema>;

/** `POST /v1/leads/{customerUuid}/creditor` 201 (§4.4). */
export const createdCreditorSchema = z.object({ id: integerId });
export type WireCreatedCreditor = z.infer<typeof createdCreditorSchema>;

/** The sales rep object of §4.13; every field is optional (the docs show only a placeholder). */
export const salesRepSchema = z.object({
  id: code.nullish(),
  uuid: z.string().nullish(),
  name: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
});
export type WireSalesRep = z.infer<typeof salesRepSchema>;

/**
 * `GET /v1/leads/{customerUuid}` 200 (§4.13). `salesRep` of an unassigned lead is undocumented:
 * null or absent; a bare name string (the §4.15 form) is tolerated too.
 */
export const leadSchema = z.object({
  id: integerId.nullish(),
  uuid: z.string().nullish(),
  status: code,
  salesPhase: code.nullish(),
  salesRep: z.union([salesRepSchema, z.string()]).nullish(),
});
export type WireLead = z.infer<typeof leadSchema>;

/**
 * `GET /v1/enrollment/{customerUuid}` 200 (§4.15). Dates are ISO 8601 date-times by example only
 * and may be null before the event; amounts are US dollars.
 */
export const enrollmentSchema = z.object({
  clientUuid: z.string().nullish(),
  clientStatus: code,
  clientName: z.string().nullish(),
  enrolledDebtAmount: amount.nullish(),
  currentDebtAmount: amount.nullish(),
  enrolledDate: z.string().nullish(),
  salesRep: z.union([z.string(), salesRepSchema]).nullish(),
  initialDepositDate: z.string().nullish(),
  initialDepositStatus: code.nullish(),
  initialDepositClearedDate: z.string().nullish(),
});
export type WireEnrollment = z.infer<typeof enrollmentSchema>;

/** `GET /v1/enrollment/{customerId}/status` 200 (§4.14): a code list that conflicts with §4.15. */
export const enrollmentStatusSchema = z.object({
  status: code,
  statusText: z.string().nullish(),
});
export type WireEnrollmentStatus = z.infer<typeof enrollmentStatusSchema>;

/** A 422 item in form A: attribute name -> messages (a single string is tolerated). */
const validationItemFormA = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

/** A 422 item in form B (current ACH endpoint): `{field, message}`. */
const validationItemFormB = z.object({ field: z.string(), message: z.string() });

/**
 * The Yii2 error envelope `{name, message, code, status[, type][, errors]}` (§3). `errors` is a
 * one-element array of a form-A map, an array of form-B items, or (tolerated) a bare form-A map.
 */
export const errorBodySchema = z.object({
  name: z.string().nullish(),
  message: z.string().nullish(),
  code: z.number().nullish(),
  status: z.number().nullish(),
  type: z.string().nullish(),
  errors: z
    .union([z.array(z.union([validationItemFormB, validationItemFormA])), validationItemFormA])
    .nullish(),
});
export type WireErrorBody = z.infer<typeof errorBodySchema>;

/**
 * A money amount as sent: a JSON number rounded to whole cents, or, where the runtime has
 * `JSON.rawJSON` (Node >= 21), that number written with exactly two decimals (`1000.00`).
 */
export type WireMoney = number | { readonly rawJSON: string };

/** Body of `POST /v1/authentication/token` (§2). */
export interface WireTokenRequest {
  username: string;
  publicKey: string;
}

/** Body of `POST /v1/leads` (§4.2); only the fields the gateway sends. */
export interface WireLeadRequest {
  firstName: string;
  lastName: string;
  middleName?: string;
  /** E.164. At least one of `phoneMobile` / `phoneHome` is required. */
  phoneMobile?: string;
  phoneHome?: string;
  email?: string;
  /** Must be true when there is no email. */
  noEmail?: boolean;
  /** Two-letter state code; required by the vendor. */
  state?: string;
  /** `NNN-NN-NNNN`. */
  ssn?: string;
  /** `YYYY-MM-DD`. */
  dob?: string;
  address?: string;
  city?: string;
  /** Integer: a ZIP's leading zero is lost on the wire (documented type). */
  zip?: number;
  clientEstimatedDebt?: WireMoney;
  source?: string;
  leadOrigin?: string;
  externalId?: string;
}

/** Body of `POST /v1/prospects` (§4.16); every field optional. */
export interface WireProspectRequest {
  campaign?: string;
  accessCode?: string;
  firstName?: string;
  lastName?: string;
  address?: string;
  city?: string;
  state?: string;
  zip?: number;
  county?: string;
  clientEstimatedDebt?: WireMoney;
  email?: string;
  /** Mobile, E.164. */
  phone?: string;
}

/** Body of `POST /v1/leads/{customerUuid}/creditor` (§4.4). */
export interface WireCreditorRequest {
  creditorName: string;
  creditorMemberCode: string;
  /** Integer on the wire (documented type). */
  accountNumber: number;
  /** 1 primary applicant, 2 co-applicant, 3 joint. */
  accountHolder: 1 | 2 | 3;
  cardholderName: string;
  openedDate: string;
  /** Experian account type code, e.g. `18`. */
  debtType: string;
  originalBalance: WireMoney;
  monthlyPayment: WireMoney;
  lastPayment: string;
  creditLimit?: WireMoney;
  included: boolean;
}

/** Money fields of the budget (§4.8), US dollars per month (`cashReserves` is a balance). */
export const BUDGET_AMOUNT_FIELDS = [
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
export type BudgetAmountField = (typeof BUDGET_AMOUNT_FIELDS)[number];

/** Budget lines that have a `<line>Description` field on the wire. */
export const BUDGET_DESCRIBED_FIELDS = [
  'otherDebt',
  'cardsOutsideProgram',
  'housingPayment',
  'cableTvSatellite',
  'telephone',
  'utilities',
  'otherUtilities',
  'autoInsurance',
  'food',
  'otherLivingExpenses',
  'groundsOfExemption',
] as const;
export type BudgetDescribedField = (typeof BUDGET_DESCRIBED_FIELDS)[number];

/** Body of `PUT /v1/leads/{customerUuid}/budget` (§4.8). */
export type WireBudgetRequest = Partial<Record<BudgetAmountField, WireMoney>> &
  Partial<Record<`${BudgetDescribedField}Description`, string>> & {
    /** 1 Rented, 2 Own, 3 Live with family. */
    housingType: 1 | 2 | 3;
    groundsOfExemption?: number;
    hardshipReason: number;
    hardshipReasonDetailed: string;
  };

/** Body of `PUT /v1/leads/{customerUuid}/ach` (§4.10). */
export interface WireAchRequest {
  accountName: string;
  /** 1 ram, 2 gcs. */
  accountProcessor: 1 | 2;
  /** 9 digits. */
  routingNumber: string;
  /** Integer on the wire (documented type). */
  bankAccountNumber: number;
  /** 1 checking, 2 saving. */
  bankAccountType: 1 | 2;
  bankName: string;
  /** E.164. */
  bankPhoneNumber: string;
  bankAddress: string;
  bankCity: string;
  bankState: string;
  /** Integer: a leading zero is lost. */
  bankZip: number;
  nonPrimaryApplicant?: boolean;
}

/** Body of `PUT /v1/leads/{customerUuid}/calculator` (§4.12). */
export interface WireCalculatorRequest {
  /** 0 Monthly, 1 Semi-monthly, 2 Bi-weekly. */
  payFrequency: 0 | 1 | 2;
  nextPayDate: string;
  /** Typed integer in the docs, shown as `128.90`: sent as money. */
  fundingDeposit?: WireMoney;
  fundingDepositDate?: string;
}
