import type {
  AddressModel,
  AssigneeModel,
  CarrierModel,
  LeadStatusModel,
  MoneyModel,
  PersonRecordModel,
  PolicyModel,
  PolicyStatusModel,
  VendorRefModel,
  VendorStatusModel,
} from '../../src/domain/models';
import { normalizeEmail, normalizeIsoDate, normalizePhone } from '../../src/domain/normalize';
import { AppError, ErrorCode } from '../../src/errors';
import type { FieldProblem } from '../../src/errors';
import { agencyWallClockToIso } from './time';
import type {
  AgencyZoomAddressInput,
  AgencyZoomCustomerInput,
  AgencyZoomCustomerPatch,
  AgencyZoomCustomerRecord,
  AgencyZoomLeadInput,
  AgencyZoomLeadPatch,
  AgencyZoomLeadRecord,
  AgencyZoomLeadStatusChange,
  AgencyZoomPolicyUpdate,
  AgencyZoomSoldProduct,
} from './types';
import type {
  WireCarrier,
  WireCustomer,
  WireCustomerWrite,
  WireId,
  WireLead,
  WireLeadStatusChange,
  WireLeadWrite,
  WirePolicy,
  WirePolicyWrite,
  WireProductLine,
  WireSoldProduct,
  WireTagNames,
} from './wire';

/**
 * Pure mappings between AgencyZoom wire shapes and domain models, both ways. No I/O: what depends
 * on time takes the agency's `today` in a `MapContext`. Invalid input values throw `AppError`
 * BAD_USER_INPUT naming our input fields.
 */

export const VENDOR = 'AGENCYZOOM' as const;

export interface MapContext {
  /** The agency's calendar day, `YYYY-MM-DD`: anchors two-digit years and policy status. */
  today: string;
}

// ---- scalar values ----

/** Trimmed text, numbers as their decimal text; null for empty, absent or anything else. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A finite number from a number or numeric text; null otherwise. */
export function numberOf(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : null;
}

/** A vendor id as our string id; 0 and non-integers (the docs' "no record") are null. */
export function idOf(value: unknown): string | null {
  const n = numberOf(value);
  return n !== null && Number.isSafeInteger(n) && n > 0 ? String(n) : null;
}

/** A required wire id (already checked by the schema) as our string id. */
export function wireIdText(id: WireId): string {
  return String(Number(typeof id === 'string' ? id.trim() : id));
}

// ---- dates (§1.3: the API mixes formats) ----

const ISO_DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;

function calendarDate(year: number, month: number, day: number): string | null {
  return normalizeIsoDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/**
 * Two-digit years (`MM/dd/yy`, the documented lead birthday format) resolve to the latest year
 * ending in those digits that is not after the agency's current year: `86` is 1986 and `05` is
 * 2005 in 2025; `25` is 2025 and `26` is 1926. Right for birthdays, the only such dates mapped.
 */
export function expandTwoDigitYear(twoDigits: number, today: string): number {
  const currentYear = Number(today.slice(0, 4));
  const year = Math.floor(currentYear / 100) * 100 + twoDigits;
  return year > currentYear ? year - 100 : year;
}

/**
 * A vendor date in any documented form as `YYYY-MM-DD`: `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss` (the
 * date part), `MM/dd/yyyy` and `MM/dd/yy`. Null for anything else (the samples' `"string"`, impossible
 * dates such as `02/30/2020`).
 */
export function parseVendorDate(value: unknown, ctx: MapContext): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE.exec(text);
  if (!us) return null;
  const year = us[3].length === 4 ? Number(us[3]) : expandTwoDigitYear(Number(us[3]), ctx.today);
  return calendarDate(year, Number(us[1]), Number(us[2]));
}

/**
 * A vendor stamp as an ISO 8601 instant. Stamps without an offset (`yyyy-MM-dd HH:mm:ss`, and bare
 * dates, read as midnight) are the agency's Chicago wall clock (inferred); `MM/dd/yyyy` is accepted
 * too. Null when unreadable.
 */
export function parseVendorDateTime(value: unknown, ctx: MapContext): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) {
    if (calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) === null) return null;
    const [hour, minute, second] = [Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return null;
    if (iso[7] !== undefined) {
      const ms = Date.parse(text.replace(' ', 'T'));
      return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
    }
    return agencyWallClockToIso(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      hour,
      minute,
      second,
    );
  }
  const date = parseVendorDate(text, ctx);
  if (date === null) return null;
  const [y, m, d] = date.split('-').map(Number);
  return agencyWallClockToIso(y, m, d);
}

// ---- contact values ----

/** Each readable value normalised, without nulls or duplicates, in order. */
function normalizedAll(values: unknown[], normalize: (text: string) => string | null): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const text = textOf(value);
    const normalized = text === null ? null : normalize(text);
    if (normalized !== null) out.add(normalized);
  }
  return [...out];
}

