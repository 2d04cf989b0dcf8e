import { ApitureError, validationError } from './errors';
import type { ApitureProblem } from './errors';
import type { ApplicationRecord, JsonObject, JsonValue, Money } from './types';

/**
 * Request-body checks. The reference has no schema section (§0), so the rules are inferred from
 * the examples: wrong JSON types are malformed (400), well-typed but invalid values are
 * unprocessable (422); creates document only 400, so every create problem is a 400. Server-owned
 * fields (`_id`, `state`, `createdAt`, `_links`, `_embedded`...) are ignored, never rejected:
 * state changes go through the action endpoints (§5.1, inferred).
 */

export type WriteMode = 'create' | 'put' | 'patch';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed body as an object, or 400. */
export function bodyObject(body: unknown): JsonObject {
  if (!isObject(body)) {
    throw new ApitureError({
      statusCode: 400,
      type: 'malformedRequestBody',
      message: 'The request body must be a JSON object.',
      remediation: 'Send the resource representation as application/hal+json.',
    });
  }
  return body;
}

/** RFC 7386 merge patch: objects merge key by key, `null` removes, anything else replaces. */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

class Checker {
  readonly problems: ApitureProblem[] = [];

  constructor(private readonly mode: WriteMode) {}

  private add(
    statusCode: 400 | 422,
    type: string,
    field: string,
    message: string,
    value?: JsonValue,
  ): void {
    this.problems.push({
      // Creates document only 400 (§5.1, §5.2).
      statusCode: this.mode === 'create' ? 400 : statusCode,
      type,
      message,
      attributes: value === undefined ? { field } : { field, value },
    });
  }

  required(field: string): void {
    this.add(400, 'requiredField', field, `${field} is required.`);
  }

  wrongType(field: string, expected: string): void {
    this.add(400, 'invalidType', field, `${field} must be ${expected}.`);
  }

  invalid(type: string, field: string, message: string, value: JsonValue): void {
    this.add(422, type, field, message, value);
  }

  string(value: JsonValue | undefined, field: string, maxLength = 256): value is string {
    if (typeof value !== 'string') {
      this.wrongType(field, 'a string');
      return false;
    }
    if (value.trim() === '' || value.length > maxLength) {
      this.invalid(
        'invalidLength',
        field,
        `${field} must have 1 to ${maxLength} characters.`,
        value,
      );
      return false;
    }
    return true;
  }

  object(value: JsonValue | undefined, field: string): value is JsonObject {
    if (!isObject(value)) {
      this.wrongType(field, 'an object');
      return false;
    }
    return true;
  }

  arrayOfObjects(value: JsonValue | undefined, field: string): value is JsonObject[] {
    if (!Array.isArray(value)) {
      this.wrongType(field, 'an array');
      return false;
    }
    value.forEach((item, index) => {
      if (!isObject(item)) this.wrongType(`${field}[${index}]`, 'an object');
    });
    return value.every(isObject);
  }

  finish(): void {
    if (this.problems.length > 0) throw validationError(this.problems);
  }
}

/** Checks a money object (§1.6); returns it when well formed. */
function checkMoney(check: Checker, value: JsonValue | undefined, field: string): Money | null {
  if (!check.object(value, field)) return null;
  const amount = value['value'];
  if (typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount)) {
    check.wrongType(`${field}.value`, 'a decimal string such as "1500.00"');
  } else if (Number(amount) <= 0) {
    // The reference's one error example (§3.5).
    check.invalid(
      'positiveNumberRequired',
      `${field}.value`,
      `The value for ${field} must be greater than 0.`,
      Number(amount),
    );
  }
  const currency = value['currency'];
  if (typeof currency !== 'string') check.wrongType(`${field}.currency`, 'a string');
  else if (!/^[A-Z]{3}$/.test(currency)) {
    check.invalid(
      'invalidCurrency',
      `${field}.currency`,
      `${field}.currency must be an ISO 4217 code.`,
      currency,
    );
  }
  return typeof amount === 'string' && typeof currency === 'string'
    ? { value: amount, currency }
    : null;
}

function checkFundingAccount(check: Checker, value: JsonValue | undefined, field: string): void {
  if (!check.object(value, field)) return;
  const routing = value['routingNumber'];
  if (routing === undefined) return;
  if (typeof routing !== 'string') check.wrongType(`${field}.routingNumber`, 'a string');
  else if (!/^\d{9}$/.test(routing)) {
    check.invalid(
      'invalidRoutingNumber',
      `${field}.routingNumber`,
      'A routing number has 9 digits.',
      routing,
    );
  }
}

