import type { TokenGrant, VendorErrorReading } from '../http';
import type {
  AddressModel,
  AssigneeModel,
  LeadStatusModel,
  MoneyModel,
  PersonRecordModel,
  VendorStatusModel,
} from '../../src/domain/models';
import {
  normalizeEmail,
  normalizeIsoDate,
  normalizePhone,
  normalizeSsn,
} from '../../src/domain/normalize';
import type { VendorId } from '../../src/domain/vendor';
import { AppError, ErrorCode } from '../../src/errors';
import type { FieldProblem } from '../../src/errors';
import {
  ACCOUNT_HOLDER_CODES,
  ACCOUNT_PROCESSOR_CODES,
  ACTIVE_CLIENT_STATUSES,
  BANK_ACCOUNT_TYPE_CODES,
  CLIENT_STATUSES,
  DEPOSIT_STATUSES,
  ENROLLMENT_STATUSES,
  EXEMPTION_GROUND_CODES,
  FINAL_LEAD_STATUSES,
  HARDSHIP_REASON_CODES,
  HOUSING_TYPE_CODES,
  LEAD_STATUSES,
  OPEN_LEAD_STATUS_RANK,
  PAY_FREQUENCY_CODES,
  SALES_PHASES,
} from './codes';
import type {
  AmericorAchInput,
  AmericorAddressInput,
  AmericorBudgetInput,
  AmericorCalculatorInput,
  AmericorCreditorInput,
  AmericorEnrollmentModel,
  AmericorLeadInput,
  AmericorLeadModel,
  AmericorProspectInput,
} from './models';
import { BUDGET_AMOUNT_FIELDS, BUDGET_DESCRIBED_FIELDS, errorBodySchema } from './wire';
import type {
  WireAchRequest,
  WireBudgetRequest,
  WireCalculatorRequest,
  WireCreditorRequest,
  WireEnrollment,
  WireEnrollmentStatus,
  WireErrorBody,
  WireLead,
  WireLeadRequest,
  WireMoney,
  WireProspectRequest,
  WireSalesRep,
  WireTokenResponse,
} from './wire';

/**
 * Pure mapping between Americor's wire shapes and our domain models, in both directions, and the
 * reading of its error bodies. No I/O. Reads are tolerant (a value that cannot be read becomes
 * null); writes are strict (a value Americor cannot take is a BAD_USER_INPUT naming our field).
 */

const VENDOR: VendorId = 'AMERICOR';
const CURRENCY = 'USD';

/** Used when the token answer has no usable `lifetime`, in seconds; a 401 still forces a login. */
export const FALLBACK_TOKEN_LIFETIME_S = 3_600;

// ---------------------------------------------------------------------------------------------
// Reads: wire -> domain

/**
 * The token's lifetime in seconds. Documented as a string but shown as a number (§2): both are
 * read; anything else (absent, not a positive number) gives null.
 */
