import type { FieldErrors } from './problem';
import { isUuid } from './types';
import type { WritableClient } from './types';

/**
 * Validation of POST, PUT and PATCH bodies against the documented Client schema. Read-only
 * properties (`id`, `createdOn`, `updatedOn`) and unknown properties are ignored, as ASP.NET
 * model binding ignores them (inferred).
 */

/** How a write treats properties the body leaves out. */
export type WriteMode =
  /** POST and PUT: required properties must be present; omitted ones take their default. */
  | 'replace'
  /** PATCH: merge; only the properties present are validated and applied (inferred). */
  | 'merge';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * The documented email pattern. The doc's pattern has no leading `^`; .NET's
 * `RegularExpressionAttribute` only accepts a match covering the whole value, so the sandbox
 * anchors it at both ends (inferred).
 */
export const EMAIL_PATTERN_TEXT = '[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$';
const EMAIL_PATTERN = new RegExp(`^(?:${EMAIL_PATTERN_TEXT})`);

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

type Rule = (value: unknown, field: string) => string | null;

const requiredText: Rule = (value, field) =>
  // Like .NET `[Required]`: empty and white-space-only strings count as missing.
  typeof value === 'string' && value.trim() !== '' ? null : `The ${field} field is required.`;

const email: Rule = (value, field) => {
  const missing = requiredText(value, field);
  if (missing) return missing;
  return EMAIL_PATTERN.test(value as string)
    ? null
    : `The field ${field} must match the regular expression '${EMAIL_PATTERN_TEXT}'.`;
};

const nullableText: Rule = (value, field) =>
  value === null || typeof value === 'string'
    ? null
    : `The ${field} field must be a string or null.`;

const nullableUuid: Rule = (value, field) =>
  value === null || (typeof value === 'string' && isUuid(value))
    ? null
    : `The ${field} field must be a uuid (8-4-4-4-12 hex digits) or null.`;

const flag: Rule = (value, field) =>
  typeof value === 'boolean' ? null : `The ${field} field must be true or false.`;

const nullableFlag: Rule = (value, field) =>
  value === null || typeof value === 'boolean'
    ? null
    : `The ${field} field must be true, false or null.`;

const nullableInt32: Rule = (value, field) =>
  value === null ||
  (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
    ? null
    : `The ${field} field must be a 32-bit integer or null.`;

const nullableNumber: Rule = (value, field) =>
  value === null || (typeof value === 'number' && Number.isFinite(value))
    ? null
    : `The ${field} field must be a number or null.`;

interface FieldSpec {
  rule: Rule;
  /** Value a replace gives the property when the body leaves it out; undefined: required. */
  whenOmitted: unknown;
}

/** Every writable property, in schema order, with its rule and default. */
const WRITABLE_FIELDS: Readonly<Record<keyof WritableClient, FieldSpec>> = {
  externalId: { rule: nullableText, whenOmitted: null },
  source: { rule: nullableText, whenOmitted: null },
  ownerId: { rule: nullableUuid, whenOmitted: null },
  referredById: { rule: nullableUuid, whenOmitted: null },
  email: { rule: email, whenOmitted: undefined },
  homePhone: { rule: nullableText, whenOmitted: null },
  workPhone: { rule: nullableText, whenOmitted: null },
  mobilePhone: { rule: nullableText, whenOmitted: null },
  fax: { rule: nullableText, whenOmitted: null },
  isSilenced: { rule: flag, whenOmitted: false },
  isArchived: { rule: flag, whenOmitted: false },
  fico: { rule: nullableInt32, whenOmitted: null },
  totalIncome: { rule: nullableNumber, whenOmitted: null },
  totalDebtPayments: { rule: nullableNumber, whenOmitted: null },
  firstTimeBuyer: { rule: nullableFlag, whenOmitted: null },
  loginToken: { rule: nullableText, whenOmitted: null },
  firstName: { rule: requiredText, whenOmitted: undefined },
  lastName: { rule: requiredText, whenOmitted: undefined },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validates a write body. `replace` returns every writable property (omitted ones defaulted),
 * `merge` only the ones the body carries. Errors are keyed by wire property name.
 */
export function validateClientBody(
  body: unknown,
  mode: 'replace',
): ValidationResult<WritableClient>;
export function validateClientBody(
  body: unknown,
  mode: 'merge',
): ValidationResult<Partial<WritableClient>>;
export function validateClientBody(
  body: unknown,
  mode: WriteMode,
): ValidationResult<Partial<WritableClient>> {
  if (body === undefined) {
    return { ok: false, errors: { $: ['A non-empty request body is required.'] } };
  }
  if (!isPlainObject(body)) {
    return { ok: false, errors: { $: ['The request body must be a JSON object.'] } };
  }
  const errors: FieldErrors = {};
  const value: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(WRITABLE_FIELDS)) {
    const present = Object.hasOwn(body, field);
    if (!present && mode === 'merge') continue;
    if (!present && spec.whenOmitted !== undefined) {
      value[field] = spec.whenOmitted;
      continue;
    }
    const message = spec.rule(body[field], field);
    if (message) errors[field] = [message];
    else value[field] = body[field];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}
