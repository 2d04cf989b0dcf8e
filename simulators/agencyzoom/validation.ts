import { isIsoDate, isIsoDateTime, usDateToIso } from './dates';
import { invalidParameters } from './errors';

/** Options of a scalar read; `required` makes a missing, null or empty value a problem. */
interface ReadOptions {
  required?: boolean;
}

interface IntegerOptions extends ReadOptions {
  min?: number;
  max?: number;
  oneOf?: readonly number[];
}

/** Accepted spellings of a date field. */
export type DateFormat =
  /** `yyyy-MM-dd` */
  | 'iso'
  /** `yyyy-MM-dd HH:mm:ss` */
  | 'isoDateTime'
  /** `MM/dd/yyyy` */
  | 'us'
  /** `MM/dd/yyyy` or `MM/dd/yy` (lead birthday and next expiration date, "mm/dd/yy" per the docs) */
  | 'usShortYear'
  /** `MM/dd/yyyy` or `yyyy-MM-dd` (policy dates: the samples use the former, the format is not stated) */
  | 'usOrIso';

const DATE_FORMAT_TEXT: Record<DateFormat, string> = {
  iso: 'yyyy-MM-dd',
  isoDateTime: 'yyyy-MM-dd HH:mm:ss',
  us: 'MM/dd/yyyy',
  usShortYear: 'MM/dd/yyyy or MM/dd/yy',
  usOrIso: 'MM/dd/yyyy or yyyy-MM-dd',
};

/**
 * Reads fields of an untrusted JSON body, collecting every problem instead of stopping at the
 * first. Null counts as absent (clients send `null` for "not set"); numbers must be JSON numbers.
 * Call `throwIfInvalid()` once all fields are read: it throws a 400 naming each bad field.
 */
export class BodyReader {
  private readonly problems: string[] = [];
  private readonly body: Record<string, unknown>;

  /** `prefix` goes before every problem, e.g. `leadDataRequests[2].` for a batch item. */
  constructor(
    body: unknown,
    private readonly prefix = '',
  ) {
    if (body === undefined || body === null) {
      this.body = {};
    } else if (typeof body === 'object' && !Array.isArray(body)) {
      this.body = body as Record<string, unknown>;
    } else {
      this.body = {};
      this.problems.push(`${prefix || 'body'} must be a JSON object`);
    }
  }

  /** True when the field is present and not null. */
  has(key: string): boolean {
    return this.body[key] !== undefined && this.body[key] !== null;
  }

  raw(key: string): unknown {
    return this.body[key];
  }

  problem(text: string): void {
    this.problems.push(`${this.prefix}${text}`);
  }

  problemsSoFar(): readonly string[] {
    return this.problems;
  }

  string(key: string, options: ReadOptions = {}): string | null {
    const value = this.body[key];
    if (value === undefined || value === null) return this.missing(key, options);
    if (typeof value !== 'string') {
      this.problem(`${key} must be a string`);
      return null;
    }
    if (value.trim() === '' && options.required) {
      this.problem(`${key} is required`);
      return null;
    }
    return value;
  }

  integer(key: string, options: IntegerOptions = {}): number | null {
    const value = this.body[key];
    if (value === undefined || value === null) return this.missing(key, options);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.problem(`${key} must be an integer`);
      return null;
    }
    if (options.oneOf && !options.oneOf.includes(value)) {
      this.problem(`${key} must be one of ${options.oneOf.join(', ')}`);
      return null;
    }
    if (options.min !== undefined && value < options.min) {
      this.problem(`${key} must be >= ${options.min}`);
      return null;
    }
    if (options.max !== undefined && value > options.max) {
      this.problem(`${key} must be <= ${options.max}`);
      return null;
    }
    return value;
  }

  boolean(key: string, options: ReadOptions = {}): boolean | null {
    const value = this.body[key];
    if (value === undefined || value === null) return this.missing(key, options);
    if (typeof value !== 'boolean') {
      this.problem(`${key} must be a boolean`);
      return null;
    }
    return value;
  }

  integerList(key: string, options: ReadOptions = {}): number[] | null {
    const value = this.body[key];
    if (value === undefined || value === null) return this.missing(key, options);
    if (!Array.isArray(value) || !value.every((item) => Number.isSafeInteger(item))) {
      this.problem(`${key} must be an array of integers`);
      return null;
    }
    return value as number[];
  }

  /** An array of JSON objects (batch items, sold products, custom fields). */
  objectList(key: string, options: ReadOptions = {}): Record<string, unknown>[] | null {
    const value = this.body[key];
    if (value === undefined || value === null) return this.missing(key, options);
    if (
      !Array.isArray(value) ||
      !value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
    ) {
      this.problem(`${key} must be an array of objects`);
      return null;
    }
    return value as Record<string, unknown>[];
  }

  /** A plain JSON object (policy `meta`). */
  object(key: string, options: ReadOptions = {}): Record<string, unknown> | null {
    const value = this.body[key];
    if (value === undefined || value === null) return this.missing(key, options);
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problem(`${key} must be an object`);
      return null;
    }
    return value as Record<string, unknown>;
  }

  /** A date string in one of the accepted spellings; returned as written. */
  date(key: string, format: DateFormat, options: ReadOptions = {}): string | null {
    const text = this.string(key, options);
    if (text === null || text === '') return null;
    if (!isDateIn(text, format)) {
      this.problem(`${key} must be a date written ${DATE_FORMAT_TEXT[format]}`);
      return null;
    }
    return text;
  }

  /** Throws a 400 listing every problem found, if any. */
  throwIfInvalid(): void {
    if (this.problems.length > 0) throw invalidParameters(...this.problems);
  }

  private missing(key: string, options: ReadOptions): null {
    if (options.required) this.problem(`${key} is required`);
    return null;
  }
}

export function isDateIn(text: string, format: DateFormat): boolean {
  switch (format) {
    case 'iso':
      return isIsoDate(text);
    case 'isoDateTime':
      return isIsoDateTime(text);
    case 'us':
      return usDateToIso(text) !== null;
    case 'usShortYear':
      return usDateToIso(text, true) !== null;
    case 'usOrIso':
      return usDateToIso(text) !== null || isIsoDate(text);
  }
}

/** A date accepted as `usOrIso`, as `yyyy-MM-dd`. */
export function toIsoDate(text: string): string {
  return usDateToIso(text) ?? text;
}

/** Parses a path id (`integer <int64>` in the docs); a 400 when it is not a positive integer. */
export function pathId(name: string, text: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) === 0) {
    throw invalidParameters(`${name} must be a positive integer`);
  }
  return Number(text);
}