export function lifetimeSeconds(lifetime: WireTokenResponse['lifetime']): number | null {
  const seconds =
    typeof lifetime === 'number'
      ? lifetime
      : typeof lifetime === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(lifetime)
        ? Number(lifetime)
        : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** A token grant: expiry = `issuedAtMs` (when the login was sent) + lifetime. */
export function tokenGrantFromWire(wire: WireTokenResponse, issuedAtMs: number): TokenGrant {
  const seconds = lifetimeSeconds(wire.lifetime) ?? FALLBACK_TOKEN_LIFETIME_S;
  return { token: wire.token, expiresAtMs: issuedAtMs + seconds * 1000 };
}

/** A wire code (number, or a numeric string) as a number, or null. */
function codeNumber(code: number | string | null | undefined): number | null {
  if (typeof code === 'number') return Number.isFinite(code) ? code : null;
  if (typeof code === 'string' && /^\s*-?\d+\s*$/.test(code)) return Number(code);
  return null;
}

/** The vendor's code as our string code (`-1` stays `-1`; an unreadable code keeps its text). */
function codeText(code: number | string): string {
  const n = codeNumber(code);
  return n === null ? String(code).trim() : String(n);
}

/**
 * Our lead status from the vendor's `status` and `salesPhase`: a final outcome (won, lost,
 * expired) from either wins, the status's first; otherwise the further of the two in the funnel
 * (new < contacted < quoted). OTHER when neither code is known.
 */
export function leadStatusOf(
  status: number | string,
  salesPhase: number | string | null | undefined,
): LeadStatusModel {
  const statusCode = codeNumber(status);
  const phaseCode = codeNumber(salesPhase);
  const fromStatus = statusCode === null ? null : (LEAD_STATUSES.get(statusCode)?.status ?? null);
  const fromPhase = phaseCode === null ? null : (SALES_PHASES.get(phaseCode)?.status ?? null);
  if (fromStatus && FINAL_LEAD_STATUSES.has(fromStatus)) return fromStatus;
  if (fromPhase && FINAL_LEAD_STATUSES.has(fromPhase)) return fromPhase;
  if (fromStatus && fromPhase) {
    const rank = (s: LeadStatusModel): number => OPEN_LEAD_STATUS_RANK[s] ?? 0;
    return rank(fromPhase) > rank(fromStatus) ? fromPhase : fromStatus;
  }
  return fromStatus ?? fromPhase ?? 'OTHER';
}

/** Blank strings as null. */
function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * The sales rep working a lead: the object of §4.13 (id preferred as its uuid), or a bare name
 * (the §4.15 form); null when absent, null or empty (an unassigned lead, undocumented).
 */
export function assigneeFromWire(
  salesRep: WireSalesRep | string | null | undefined,
): AssigneeModel | null {
  if (salesRep == null) return null;
  if (typeof salesRep === 'string') {
    const name = text(salesRep);
    return name ? { id: null, name } : null;
  }
  const uuid = text(salesRep.uuid);
  const id = uuid ?? (salesRep.id == null ? null : text(String(salesRep.id)));
  const name = text(salesRep.name);
  return id === null && name === null ? null : { id, name };
}

/** A lead read by `uuid` (the customer uuid we asked for, canonical lower case). */
export function leadFromWire(wire: WireLead, uuid: string): AmericorLeadModel {
  const ref = { vendor: VENDOR, id: uuid.toLowerCase() };
  const statusCode = codeNumber(wire.status);
  const phaseCode = codeNumber(wire.salesPhase);
  return {
    ref,
    subject: { ...ref },
    status: leadStatusOf(wire.status, wire.salesPhase),
    vendorStatus: {
      code: codeText(wire.status),
      label: statusCode === null ? null : (LEAD_STATUSES.get(statusCode)?.label ?? null),
    },
    // Not returned by the read endpoint (§4.13): source, creation time and estimated debt.
    source: null,
    createdAt: null,
    estimatedDebt: null,
    assignedTo: assigneeFromWire(wire.salesRep),
    enrollment: null,
    customerId: wire.id == null ? null : Number(wire.id),
    salesPhase:
      wire.salesPhase == null
        ? null
        : {
            code: codeText(wire.salesPhase),
            label: phaseCode === null ? null : (SALES_PHASES.get(phaseCode)?.label ?? null),
          },
  };
}

/** Cents as a decimal string with two decimals: 150 -> `1.50`. */
function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A US-dollar amount: a JSON number (integers included, as the enrollment examples show) or a
 * numeric string, rounded to cents. Null when absent or unreadable.
 */
export function moneyFromWire(amount: number | string | null | undefined): MoneyModel | null {
  const value =
    typeof amount === 'number'
      ? amount
      : typeof amount === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(amount)
        ? Number(amount)
        : NaN;
  if (!Number.isFinite(value)) return null;
  return { amount: formatCents(Math.round(value * 100)), currency: CURRENCY };
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date-time with offset from the enrollment's date fields (typed only as string; the
 * example is `2001-06-05T11:53:47-07:00`). The vendor's offset is kept. A value without an offset
 * is read as UTC and a bare date as midnight UTC (assumed: the docs show neither). Null for
 * null, empty or unreadable values (including zero dates such as `0000-00-00`).
 */
export function dateTimeFromWire(value: string | null | undefined): string | null {
  const match = DATE_TIME.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, date, time, offset] = match;
  if (normalizeIsoDate(date) === null) return null;
  const zone =
    !offset || offset.toUpperCase() === 'Z'
      ? 'Z'
      : offset.includes(':')
        ? offset
        : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const result = `${date}T${time ?? '00:00:00'}${zone}`;
  return Number.isNaN(Date.parse(result)) ? null : result;
}

