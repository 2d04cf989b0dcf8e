import type { ValidationErrors } from './errors';

/**
 * Query-string rules in Laravel's vocabulary and wording. Each reader returns the parsed value
 * (undefined when absent or invalid) and records a message on `errors` when the value is invalid.
 */

export type Query = Record<string, string | string[] | undefined>;

/** A JSON object (not an array, not null): what Laravel calls an "array" in its messages. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Loose email shape, as Laravel's default `email` rule accepts. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `per_page` -> `per page`: how Laravel names a field inside its messages. */
export function label(field: string): string {
  return field.replace(/_/g, ' ');
}

function single(query: Query, field: string, errors: ValidationErrors): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    errors.add(field, `The ${label(field)} field must be a string.`);
    return undefined;
  }
  return value;
}

const INTEGER = /^-?\d+$/;

export function readInteger(
  query: Query,
  field: string,
  errors: ValidationErrors,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  const text = single(query, field, errors);
  if (text === undefined || text === '') return undefined;
  if (!INTEGER.test(text)) {
    errors.add(field, `The ${label(field)} field must be an integer.`);
    return undefined;
  }
  const value = Number.parseInt(text, 10);
  if (bounds.min !== undefined && value < bounds.min) {
    errors.add(field, `The ${label(field)} field must be at least ${bounds.min}.`);
    return undefined;
  }
  if (bounds.max !== undefined && value > bounds.max) {
    errors.add(field, `The ${label(field)} field must not be greater than ${bounds.max}.`);
    return undefined;
  }
  return value;
}

/** Laravel's `boolean` rule: true, false, 1, 0, "1", "0". */
export function readBoolean(
  query: Query,
  field: string,
  errors: ValidationErrors,
): boolean | undefined {
  const text = single(query, field, errors);
  if (text === undefined || text === '') return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  errors.add(field, `The ${label(field)} field must be true or false.`);
  return undefined;
}

export function readEnum<T extends string>(
  query: Query,
  field: string,
  allowed: readonly T[],
  errors: ValidationErrors,
): T | undefined {
  const text = single(query, field, errors);
  if (text === undefined || text === '') return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    errors.add(field, `The selected ${label(field)} is invalid.`);
    return undefined;
  }
  return text as T;
}

export function readString(
  query: Query,
  field: string,
  errors: ValidationErrors,
): string | undefined {
  const text = single(query, field, errors);
  return text === '' ? undefined : text;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

export function readDate(
  query: Query,
  field: string,
  errors: ValidationErrors,
): string | undefined {
  const text = single(query, field, errors);
  if (text === undefined || text === '') return undefined;
  if (!isIsoDate(text)) {
    errors.add(field, `The ${label(field)} field must match the format Y-m-d.`);
    return undefined;
  }
  return text;
}

/** Default page size stated in the doc. */
export const DEFAULT_PER_PAGE = 15;
/**
 * Largest page. Stated as 100 only for master schemas; the sandbox applies it to every list
 * (inferred: the only maximum the doc gives).
 */
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  /** 1-based. */
  page: number;
  perPage: number;
}

export function readPage(query: Query, errors: ValidationErrors): PageRequest {
  const page = readInteger(query, 'page', errors, { min: 1 }) ?? 1;
  const perPage =
    readInteger(query, 'per_page', errors, { min: 1, max: MAX_PER_PAGE }) ?? DEFAULT_PER_PAGE;
  return { page, perPage };
}

export type SortDirection = 'asc' | 'desc';

export interface SortRequest<F extends string> {
  field: F;
  direction: SortDirection;
}

/**
 * `sort_by` (a column from `allowed`) and `sort_direction`. The doc calls `sort_by` a free
 * column name; an unknown column answers 422 here (inferred: better than the SQL error a real
 * Laravel app would turn into a 500).
 */
export function readSort<F extends string>(
  query: Query,
  allowed: readonly F[],
  fallback: SortRequest<F>,
  errors: ValidationErrors,
): SortRequest<F> {
  const field = readEnum(query, 'sort_by', allowed, errors) ?? fallback.field;
  const direction =
    readEnum(query, 'sort_direction', ['asc', 'desc'] as const, errors) ?? fallback.direction;
  return { field, direction };
}

type Sortable = string | number | boolean | null | undefined;

/**
 * Orders like MySQL under a case-insensitive collation: nulls first when ascending, ties broken
 * by `tieBreak` ascending so pages are stable.
 */
export function sortBy<T>(
  items: readonly T[],
  key: (item: T) => Sortable,
  direction: SortDirection,
  tieBreak: (item: T) => number,
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const normal = (value: Sortable): string | number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value.toLowerCase();
    return typeof value === 'boolean' ? Number(value) : value;
  };
  return [...items].sort((a, b) => {
    const x = normal(key(a));
    const y = normal(key(b));
    let order = 0;
    if (x === null || y === null) order = x === y ? 0 : x === null ? -1 : 1;
    else if (x < y) order = -1;
    else if (x > y) order = 1;
    return order * sign || tieBreak(a) - tieBreak(b);
  });
}
