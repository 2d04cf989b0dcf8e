import type {
  AddressModel,
  ApplicationActionModel,
  ApplicationModel,
  ApplicationStateModel,
  MoneyModel,
  PersonRecordModel,
  VendorRefModel,
} from '../../src/domain/models';
import {
  normalizeEmail,
  normalizeIsoDate,
  normalizePhone,
  normalizeSsn,
} from '../../src/domain/normalize';
import type { FieldProblem } from '../../src/errors';
import type { VendorErrorReading } from '../http';
import type {
  ApplicationPatchInput,
  ApplicationRead,
  ApplicationSummaryModel,
  CreateApplicationInput,
  EnrollmentRead,
  EnrollmentSummaryModel,
} from './models';
import type {
  WireAddress,
  WireApplicant,
  WireApplication,
  WireApplicationSummary,
  WireCreateApplication,
  WireEnrollment,
  WireLinks,
  WireMoney,
  WirePatchApplication,
  WirePerson,
  WirePhone,
  WireProblem,
  WireSummary,
} from './wire';
import { wireErrorResponse } from './wire';

/**
 * Pure mapping between Apiture's wire shapes and the gateway's domain models, in both
 * directions. No I/O, no clock, no randomness: the same input always gives the same output.
 */

export const VENDOR = 'APITURE' as const;

/** `ApplicationModel.kind` of every Apiture application. */
export const APPLICATION_KIND = 'BANK_ACCOUNT';

/** Base used only to parse root-relative hrefs; never sent anywhere. */
const RELATIVE_BASE = 'http://relative.invalid';

// ---------------------------------------------------------------------------------------------
// Scalars