/** A vendor status from a code and a label list; an unknown code keeps a null label. */
function statusFrom(
  code: number | string,
  labels: ReadonlyMap<number, string>,
  vendorLabel?: string | null,
): VendorStatusModel {
  const n = codeNumber(code);
  return {
    code: codeText(code),
    label: text(vendorLabel) ?? (n === null ? null : (labels.get(n) ?? null)),
  };
}

/**
 * An enrollment (§4.15): `clientStatus` kept as the vendor status, `active` for a running
 * programme, amounts as USD, every date nullable.
 */
export function enrollmentFromWire(wire: WireEnrollment): AmericorEnrollmentModel {
  const clientStatus = codeNumber(wire.clientStatus);
  const salesRep =
    typeof wire.salesRep === 'string' ? text(wire.salesRep) : text(wire.salesRep?.name);
  return {
    vendorStatus: statusFrom(wire.clientStatus, CLIENT_STATUSES),
    active: clientStatus !== null && ACTIVE_CLIENT_STATUSES.has(clientStatus),
    enrolledDebt: moneyFromWire(wire.enrolledDebtAmount),
    currentDebt: moneyFromWire(wire.currentDebtAmount),
    enrolledAt: dateTimeFromWire(wire.enrolledDate),
    salesRep,
    initialDeposit: {
      status:
        wire.initialDepositStatus == null
          ? null
          : statusFrom(wire.initialDepositStatus, DEPOSIT_STATUSES),
      scheduledAt: dateTimeFromWire(wire.initialDepositDate),
      clearedAt: dateTimeFromWire(wire.initialDepositClearedDate),
    },
  };
}

/**
 * The enrollment status of §4.14. Its code list conflicts with §4.15, so the vendor's own
 * `statusText` is the label; only when it is missing does the §4.14 list, then the §4.15 list,
 * give one.
 */
export function enrollmentStatusFromWire(wire: WireEnrollmentStatus): VendorStatusModel {
  const n = codeNumber(wire.status);
  const listed = n === null ? null : (ENROLLMENT_STATUSES.get(n) ?? CLIENT_STATUSES.get(n) ?? null);
  return { code: codeText(wire.status), label: text(wire.statusText) ?? listed };
}

/** A ZIP as five digits: the wire's integer has lost its leading zeros (`2108` -> `02108`). */
export function zipFromWire(zip: number | string | null | undefined): string | null {
  if (zip == null) return null;
  const digits = String(zip).trim();
  if (!/^\d{1,5}$/.test(digits)) return /^\d{5}-\d{4}$/.test(digits) ? digits.slice(0, 5) : null;
  return digits.padStart(5, '0');
}

/**
 * The identity Americor holds after `POST /v1/leads` with `body`, normalised for the identity
 * store (no read endpoint returns it, §4.13): lower-case email, E.164 phones, `NNN-NN-NNNN`,
 * five-digit ZIP.
 */
