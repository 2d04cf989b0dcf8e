import type {
  AddressModel,
  BureauModel,
  CreditReportModel,
  MoneyModel,
  PersonRecordModel,
  TradelineModel,
  VendorRefModel,
} from '../../src/domain/models';
import {
  normalizeEmail,
  normalizeIsoDate,
  normalizePhone,
  normalizeSsn,
} from '../../src/domain/normalize';
import type { FieldProblem } from '../../src/errors';
import type {
  ClientAttributesWire,
  ClientSearchBodyWire,
  ClientUpdateBodyWire,
  ClientWire,
  ErrorBodyWire,
  MasterSchemaWire,
  NegativeItemWire,
  RuleGroupWire,
  RuleWire,
} from './wire';

/**
 * Pure mappings between The Credit Pros' wire shapes and the domain models: vendor records to
 * `PersonRecordModel` / `CreditReportModel`, and our inputs to the vendor's search and update
 * bodies. No I/O.
 */

const VENDOR = 'CREDIT_PROS' as const;
const CURRENCY = 'USD';

export function clientRef(clientId: number | string): VendorRefModel {
  return { vendor: VENDOR, id: String(clientId) };
}

/** True for a vendor id: the vendor's keys are positive integers. */
export function isVendorId(id: string): boolean {
  return /^[1-9]\d{0,17}$/.test(id);
}

// ---- values ----

function trimmed(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/**
 * `YYYY-MM-DD` from a date the vendor may send as an ISO date, an ISO date-time
 * (`2024-01-15T10:30:00Z`), Laravel's `Y-m-d H:i:s`, or the US `MM/DD/YYYY`; null otherwise.
 */
export function toIsoDate(value: string | null | undefined): string | null {
  const text = trimmed(value);
  if (!text) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(text);
  if (iso) return normalizeIsoDate(iso[1]);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return normalizeIsoDate(`${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`);
  return null;
}

/**
 * Money as a decimal string with at least two decimals and currency USD. Accepts the vendor's
 * decimal strings (`"1250.00"`, also `"$1,250.5"`) and numbers (`0.1`); null for anything else
 * (e.g. the doc's placeholder `"string"`).
 */
export function toMoney(value: string | number | null | undefined): MoneyModel | null {
  if (value === null || value === undefined) return null;
  let textValue: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // Numbers carry at most cents here (client products); render without float noise.
    textValue = value.toFixed(2);
  } else {
    textValue = value.trim().replace(/^\$/, '').replace(/,/g, '');
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(textValue);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const wholePart = whole.replace(/^0+(?=\d)/, '');
  return { amount: `${sign}${wholePart}.${fraction.padEnd(2, '0')}`, currency: CURRENCY };
}

/** A vendor flag: booleans, and PHP's `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"yes"`/`"no"`. */
export function toFlag(value: boolean | number | string | null | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'y'].includes(word)) return true;
    if (['0', 'false', 'no', 'n'].includes(word)) return false;
  }
  return null;
}

/**
 * `NNN-NN-NNNN` from the vendor's SSN: an integer that lost its leading zeros (45621187 is
 * `045-62-1187`), or text with or without dashes (a digit string of 7-8 digits lost zeros too).
 */
export function toSsn(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? normalizeSsn(value) : null;
  }
  const text = value.trim();
  if (/^\d{7,8}$/.test(text)) return normalizeSsn(text.padStart(9, '0'));
  return normalizeSsn(text);
}

/**
 * A five-digit US ZIP from the vendor's integer postal code (2108 is `02108`), a ZIP+4 integer
 * that lost its zero (21081234 is `02108`), or text (`02108`, `02108-1234`).
 */
export function toZip(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const textValue = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' && (!Number.isSafeInteger(value) || value <= 0)) return null;
  const plus4 = /^(\d{5})-?\d{4}$/.exec(textValue);
  if (plus4) return plus4[1];
  if (/^\d{1,5}$/.test(textValue)) return textValue.padStart(5, '0');
  // An integer ZIP+4 whose leading zero was lost: 8 digits.
  if (typeof value === 'number' && /^\d{8}$/.test(textValue)) return `0${textValue}`.slice(0, 5);
  return null;
}

