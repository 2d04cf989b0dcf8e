import type {
  FinancialProfileModel,
  MoneyModel,
  PersonRecordModel,
  VendorRefModel,
} from '../../src/domain/models';
import { normalizeEmail, normalizeIsoDate, normalizePhone } from '../../src/domain/normalize';
import type { FieldProblem } from '../../src/errors';
import { normalizeClientId } from './ids';
import type {
  LendingCrmClientInput,
  LendingCrmClientMatch,
  LendingCrmClientModel,
  LendingCrmClientPatch,
} from './models';
import { anyOf, contains, lowerEquals } from './odata';
import type { FilterExpression } from './odata';
import { WIRE_FIELDS } from './wire';
import type { WireAuditRecord, WireClient, WireClientWrite } from './wire';

/**
 * Pure conversions between lending CRM wire shapes and domain models, both ways. No I/O, no
 * clock, no logging: the same input always gives the same output.
 *
 * Money: the docs give `totalIncome` and `totalDebtPayments` as doubles with no currency and no
 * period. They are read as US dollars per month: a mortgage CRM's qualification figures are the
 * monthly amounts a debt-to-income ratio is computed from, the two fields are meant to be divided
 * by each other, and the sandbox stores them monthly. So `annualIncome` is `totalIncome` x 12.
 * Amounts are converted through whole cents, never formatted from floats.
 */

export const VENDOR = 'LENDING_CRM' as const;
const CURRENCY = 'USD';

/** A mapping that can fail on the caller's input, with the problems by our input path. */
export type MappingResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function clientRef(id: string): VendorRefModel {
  return { vendor: VENDOR, id };
}

// ---------------------------------------------------------------------------------------------
// Reads: wire -> domain
// ---------------------------------------------------------------------------------------------

/** Whole cents of a dollar amount (`8333.33` -> `833333`), half-cents away from zero. */
function centsOf(dollars: number): number {
  return Math.sign(dollars) * Math.round(Math.abs(dollars) * 100);
}

/** `123456` cents -> `{ amount: '1234.56', currency: 'USD' }`. */
function moneyFromCents(cents: number): MoneyModel {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const amount = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return { amount, currency: CURRENCY };
}

/** A wire dollar amount as money; null when absent or not a finite number. */
export function usd(dollars: number | null | undefined): MoneyModel | null {
  return dollars == null || !Number.isFinite(dollars) ? null : moneyFromCents(centsOf(dollars));
}