export function personRecordFromLeadRequest(
  body: WireLeadRequest,
  uuid: string,
): PersonRecordModel {
  const phones = [body.phoneMobile, body.phoneHome]
    .map((phone) => (phone ? normalizePhone(phone) : null))
    .filter((phone): phone is string => phone !== null);
  const email = body.email ? normalizeEmail(body.email) : null;
  const address: AddressModel = {
    line1: text(body.address),
    line2: null,
    city: text(body.city),
    state: text(body.state)?.toUpperCase() ?? null,
    postalCode: zipFromWire(body.zip),
    country: 'US',
  };
  const hasAddress = address.line1 || address.city || address.state || address.postalCode;
  return {
    ref: { vendor: VENDOR, id: uuid.toLowerCase() },
    firstName: text(body.firstName),
    middleName: text(body.middleName),
    lastName: text(body.lastName),
    emails: email ? [email] : [],
    phones: [...new Set(phones)],
    dateOfBirth: body.dob ? normalizeIsoDate(body.dob) : null,
    ssn: body.ssn ? normalizeSsn(body.ssn) : null,
    addresses: hasAddress ? [address] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Field problems of a 422 in either documented form: form A `[{attribute: [messages]}]` (one
 * problem per message) or form B `[{field, message}]`; a bare form-A map is tolerated.
 */
export function validationFieldsFromWire(
  errors: WireErrorBody['errors'],
): { field: string; message: string }[] {
  if (!errors) return [];
  const items = Array.isArray(errors) ? errors : [errors];
  const fields: { field: string; message: string }[] = [];
  for (const item of items) {
    if (typeof item.field === 'string' && typeof item.message === 'string') {
      fields.push({ field: item.field, message: item.message });
      continue;
    }
    for (const [field, messages] of Object.entries(item as Record<string, string[] | string>)) {
      for (const message of Array.isArray(messages) ? messages : [messages])
        fields.push({ field, message });
    }
  }
  return fields;
}

/**
 * Reads an Americor error answer for the shared HTTP layer. 401/403 reach here only from the
 * token endpoint (elsewhere they trigger a new login): refused credentials. 422 gives the field
 * problems by vendor field name; the HTTP layer maps them to our input paths and strips values.
 */
export function readAmericorError(status: number, body: unknown): VendorErrorReading {
  if (status === 401 || status === 403) return { code: 'VENDOR_AUTH_FAILED' };
  if (status === 404) return { code: 'NOT_FOUND' };
  const parsed = errorBodySchema.safeParse(body);
  const fields = parsed.success ? validationFieldsFromWire(parsed.data.errors) : [];
  return status === 422 || fields.length > 0 ? { code: 'VENDOR_REJECTED', fields } : {};
}

// ---------------------------------------------------------------------------------------------
// Writes: domain -> wire

/** Where each vendor field of `POST /v1/leads` comes from in our input. */
export const LEAD_FIELD_MAP: Record<string, string[]> = {
  firstName: ['input', 'firstName'],
  middleName: ['input', 'middleName'],
  lastName: ['input', 'lastName'],
  phoneMobile: ['input', 'phone'],
  phoneHome: ['input', 'homePhone'],
  email: ['input', 'email'],
  noEmail: ['input', 'email'],
  state: ['input', 'address', 'state'],
  ssn: ['input', 'ssn'],
  dob: ['input', 'dateOfBirth'],
  address: ['input', 'address', 'line1'],
  city: ['input', 'address', 'city'],
  zip: ['input', 'address', 'postalCode'],
  clientEstimatedDebt: ['input', 'estimatedDebt'],
  source: ['input', 'source'],
  leadOrigin: ['input', 'leadOrigin'],
  externalId: ['input', 'externalId'],
};

export const PROSPECT_FIELD_MAP: Record<string, string[]> = {
  campaign: ['input', 'campaign'],
  accessCode: ['input', 'accessCode'],
  firstName: ['input', 'firstName'],
  lastName: ['input', 'lastName'],
  address: ['input', 'address', 'line1'],
  city: ['input', 'address', 'city'],
  state: ['input', 'address', 'state'],
  zip: ['input', 'address', 'postalCode'],
  county: ['input', 'county'],
  clientEstimatedDebt: ['input', 'estimatedDebt'],
  email: ['input', 'email'],
  phone: ['input', 'phone'],
};

export const CREDITOR_FIELD_MAP: Record<string, string[]> = {
  creditorName: ['input', 'creditorName'],
  creditorMemberCode: ['input', 'creditorMemberCode'],
  accountNumber: ['input', 'accountNumber'],
  accountHolder: ['input', 'accountHolder'],
  cardholderName: ['input', 'cardholderName'],
  openedDate: ['input', 'openedDate'],
  debtType: ['input', 'debtType'],
  originalBalance: ['input', 'originalBalance'],
  monthlyPayment: ['input', 'monthlyPayment'],
  lastPayment: ['input', 'lastPaymentDate'],
  creditLimit: ['input', 'creditLimit'],
  included: ['input', 'included'],
};

export const BUDGET_FIELD_MAP: Record<string, string[]> = {
  ...Object.fromEntries(BUDGET_AMOUNT_FIELDS.map((f) => [f, ['input', 'amounts', f]])),
  ...Object.fromEntries(
    BUDGET_DESCRIBED_FIELDS.map((f) => [`${f}Description`, ['input', 'notes', f]]),
  ),
  housingType: ['input', 'housingType'],
  hardshipReason: ['input', 'hardshipReason'],
  hardshipReasonDetailed: ['input', 'hardshipDetails'],
  groundsOfExemption: ['input', 'groundsOfExemption'],
};

export const ACH_FIELD_MAP: Record<string, string[]> = {
  accountName: ['input', 'accountName'],
  accountProcessor: ['input', 'processor'],
  routingNumber: ['input', 'routingNumber'],
  bankAccountNumber: ['input', 'accountNumber'],
  bankAccountType: ['input', 'accountType'],
  bankName: ['input', 'bankName'],
  bankPhoneNumber: ['input', 'bankPhone'],
  bankAddress: ['input', 'bankAddress', 'line1'],
  bankCity: ['input', 'bankAddress', 'city'],
  bankState: ['input', 'bankAddress', 'state'],
  bankZip: ['input', 'bankAddress', 'postalCode'],
  nonPrimaryApplicant: ['input', 'nonPrimaryApplicant'],
};

export const CALCULATOR_FIELD_MAP: Record<string, string[]> = {
  payFrequency: ['input', 'payFrequency'],
  nextPayDate: ['input', 'nextPayDate'],
  fundingDeposit: ['input', 'fundingDeposit'],
  fundingDepositDate: ['input', 'fundingDepositDate'],
};

type RawJson = (text: string) => { readonly rawJSON: string };

/** `JSON.rawJSON` where the runtime has it (Node >= 21; Node 20 only behind a flag). */
const runtimeRawJson = (JSON as unknown as { rawJSON?: RawJson }).rawJSON;

/**
 * A decimal text with two decimals as a wire amount. JSON numbers lose trailing zeros
 * (`JSON.stringify(1000.00)` is `1000`), while the docs always show two decimals: with
 * `JSON.rawJSON` the amount is written as given (`1000.00`); without it, as the same value in
 * shortest form (`1000`, `1000.5`). Either way the value is exact to the cent.
 */
export function wireMoney(
  twoDecimals: string,
  rawJson: RawJson | undefined = runtimeRawJson,
): WireMoney {
  return rawJson ? rawJson(twoDecimals) : Number(twoDecimals);
}

/** Collects input problems so one BAD_USER_INPUT names every bad field. */
class InputProblems {
  readonly fields: FieldProblem[] = [];

  add(path: string[], message: string): null {
    this.fields.push({ path, message });
    return null;
  }

  /** Throws when a problem was found. Messages name the field, never its value. */
  throwIfAny(): void {
    if (this.fields.length > 0)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Americor cannot take the input as given', {
        vendor: VENDOR,
        fields: this.fields,
      });
  }
}

