import { ValidationErrors } from './errors';
import type { ClientPatch, CreditProsStore } from './store';
import type { AttributeValue } from './types';
import { EMAIL_PATTERN, isIsoDate, isJsonObject } from './validation';

/**
 * Validation of "Update a Clients data" (`PUT /portal/clients/{client}`). No field is marked
 * required in the doc; each field present is checked with the rules below (inferred from the
 * field types; Laravel wording). `ssn` is a string here although responses carry an integer.
 */

const MAX_STRING = 255;

/** Attributes that must stay non-empty once set. */
const REQUIRED_NAME_ATTRIBUTES = ['FirstName', 'LastName'];

const STRING_ATTRIBUTES = [
  'FirstName',
  'MiddleName',
  'LastName',
  'Email',
  'MobilePhone',
  'Phone',
  'HomePhone',
  'MailingStreet',
  'MailingCity',
  'MailingState',
  'OtherStreet',
  'OtherCity',
  'OtherCountry',
];

/** Integers in the vendor's schema, so `02108` is stored as 2108. */
const POSTAL_CODE_ATTRIBUTES = ['MailingPostalCode', 'OtherPostalCode'];

/** The Salesforce record id cannot be changed through the portal (inferred). */
const READ_ONLY_ATTRIBUTES = ['Id'];

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function readEmail(value: unknown, field: string, errors: ValidationErrors): string | undefined {
  if (typeof value !== 'string') {
    errors.add(field, `The ${field} field must be a string.`);
    return undefined;
  }
  if (!EMAIL_PATTERN.test(value) || value.length > MAX_STRING) {
    errors.add(field, `The ${field} field must be a valid email address.`);
    return undefined;
  }
  return value;
}

/** A US phone in any common format: ten digits, optionally after a leading 1 (inferred rule). */
function readPhone(value: unknown, field: string, errors: ValidationErrors): string | undefined {
  if (typeof value !== 'string') {
    errors.add(field, `The ${field.replace(/_/g, ' ')} field must be a string.`);
    return undefined;
  }
  const digits = digitsOf(value);
  if (!(digits.length === 10 || (digits.length === 11 && digits.startsWith('1')))) {
    errors.add(field, `The ${field.replace(/_/g, ' ')} field format is invalid.`);
    return undefined;
  }
  return value;
}

/** Nine digits, dashes allowed; stored as an integer, so leading zeros are lost. */
function readSsn(value: unknown, errors: ValidationErrors): number | undefined {
  if (typeof value !== 'string') {
    errors.add('ssn', 'The ssn field must be a string.');
    return undefined;
  }
  if (!/^\d{3}-?\d{2}-?\d{4}$/.test(value)) {
    errors.add('ssn', 'The ssn field must be 9 digits.');
    return undefined;
  }
  return Number.parseInt(digitsOf(value), 10);
}

function readAttribute(
  key: string,
  value: unknown,
  todayIso: string,
  errors: ValidationErrors,
): AttributeValue | undefined {
  const field = `attributes.${key}`;
  if (READ_ONLY_ATTRIBUTES.includes(key)) {
    errors.add(field, `The ${field} field is prohibited.`);
    return undefined;
  }
  if (REQUIRED_NAME_ATTRIBUTES.includes(key) && (value === null || value === '')) {
    errors.add(field, `The ${field} field is required.`);
    return undefined;
  }
  if (value === null) return null;
  if (key === 'D_O_B__c') {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      errors.add(field, `The ${field} field must match the format Y-m-d.`);
      return undefined;
    }
    if (value >= todayIso) {
      errors.add(field, `The ${field} field must be a date before today.`);
      return undefined;
    }
    return value;
  }
  if (POSTAL_CODE_ATTRIBUTES.includes(key)) {
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    if (!/^\d{1,5}$/.test(text)) {
      errors.add(field, `The ${field} field must be an integer.`);
      return undefined;
    }
    return Number.parseInt(text, 10);
  }
  if (key === 'Email') return readEmail(value, field, errors);
  if (STRING_ATTRIBUTES.includes(key)) {
    if (typeof value !== 'string') {
      errors.add(field, `The ${field} field must be a string.`);
      return undefined;
    }
    if (value.length > MAX_STRING) {
      errors.add(field, `The ${field} field must not be greater than ${MAX_STRING} characters.`);
      return undefined;
    }
    return value;
  }
  // Other keys are dynamic Salesforce attributes: any scalar is kept.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  errors.add(field, `The ${field} field must be a string.`);
  return undefined;
}

export type ClientPatchResult =
  { ok: true; patch: ClientPatch } | { ok: false; errors: ValidationErrors };

/** Validates an untrusted update body for client `clientId`; `todayIso` is `YYYY-MM-DD`. */
export function parseClientPatch(
  body: unknown,
  clientId: number,
  store: CreditProsStore,
  todayIso: string,
): ClientPatchResult {
  const errors = new ValidationErrors();
  const raw = body ?? {};
  if (!isJsonObject(raw)) {
    errors.add('body', 'The request body must be a JSON object.');
    return { ok: false, errors };
  }
  const patch: ClientPatch = {};
  if (raw.email !== undefined) {
    const email = readEmail(raw.email, 'email', errors);
    if (email !== undefined && store.emailTakenByOther(email, clientId)) {
      errors.add('email', 'The email has already been taken.');
    } else if (email !== undefined) {
      patch.email = email;
    }
  }
  if (raw.mobile_phone !== undefined) {
    const phone = readPhone(raw.mobile_phone, 'mobile_phone', errors);
    if (phone !== undefined) patch.mobile_phone = phone;
  }
  if (raw.ssn !== undefined) {
    const ssn = readSsn(raw.ssn, errors);
    if (ssn !== undefined) patch.ssn = ssn;
  }
  if (raw.attributes !== undefined) {
    if (!isJsonObject(raw.attributes)) {
      // Laravel calls a JSON object an "array".
      errors.add('attributes', 'The attributes field must be an array.');
    } else {
      const attributes: Record<string, AttributeValue> = {};
      for (const [key, value] of Object.entries(raw.attributes)) {
        const parsed = readAttribute(key, value, todayIso, errors);
        if (parsed !== undefined) attributes[key] = parsed;
      }
      patch.attributes = attributes;
    }
  }
  return errors.isEmpty ? { ok: true, patch } : { ok: false, errors };
}
