import { ApitureError } from './errors';

/**
 * The `filter` query parameter. The reference names it ("See filtering") but its grammar is not
 * in the export; the sandbox implements Apiture's functional notation (inferred):
 *
 *   filter = call
 *   call   = and(call, call, ...) | or(call, ...) | not(call)
 *          | eq|ne|lt|le|gt|ge|contains|startsWith|endsWith (field, value)
 *          | in(field, value|value|...)
 *   value  = bare text up to `,` or `)`, or a double-quoted string with `\"` escapes
 *
 * e.g. `and(eq(state,running),ge(updatedAt,2025-05-01T00:00:00Z))`. Date-time fields compare as
 * instants; `contains`/`startsWith`/`endsWith` ignore case; `eq`/`ne`/`in` are exact.
 */

export type FieldKind = 'string' | 'dateTime' | 'boolean';

export interface FieldSpec<R> {
  kind: FieldKind;
  get(record: R): string | boolean | null;
}

export type FieldTable<R> = Readonly<Record<string, FieldSpec<R>>>;

export type Predicate<R> = (record: R) => boolean;

const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'endsWith'];

function malformed(filter: string, detail: string): ApitureError {
  return new ApitureError({
    statusCode: 400,
    type: 'malformedFilter',
    message: `The filter is not well formed: ${detail}.`,
    attributes: { filter },
    remediation:
      'Use the form op(field,value), e.g. and(eq(state,running),ge(createdAt,2025-01-01)).',
  });
}

class FilterParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.call();
    this.skipSpace();
    if (this.pos !== this.text.length) throw malformed(this.text, `unexpected text at ${this.pos}`);
    return node;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos += 1;
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char)
      throw malformed(this.text, `expected "${char}" at ${this.pos}`);
    this.pos += 1;
  }

  private call(): Node {
    this.skipSpace();
    const match = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
    if (!match) throw malformed(this.text, `expected an operator at ${this.pos}`);
    const op = match[0];
    this.pos += op.length;
    this.expect('(');
    const args: (Node | string)[] = [];
    if (op === 'and' || op === 'or' || op === 'not') {
      args.push(this.call());
      while (this.peek() === ',') {
        this.pos += 1;
        args.push(this.call());
      }
    } else {
      args.push(this.value());
      while (this.peek() === ',') {
        this.pos += 1;
        args.push(this.value());
      }
    }
    this.expect(')');
    return { op, args };
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  private value(): string {
    this.skipSpace();
    if (this.text[this.pos] === '"') {
      let out = '';
      this.pos += 1;
      while (this.pos < this.text.length && this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '\\') this.pos += 1;
        out += this.text[this.pos] ?? '';
        this.pos += 1;
      }
      if (this.text[this.pos] !== '"') throw malformed(this.text, 'unterminated quoted value');
      this.pos += 1;
      return out;
    }
    const start = this.pos;
    while (this.pos < this.text.length && !',()'.includes(this.text[this.pos])) this.pos += 1;
    return this.text.slice(start, this.pos).trim();
  }
}

interface Node {
  op: string;
  args: (Node | string)[];
}

function unprocessable(
  type: string,
  message: string,
  attributes: Record<string, string>,
): ApitureError {
  return new ApitureError({ statusCode: 422, type, message, attributes });
}

function compile<R>(node: Node, fields: FieldTable<R>, filter: string): Predicate<R> {
  const { op, args } = node;
  if (op === 'and' || op === 'or' || op === 'not') {
    const parts = args.map((arg) => {
      if (typeof arg === 'string') throw malformed(filter, `${op} takes filter expressions`);
      return compile(arg, fields, filter);
    });
    if (op === 'not') {
      if (parts.length !== 1) throw malformed(filter, 'not takes one expression');
      return (record) => !parts[0](record);
    }
    return op === 'and'
      ? (record) => parts.every((part) => part(record))
      : (record) => parts.some((part) => part(record));
  }
  if (!COMPARISONS.includes(op) && op !== 'in') {
    throw malformed(filter, `unknown operator "${op}"`);
  }
  if (args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'string') {
    throw malformed(filter, `${op} takes a field and a value`);
  }
  const [name, raw] = args;
  const spec = fields[name];
  if (!spec) {
    throw unprocessable('invalidFilterField', `The field "${name}" cannot be used in a filter.`, {
      field: name,
      allowed: Object.keys(fields).join(','),
    });
  }
  return comparison(op, spec, raw, name);
}

function comparison<R>(op: string, spec: FieldSpec<R>, raw: string, name: string): Predicate<R> {
  if (op === 'in') {
    const wanted = new Set(raw.split('|'));
    return (record) => {
      const value = spec.get(record);
      return value !== null && wanted.has(String(value));
    };
  }
  if (op === 'contains' || op === 'startsWith' || op === 'endsWith') {
    const needle = raw.toLowerCase();
    return (record) => {
      const value = spec.get(record);
      if (value === null) return false;
      const text = String(value).toLowerCase();
      if (op === 'contains') return text.includes(needle);
      return op === 'startsWith' ? text.startsWith(needle) : text.endsWith(needle);
    };
  }
  const operand = operandOf(spec.kind, raw, name, op);
  const keyOf = (value: string | boolean): string | number =>
    spec.kind === 'dateTime'
      ? Date.parse(String(value))
      : typeof value === 'boolean'
        ? Number(value)
        : value;
  return (record) => {
    const value = spec.get(record);
    if (value === null) return op === 'ne';
    const actual = keyOf(value);
    switch (op) {
      case 'eq':
        return actual === operand;
      case 'ne':
        return actual !== operand;
      case 'lt':
        return actual < operand;
      case 'le':
        return actual <= operand;
      case 'gt':
        return actual > operand;
      default:
        return actual >= operand;
    }
  };
}

/** The comparable form of a filter value: ms for date-times, 0/1 for booleans, else the text. */
function operandOf(kind: FieldKind, raw: string, name: string, op: string): string | number {
  if (kind === 'dateTime') {
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) {
      throw unprocessable('invalidFilterValue', `"${raw}" is not a date-time for ${name}.`, {
        field: name,
        value: raw,
      });
    }
    return ms;
  }
  if (kind === 'boolean') {
    if ((raw !== 'true' && raw !== 'false') || (op !== 'eq' && op !== 'ne')) {
      throw unprocessable('invalidFilterValue', `${name} only supports eq/ne with true or false.`, {
        field: name,
        value: raw,
      });
    }
    return Number(raw === 'true');
  }
  return raw;
}

/** Parses and compiles a `filter` value: 400 when malformed, 422 for unknown fields or bad values. */
export function compileFilter<R>(filter: string, fields: FieldTable<R>): Predicate<R> {
  return compile(new FilterParser(filter).parse(), fields, filter);
}