const MONEY_TEXT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** USD with at most two decimals, not negative, as a wire amount. */
function money(value: MoneyModel, path: string[], problems: InputProblems): WireMoney | null {
  if (value.currency.trim().toUpperCase() !== CURRENCY)
    return problems.add(path, 'Americor takes amounts in USD only');
  const match = MONEY_TEXT.exec(value.amount.trim());
  if (!match)
    return problems.add(path, 'must be an amount of at least 0 with at most two decimals');
  const [, whole, cents = ''] = match;
  return wireMoney(`${BigInt(whole).toString()}.${cents.padEnd(2, '0')}`);
}

function optionalMoney(
  value: MoneyModel | null | undefined,
  path: string[],
  problems: InputProblems,
): WireMoney | undefined {
  return value ? (money(value, path, problems) ?? undefined) : undefined;
}

/** A five-digit ZIP (or ZIP+4, whose extension cannot be sent) as the wire's integer. */
function zip(value: string, path: string[], problems: InputProblems): number | null {
  const match = /^(\d{5})(?:-?\d{4})?$/.exec(value.trim());
  return match ? Number(match[1]) : problems.add(path, 'must be a five-digit ZIP code');
}

function phone(value: string, path: string[], problems: InputProblems): string | null {
  return normalizePhone(value) ?? problems.add(path, 'must be a phone number');
}

function isoDate(value: string, path: string[], problems: InputProblems): string | null {
  return normalizeIsoDate(value) ?? problems.add(path, 'must be a date as YYYY-MM-DD');
}