/** Names as stored, trimmed; blank means unknown. Letter case is kept (loan officers type "RIVERA"). */
function name(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

/**
 * The person a client describes. Emails lower-cased; an email the vendor accepted through its
 * unanchored pattern that is not an address (`x y@z.com`) is dropped. Mobile, home and work
 * numbers in E.164 without extensions (`(617) 555-0100 ext. 204` -> `+16175550100`), in that
 * order, duplicates and unparseable text dropped. The fax is not a number to reach or match a
 * person by and is left out.
 */
export function toPersonRecord(id: string, wire: WireClient): PersonRecordModel {
  return {
    ref: clientRef(id),
    firstName: name(wire.firstName),
    middleName: null,
    lastName: name(wire.lastName),
    emails: distinct([wire.email ? normalizeEmail(wire.email) : null]),
    phones: distinct(
      [wire.mobilePhone, wire.homePhone, wire.workPhone].map((phone) =>
        phone ? normalizePhone(phone) : null,
      ),
    ),
    dateOfBirth: null,
    ssn: null,
    addresses: [],
  };
}

/**
 * Credit and income figures. `debtToIncomeRatio` is monthly debt payments over monthly income,
 * rounded to 2 decimals; null when either is missing or income is not positive.
 */
export function toFinancialProfile(id: string, wire: WireClient): FinancialProfileModel {
  const income = wire.totalIncome;
  const debt = wire.totalDebtPayments;
  const incomeCents = income == null || !Number.isFinite(income) ? null : centsOf(income);
  const debtCents = debt == null || !Number.isFinite(debt) ? null : centsOf(debt);
  return {
    fico: wire.fico ?? null,
    annualIncome: incomeCents === null ? null : moneyFromCents(incomeCents * 12),
    monthlyDebtPayments: debtCents === null ? null : moneyFromCents(debtCents),
    debtToIncomeRatio:
      incomeCents === null || debtCents === null || incomeCents <= 0
        ? null
        : Math.round((debtCents * 100) / incomeCents) / 100,
    source: clientRef(id),
  };
}

/** A client as domain models; null when it carries no usable id (it cannot be referred to). */
export function toClientModel(wire: WireClient): LendingCrmClientModel | null {
  const id = wire.id ? normalizeClientId(wire.id) : null;
  if (id === null) return null;
  return { record: toPersonRecord(id, wire), financial: toFinancialProfile(id, wire) };
}

/** The id of the client a create made, from its audit record; null when it names none. */
export function createdClientId(audit: WireAuditRecord): string | null {
  return audit.id ? normalizeClientId(audit.id) : null;
}

// ---------------------------------------------------------------------------------------------
// Writes: domain input -> wire
// ---------------------------------------------------------------------------------------------

/** Our input field for each vendor field, for field errors; `id` is the method's own argument. */
const INPUT_FIELD_BY_WIRE: Readonly<Record<string, keyof LendingCrmClientInput>> = {
  email: 'email',
  firstName: 'firstName',
  lastName: 'lastName',
  mobilePhone: 'mobilePhone',
  homePhone: 'homePhone',
  workPhone: 'workPhone',
  fico: 'fico',
  totalIncome: 'monthlyIncome',
  totalDebtPayments: 'monthlyDebtPayments',
  externalId: 'externalId',
  source: 'source',
};

/** `VendorRequest.fieldMap` of writes: vendor field -> our input path. */
export const WRITE_FIELD_MAP: Readonly<Record<string, string[]>> = {
  ...Object.fromEntries(
    Object.entries(INPUT_FIELD_BY_WIRE).map(([wire, input]) => [wire, ['input', input]]),
  ),
  id: ['id'],
};

const AMOUNT = /^-?\d{1,13}(\.\d{1,2})?$/;

type FieldCheck<T> = { ok: true; value: T } | { ok: false; message: string };

function requiredText(value: string | null | undefined): FieldCheck<string> {
  const trimmed = value?.trim();
  return trimmed ? { ok: true, value: trimmed } : { ok: false, message: 'is required' };
}

function requiredEmail(value: string | null | undefined): FieldCheck<string> {
  if (!value?.trim()) return { ok: false, message: 'is required' };
  const email = normalizeEmail(value);
  return email ? { ok: true, value: email } : { ok: false, message: 'is not an email address' };
}

function optionalPhone(value: string | null): FieldCheck<string | null> {
  if (value === null) return { ok: true, value: null };
  const phone = normalizePhone(value);
  return phone ? { ok: true, value: phone } : { ok: false, message: 'is not a phone number' };
}

function optionalFico(value: number | null): FieldCheck<number | null> {
  return value === null || Number.isInteger(value)
    ? { ok: true, value }
    : { ok: false, message: 'must be a whole number' };
}

function optionalUsd(value: MoneyModel | null): FieldCheck<number | null> {
  if (value === null) return { ok: true, value: null };
  if (value.currency !== CURRENCY) return { ok: false, message: 'must be in USD' };
  return AMOUNT.test(value.amount)
    ? { ok: true, value: Number(value.amount) }
    : { ok: false, message: 'must be a decimal amount with at most 2 decimals' };
}

function optionalText(value: string | null): FieldCheck<string | null> {
  return { ok: true, value };
}

/** How each input field becomes its wire field. */
const WRITERS: {
  [K in keyof LendingCrmClientInput]-?: {
    wire: keyof WireClientWrite;
    check: (value: NonNullable<LendingCrmClientInput[K]> | null) => FieldCheck<unknown>;
  };
} = {
  firstName: { wire: 'firstName', check: requiredText },
  lastName: { wire: 'lastName', check: requiredText },
  email: { wire: 'email', check: requiredEmail },
  mobilePhone: { wire: 'mobilePhone', check: optionalPhone },
  homePhone: { wire: 'homePhone', check: optionalPhone },
  workPhone: { wire: 'workPhone', check: optionalPhone },
  fico: { wire: 'fico', check: optionalFico },
  monthlyIncome: { wire: 'totalIncome', check: optionalUsd },
  monthlyDebtPayments: { wire: 'totalDebtPayments', check: optionalUsd },
  externalId: { wire: 'externalId', check: optionalText },
  source: { wire: 'source', check: optionalText },
};

/** The fields of `fields` that are present (not undefined), checked and renamed to wire names. */
function toWriteBody(fields: LendingCrmClientPatch): MappingResult<WireClientWrite> {
  const body: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [key, writer] of Object.entries(WRITERS) as [
    keyof LendingCrmClientInput,
    { wire: keyof WireClientWrite; check: (value: unknown) => FieldCheck<unknown> },
  ][]) {
    const value = fields[key];
    if (value === undefined) continue;
    const checked = writer.check(value);
    if (checked.ok) body[writer.wire] = checked.value;
    else problems.push({ path: ['input', key], message: `${key} ${checked.message}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: body };
}

/** The POST body of a new client (read-only and secret properties never sent). */
export function toCreateBody(input: LendingCrmClientInput): MappingResult<WireClientWrite> {
  return toWriteBody({
    ...input,
    // Required properties are checked even when the caller left them out.
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    email: input.email ?? null,
  });
}

/** The properties the vendor's PATCH schema marks required (a contradiction the docs carry). */
const PATCH_REQUIRED = ['email', 'firstName', 'lastName'] as const;

/** True when a patch leaves out a property the vendor's PATCH schema requires. */
export function patchNeedsCurrent(patch: LendingCrmClientPatch): boolean {
  return PATCH_REQUIRED.some((key) => patch[key] === undefined);
}

/**
 * The PATCH body of a change. The vendor's PATCH schema requires `email`, `firstName` and
 * `lastName` although a PATCH is partial, so the ones the patch leaves out are sent back as the
 * vendor holds them (`current`, read just before), unchanged and unnormalised.
 */
export function toPatchBody(
  patch: LendingCrmClientPatch,
  current: WireClient | null,
): MappingResult<WireClientWrite> {
  const changes = Object.values(patch).some((value) => value !== undefined);
  if (!changes) return { ok: false, problems: [{ path: ['input'], message: 'changes nothing' }] };
  const result = toWriteBody(patch);
  if (!result.ok) return result;
  const body: WireClientWrite = { ...result.value };
  for (const key of PATCH_REQUIRED) {
    const held = current?.[key];
    if (body[key] === undefined && held) body[key] = held;
  }
  return { ok: true, value: body };
}

// ---------------------------------------------------------------------------------------------
// Searches
// ---------------------------------------------------------------------------------------------

/** Normalised search keys; null: not searched. */
export interface FindCriteria {
  /** Lower case. */
  email: string | null;
  /** E.164. */
  phone: string | null;
  /** Trimmed, lower case. */
  lastName: string | null;
}

const given = (value: string | null | undefined): value is string =>
  value != null && value.trim() !== '';

/** Checks and normalises a match; problems are reported under `match`. */
export function toFindCriteria(match: LendingCrmClientMatch): MappingResult<FindCriteria> {
  const problems: FieldProblem[] = [];
  const criteria: FindCriteria = { email: null, phone: null, lastName: null };
  if (given(match.email)) {
    criteria.email = normalizeEmail(match.email);
    if (!criteria.email)
      problems.push({ path: ['match', 'email'], message: 'email is not an email address' });
  }
  if (given(match.phone)) {
    criteria.phone = normalizePhone(match.phone);
    if (!criteria.phone)
      problems.push({ path: ['match', 'phone'], message: 'phone is not a phone number' });
  }
  const withDateOfBirth = given(match.dateOfBirth);
  if (withDateOfBirth && normalizeIsoDate(match.dateOfBirth as string) === null)
    problems.push({
      path: ['match', 'dateOfBirth'],
      message: 'dateOfBirth is not a YYYY-MM-DD date',
    });
  // A surname with a date of birth cannot be confirmed here (no date of birth at this vendor).
  if (given(match.lastName) && !withDateOfBirth)
    criteria.lastName = match.lastName.trim().toLowerCase();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: criteria };
}

/**
 * The `$filter` that finds every candidate for the criteria in one call, or null when nothing is
 * searchable. String comparison at the vendor is case-sensitive, hence `tolower`. Phones are
 * stored free-form, so the candidates are the clients whose numbers contain the last four digits
 * (the group every US format keeps together); `matchesCriteria` then keeps exact E.164 matches.
 */
export function findFilter(criteria: FindCriteria): FilterExpression | null {
  const parts: FilterExpression[] = [];
  if (criteria.email) parts.push(lowerEquals('email', criteria.email));
  if (criteria.phone) {
    const lastDigits = criteria.phone.slice(-4);
    parts.push(
      anyOf([
        contains('mobilePhone', lastDigits),
        contains('homePhone', lastDigits),
        contains('workPhone', lastDigits),
      ]),
    );
  }
  if (criteria.lastName) parts.push(lowerEquals('lastName', criteria.lastName));
  return parts.length > 0 ? anyOf(parts) : null;
}

/** True when the client matches at least one criterion exactly, on normalised values. */
export function matchesCriteria(client: LendingCrmClientModel, criteria: FindCriteria): boolean {
  const { record } = client;
  return (
    (criteria.email !== null && record.emails.includes(criteria.email)) ||
    (criteria.phone !== null && record.phones.includes(criteria.phone)) ||
    (criteria.lastName !== null && record.lastName?.toLowerCase() === criteria.lastName)
  );
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * The vendor field an error key names: `email`, `Email` (C# casing) and `$.email` (a JSON path)
 * all give `email`; keys naming no Client property (`$`, `$filter`) are kept as they are.
 */
export function wireFieldOfErrorKey(key: string): string {
  const bare = key.replace(/^\$\./, '');
  return WIRE_FIELDS.find((field) => field.toLowerCase() === bare.toLowerCase()) ?? key;
}

/** Field errors of a problem-details body: one per field, its first message (raw vendor text). */
export function problemFields(
  errors: Readonly<Record<string, string | readonly string[]>> | null | undefined,
): { field: string; message: string }[] {
  return Object.entries(errors ?? {}).map(([key, messages]) => ({
    field: wireFieldOfErrorKey(key),
    message: (typeof messages === 'string' ? messages : messages[0]) ?? '',
  }));
}