/** Checks the person data of a contact or user (§6.9, §6.10); `requireNames` on creates. */
function checkPerson(
  check: Checker,
  value: JsonValue | undefined,
  field: string,
  requireNames: boolean,
): void {
  if (!check.object(value, field)) return;
  for (const name of ['firstName', 'lastName'] as const) {
    const text = value[name];
    if (text === undefined) {
      if (requireNames) check.required(`${field}.${name}`);
    } else check.string(text, `${field}.${name}`, 100);
  }
  const birthdate = value['birthdate'];
  if (birthdate !== undefined) {
    if (typeof birthdate !== 'string') check.wrongType(`${field}.birthdate`, 'a string');
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(birthdate) || Number.isNaN(Date.parse(birthdate))) {
      check.invalid(
        'invalidDate',
        `${field}.birthdate`,
        'birthdate must be a date YYYY-MM-DD.',
        birthdate,
      );
    }
  }
  const emails = value['emailAddresses'];
  if (emails !== undefined && check.arrayOfObjects(emails, `${field}.emailAddresses`)) {
    emails.forEach((email, index) => {
      // Users carry the address in `number` (quirk 20), contacts in `value`.
      const address = email['value'] ?? email['number'];
      if (typeof address === 'string' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
        check.invalid(
          'invalidEmailAddress',
          `${field}.emailAddresses[${index}]`,
          'Not an email address.',
          address,
        );
      }
    });
  }
  const phones = value['phones'];
  if (phones !== undefined && check.arrayOfObjects(phones, `${field}.phones`)) {
    phones.forEach((phone, index) => {
      const number = phone['number'];
      const digits = typeof number === 'string' ? number.replace(/\D/g, '') : '';
      if (typeof number !== 'string')
        check.wrongType(`${field}.phones[${index}].number`, 'a string');
      else if (digits.length !== 10 && !(digits.length === 11 && digits.startsWith('1'))) {
        check.invalid(
          'invalidPhoneNumber',
          `${field}.phones[${index}].number`,
          'Not a US phone number.',
          number,
        );
      }
    });
  }
  const identification = value['identification'];
  if (
    identification !== undefined &&
    check.arrayOfObjects(identification, `${field}.identification`)
  ) {
    identification.forEach((item, index) => {
      const taxId = item['value'];
      if (
        item['type'] === 'taxId' &&
        (typeof taxId !== 'string' || !/^\d{3}-?\d{2}-?\d{4}$/.test(taxId))
      ) {
        check.invalid(
          'invalidTaxId',
          `${field}.identification[${index}].value`,
          'A tax id has 9 digits.',
          taxId ?? null,
        );
      }
    });
  }
}

/** Application applicants: only the product is required to create an application (§1.1), so names are optional. */
function checkApplicants(check: Checker, value: JsonValue | undefined, field: string): void {
  if (!check.arrayOfObjects(value, field)) return;
  value.forEach((applicant, index) => {
    if (applicant['username'] !== undefined)
      check.string(applicant['username'], `${field}[${index}].username`, 64);
    if (applicant['contact'] !== undefined) {
      checkPerson(check, applicant['contact'], `${field}[${index}].contact`, false);
    }
  });
}

/** The changeable fields of an application (§6.4); the rest is server-owned. */
export interface ApplicationChanges {
  accountName?: string;
  fundingAmount?: Money | null;
  fundingAccount?: JsonObject | null;
  organization?: JsonObject;
  applicants?: JsonValue[];
  products?: JsonValue[];
  documents?: JsonValue[];
  consents?: JsonValue[];
}

const APPLICATION_ARRAYS = ['applicants', 'products', 'documents', 'consents'] as const;

/**
 * Validates an application write and returns the new values of the fields it sets. PUT replaces
 * every changeable field (omitted ones become empty), PATCH merges (§5.1).
 */