/** Digits sent as a JSON integer (documented type): at most 2^53 - 1, leading zeros lost. */
function digitsAsInteger(value: string, path: string[], problems: InputProblems): number | null {
  const digits = value.trim();
  if (!/^\d{1,16}$/.test(digits) || !Number.isSafeInteger(Number(digits)))
    return problems.add(path, 'must be digits only, at most 16 and below 2^53');
  return Number(digits);
}

/** Trimmed non-empty text, or undefined (the field is left out). */
function optionalText(value: string | null | undefined): string | undefined {
  return text(value) ?? undefined;
}

/** Drops undefined fields so the body holds only what is sent. */
function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as T;
}

/** Street, city, state and ZIP of an address input, with `line2` appended to the street. */
function addressFields(
  address: AmericorAddressInput | null | undefined,
  problems: InputProblems,
): Pick<WireLeadRequest, 'address' | 'city' | 'state' | 'zip'> {
  if (!address) return {};
  const street = [text(address.line1), text(address.line2)].filter(Boolean).join(' ');
  const postalCode = text(address.postalCode);
  return {
    address: street || undefined,
    city: optionalText(address.city),
    state: optionalText(address.state)?.toUpperCase(),
    zip:
      postalCode === null
        ? undefined
        : (zip(postalCode, ['input', 'address', 'postalCode'], problems) ?? undefined),
  };
}

/**
 * The body of `POST /v1/leads`. A null email is sent as `noEmail: true`; phones in E.164; SSN as
 * `NNN-NN-NNNN`; the ZIP as an integer; the estimated debt as USD (see `wireMoney`). Throws
 * BAD_USER_INPUT for values that cannot be written; the vendor checks the rest (state, source).
 */
export function leadRequestFromInput(input: AmericorLeadInput): WireLeadRequest {
  const problems = new InputProblems();
  const email = text(input.email);
  const mobile = text(input.mobilePhone);
  const home = text(input.homePhone);
  const ssn = text(input.ssn);
  const dob = text(input.dateOfBirth);
  const body: WireLeadRequest = {
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    middleName: optionalText(input.middleName),
    phoneMobile: mobile ? (phone(mobile, ['input', 'phone'], problems) ?? undefined) : undefined,
    phoneHome: home ? (phone(home, ['input', 'homePhone'], problems) ?? undefined) : undefined,
    email: email
      ? (normalizeEmail(email) ??
        problems.add(['input', 'email'], 'must be an email address') ??
        undefined)
      : undefined,
    noEmail: email ? undefined : true,
    ...addressFields(input.address, problems),
    ssn: ssn
      ? (normalizeSsn(ssn) ??
        problems.add(['input', 'ssn'], 'must be an SSN as NNN-NN-NNNN') ??
        undefined)
      : undefined,
    dob: dob ? (isoDate(dob, ['input', 'dateOfBirth'], problems) ?? undefined) : undefined,
    clientEstimatedDebt: optionalMoney(input.estimatedDebt, ['input', 'estimatedDebt'], problems),
    source: optionalText(input.source),
    leadOrigin: optionalText(input.leadOrigin),
    externalId: optionalText(input.externalId),
  };
  problems.throwIfAny();
  return compact(body);
}

/** The body of `POST /v1/prospects`; every field optional, normalised like a lead's. */
export function prospectRequestFromInput(input: AmericorProspectInput): WireProspectRequest {
  const problems = new InputProblems();
  const email = text(input.email);
  const mobile = text(input.phone);
  const body: WireProspectRequest = {
    campaign: optionalText(input.campaign),
    accessCode: optionalText(input.accessCode),
    firstName: optionalText(input.firstName),
    lastName: optionalText(input.lastName),
    ...addressFields(input.address, problems),
    county: optionalText(input.county),
    clientEstimatedDebt: optionalMoney(input.estimatedDebt, ['input', 'estimatedDebt'], problems),
    email: email
      ? (normalizeEmail(email) ??
        problems.add(['input', 'email'], 'must be an email address') ??
        undefined)
      : undefined,
    phone: mobile ? (phone(mobile, ['input', 'phone'], problems) ?? undefined) : undefined,
  };
  problems.throwIfAny();
  return compact(body);
}