/** Lower-cased valid emails, primary first, without duplicates. */
export function emailsOf(...values: unknown[]): string[] {
  return normalizedAll(values, normalizeEmail);
}

/** E.164 phones from the free-form text agents type (`(617) 555-0142`, `617.555.0142`, ...). */
export function phonesOf(...values: unknown[]): string[] {
  return normalizedAll(values, normalizePhone);
}

/** Five-digit ZIP with leading zeros restored (a zip sent as a number loses them); ZIP+4 cut to 5. */
export function normalizeZip(value: unknown): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const match = /^(\d{3,5})(?:-?\d{4})?$/.exec(text);
  return match ? match[1].padStart(5, '0') : text;
}

/** Two-letter state code, upper case; null for anything else. */
export function normalizeState(value: unknown): string | null {
  const text = textOf(value);
  return text !== null && /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : null;
}

const US_NAMES = new Set([
  'us',
  'usa',
  'u.s.',
  'u.s.a.',
  'united states',
  'united states of america',
]);

/** ISO 3166-1 alpha-2 country; the spellings of the United States become `US`; else null. */
export function normalizeCountry(value: unknown): string | null {
  const text = textOf(value);
  if (text === null) return null;
  if (US_NAMES.has(text.toLowerCase())) return 'US';
  return /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : null;
}

interface WireAddressFields {
  streetAddress?: unknown;
  city?: unknown;
  state?: unknown;
  zip?: unknown;
  country?: unknown;
}

/** The record's one address (the vendor keeps no second line on reads); null when it has none. */
export function addressOf(wire: WireAddressFields): AddressModel | null {
  const address: AddressModel = {
    line1: textOf(wire.streetAddress),
    line2: null,
    city: textOf(wire.city),
    state: normalizeState(wire.state),
    postalCode: normalizeZip(wire.zip),
    country: normalizeCountry(wire.country),
  };
  return address.line1 === null &&
    address.city === null &&
    address.state === null &&
    address.postalCode === null
    ? null
    : address;
}

// ---- enums ----

/** Lead search/detail enum (§5.1.1): the vendor's labels and our status, 1:1. */
const LEAD_STATUS_BY_CODE: Readonly<Record<number, { label: string; status: LeadStatusModel }>> = {
  0: { label: 'NEW', status: 'NEW' },
  1: { label: 'QUOTED', status: 'QUOTED' },
  2: { label: 'WON', status: 'WON' },
  3: { label: 'LOST', status: 'LOST' },
  4: { label: 'CONTACTED', status: 'CONTACTED' },
  5: { label: 'EXPIRED', status: 'EXPIRED' },
};

/** A lead's status as read (search enum); an unknown code is OTHER with the code kept. */
export function leadStatusOf(code: unknown): {
  status: LeadStatusModel;
  vendorStatus: VendorStatusModel;
} {
  const n = numberOf(code);
  const known = n !== null ? LEAD_STATUS_BY_CODE[n] : undefined;
  if (!known) return { status: 'OTHER', vendorStatus: { code: textOf(code) ?? '', label: null } };
  return { status: known.status, vendorStatus: { code: String(n), label: known.label } };
}

/**
 * Our status as the status-change write enum (§5.1.6, doc quirk 6), which differs from the read
 * enum: 0 ACTIVE (reads back as 0 NEW), 2 WON, 3 LOST, 5 XDATED (reads back as 5 EXPIRED).
 */
const LEAD_STATUS_WRITE: Partial<Record<LeadStatusModel, WireLeadStatusChange['status']>> = {
  NEW: 0,
  WON: 2,
  LOST: 3,
  EXPIRED: 5,
};

export function leadStatusWriteCode(
  status: LeadStatusModel,
  path: string[] = ['input', 'status'],
): WireLeadStatusChange['status'] {
  const code = LEAD_STATUS_WRITE[status];
  if (code === undefined) {
    throw badInput([
      { path, message: 'AgencyZoom can set a lead to NEW, WON, LOST or EXPIRED only' },
    ]);
  }
  return code;
}

/** Driver/lead marital status enum 1-10 (§6); the lead detail reports the label (doc quirk 17). */
const MARITAL_STATUS_CODES: Readonly<Record<string, number>> = {
  single: 1,
  married: 2,
  widowed: 3,
  separated: 4,
  divorced: 5,
  'domestic partner': 6,
  'civil union': 7,
  'fiancé / fiancée': 8,
  unknown: 9,
  other: 10,
};

/** The write code of a marital status read as a label or a code; null when unknown. */
export function maritalStatusCode(value: unknown): number | null {
  const n = numberOf(value);
  if (n !== null) return Number.isInteger(n) && n >= 1 && n <= 10 ? n : null;
  const text = textOf(value);
  return text === null ? null : (MARITAL_STATUS_CODES[text.toLowerCase()] ?? null);
}

/**
 * `tagNames` in either documented shape (doc quirk 16): integer tag ids (lead detail) or a
 * `;`-separated string of names (policies, writes). Numeric items of an array are ids.
 */