function clean(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** An ISO 8601 date-time normalised to UTC with milliseconds (`2018-12-13T11:01:41.375Z`), or null. */
export function toDateTime(value: string | null | undefined): string | null {
  const text = clean(value);
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Money (§1.6): the amount stays a decimal string with at least two decimals (`1500` ->
 * `1500.00`; extra digits are kept, never rounded); the currency is upper-cased. Apiture is a US
 * banking platform, so a missing currency reads as `USD` (inferred). Null when unreadable.
 */
export function toMoney(value: WireMoney | null | undefined): MoneyModel | null {
  if (!value) return null;
  const raw = typeof value.value === 'number' ? String(value.value) : value.value.trim();
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(raw);
  if (!match) return null;
  const currency = (clean(value.currency) ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return { amount: `${match[1]}.${fraction}`, currency };
}

/**
 * A US ZIP as five digits: ZIP+4 (`28401-5405`, `284015405`) loses its extension and a ZIP that
 * lost its leading zeros (`2108`) gets them back. Other postal codes are kept, trimmed.
 */
export function toPostalCode(
  value: string | null | undefined,
  country: string | null,
): string | null {
  const text = clean(value);
  if (!text) return null;
  const us = country === null || country === 'US';
  const zip = /^(\d{5})(?:-?\d{4})?$/.exec(text);
  if (zip && us) return zip[1];
  if (/^\d{1,4}$/.test(text) && us) return text.padStart(5, '0');
  return text.toUpperCase();
}

/**
 * Entity tag as received, in canonical form: quoted, with an upper-case `W/` when weak. Vendors
 * and proxies differ (`"abc"`, `W/"abc"`, `w/"abc"`, bare `abc`); null when absent or empty.
 */
export function normalizeEtag(header: string | readonly string[] | undefined): string | null {
  const text = (typeof header === 'string' ? header : header?.[0])?.trim();
  if (!text) return null;
  const weak = /^W\//i.test(text);
  const opaque = text.replace(/^W\//i, '').trim();
  if (opaque === '') return null;
  const quoted = /^".*"$/.test(opaque) ? opaque : `"${opaque.replace(/"/g, '')}"`;
  return weak ? `W/${quoted}` : quoted;
}

/**
 * The `If-Match` value for a tag: its strong form. `If-Match` compares strongly (RFC 9110
 * 13.1.1), so a weak tag never matches; a tag arrives weak when an intermediary re-encoded the
 * body, while the origin still holds the strong tag.
 */
export function ifMatchOf(etag: string): string {
  return etag.replace(/^W\//i, '');
}

// ---------------------------------------------------------------------------------------------
// Links and ids

/** The path of an href, absolute or root-relative; null when it cannot be parsed. */
function pathOf(href: string): string | null {
  try {
    return new URL(href, RELATIVE_BASE).pathname;
  } catch {
    return null;
  }
}

/** The last segment of `href` when its path ends in `/<collection>/<id>`. */
export function idFromHref(href: string | null | undefined, collection: RegExp): string | null {
  if (!href) return null;
  const path = pathOf(href);
  if (!path) return null;
  const match = new RegExp(`/${collection.source}/([^/]+)/?$`).exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

const CONTACTS = /contacts\/contacts/;
/** `/users/users/{id}`; the create example's `/users/user/{id}` (quirk 15) is a user too. */
const USERS = /users\/users?/;
const APPLICATIONS = /applications/;
const ENROLLMENTS = /enrollments/;

/**
 * The contact id of a contact object: from its `self` link (`/contacts/contacts/{id}`), else its
 * `_id`. A `self` link to a user (quirk 15) means the object is no contact.
 */
export function contactIdOf(contact: WirePerson | null | undefined): string | null {
  if (!contact) return null;
  const self = contact._links['self']?.href;
  const fromHref = idFromHref(self, CONTACTS);
  if (fromHref) return fromHref;
  if (self && idFromHref(self, USERS)) return null;
  return clean(contact._id);
}

/** The user id of a user object (`self` link, else `_id`), or of a contact whose `self` is a user URI. */
function userIdOf(person: WirePerson | null | undefined): string | null {
  if (!person) return null;
  const self = person._links['self']?.href;
  return idFromHref(self, USERS) ?? (self && idFromHref(self, CONTACTS) ? null : clean(person._id));
}

/** The page offset of a `next` link, or null on the last page (also when the link would not advance). */
export function nextStartOf(
  links: WireLinks,
  currentStart: number,
  itemCount: number,
): number | null {
  const next = links['next']?.href;
  if (!next) return null;
  let start: number | null = null;
  try {
    const value = new URL(next, RELATIVE_BASE).searchParams.get('start');
    start = value !== null && /^\d+$/.test(value) ? Number(value) : null;
  } catch {
    start = null;
  }
  const resolved = start ?? currentStart + itemCount;
  return resolved > currentStart ? resolved : null;
}

// ---------------------------------------------------------------------------------------------
// State machine (§4.1)

export interface ActionRule {
  /** Link relation that advertises the action while it is allowed. */
  rel: string;
  /** Action endpoint below the base path; the target goes in `?application=`. */
  path: string;
  target: ApplicationStateModel;
  /** States the action changes; in `target` already it is a no-op. */
  from: readonly ApplicationStateModel[];
}

const LIVE: readonly ApplicationStateModel[] = ['RUNNING', 'BLOCKED'];

export const ACTION_RULES: Readonly<Record<ApplicationActionModel, ActionRule>> = {
  APPROVE: {
    rel: 'apiture:approve',
    path: '/approvedApplications',
    target: 'APPROVED',
    from: LIVE,
  },
  REJECT: { rel: 'apiture:reject', path: '/rejectedApplications', target: 'REJECTED', from: LIVE },
  CANCEL: { rel: 'apiture:cancel', path: '/canceledApplications', target: 'CANCELED', from: LIVE },
  EXPIRE: { rel: 'apiture:expire', path: '/expiredApplications', target: 'EXPIRED', from: LIVE },
  START: {
    rel: 'apiture:start',
    path: '/runningApplications',
    target: 'RUNNING',
    from: ['BLOCKED'],
  },
};

const ACTION_ORDER: readonly ApplicationActionModel[] = [
  'APPROVE',
  'REJECT',
  'CANCEL',
  'EXPIRE',
  'START',
];

/** Wire state (any case) to the model; the wire schema admits only the declared enum. */
export function toApplicationState(state: string): ApplicationStateModel {
  const upper = state.trim().toUpperCase();
  switch (upper) {
    case 'PENDING':
    case 'RUNNING':
    case 'BLOCKED':
    case 'CANCELED':
    case 'EXPIRED':
    case 'REJECTED':
    case 'APPROVED':
      return upper;
    default:
      throw new RangeError('not an Apiture application state');
  }
}

/** The actions advertised by the HAL action links present (`apiture:approve`, ...), in a fixed order. */
export function availableActionsOf(links: WireLinks): ApplicationActionModel[] {
  return ACTION_ORDER.filter((action) => links[ACTION_RULES[action].rel] !== undefined);
}

export type TransitionOutcome = 'change' | 'noop' | 'forbidden';

/**
 * What `action` would do to an application in `state` with `advertised` action links: a no-op
 * in the target state already (the vendor answers 200 unchanged), a change when the link is
 * present or, as the reference's own examples carry no action links, when the documented state
 * machine allows it; forbidden otherwise (the vendor would answer 409).
 */
export function transitionOutcome(
  state: ApplicationStateModel,
  action: ApplicationActionModel,
  advertised: readonly ApplicationActionModel[],
): TransitionOutcome {
  const rule = ACTION_RULES[action];
  if (state === rule.target) return 'noop';
  if (advertised.includes(action) || rule.from.includes(state)) return 'change';
  return 'forbidden';
}

// ---------------------------------------------------------------------------------------------
// People

function uniq<T>(values: Iterable<T>, key: (value: T) => string = String): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const value of values) {
    const k = key(value);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(value);
  }
  return out;
}

/** Items with the preferred one first, the rest in vendor order. */
function preferredFirst<T extends { _id?: string | null }>(
  items: readonly T[],
  preferredId: string | null | undefined,
): T[] {
  const index = preferredId ? items.findIndex((item) => item._id === preferredId) : -1;
  return index <= 0
    ? [...items]
    : [items[index], ...items.slice(0, index), ...items.slice(index + 1)];
}

/** Emails of a contact (`value`) or a user (`number`, quirk 20); whichever field holds an email wins. */
function emailsOf(person: WirePerson | null | undefined): string[] {
  if (!person) return [];
  return preferredFirst(person.emailAddresses, person.preferredEmailAddressId)
    .map((item) => normalizeEmail(item.value ?? '') ?? normalizeEmail(item.number ?? ''))
    .filter((email): email is string => email !== null);
}

/** Phones of a contact or user from `phones[]` and `phoneNumbers[]` (quirk 23), in E.164. */
function phonesOf(person: WirePerson | null | undefined): string[] {
  if (!person) return [];
  const items: WirePhone[] = [...person.phones, ...person.phoneNumbers];
  return preferredFirst(items, person.preferredPhoneId)
    .map((item) => (item.number ? normalizePhone(item.number) : null))
    .filter((phone): phone is string => phone !== null);
}

/** A clear tax id as `NNN-NN-NNNN`; masked values (`*****3333`) give null. */
function ssnOf(person: WirePerson | null | undefined): string | null {
  const taxId = person?.identification.find((item) => item.type?.toLowerCase() === 'taxid');
  return taxId?.value ? normalizeSsn(taxId.value) : null;
}

/** `YYYY-MM-DD`; a date-time is cut to its date. */
function birthdateOf(person: WirePerson | null | undefined): string | null {
  const text = clean(person?.birthdate);
  return text ? normalizeIsoDate(text.slice(0, 10)) : null;
}

export function toAddress(address: WireAddress): AddressModel | null {
  const country = clean(address.countryCode)?.toUpperCase() ?? null;
  const model: AddressModel = {
    line1: clean(address.addressLine1),
    line2: clean(address.addressLine2),
    city: clean(address.city),
    state: clean(address.regionCode)?.toUpperCase() ?? null,
    postalCode: toPostalCode(address.postalCode, country),
    country,
  };
  return Object.values(model).some((value) => value !== null) ? model : null;
}

function addressesOf(person: WirePerson | null | undefined): AddressModel[] {
  if (!person) return [];
  return preferredFirst(person.addresses, person.preferredMailingAddressId)
    .map(toAddress)
    .filter((address): address is AddressModel => address !== null);
}

function firstText(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const text = clean(value);
    if (text) return text;
  }
  return null;
}

export interface PersonParts {
  contact?: WirePerson | null;
  user?: WirePerson | null;
  /** A contact URI known from elsewhere (an enrollment's `apiture:contact` link). */
  contactHref?: string | null;
}

/**
 * One applicant (contact and/or user of §6.8) as a person record. `ref.id` is
 * `contact:<contact id>` (the key of `GET /applications?applicant=`), taken from the contact, the
 * user's `apiture:contact` link or `contactHref`; without any, `user:<user id>`; null when neither
 * can be told. Contact values come first, user values fill the gaps and extend the lists.
 */
export function toPersonRecord(parts: PersonParts): PersonRecordModel | null {
  const { contact, user } = parts;
  const contactId =
    contactIdOf(contact) ??
    idFromHref(user?._links['apiture:contact']?.href, CONTACTS) ??
    idFromHref(parts.contactHref, CONTACTS);
  const userId =
    userIdOf(user) ?? (contact ? idFromHref(contact._links['self']?.href, USERS) : null);
  const refId = contactId ? `contact:${contactId}` : userId ? `user:${userId}` : null;
  if (!refId) return null;
  return {
    ref: { vendor: VENDOR, id: refId },
    firstName: firstText(contact?.firstName, user?.firstName),
    middleName: firstText(contact?.middleName, user?.middleName),
    lastName: firstText(contact?.lastName, user?.lastName),
    emails: uniq([...emailsOf(contact), ...emailsOf(user)]),
    phones: uniq([...phonesOf(contact), ...phonesOf(user)]),
    dateOfBirth: birthdateOf(contact) ?? birthdateOf(user),
    ssn: ssnOf(contact) ?? ssnOf(user),
    addresses: uniq([...addressesOf(contact), ...addressesOf(user)], (a) => JSON.stringify(a)),
  };
}

/** Two records of the same person: scalars from `a` unless missing, lists united (a's first). */
export function mergePersonRecords(a: PersonRecordModel, b: PersonRecordModel): PersonRecordModel {
  return {
    ref: a.ref,
    firstName: a.firstName ?? b.firstName,
    middleName: a.middleName ?? b.middleName,
    lastName: a.lastName ?? b.lastName,
    emails: uniq([...a.emails, ...b.emails]),
    phones: uniq([...a.phones, ...b.phones]),
    dateOfBirth: a.dateOfBirth ?? b.dateOfBirth,
    ssn: a.ssn ?? b.ssn,
    addresses: uniq([...a.addresses, ...b.addresses], (address) => JSON.stringify(address)),
  };
}

/** Records keyed by `ref.id`, same-person records merged, first-seen order kept. */
export function dedupePersonRecords(records: Iterable<PersonRecordModel>): PersonRecordModel[] {
  const byRef = new Map<string, PersonRecordModel>();
  for (const record of records) {
    const seen = byRef.get(record.ref.id);
    byRef.set(record.ref.id, seen ? mergePersonRecords(seen, record) : record);
  }
  return [...byRef.values()];
}

// ---------------------------------------------------------------------------------------------
// Applications

/** The primary applicant: role `primaryUser`, else the first. */
function primaryApplicant(applicants: readonly WireApplicant[]): WireApplicant | undefined {
  return applicants.find((a) => a.role?.name === 'primaryUser') ?? applicants[0];
}

/** Applicants with the primary one first. */
function orderedApplicants(applicants: readonly WireApplicant[]): WireApplicant[] {
  const primary = primaryApplicant(applicants);
  return primary ? [primary, ...applicants.filter((a) => a !== primary)] : [];
}

export function toApplication(wire: WireApplication): ApplicationModel {
  const contactId = contactIdOf(primaryApplicant(wire.applicants)?.contact);
  const subject: VendorRefModel | null = contactId
    ? { vendor: VENDOR, id: `contact:${contactId}` }
    : null;
  return {
    ref: { vendor: VENDOR, id: wire._id },
    kind: APPLICATION_KIND,
    state: toApplicationState(wire.state),
    productName: firstText(wire.productName, wire.products[0]?.name),
    createdAt: toDateTime(wire.createdAt),
    // `updatedAt` is not in the reference; a completed application last changed when it completed.
    updatedAt: toDateTime(wire.updatedAt) ?? toDateTime(wire.completedAt),
    availableActions: availableActionsOf(wire._links),
    subject,
  };
}

/** Person records of the applicants the application embeds, primary first. */
export function applicantsOf(wire: WireApplication): PersonRecordModel[] {
  return dedupePersonRecords(
    orderedApplicants(wire.applicants)
      .map((a) => toPersonRecord({ contact: a.contact, user: a.user }))
      .filter((record): record is PersonRecordModel => record !== null),
  );
}

export function toApplicationRead(wire: WireApplication, etag: string | null): ApplicationRead {
  return {
    application: toApplication(wire),
    etag,
    applicants: applicantsOf(wire),
    fundingAmount: toMoney(wire.fundingAmount),
  };
}

/**
 * A collection item, or null when it cannot be addressed. The id comes from the `self` link,
 * which is what a GET reaches; `_id` is the fallback (quirk 13: the reference's example gives two
 * items the same `_id` but different `self` links).
 */
export function toApplicationSummary(wire: WireApplicationSummary): ApplicationSummaryModel | null {
  const id = idFromHref(wire._links['self']?.href, APPLICATIONS) ?? clean(wire._id);
  if (!id) return null;
  return {
    ref: { vendor: VENDOR, id },
    name: clean(wire.name),
    state: toApplicationState(wire.state),
  };
}

// ---------------------------------------------------------------------------------------------
// Enrollments

/**
 * The applicant's contact URI from the enrollment's links: `apiture:contact`, or (quirk 18, the
 * reference shows only placeholder relations) any link titled `Applicant` that is a contact URI.
 */
function enrollmentContactHref(links: WireLinks): string | null {
  const named = links['apiture:contact']?.href;
  if (named) return named;
  const titled = Object.values(links).find(
    (link) => link.title === 'Applicant' && idFromHref(link.href, CONTACTS) !== null,
  );
  return titled?.href ?? null;
}

export function toEnrollmentRead(wire: WireEnrollment, etag: string | null): EnrollmentRead {
  // Quirk 24: `applicant` and `applicants[0]` are the same person; either may be missing.
  const applicant = wire.applicant ?? wire.applicants[0] ?? null;
  const contactHref = enrollmentContactHref(wire._links);
  return {
    enrollmentId: wire._id,
    state: wire.state.trim().toUpperCase(),
    applicant:
      applicant || contactHref
        ? toPersonRecord({ contact: applicant?.contact, user: applicant?.user, contactHref })
        : null,
    etag,
    updatedAt: toDateTime(wire.updatedAt) ?? toDateTime(wire.completedAt),
  };
}

export function toEnrollmentSummary(wire: WireSummary): EnrollmentSummaryModel | null {
  const id = idFromHref(wire._links['self']?.href, ENROLLMENTS) ?? clean(wire._id);
  if (!id) return null;
  return { enrollmentId: id, name: clean(wire.name), state: wire.state.trim().toUpperCase() };
}

// ---------------------------------------------------------------------------------------------
// Requests

/**
 * The `filter` expression of a list (the grammar is not in the reference, §3.3; this is the
 * functional notation the sandbox implements, inferred): `eq(state,running)`,
 * `ge(updatedAt,<ISO>)` (`updatedAt` is an inferred extension), joined with `and(...)`.
 */
export function listFilterOf(options: {
  state?: ApplicationStateModel;
  updatedSinceIso?: string | null;
}): string | undefined {
  const terms: string[] = [];
  if (options.state) terms.push(`eq(state,${options.state.toLowerCase()})`);
  if (options.updatedSinceIso) terms.push(`ge(updatedAt,${options.updatedSinceIso})`);
  if (terms.length === 0) return undefined;
  return terms.length === 1 ? terms[0] : `and(${terms.join(',')})`;
}

/**
 * The contact id of a contact id or of a person ref id (`contact:<id>`); null for a `user:<id>`
 * ref, which no Apiture filter accepts (`?applicant=` takes contact URIs only, §3.3).
 */
export function contactIdOfRef(value: string): string | null {
  const text = value.trim();
  if (text.startsWith('user:')) return null;
  const id = text.startsWith('contact:') ? text.slice('contact:'.length) : text;
  return id === '' ? null : id;
}

/** Contact URI (root-relative, §3.1) as `?applicant=` and create bodies expect it. */
export function contactUri(contactId: string): string {
  return `/contacts/contacts/${encodeURIComponent(contactId)}`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function moneyProblems(money: MoneyModel | null | undefined, path: string[]): FieldProblem[] {
  if (!money) return [];
  const problems: FieldProblem[] = [];
  if (!DECIMAL.test(money.amount))
    problems.push({
      path: [...path, 'amount'],
      message: 'must be a decimal string such as 1500.00',
    });
  if (!/^[A-Z]{3}$/.test(money.currency))
    problems.push({
      path: [...path, 'currency'],
      message: 'must be a three-letter currency code such as USD',
    });
  return problems;
}

/** Problems with a create input, by our input path; empty when it can be sent. */
export function createInputProblems(input: CreateApplicationInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!clean(input.productId))
    problems.push({ path: ['input', 'productId'], message: 'is required' });
  if (input.accountName !== undefined && !clean(input.accountName))
    problems.push({ path: ['input', 'accountName'], message: 'must not be empty' });
  if (input.applicantContactId !== undefined && !contactIdOfRef(input.applicantContactId))
    problems.push({
      path: ['input', 'applicantContactId'],
      message: 'must be a contact id or a contact: ref',
    });
  return [...problems, ...moneyProblems(input.fundingAmount, ['input', 'fundingAmount'])];
}

/** Problems with a patch, by our input path; empty when it can be sent. */
export function patchInputProblems(patch: ApplicationPatchInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (patch.accountName !== undefined && !clean(patch.accountName))
    problems.push({ path: ['patch', 'accountName'], message: 'must not be empty' });
  return [...problems, ...moneyProblems(patch.fundingAmount, ['patch', 'fundingAmount'])];
}

function toWireMoney(money: MoneyModel): { value: string; currency: string } {
  return { value: money.amount, currency: money.currency };
}

/** Body of `POST /applications` (§6.3); the product goes in `_links["apiture:product"]`. */
export function createApplicationBody(input: CreateApplicationInput): WireCreateApplication {
  const body: WireCreateApplication = {
    _links: {
      'apiture:product': {
        href: `/products/products/${encodeURIComponent(input.productId.trim())}`,
      },
    },
  };
  if (input.accountName !== undefined) body.accountName = input.accountName.trim();
  if (input.fundingAmount) body.fundingAmount = toWireMoney(input.fundingAmount);
  const contactId =
    input.applicantContactId === undefined ? null : contactIdOfRef(input.applicantContactId);
  if (contactId)
    body.applicants = [{ contact: { _links: { self: { href: contactUri(contactId) } } } }];
  return body;
}

/** Body of `PATCH /applications/{id}`: only the fields the patch names. */
export function patchApplicationBody(patch: ApplicationPatchInput): WirePatchApplication {
  const body: WirePatchApplication = {};
  if (patch.accountName !== undefined) body.accountName = patch.accountName.trim();
  if (patch.fundingAmount !== undefined)
    body.fundingAmount = patch.fundingAmount === null ? null : toWireMoney(patch.fundingAmount);
  return body;
}

/**
 * Vendor field names (as `errorResponse` attributes name them, array indexes removed) to our
 * input paths, for writes of applications.
 */
export const CREATE_FIELD_MAP: Record<string, string[]> = {
  accountName: ['input', 'accountName'],
  fundingAmount: ['input', 'fundingAmount'],
  'fundingAmount.value': ['input', 'fundingAmount', 'amount'],
  'fundingAmount.currency': ['input', 'fundingAmount', 'currency'],
  '_links.apiture:product': ['input', 'productId'],
  applicants: ['input', 'applicantContactId'],
  'applicants.contact': ['input', 'applicantContactId'],
};

export const PATCH_FIELD_MAP: Record<string, string[]> = {
  accountName: ['patch', 'accountName'],
  fundingAmount: ['patch', 'fundingAmount'],
  'fundingAmount.value': ['patch', 'fundingAmount', 'amount'],
  'fundingAmount.currency': ['patch', 'fundingAmount', 'currency'],
};

/** `applicants[0].contact.firstName` -> `applicants.contact.firstName`. */
export function fieldNameOf(field: string): string {
  return field.replace(/\[\d+\]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Our wording for the vendor's problem types. The reference names only `positiveNumberRequired`
 * (§3.5); the rest are the sandbox's (inferred). Vendor message text is never passed on: it
 * names vendor fields and may quote the rejected (personal) value.
 */
const PROBLEM_MESSAGES: Readonly<Record<string, string>> = {
  requiredField: 'is required',
  productRequired: 'is required',
  invalidType: 'has the wrong type',
  invalidLength: 'has an invalid length',
  positiveNumberRequired: 'must be greater than 0',
  invalidCurrency: 'must be a three-letter currency code',
  invalidProductUri: 'is not a known product',
  invalidRoutingNumber: 'must be a 9-digit routing number',
  invalidDate: 'must be a date YYYY-MM-DD',
  invalidEmailAddress: 'must be an email address',
  invalidPhoneNumber: 'must be a US phone number',
  invalidTaxId: 'must be a 9-digit tax id',
  contactUriRequired: 'must be a contact',
};

/** The field (body) or parameter (query) a problem is about, per its `attributes`. */
function problemField(problem: WireProblem): string | null {
  const attributes = problem.attributes ?? {};
  const field = attributes['field'] ?? attributes['parameter'];
  return typeof field === 'string' && field.trim() !== '' ? fieldNameOf(field.trim()) : null;
}

/**
 * Reads an `errorResponse` (§3.5) into field problems by vendor field name: the nested problems
 * (`_error._embedded.errors`, or `_error.errors` in the older shape, quirk 19) when there are
 * any, else the top-level one. Statuses keep their default meaning.
 */
export function readApitureError(_status: number, body: unknown): VendorErrorReading {
  const parsed = wireErrorResponse.safeParse(body);
  if (!parsed.success) return {};
  const top = parsed.data._error;
  const nested = [...(top._embedded?.errors ?? []), ...top.errors];
  const fields = (nested.length > 0 ? nested : [top]).flatMap((problem) => {
    const field = problemField(problem);
    if (!field) return [];
    const type = problem.type ?? '';
    const message = Object.hasOwn(PROBLEM_MESSAGES, type)
      ? PROBLEM_MESSAGES[type]
      : 'was rejected by Apiture';
    return [{ field, message }];
  });
  return fields.length > 0 ? { fields } : {};
}
