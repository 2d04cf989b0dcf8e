import type { ValidationIssue } from './errors';

/**
 * A small declarative field checker producing Yii2-style messages (`First Name cannot be blank.`),
 * the wording of the vendor's PHP backend (inferred from the 404 `type`). Unknown body fields are
 * ignored and not stored, as Yii's `load()` does with unsafe attributes (inferred).
 */

export type FieldRule =
  | { kind: 'string'; required?: boolean; pattern?: RegExp; patternMessage?: string }
  | { kind: 'enumString'; required?: boolean; values: readonly string[] }
  | { kind: 'integer'; required?: boolean; min?: number; max?: number }
  | { kind: 'enumInteger'; required?: boolean; values: readonly number[] }
  /** US dollars, a JSON number >= 0; integers are accepted though the docs show 2 decimals (inferred). */
  | { kind: 'money'; required?: boolean }
  | { kind: 'boolean'; required?: boolean }
  /** ISO `YYYY-MM-DD`, a real calendar date. */
  | { kind: 'date'; required?: boolean }
  | { kind: 'stringOrInteger'; required?: boolean };

export type FieldSchema = Record<string, FieldRule>;

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** E.164 (inferred regex). */
export const E164 = /^\+[1-9]\d{1,14}$/;
/** A 2-letter USPS state code (inferred from the examples). */
export const STATE_CODE = /^[A-Z]{2}$/;
/** `NNN-NN-NNNN` (inferred regex). */
export const SSN = /^\d{3}-\d{2}-\d{4}$/;
/** Yii's EmailValidator pattern. */
export const EMAIL =
  /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
/** ZIPs are integers on the wire (reference §1); five digits at most (inferred). */
export const ZIP_RULE: FieldRule = { kind: 'integer', min: 0, max: 99_999 };

/** Yii's `Inflector::camel2words`: `phoneMobile` -> `Phone Mobile`. */
export function labelOf(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Yii's notion of an empty value: absent, null or the empty string. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The budget's "empty" amount: blank or 0 (inferred from the examples, reference §4.8). */
export function isEmptyAmount(value: unknown): boolean {
  return isBlank(value) || value === 0;
}

export function blankIssue(field: string): ValidationIssue {
  return { field, message: `${labelOf(field)} cannot be blank.`, required: true };
}

export function invalidIssue(field: string, message?: string): ValidationIssue {
  return { field, message: message ?? `${labelOf(field)} is invalid.`, required: false };
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function checkValue(field: string, rule: FieldRule, value: unknown): ValidationIssue | null {
  const label = labelOf(field);
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return invalidIssue(field, `${label} must be a string.`);
      if (rule.pattern && !rule.pattern.test(value))
        return invalidIssue(field, rule.patternMessage);
      return null;
    case 'enumString':
      if (typeof value !== 'string') return invalidIssue(field, `${label} must be a string.`);
      return rule.values.includes(value) ? null : invalidIssue(field);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return invalidIssue(field, `${label} must be an integer.`);
      }
      if (rule.min !== undefined && value < rule.min) {
        return invalidIssue(field, `${label} must be no less than ${rule.min}.`);
      }
      if (rule.max !== undefined && value > rule.max) {
        return invalidIssue(field, `${label} must be no greater than ${rule.max}.`);
      }
      return null;
    case 'enumInteger':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return invalidIssue(field, `${label} must be an integer.`);
      }
      return rule.values.includes(value) ? null : invalidIssue(field);
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return invalidIssue(field, `${label} must be a number.`);
      }
      return value < 0 ? invalidIssue(field, `${label} must be no less than 0.`) : null;
    case 'boolean':
      return typeof value === 'boolean'
        ? null
        : invalidIssue(field, `${label} must be either "true" or "false".`);
    case 'date':
      return typeof value === 'string' && isIsoDate(value)
        ? null
        : invalidIssue(field, `The format of ${label} is invalid.`);
    case 'stringOrInteger':
      return typeof value === 'string' || Number.isSafeInteger(value)
        ? null
        : invalidIssue(field, `${label} must be a string or an integer.`);
  }
}

/**
 * Checks `body` against `schema`. Returns the known, non-blank fields (blank ones dropped) and the
 * issues in schema order. A body that is not a JSON object is checked as `{}`.
 */
export function checkFields(
  body: unknown,
  schema: FieldSchema,
): { values: Record<string, unknown>; issues: ValidationIssue[] } {
  const input =
    body != null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const values: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const [field, rule] of Object.entries(schema)) {
    const value = input[field];
    if (isBlank(value)) {
      if (rule.required) issues.push(blankIssue(field));
      continue;
    }
    const issue = checkValue(field, rule, value);
    if (issue) issues.push(issue);
    else values[field] = value;
  }
  return { values, issues };
}