export function readTags(value: WireTagNames): { ids: number[]; names: string[] } {
  const ids: number[] = [];
  const names: string[] = [];
  const items =
    typeof value === 'string'
      ? value.split(';')
      : typeof value === 'number'
        ? [value]
        : (value ?? []);
  for (const item of items) {
    if (typeof item === 'number') {
      if (Number.isInteger(item)) ids.push(item);
    } else if (Array.isArray(value) && /^\s*\d+\s*$/.test(item)) {
      ids.push(Number(item));
    } else if (item.trim() !== '') {
      names.push(item.trim());
    }
  }
  return { ids, names };
}

// ---- money (§1.4) ----

/**
 * Integer cents (stated for policy writes, assumed for reads) as a decimal string in USD:
 * `34550` is `345.50`. A fractional value cannot be cents and is read as dollars (inferred);
 * numeric text is accepted. Null when absent or unreadable.
 */
export function centsToMoney(value: unknown): MoneyModel | null {
  const n = numberOf(value);
  if (n === null) return null;
  const cents = Number.isInteger(n) ? n : Math.round(n * 100);
  const abs = Math.abs(cents);
  const amount = `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return { amount, currency: 'USD' };
}

const MONEY_PROBLEM = 'must be a non-negative USD amount with at most two decimals';

/** A USD amount with at most two decimals as integer cents, without floating point; else null. */
function parseCents(money: MoneyModel): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(money.amount.trim());
  if (money.currency !== 'USD' || !match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** `parseCents`, throwing BAD_USER_INPUT at `path` for anything else. */
export function moneyToCents(money: MoneyModel, path: string[]): number {
  const cents = parseCents(money);
  if (cents === null) throw badInput([{ path, message: MONEY_PROBLEM }]);
  return cents;
}

// ---- people, leads, customers ----

function ref(id: string): VendorRefModel {
  return { vendor: VENDOR, id };
}

interface WirePersonFields extends WireAddressFields {
  firstname?: unknown;
  middlename?: unknown;
  lastname?: unknown;
  email?: unknown;
  secondaryEmail?: unknown;
  phone?: unknown;
  secondaryPhone?: unknown;
  birthday?: unknown;
}

function personOf(refId: string, wire: WirePersonFields, ctx: MapContext): PersonRecordModel {
  const address = addressOf(wire);
  return {
    ref: ref(refId),
    firstName: textOf(wire.firstname),
    middleName: textOf(wire.middlename),
    lastName: textOf(wire.lastname),
    emails: emailsOf(wire.email, wire.secondaryEmail),
    phones: phonesOf(wire.phone, wire.secondaryPhone),
    dateOfBirth: parseVendorDate(wire.birthday, ctx),
    ssn: null,
    addresses: address ? [address] : [],
  };
}

function assigneeOf(id: unknown, first: unknown, last: unknown): AssigneeModel | null {
  const name = [textOf(first), textOf(last)].filter((part) => part !== null).join(' ');
  const assignee = { id: idOf(id), name: name === '' ? null : name };
  return assignee.id === null && assignee.name === null ? null : assignee;
}

/** A lead (detail or search item) as a lead and its person record `lead:<id>`. */
export function toLeadRecord(wire: WireLead, ctx: MapContext): AgencyZoomLeadRecord {
  const id = wireIdText(wire.id);
  const person = personOf(`lead:${id}`, wire, ctx);
  const { status, vendorStatus } = leadStatusOf(wire.status);
  return {
    person,
    lead: {
      ref: ref(id),
      subject: person.ref,
      status,
      vendorStatus,
      source: textOf(wire.leadSourceName),
      createdAt: parseVendorDateTime(wire.createDate, ctx),
      estimatedDebt: null,
      assignedTo: assigneeOf(wire.assignedTo, wire.assignToFirstname, wire.assignToLastname),
      enrollment: null,
    },
  };
}

/** A customer (search item or detail) as the person record `customer:<id>`. */
export function toCustomerPerson(wire: WireCustomer, ctx: MapContext): PersonRecordModel {
  return personOf(`customer:${wireIdText(wire.id)}`, wire, ctx);
}

// ---- policies ----

/** A configuration list entry (carrier or product line) by id and by standard code. */
export interface NamedEntry {
  id: string;
  name: string | null;
}

export interface NameIndex {
  byId: ReadonlyMap<string, NamedEntry>;
  /** Keyed by the upper-case standard code. */
  byCode: ReadonlyMap<string, NamedEntry>;
}

export const EMPTY_INDEX: NameIndex = { byId: new Map(), byCode: new Map() };

function indexBy(entries: { id: WireId; name: unknown; code: unknown }[]): NameIndex {
  const byId = new Map<string, NamedEntry>();
  const byCode = new Map<string, NamedEntry>();
  for (const entry of entries) {
    const named = { id: wireIdText(entry.id), name: textOf(entry.name) };
    byId.set(named.id, named);
    const code = textOf(entry.code)?.toUpperCase();
    if (code) byCode.set(code, named);
  }
  return { byId, byCode };
}

/** `GET /v1/api/carriers` indexed for policy mapping. */
export function indexCarriers(carriers: readonly WireCarrier[]): NameIndex {
  return indexBy(carriers.map((c) => ({ id: c.id, name: c.name, code: c.standardCarrierCode })));
}

/** `GET /v1/api/product-lines` indexed for policy mapping. */
export function indexProductLines(lines: readonly WireProductLine[]): NameIndex {
  return indexBy(lines.map((l) => ({ id: l.id, name: l.name, code: l.standardProductLineCode })));
}

export interface PolicyNames {
  carriers: NameIndex;
  productLines: NameIndex;
}

/** Whether mapping these policies needs the carriers list (policies carry no carrier name). */
export function needsCarrierNames(policies: readonly WirePolicy[]): boolean {
  return policies.some((p) => idOf(p.carrierId) !== null || textOf(p.standardCarrierCode) !== null);
}

/** Whether some policy lacks `policyTypeName` but names a product line to look it up by. */
export function needsProductLineNames(policies: readonly WirePolicy[]): boolean {
  return policies.some(
    (p) =>
      textOf(p.policyTypeName) === null &&
      (idOf(p.policyTypeId) !== null || textOf(p.standardProductLineCode) !== null),
  );
}

/** The policy's carrier, named from the carriers list (doc quirk 15: policies carry no name). */
export function carrierOf(policy: WirePolicy, carriers: NameIndex): CarrierModel | null {
  const id = idOf(policy.carrierId);
  const code = textOf(policy.standardCarrierCode)?.toUpperCase();
  const found =
    (id !== null ? carriers.byId.get(id) : undefined) ??
    (code ? carriers.byCode.get(code) : undefined);
  const carrierId = id ?? found?.id ?? null;
  return carrierId === null ? null : { id: carrierId, name: found?.name ?? null };
}

/** The line of business: the policy's own type name, else the product line's by id or code. */
export function lineOfBusinessOf(policy: WirePolicy, productLines: NameIndex): string | null {
  const own = textOf(policy.policyTypeName);
  if (own !== null) return own;
  // `policyTypeId` is a string in one endpoint and an integer in another (doc quirk 14).
  const id = idOf(policy.policyTypeId);
  const code = textOf(policy.standardProductLineCode)?.toUpperCase();
  const found =
    (id !== null ? productLines.byId.get(id) : undefined) ??
    (code ? productLines.byCode.get(code) : undefined);
  return found?.name ?? null;
}

/**
 * Status from dates, as no read returns one (doc quirk 15): EXPIRED from the expiry date on (a
 * term ends on its expiry date, the day its renewal would start), PENDING before the effective
 * date, else ACTIVE. A cancellation is invisible to reads, so CANCELLED is never derived.
 */
export function policyStatusOn(
  effectiveDate: string | null,
  expirationDate: string | null,
  today: string,
): PolicyStatusModel {
  if (expirationDate !== null && today >= expirationDate) return 'EXPIRED';
  if (effectiveDate !== null && today < effectiveDate) return 'PENDING';
  return 'ACTIVE';
}

/** A customer's policy; `subject` is the customer's person ref. */
export function toPolicy(
  wire: WirePolicy,
  subject: VendorRefModel,
  names: PolicyNames,
  ctx: MapContext,
): PolicyModel {
  const effectiveDate = parseVendorDate(wire.effectiveDate, ctx);
  const expirationDate = parseVendorDate(wire.expiryDate, ctx);
  return {
    ref: ref(wireIdText(wire.id)),
    subject,
    policyNumber: textOf(wire.policyNumber),
    carrier: carrierOf(wire, names.carriers),
    lineOfBusiness: lineOfBusinessOf(wire, names.productLines),
    premium: centsToMoney(wire.premium),
    effectiveDate,
    expirationDate,
    status: policyStatusOn(effectiveDate, expirationDate, ctx.today),
  };
}

/** A customer detail as the person and the policies it embeds. */
export function toCustomerRecord(
  wire: WireCustomer,
  names: PolicyNames,
  ctx: MapContext,
): AgencyZoomCustomerRecord {
  const person = toCustomerPerson(wire, ctx);
  return {
    person,
    policies: (wire.policies ?? []).map((policy) => toPolicy(policy, person.ref, names, ctx)),
  };
}

// ---- phones for lead search ----

/**
 * The spellings agents type for one phone number. `customerPhoneList` matches exactly (§4.2) and
 * the vendor stores phones as typed, so each US number is sent in every common form; other
 * numbers are sent in E.164 only.
 */
export function phoneSpellings(e164: string): string[] {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (!match) return [e164];
  const [, a, b, c] = match;
  return [
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `${a}.${b}.${c}`,
    `${a}${b}${c}`,
    `1${a}${b}${c}`,
    `1-${a}-${b}-${c}`,
    `+1${a}${b}${c}`,
    `+1 (${a}) ${b}-${c}`,
  ];
}

/** Leads by each wanted phone (E.164), from one pass over the records; phones with none map to []. */
export function groupLeadsByPhone(
  records: readonly AgencyZoomLeadRecord[],
  phones: readonly string[],
): Map<string, AgencyZoomLeadRecord[]> {
  const byPhone = new Map<string, AgencyZoomLeadRecord[]>(phones.map((p) => [p, []]));
  for (const record of records) {
    for (const phone of record.person.phones) byPhone.get(phone)?.push(record);
  }
  return byPhone;
}

// ---- domain input -> wire ----

export function badInput(fields: FieldProblem[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, 'The input is not valid for AgencyZoom', {
    vendor: VENDOR,
    fields,
  });
}

/** Collects input problems so one error names them all. */
class Problems {
  readonly list: FieldProblem[] = [];

  add(path: string[], message: string): null {
    this.list.push({ path, message });
    return null;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw badInput(this.list);
  }
}

/** `YYYY-MM-DD` to the vendor's `MM/dd/yyyy`. */
export function isoToUsDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

function usDateInput(
  value: string | null | undefined,
  path: string[],
  problems: Problems,
): string | null {
  if (value == null) return null;
  const iso = normalizeIsoDate(value);
  return iso === null ? problems.add(path, 'must be a date written YYYY-MM-DD') : isoToUsDate(iso);
}

function isoDateInput(
  value: string | null | undefined,
  path: string[],
  problems: Problems,
): string | null {
  if (value == null) return null;
  return normalizeIsoDate(value) ?? problems.add(path, 'must be a date written YYYY-MM-DD');
}

/** A phone as the vendor's own samples write it, `(617) 555-0142`; E.164 outside the US. */
export function nationalPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}

function phoneInput(
  value: string | null | undefined,
  path: string[],
  problems: Problems,
): string | null {
  if (value == null) return null;
  const e164 = normalizePhone(value);
  return e164 === null ? problems.add(path, 'must be a phone number') : nationalPhone(e164);
}

function positiveId(
  value: string | number | null | undefined,
  path: string[],
  problems: Problems,
): number | null {
  if (value == null) return null;
  const id = idOf(value);
  return id === null
    ? problems.add(path, 'must be an AgencyZoom id (a positive integer)')
    : Number(id);
}

function centsInput(money: MoneyModel, path: string[], problems: Problems): number {
  return parseCents(money) ?? problems.add(path, MONEY_PROBLEM) ?? 0;
}

/** An id the input gives (checked), else the placement's, else a problem. */
function givenOrPlaced(
  given: string | null | undefined,
  placed: number | undefined,
  path: string[],
  problems: Problems,
): number {
  if (given != null) return positiveId(given, path, problems) ?? 0;
  return placed ?? problems.add(path, 'is required') ?? 0;
}

function trimmedOrNull(value: string | null | undefined): string | null {
  return value == null ? null : textOf(value);
}

interface WireAddressWrite {
  streetAddress: string | null;
  streetAddressLine2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string;
}

function addressWrite(address: AgencyZoomAddressInput | null | undefined): WireAddressWrite {
  return {
    streetAddress: trimmedOrNull(address?.line1),
    streetAddressLine2: trimmedOrNull(address?.line2),
    city: trimmedOrNull(address?.city),
    state: trimmedOrNull(address?.state)?.toUpperCase() ?? null,
    zip: trimmedOrNull(address?.postalCode),
    // Required by lead writes; the agency is a US one.
    country: normalizeCountry(address?.country) ?? 'US',
  };
}

/** Where a new lead goes in the agency: ids of configuration the vendor requires (§5.1.4). */
export interface LeadPlacement {
  pipelineId: number;
  stageId: number;
  leadSourceId: number;
  /** The producer (agent) employee id. */
  assignTo: number;
}

/** A new lead as the personal lead write body. */
export function toLeadWriteBody(
  input: AgencyZoomLeadInput,
  placement: LeadPlacement,
  path: string[] = ['input'],
): WireLeadWrite {
  const problems = new Problems();
  const body: WireLeadWrite = {
    firstname: input.firstName.trim(),
    middlename: trimmedOrNull(input.middleName),
    lastname: trimmedOrNull(input.lastName),
    email: input.email.trim().toLowerCase(),
    phone: phoneInput(input.phone, [...path, 'phone'], problems),
    birthday: usDateInput(input.dateOfBirth, [...path, 'dateOfBirth'], problems),
    notes: trimmedOrNull(input.notes),
    ...addressWrite(input.address),
    pipelineId: placement.pipelineId,
    stageId: placement.stageId,
    leadSourceId: placement.leadSourceId,
    assignTo: placement.assignTo,
  };
  problems.throwIfAny();
  return body;
}

function customFieldsForWrite(items: readonly unknown[] | null | undefined): unknown[] {
  return (items ?? [])
    .filter(
      (item): item is Record<string, unknown> =>
        item !== null &&
        typeof item === 'object' &&
        typeof (item as { fieldName?: unknown }).fieldName === 'string',
    )
    .map(({ fieldName, value }) => ({ fieldName, value }));
}

function producerIds(items: readonly unknown[] | null | undefined): number[] {
  const ids = (items ?? []).map((item) =>
    idOf(item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : item),
  );
  return ids.filter((id): id is string => id !== null).map(Number);
}

/**
 * The full write body of a lead as read, for the read-modify-write update (`PUT` replaces the
 * record and clears what is left out, doc quirk 11). Carried over: every field the detail shows
 * in a writable form, dates as written. Not carried over, because the detail does not return them
 * in a writable form: tags read as integer ids (no endpoint names them; tags read as names are
 * kept), `streetAddressLine2`, `assignmentGroupId` and `otherCsrs`; the vendor clears those.
 */
export function leadWriteFromDetail(wire: WireLead): WireLeadWrite {
  const tags = readTags(wire.tagNames);
  return {
    firstname: textOf(wire.firstname) ?? '',
    middlename: textOf(wire.middlename),
    lastname: textOf(wire.lastname),
    nickname: textOf(wire.nickname),
    email: textOf(wire.email) ?? '',
    phone: textOf(wire.phone),
    secondaryEmail: textOf(wire.secondaryEmail),
    secondaryPhone: textOf(wire.secondaryPhone),
    notes: textOf(wire.comments),
    pipelineId: numberOf(wire.workflowId) ?? 0,
    stageId: numberOf(wire.workflowStageId) ?? 0,
    contactDate: textOf(wire.contactDate),
    soldDate: textOf(wire.soldDate),
    xDate: textOf(wire.xDate),
    quoteDate: textOf(wire.quoteDate),
    leadSourceId: numberOf(wire.leadSourceId) ?? 0,
    assignTo: numberOf(wire.assignedTo) ?? 0,
    csrId: idOf(wire.csrId) === null ? null : Number(idOf(wire.csrId)),
    streetAddress: textOf(wire.streetAddress),
    city: textOf(wire.city),
    state: textOf(wire.state),
    country: textOf(wire.country) ?? 'US',
    zip: textOf(wire.zip),
    agencyNumber: textOf(wire.locationCode),
    departmentCode: textOf(wire.departmentCode),
    groupCode: textOf(wire.groupCode),
    customFields: customFieldsForWrite(wire.customFields),
    birthday: textOf(wire.birthday),
    maritalStatus: maritalStatusCode(wire.maritalStatus),
    tagNames: tags.names.length > 0 ? tags.names.join(';') : null,
    nextExpirationDate: textOf(wire.nextExpirationDate),
    otherProducers: producerIds(wire.otherProducers),
  };
}

/** A lead write body with a patch applied (undefined keeps, null clears). */
export function applyLeadPatch(
  body: WireLeadWrite,
  patch: AgencyZoomLeadPatch,
  path: string[] = ['input'],
): WireLeadWrite {
  const problems = new Problems();
  const next: WireLeadWrite = { ...body };
  if (patch.firstName !== undefined) {
    next.firstname =
      textOf(patch.firstName) ?? problems.add([...path, 'firstName'], 'cannot be empty') ?? '';
  }
  if (patch.email !== undefined) {
    next.email =
      textOf(patch.email)?.toLowerCase() ??
      problems.add([...path, 'email'], 'cannot be empty') ??
      '';
  }
  if (patch.middleName !== undefined) next.middlename = trimmedOrNull(patch.middleName);
  if (patch.lastName !== undefined) next.lastname = trimmedOrNull(patch.lastName);
  if (patch.notes !== undefined) next.notes = trimmedOrNull(patch.notes);
  if (patch.phone !== undefined) next.phone = phoneInput(patch.phone, [...path, 'phone'], problems);
  if (patch.dateOfBirth !== undefined) {
    next.birthday = usDateInput(patch.dateOfBirth, [...path, 'dateOfBirth'], problems);
  }
  if (patch.address !== undefined) Object.assign(next, addressWrite(patch.address));
  problems.throwIfAny();
  return next;
}

/** A status change as the `PUT /leads/{leadId}/status` body. */
export function toLeadStatusBody(
  change: AgencyZoomLeadStatusChange,
  path: string[] = ['input'],
): WireLeadStatusChange {
  const problems = new Problems();
  const status = leadStatusWriteCode(change.status, [...path, 'status']);
  const date = isoDateInput(change.date, [...path, 'date'], problems);
  const lossReasonId = positiveId(change.lossReasonId, [...path, 'lossReasonId'], problems);
  problems.throwIfAny();
  return {
    status,
    ...(date !== null ? { date } : {}),
    ...(lossReasonId !== null ? { lossReasonId } : {}),
  };
}

function itemsInput(value: number | null | undefined, path: string[], problems: Problems): number {
  if (value == null) return 1;
  return Number.isSafeInteger(value) && value >= 1
    ? value
    : (problems.add(path, 'must be a whole number >= 1') ?? 1);
}

/** Products sold as `soldProducts` (the `SoldProduct` shape is inferred; dates `MM/dd/yyyy`). */
export function toSoldProducts(
  products: readonly AgencyZoomSoldProduct[],
  path: string[] = ['input', 'products'],
): WireSoldProduct[] {
  const problems = new Problems();
  if (products.length === 0) problems.add(path, 'must hold at least one product');
  const sold = products.map((product, index): WireSoldProduct => {
    const at = [...path, String(index)];
    const effectiveDate = usDateInput(product.effectiveDate, [...at, 'effectiveDate'], problems);
    const expiryDate = usDateInput(product.expirationDate, [...at, 'expirationDate'], problems);
    const policyNumber = trimmedOrNull(product.policyNumber);
    const premium = centsInput(product.premium, [...at, 'premium'], problems);
    return {
      carrierId: positiveId(product.carrierId, [...at, 'carrierId'], problems) ?? 0,
      productLineId: positiveId(product.productLineId, [...at, 'productLineId'], problems) ?? 0,
      premium,
      items: itemsInput(product.items, [...at, 'items'], problems),
      ...(effectiveDate !== null ? { effectiveDate } : {}),
      ...(expiryDate !== null ? { expiryDate } : {}),
      ...(policyNumber !== null ? { policyNumber } : {}),
    };
  });
  problems.throwIfAny();
  return sold;
}

/** A new customer as the create body; `agentId` is required by the vendor (§5.3.3). */
export function toCustomerCreateBody(
  input: AgencyZoomCustomerInput,
  agentId: number,
  path: string[] = ['input'],
): WireCustomerWrite {
  const problems = new Problems();
  const { streetAddressLine2: _line2, ...address } = addressWrite(input.address);
  const body: WireCustomerWrite = {
    firstname: input.firstName.trim(),
    lastname: trimmedOrNull(input.lastName),
    email: input.email.trim().toLowerCase(),
    phone: phoneInput(input.phone, [...path, 'phone'], problems),
    birthday: usDateInput(input.dateOfBirth, [...path, 'dateOfBirth'], problems),
    ...address,
    agentId,
  };
  problems.throwIfAny();
  return body;
}

/**
 * A customer patch as the update body: only the fields named (the vendor does not say whether an
 * update clears what is left out, §5.3.3; sending only changes is safe either way).
 */
export function toCustomerUpdateBody(
  patch: AgencyZoomCustomerPatch,
  path: string[] = ['input'],
): WireCustomerWrite {
  const problems = new Problems();
  const body: WireCustomerWrite = {};
  if (patch.firstName !== undefined) {
    body.firstname =
      textOf(patch.firstName) ?? problems.add([...path, 'firstName'], 'cannot be empty') ?? '';
  }
  if (patch.email !== undefined) {
    body.email =
      textOf(patch.email)?.toLowerCase() ??
      problems.add([...path, 'email'], 'cannot be empty') ??
      '';
  }
  if (patch.lastName !== undefined) body.lastname = trimmedOrNull(patch.lastName);
  if (patch.phone !== undefined) body.phone = phoneInput(patch.phone, [...path, 'phone'], problems);
  if (patch.dateOfBirth !== undefined) {
    body.birthday = usDateInput(patch.dateOfBirth, [...path, 'dateOfBirth'], problems);
  }
  if (patch.address !== undefined) {
    const { streetAddressLine2: _line2, ...address } = addressWrite(patch.address);
    Object.assign(body, address, patch.address === null ? { country: null } : {});
  }
  problems.throwIfAny();
  return body;
}

/** Agency configuration a policy write requires (§5.4.1). */
export interface PolicyPlacement {
  agentId: number;
  leadSourceId: number;
  agencyNumber: string;
}

/**
 * A policy as the create/update body (dates `MM/dd/yyyy` as in the samples, premium in cents);
 * the producer, lead source and location come from the input, else from `placement`.
 */
export function toPolicyWriteBody(
  input: AgencyZoomPolicyUpdate,
  placement: Partial<PolicyPlacement>,
  ctx: MapContext,
  path: string[] = ['input'],
): WirePolicyWrite {
  const problems = new Problems();
  const effective = isoDateInput(input.effectiveDate, [...path, 'effectiveDate'], problems);
  const expiry = isoDateInput(input.expirationDate, [...path, 'expirationDate'], problems);
  if (effective !== null && expiry !== null && expiry <= effective) {
    problems.add([...path, 'expirationDate'], 'must be after effectiveDate');
  }
  const sold = isoDateInput(input.soldDate ?? ctx.today, [...path, 'soldDate'], problems);
  const premium = centsInput(input.premium, [...path, 'premium'], problems);
  const body: WirePolicyWrite = {
    carrierId: positiveId(input.carrierId, [...path, 'carrierId'], problems) ?? 0,
    policyType: positiveId(input.productLineId, [...path, 'productLineId'], problems) ?? 0,
    premium,
    items: itemsInput(input.items, [...path, 'items'], problems),
    soldDate: sold !== null ? isoToUsDate(sold) : '',
    effectiveDate: effective !== null ? isoToUsDate(effective) : '',
    expiryDate: expiry !== null ? isoToUsDate(expiry) : '',
    agentId: givenOrPlaced(input.producerId, placement.agentId, [...path, 'producerId'], problems),
    leadSourceId: givenOrPlaced(
      input.leadSourceId,
      placement.leadSourceId,
      [...path, 'leadSourceId'],
      problems,
    ),
    agencyNumber:
      trimmedOrNull(input.agencyNumber) ??
      placement.agencyNumber ??
      problems.add([...path, 'agencyNumber'], 'is required') ??
      '',
  };
  const policyNumber = trimmedOrNull(input.policyNumber);
  const insuredName = trimmedOrNull(input.insuredName);
  if (policyNumber !== null) body.policyNumber = policyNumber;
  if (insuredName !== null) body.insuredName = insuredName;
  problems.throwIfAny();
  return body;
}

// ---- vendor field names -> our input paths (VENDOR_REJECTED) ----

const PERSON_FIELDS: Readonly<Record<string, string[]>> = {
  firstname: ['firstName'],
  middlename: ['middleName'],
  lastname: ['lastName'],
  email: ['email'],
  phone: ['phone'],
  birthday: ['dateOfBirth'],
  streetAddress: ['address', 'line1'],
  streetAddressLine2: ['address', 'line2'],
  city: ['address', 'city'],
  state: ['address', 'state'],
  zip: ['address', 'postalCode'],
  country: ['address', 'country'],
};

const LEAD_FIELDS: Readonly<Record<string, string[]>> = {
  ...PERSON_FIELDS,
  notes: ['notes'],
  leadSourceId: ['source'],
};

const CUSTOMER_FIELDS: Readonly<Record<string, string[]>> = {
  ...PERSON_FIELDS,
  agentId: ['producerId'],
};

const POLICY_FIELDS: Readonly<Record<string, string[]>> = {
  customerId: ['customerId'],
  carrierId: ['carrierId'],
  standardCarrierCode: ['carrierId'],
  policyType: ['productLineId'],
  standardProductLineCode: ['productLineId'],
  policyNumber: ['policyNumber'],
  premium: ['premium'],
  items: ['items'],
  soldDate: ['soldDate'],
  effectiveDate: ['effectiveDate'],
  expiryDate: ['expirationDate'],
  agentId: ['producerId'],
  leadSourceId: ['leadSourceId'],
  agencyNumber: ['agencyNumber'],
  insuredName: ['insuredName'],
};

const STATUS_FIELDS: Readonly<Record<string, string[]>> = {
  status: ['status'],
  date: ['date'],
  lossReasonId: ['lossReasonId'],
};

const SOLD_PRODUCT_FIELDS: Readonly<Record<string, string[]>> = {
  carrierId: ['carrierId'],
  standardCarrierCode: ['carrierId'],
  productLineId: ['productLineId'],
  standardProductLineCode: ['productLineId'],
  premium: ['premium'],
  items: ['items'],
  effectiveDate: ['effectiveDate'],
  expiryDate: ['expirationDate'],
  policyNumber: ['policyNumber'],
};

function fieldMap(
  fields: Readonly<Record<string, string[]>>,
  path: string[],
  vendorPrefix = '',
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, ours]) => [`${vendorPrefix}${field}`, [...path, ...ours]]),
  );
}

export const leadFieldMap = (path: string[] = ['input']) => fieldMap(LEAD_FIELDS, path);
export const customerFieldMap = (path: string[] = ['input']) => fieldMap(CUSTOMER_FIELDS, path);
export const policyFieldMap = (path: string[] = ['input']) => fieldMap(POLICY_FIELDS, path);
export const leadStatusFieldMap = (path: string[] = ['input']) => fieldMap(STATUS_FIELDS, path);

/** `leadDataRequests[i].<field>` of a batch to `inputs.<i>.<our field>`. */
export function batchLeadFieldMap(
  count: number,
  path: string[] = ['inputs'],
): Record<string, string[]> {
  const map: Record<string, string[]> = { leadDataRequests: path };
  for (let i = 0; i < count; i++) {
    Object.assign(map, fieldMap(LEAD_FIELDS, [...path, String(i)], `leadDataRequests[${i}].`));
  }
  return map;
}

/** `soldProducts[i].<field>` to `input.products.<i>.<our field>`. */
export function soldFieldMap(
  count: number,
  path: string[] = ['input', 'products'],
): Record<string, string[]> {
  const map: Record<string, string[]> = { soldProducts: path };
  for (let i = 0; i < count; i++) {
    Object.assign(map, fieldMap(SOLD_PRODUCT_FIELDS, [...path, String(i)], `soldProducts[${i}].`));
  }
  return map;
}