export function applicationChanges(
  body: JsonObject,
  mode: WriteMode,
  current: ApplicationRecord | null,
): ApplicationChanges {
  const check = new Checker(mode);
  const incoming: JsonObject = { ...body };
  if (mode === 'patch' && current) {
    for (const key of ['fundingAmount', 'fundingAccount', 'organization'] as const) {
      const patch = body[key];
      if (patch !== undefined && patch !== null) {
        incoming[key] = mergePatch(current[key] ?? undefined, patch);
      }
    }
  }
  const changes: ApplicationChanges = {};
  const present = (key: string): boolean => mode !== 'patch' || incoming[key] !== undefined;

  if (incoming['accountName'] !== undefined) {
    if (check.string(incoming['accountName'], 'accountName', 100))
      changes.accountName = incoming['accountName'];
  } else if (mode === 'put') check.required('accountName');

  for (const key of ['fundingAmount', 'fundingAccount'] as const) {
    if (!present(key)) continue;
    const value = incoming[key];
    if (value === undefined || value === null) {
      changes[key] = null;
    } else if (key === 'fundingAmount') {
      const money = checkMoney(check, value, key);
      if (money) changes.fundingAmount = money;
    } else {
      checkFundingAccount(check, value, key);
      if (isObject(value)) changes.fundingAccount = value;
    }
  }
  if (present('organization')) {
    const value = incoming['organization'] ?? {};
    if (check.object(value, 'organization')) changes.organization = value;
  }
  for (const key of APPLICATION_ARRAYS) {
    if (!present(key)) continue;
    const value = incoming[key] ?? [];
    if (key === 'applicants') checkApplicants(check, value, key);
    else check.arrayOfObjects(value, key);
    if (Array.isArray(value)) changes[key] = value;
  }
  check.finish();
  return changes;
}

/** The primary product of a new application: `_links["apiture:product"].href` (§6.3). */
export function productHrefOf(body: JsonObject): { href: string; productId: string } {
  const links = body['_links'];
  const link = isObject(links) ? links['apiture:product'] : undefined;
  const href = isObject(link) ? link['href'] : undefined;
  if (typeof href !== 'string') {
    throw new ApitureError({
      statusCode: 400,
      type: 'productRequired',
      message: 'A new application needs its banking product in _links["apiture:product"].href.',
      attributes: { field: '_links.apiture:product' },
      remediation: 'Pass the product URI, e.g. /products/products/{productId}.',
    });
  }
  const match = /\/products\/products\/([^/?#]+)\/?$/.exec(href);
  if (!match) {
    throw new ApitureError({
      statusCode: 400,
      type: 'invalidProductUri',
      message: 'The apiture:product href is not a product URI.',
      attributes: { field: '_links.apiture:product', value: href },
    });
  }
  return { href, productId: match[1] };
}

/** The changeable fields of an enrollment (§6.7). */
export interface EnrollmentChanges {
  applicant?: JsonObject;
  applicants?: JsonValue[];
  requiredDocuments?: JsonValue[];
  documents?: JsonValue[];
}

/**
 * Validates an enrollment write. The applicant is `applicant`, or `applicants[0]` when only the
 * array is sent (quirk 24: the reference sends both, identical).
 */
export function enrollmentChanges(
  body: JsonObject,
  mode: WriteMode,
  currentApplicant: JsonObject | null,
): EnrollmentChanges {
  const check = new Checker(mode);
  const changes: EnrollmentChanges = {};
  let applicant = body['applicant'];
  const applicants = body['applicants'];
  if (applicants !== undefined && check.arrayOfObjects(applicants, 'applicants')) {
    changes.applicants = applicants;
    if (applicant === undefined && isObject(applicants[0])) applicant = applicants[0];
  }
  if (applicant === undefined) {
    if (mode !== 'patch') check.required('applicant');
  } else if (check.object(applicant, 'applicant')) {
    const merged =
      mode === 'patch' ? mergePatch(currentApplicant ?? undefined, applicant) : applicant;
    if (isObject(merged)) {
      if (merged['username'] !== undefined)
        check.string(merged['username'], 'applicant.username', 64);
      const contact = merged['contact'];
      if (contact === undefined && mode !== 'patch') check.required('applicant.contact');
      else if (contact !== undefined)
        checkPerson(check, contact, 'applicant.contact', mode !== 'patch');
      if (merged['user'] !== undefined) checkPerson(check, merged['user'], 'applicant.user', false);
      changes.applicant = merged;
    }
  }
  for (const key of ['requiredDocuments', 'documents'] as const) {
    const value = body[key] ?? (mode === 'patch' ? undefined : []);
    if (value !== undefined && check.arrayOfObjects(value, key)) changes[key] = value;
  }
  check.finish();
  return changes;
}