const US_STATES: Readonly<Record<string, string>> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  'district of columbia': 'DC',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
  'puerto rico': 'PR',
};

/** Two-letter upper-case state code from a code or a full US state name (Salesforce picklists hold either). */
export function toStateCode(value: string | null | undefined): string | null {
  const textValue = trimmed(value);
  if (!textValue) return null;
  if (/^[A-Za-z]{2}$/.test(textValue)) return textValue.toUpperCase();
  return US_STATES[textValue.toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

/** ISO 3166-1 alpha-2 from a code or the usual ways of writing the United States. */
export function toCountryCode(value: string | null | undefined): string | null {
  const textValue = trimmed(value);
  if (!textValue) return null;
  const word = textValue.toLowerCase().replace(/\./g, '');
  if (['us', 'usa', 'united states', 'united states of america'].includes(word)) return 'US';
  return /^[A-Za-z]{2}$/.test(textValue) ? textValue.toUpperCase() : null;
}

/** Non-null values without repeats (by value, so equal records collapse too), in order. */
function unique<T>(values: (T | null)[]): T[] {
  const seen = new Set<string>();
  return values.filter((value): value is T => {
    if (value === null) return false;
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- clients ----

/**
 * A Salesforce street is a text area: a second line (unit, suite) follows a line break.
 */
function streetLines(street: string | null | undefined): [string | null, string | null] {
  const lines = (street ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return [null, null];
  return [lines[0], lines.length > 1 ? lines.slice(1).join(', ') : null];
}

function mailingAddress(a: ClientAttributesWire): AddressModel | null {
  const [line1, line2] = streetLines(a.MailingStreet);
  const city = trimmed(a.MailingCity);
  const state = toStateCode(a.MailingState);
  const postalCode = toZip(a.MailingPostalCode);
  if (!line1 && !city && !state && !postalCode) return null;
  // (inferred) Mailing addresses of this US-only vendor carry no country: US unless stated.
  return {
    line1,
    line2,
    city,
    state,
    postalCode,
    country: toCountryCode(a.MailingCountry) ?? 'US',
  };
}

function otherAddress(a: ClientAttributesWire): AddressModel | null {
  const [line1, line2] = streetLines(a.OtherStreet);
  const city = trimmed(a.OtherCity);
  const country = toCountryCode(a.OtherCountry);
  const domestic = country === null || country === 'US';
  const state = domestic ? toStateCode(a.OtherState) : null;
  const postalCode = domestic ? toZip(a.OtherPostalCode) : trimmed(String(a.OtherPostalCode ?? ''));
  if (!line1 && !city && !state && !postalCode) return null;
  return { line1, line2, city, state, postalCode, country };
}

/**
 * ClientResource -> PersonRecordModel. Names come only from `attributes` (the resource has no
 * top-level names); the top-level `email` is listed before `attributes.Email`; phones from
 * `mobile_phone` and the attribute phones, in E.164; the integer SSN and ZIP get their leading
 * zeros back; `D_O_B__c` becomes an ISO date.
 */
export function toPersonRecord(client: ClientWire): PersonRecordModel {
  const a: ClientAttributesWire = client.attributes ?? {};
  const phones = [client.mobile_phone, a.MobilePhone, a.Phone, a.HomePhone].map((phone) =>
    phone ? normalizePhone(phone) : null,
  );
  const emails = [client.email, a.Email].map((email) => (email ? normalizeEmail(email) : null));
  return {
    ref: clientRef(client.id),
    firstName: trimmed(a.FirstName),
    middleName: trimmed(a.MiddleName),
    lastName: trimmed(a.LastName),
    emails: unique(emails),
    phones: unique(phones),
    dateOfBirth: toIsoDate(a.D_O_B__c),
    ssn: toSsn(client.ssn),
    addresses: unique([mailingAddress(a), otherAddress(a)]),
  };
}

// ---- search ----

/** What `findClients` looks for; several keys widen the search (OR). */
export interface ClientMatchInput {
  email?: string | null;
  phone?: string | null;
  lastName?: string | null;
  /** `YYYY-MM-DD`; only together with `lastName`. */
  dateOfBirth?: string | null;
  ssn?: string | null;
}

/** A match with every key normalised as records are. */
export interface NormalizedMatch {
  email: string | null;
  /** E.164. */
  phone: string | null;
  /** `NNN-NN-NNNN`. */
  ssn: string | null;
  /** Last name and date of birth, only as a pair. */
  nameAndBirth: { lastName: string; dateOfBirth: string } | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * Validates and normalises a match. Field problems name our input (`match.email`, ...) and never
 * repeat the value.
 */
export function normalizeMatch(match: ClientMatchInput): Checked<NormalizedMatch> {
  const problems: FieldProblem[] = [];
  const at = (field: string): string[] => ['match', field];
  const given = (value: string | null | undefined): value is string =>
    typeof value === 'string' && value.trim() !== '';

  const email = given(match.email) ? normalizeEmail(match.email) : null;
  if (given(match.email) && !email)
    problems.push({ path: at('email'), message: 'is not an email address' });
  const phone = given(match.phone) ? normalizePhone(match.phone) : null;
  if (given(match.phone) && !phone)
    problems.push({ path: at('phone'), message: 'is not a phone number' });
  const ssn = given(match.ssn) ? normalizeSsn(match.ssn) : null;
  if (given(match.ssn) && !ssn)
    problems.push({ path: at('ssn'), message: 'is not a valid SSN (NNN-NN-NNNN)' });

  let nameAndBirth: NormalizedMatch['nameAndBirth'] = null;
  const lastName = given(match.lastName) ? match.lastName.trim() : null;
  const dateOfBirth = given(match.dateOfBirth) ? normalizeIsoDate(match.dateOfBirth) : null;
  if (given(match.dateOfBirth) && !dateOfBirth)
    problems.push({ path: at('dateOfBirth'), message: 'is not a date (YYYY-MM-DD)' });
  if (lastName && dateOfBirth) nameAndBirth = { lastName, dateOfBirth };
  else if (lastName && !given(match.dateOfBirth))
    problems.push({ path: at('dateOfBirth'), message: 'is required together with lastName' });
  else if (given(match.dateOfBirth) && !lastName)
    problems.push({ path: at('lastName'), message: 'is required together with dateOfBirth' });

  if (problems.length > 0) return { ok: false, problems };
  if (!email && !phone && !ssn && !nameAndBirth)
    return {
      ok: false,
      problems: [
        {
          path: ['match'],
          message: 'give an email, a phone, an SSN, or lastName with dateOfBirth',
        },
      ],
    };
  return { ok: true, value: { email, phone, ssn, nameAndBirth } };
}

/** The client fields that hold phone numbers, as stored (free format). */
const PHONE_FIELDS = ['mobile_phone', 'MobilePhone', 'Phone', 'HomePhone'] as const;

/**
 * Fragments every usual format of a phone contains: area code, exchange and line of a NANP
 * number (`(617) 555-0142`, `617.555.0142`, `+16175550142` all contain `617`, `555`, `0142`),
 * else the last four digits.
 */
export function phoneFragments(e164: string): string[] {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? [nanp[1], nanp[2], nanp[3]] : [e164.slice(-4)];
}

const rule = (field: string, operator: RuleWire['operator'], value: string): RuleWire => ({
  field,
  operator,
  value,
});

const group = (combinator: 'AND' | 'OR', rules: RuleGroupWire['rules']): RuleGroupWire => ({
  combinator,
  not: 0,
  rules,
});

/** `POST /clients/search` body OR-ing one `id =` rule per id (the vendor has no `in` operator). */
export function idSearchBody(ids: readonly string[]): ClientSearchBodyWire {
  return {
    combinator: 'AND',
    conditions: group(
      'OR',
      ids.map((id) => rule('id', '=', id)),
    ),
  };
}

/**
 * `POST /clients/search` body for a match: an OR of
 * - `email` or `Email` equal (the vendor compares without case);
 * - for each phone field, a group requiring every fragment of the number (`contains`, since
 *   phones are stored as typed and `=` would miss formatted variants);
 * - `ssn` equal to the integer the vendor stores;
 * - `LastName` equal and `D_O_B__c` equal.
 * The vendor's answer is a superset; `matchesClient` keeps the exact matches.
 */
export function matchSearchBody(match: NormalizedMatch): ClientSearchBodyWire {
  const alternatives: RuleGroupWire['rules'] = [];
  if (match.email) {
    alternatives.push(
      group('OR', [rule('email', '=', match.email), rule('Email', '=', match.email)]),
    );
  }
  if (match.phone) {
    const fragments = phoneFragments(match.phone);
    alternatives.push(
      group(
        'OR',
        PHONE_FIELDS.map((field) =>
          group(
            'AND',
            fragments.map((fragment) => rule(field, 'contains', fragment)),
          ),
        ),
      ),
    );
  }
  if (match.ssn) {
    alternatives.push(rule('ssn', '=', String(Number.parseInt(match.ssn.replace(/-/g, ''), 10))));
  }
  if (match.nameAndBirth) {
    alternatives.push(
      group('AND', [
        rule('LastName', '=', match.nameAndBirth.lastName),
        rule('D_O_B__c', '=', match.nameAndBirth.dateOfBirth),
      ]),
    );
  }
  return { combinator: 'AND', conditions: group('OR', alternatives) };
}

/** Whether a record matches at least one key of the match exactly (after normalisation). */
export function matchesClient(record: PersonRecordModel, match: NormalizedMatch): boolean {
  if (match.email && record.emails.includes(match.email)) return true;
  if (match.phone && record.phones.includes(match.phone)) return true;
  if (match.ssn && record.ssn === match.ssn) return true;
  if (match.nameAndBirth) {
    const { lastName, dateOfBirth } = match.nameAndBirth;
    if (
      record.dateOfBirth === dateOfBirth &&
      record.lastName !== null &&
      record.lastName.toLowerCase() === lastName.toLowerCase()
    )
      return true;
  }
  return false;
}

// ---- updates ----

/** A change to a client, in our terms. Absent fields stay as they are. */
export interface ClientUpdateInput {
  firstName?: string;
  /** null clears it. */
  middleName?: string | null;
  lastName?: string;
  email?: string;
  phone?: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  /** `NNN-NN-NNNN` or nine digits. */
  ssn?: string;
  mailingAddress?: {
    line1: string;
    line2?: string | null;
    city: string;
    /** Two-letter code. */
    state: string;
    /** `NNNNN` or `NNNNN-NNNN`. */
    postalCode: string;
  };
}

/** Our input path of each vendor field of the update body (for 422 field errors). */
export const UPDATE_FIELD_MAP: Readonly<Record<string, string[]>> = {
  email: ['input', 'email'],
  mobile_phone: ['input', 'phone'],
  ssn: ['input', 'ssn'],
  attributes: ['input'],
  'attributes.FirstName': ['input', 'firstName'],
  'attributes.MiddleName': ['input', 'middleName'],
  'attributes.LastName': ['input', 'lastName'],
  'attributes.Email': ['input', 'email'],
  'attributes.MobilePhone': ['input', 'phone'],
  'attributes.D_O_B__c': ['input', 'dateOfBirth'],
  'attributes.MailingStreet': ['input', 'mailingAddress', 'line1'],
  'attributes.MailingCity': ['input', 'mailingAddress', 'city'],
  'attributes.MailingState': ['input', 'mailingAddress', 'state'],
  'attributes.MailingPostalCode': ['input', 'mailingAddress', 'postalCode'],
};

/**
 * Validates an update and builds the vendor body: email lower-cased, phone in E.164, SSN as nine
 * digits (a string, as the update takes it), the date as `YYYY-MM-DD`, the street's second line
 * after a line break, the ZIP as the integer the doc types it as.
 */
export function toClientUpdateBody(input: ClientUpdateInput): Checked<ClientUpdateBodyWire> {
  const problems: FieldProblem[] = [];
  const body: ClientUpdateBodyWire = {};
  const attributes: NonNullable<ClientUpdateBodyWire['attributes']> = {};
  const at = (...path: string[]): string[] => ['input', ...path];

  const name = (field: 'firstName' | 'lastName', key: 'FirstName' | 'LastName'): void => {
    const value = input[field];
    if (value === undefined) return;
    const textValue = value.trim();
    if (textValue === '' || textValue.length > 255)
      problems.push({ path: at(field), message: 'must be 1 to 255 characters' });
    else attributes[key] = textValue;
  };
  name('firstName', 'FirstName');
  name('lastName', 'LastName');
  if (input.middleName !== undefined) {
    const middle = input.middleName === null ? null : input.middleName.trim() || null;
    if (middle !== null && middle.length > 255)
      problems.push({ path: at('middleName'), message: 'must be at most 255 characters' });
    else attributes.MiddleName = middle;
  }
  if (input.email !== undefined) {
    const email = normalizeEmail(input.email);
    if (email) body.email = email;
    else problems.push({ path: at('email'), message: 'is not an email address' });
  }
  if (input.phone !== undefined) {
    const phone = normalizePhone(input.phone);
    if (phone && /^\+1\d{10}$/.test(phone)) body.mobile_phone = phone;
    else problems.push({ path: at('phone'), message: 'is not a US phone number' });
  }
  if (input.ssn !== undefined) {
    const ssn = normalizeSsn(input.ssn);
    if (ssn) body.ssn = ssn.replace(/-/g, '');
    else problems.push({ path: at('ssn'), message: 'is not a valid SSN (NNN-NN-NNNN)' });
  }
  if (input.dateOfBirth !== undefined) {
    const date = normalizeIsoDate(input.dateOfBirth);
    if (date) attributes.D_O_B__c = date;
    else problems.push({ path: at('dateOfBirth'), message: 'is not a date (YYYY-MM-DD)' });
  }
  if (input.mailingAddress !== undefined) {
    const { line1, line2, city, state, postalCode } = input.mailingAddress;
    const street = [line1.trim(), line2?.trim() ?? ''].filter((line) => line !== '').join('\n');
    if (line1.trim() === '')
      problems.push({ path: at('mailingAddress', 'line1'), message: 'is required' });
    if (city.trim() === '')
      problems.push({ path: at('mailingAddress', 'city'), message: 'is required' });
    const stateCode = toStateCode(state);
    if (!stateCode)
      problems.push({ path: at('mailingAddress', 'state'), message: 'is not a US state code' });
    const zip = /^(\d{5})(?:-\d{4})?$/.exec(postalCode.trim());
    if (!zip)
      problems.push({ path: at('mailingAddress', 'postalCode'), message: 'is not a ZIP code' });
    if (stateCode && zip && line1.trim() !== '' && city.trim() !== '') {
      attributes.MailingStreet = street;
      attributes.MailingCity = city.trim();
      attributes.MailingState = stateCode;
      attributes.MailingPostalCode = Number.parseInt(zip[1], 10);
    }
  }
  if (Object.keys(attributes).length > 0) body.attributes = attributes;
  if (problems.length > 0) return { ok: false, problems };
  if (Object.keys(body).length === 0)
    return { ok: false, problems: [{ path: ['input'], message: 'has nothing to change' }] };
  return { ok: true, value: body };
}

/**
 * Our wording for a vendor validation message, so no vendor text (which names the vendor's
 * fields and may quote values) reaches a client.
 */
export function describeVendorProblem(message: string): string {
  if (/already been taken|already exists|unique/i.test(message)) return 'is already in use';
  if (/required/i.test(message)) return 'is required';
  if (/before today|in the past|date before/i.test(message)) return 'must be in the past';
  if (/prohibited|not allowed|cannot be changed/i.test(message)) return 'cannot be changed';
  return 'was rejected as invalid';
}

/** A 422 body -> field problems by vendor field name, in our wording. */
export function readValidationErrors(body: ErrorBodyWire): { field: string; message: string }[] {
  return Object.entries(body.errors ?? {}).map(([field, messages]) => ({
    field,
    message: describeVendorProblem(Array.isArray(messages) ? (messages[0] ?? '') : messages),
  }));
}

// ---- credit reports ----

const BUREAU_NAMES: Readonly<Record<string, BureauModel>> = {
  efx: 'EQUIFAX',
  eq: 'EQUIFAX',
  eqf: 'EQUIFAX',
  equifax: 'EQUIFAX',
  array_equifax: 'EQUIFAX',
  eq_code: 'EQUIFAX',
  exp: 'EXPERIAN',
  xpn: 'EXPERIAN',
  ex: 'EXPERIAN',
  experian: 'EXPERIAN',
  array_experian: 'EXPERIAN',
  ex_code: 'EXPERIAN',
  tu: 'TRANSUNION',
  tuc: 'TRANSUNION',
  transunion: 'TRANSUNION',
  'trans union': 'TRANSUNION',
  array_transunion: 'TRANSUNION',
  tu_code: 'TRANSUNION',
};

/**
 * A bureau from any of the vendor's vocabularies: master-schema codes (`EFX`, `EXP`, `TU`, also
 * `XPN`), display names (`Equifax`, `TransUnion`), path values (`experian`), KBA providers
 * (`array_equifax`) and claim-code columns (`tu_code`). The code is tried first, then `vendor`.
 */
export function toBureau(...candidates: (string | null | undefined)[]): BureauModel | null {
  for (const candidate of candidates) {
    const key = candidate?.trim().toLowerCase().replace(/-/g, ' ');
    if (key && BUREAU_NAMES[key]) return BUREAU_NAMES[key];
  }
  return null;
}

/** Scores of any model the bureaus sell lie in this range (FICO industry scores: 250-900). */
const SCORE_RANGE = { min: 250, max: 900 };

function asScore(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n >= SCORE_RANGE.min && n <= SCORE_RANGE.max ? n : null;
}

/**
 * The score in a master schema's `content`, whose shape is undocumented: the first item of
 * `content.items` with `section: "score"` and an integer `value` (or `score`) in range. Content
 * may also arrive as JSON text. Null when absent (the usual case).
 */
export function scoreFromContent(content: unknown): number | null {
  let value = content;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const items = (value as { items?: unknown }).items;
  if (!Array.isArray(items)) return null;
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    if (typeof record.section !== 'string' || record.section.toLowerCase() !== 'score') continue;
    const score = asScore(record.value) ?? asScore(record.score);
    if (score !== null) return score;
  }
  return null;
}

/** The current rating code of an item, under the vendor's misspelled key or the corrected one. */
export function currentRatingCode(item: NegativeItemWire): string | null {
  return trimmed(item.current_rateing_code) ?? trimmed(item.current_rating_code);
}

/**
 * The last four characters of an account number, without separators or masking (`*`): the
 * bureaus mask the rest (`XXXXXXXXXXXX1234`). Null when no digit is among them (fully masked).
 */
export function accountNumberLast4(accountNumber: string | null | undefined): string | null {
  const characters = (accountNumber ?? '').replace(/[^A-Za-z0-9]/g, '');
  const last4 = characters.slice(-4);
  return /\d/.test(last4) ? last4 : null;
}

/**
 * Negative Item -> TradelineModel. Status is the account status, else the current rating (type,
 * then the code under its misspelled key); the balance is `credit_balance`, else the unpaid
 * balance; only the last four characters of the account number are kept.
 */
export function toTradeline(item: NegativeItemWire): TradelineModel {
  return {
    creditorName: trimmed(item.account_name),
    accountType:
      trimmed(item.account_type) ?? trimmed(item.loan_type) ?? trimmed(item.credit_loan_type),
    accountNumberLast4: accountNumberLast4(item.account_number),
    status:
      trimmed(item.account_status) ?? trimmed(item.current_rating_type) ?? currentRatingCode(item),
    balance: toMoney(item.credit_balance) ?? toMoney(item.unpaid_balance_amount),
    pastDue: toMoney(item.past_due_amount),
    openedDate: toIsoDate(item.opened_date),
    reportedDate: toIsoDate(item.reported_date),
    chargedOff: toFlag(item.is_charge_off),
    inCollection: toFlag(item.is_collection),
  };
}

/** The id of the client a master schema belongs to: its embedded client, else `CLIENT_<id>` (inferred). */
export function subjectIdOf(schema: MasterSchemaWire): string | null {
  if (schema.client) return String(schema.client.id);
  const key = /^CLIENT_(\d+)$/.exec(schema.internal_client_key?.trim() ?? '');
  return key ? key[1] : null;
}

function reportKeys(reportId: string | null | undefined): { exact: string; digits: string } | null {
  const exact = trimmed(reportId);
  if (!exact) return null;
  return { exact, digits: exact.replace(/\D/g, '') };
}

/**
 * Groups negative items by the master schema they were taken from, through `report_id`: the
 * exact text, else its digits (the doc has `RPT_789` in responses but an integer in filters).
 * Items of no listed schema are left out and counted.
 */
export function groupItemsByReport(
  schemas: readonly MasterSchemaWire[],
  items: readonly NegativeItemWire[],
): { bySchemaId: Map<number, NegativeItemWire[]>; unmatched: number } {
  const byExact = new Map<string, number>();
  const byDigits = new Map<string, number>();
  for (const schema of schemas) {
    const keys = reportKeys(schema.report_id);
    if (!keys) continue;
    byExact.set(keys.exact, schema.id);
    if (keys.digits) byDigits.set(keys.digits, schema.id);
  }
  const bySchemaId = new Map<number, NegativeItemWire[]>(schemas.map((s) => [s.id, []]));
  let unmatched = 0;
  for (const item of items) {
    const keys = reportKeys(item.report_id);
    const schemaId = keys
      ? (byExact.get(keys.exact) ?? (keys.digits ? byDigits.get(keys.digits) : undefined))
      : undefined;
    const list = schemaId === undefined ? undefined : bySchemaId.get(schemaId);
    if (list) list.push(item);
    else unmatched += 1;
  }
  return { bySchemaId, unmatched };
}

/**
 * Master schema (+ its negative items) -> CreditReportModel; null when the bureau cannot be
 * told. The score comes from `content` when the schema carries it (single reads), else null.
 */
export function toCreditReport(
  schema: MasterSchemaWire,
  subjectId: string,
  items: readonly NegativeItemWire[],
): CreditReportModel | null {
  const bureau = toBureau(schema.bureau, schema.vendor);
  if (!bureau) return null;
  return {
    ref: { vendor: VENDOR, id: String(schema.id) },
    subject: clientRef(subjectId),
    bureau,
    reportDate: toIsoDate(schema.report_date),
    score: scoreFromContent(schema.content),
    negativeItems: items.map(toTradeline),
  };
}

/** Newest report first (by report date, then by id); reports without a date last. */
export function newestFirst(a: CreditReportModel, b: CreditReportModel): number {
  const byDate = (b.reportDate ?? '').localeCompare(a.reportDate ?? '');
  return byDate !== 0 ? byDate : Number(b.ref.id) - Number(a.ref.id);
}