/** The body of `POST /v1/leads/{customerUuid}/creditor`. */
export function creditorRequestFromInput(input: AmericorCreditorInput): WireCreditorRequest {
  const problems = new InputProblems();
  const body = {
    creditorName: input.creditorName.trim(),
    creditorMemberCode: input.creditorMemberCode.trim(),
    accountNumber: digitsAsInteger(input.accountNumber, ['input', 'accountNumber'], problems),
    accountHolder: ACCOUNT_HOLDER_CODES[input.accountHolder],
    cardholderName: input.cardholderName.trim(),
    openedDate: isoDate(input.openedDate, ['input', 'openedDate'], problems),
    // Experian codes are 2-character strings whose leading zero matters (`01`): sent as given.
    debtType: input.debtType.trim().toUpperCase(),
    originalBalance: money(input.originalBalance, ['input', 'originalBalance'], problems),
    monthlyPayment: money(input.monthlyPayment, ['input', 'monthlyPayment'], problems),
    lastPayment: isoDate(input.lastPaymentDate, ['input', 'lastPaymentDate'], problems),
    creditLimit: optionalMoney(input.creditLimit, ['input', 'creditLimit'], problems),
    included: input.included ?? true,
  };
  problems.throwIfAny();
  return compact(body) as WireCreditorRequest;
}

/** The body of `PUT /v1/leads/{customerUuid}/budget`: every amount as USD, codes from words. */
export function budgetRequestFromInput(input: AmericorBudgetInput): WireBudgetRequest {
  const problems = new InputProblems();
  const body: Record<string, unknown> = {};
  for (const field of BUDGET_AMOUNT_FIELDS) {
    const amount = input.amounts[field];
    if (amount) body[field] = money(amount, ['input', 'amounts', field], problems);
  }
  for (const field of BUDGET_DESCRIBED_FIELDS) {
    const note = text(input.notes?.[field]);
    if (note) body[`${field}Description`] = note;
  }
  body.housingType = HOUSING_TYPE_CODES[input.housingType];
  body.hardshipReason = HARDSHIP_REASON_CODES[input.hardshipReason];
  body.hardshipReasonDetailed = input.hardshipDetails.trim();
  if (input.groundsOfExemption)
    body.groundsOfExemption = EXEMPTION_GROUND_CODES[input.groundsOfExemption];
  problems.throwIfAny();
  return body as WireBudgetRequest;
}

/** The body of `PUT /v1/leads/{customerUuid}/ach`. */
export function achRequestFromInput(input: AmericorAchInput): WireAchRequest {
  const problems = new InputProblems();
  const body = {
    accountName: input.accountName.trim(),
    accountProcessor: ACCOUNT_PROCESSOR_CODES[input.processor],
    // Sent as given: the vendor checks its 9 digits and answers in its form B.
    routingNumber: input.routingNumber.trim(),
    bankAccountNumber: digitsAsInteger(input.accountNumber, ['input', 'accountNumber'], problems),
    bankAccountType: BANK_ACCOUNT_TYPE_CODES[input.accountType],
    bankName: input.bankName.trim(),
    bankPhoneNumber: phone(input.bankPhone, ['input', 'bankPhone'], problems),
    bankAddress: input.bankAddress.line1.trim(),
    bankCity: input.bankAddress.city.trim(),
    bankState: input.bankAddress.state.trim().toUpperCase(),
    bankZip: zip(input.bankAddress.postalCode, ['input', 'bankAddress', 'postalCode'], problems),
    nonPrimaryApplicant: input.nonPrimaryApplicant,
  };
  problems.throwIfAny();
  return compact(body) as WireAchRequest;
}

/** The body of `PUT /v1/leads/{customerUuid}/calculator`. */
export function calculatorRequestFromInput(input: AmericorCalculatorInput): WireCalculatorRequest {
  const problems = new InputProblems();
  const depositDate = text(input.fundingDepositDate);
  const body = {
    payFrequency: PAY_FREQUENCY_CODES[input.payFrequency],
    nextPayDate: isoDate(input.nextPayDate, ['input', 'nextPayDate'], problems),
    fundingDeposit: optionalMoney(input.fundingDeposit, ['input', 'fundingDeposit'], problems),
    fundingDepositDate: depositDate
      ? (isoDate(depositDate, ['input', 'fundingDepositDate'], problems) ?? undefined)
      : undefined,
  };
  problems.throwIfAny();
  return compact(body) as WireCalculatorRequest;
}
