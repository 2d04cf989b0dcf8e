/**
 * Syntax of the OData v4 system query options the lending CRM accepts on `GET /clients`:
 * `$filter` and `$orderby` expressions (a lexer and a recursive-descent parser producing an AST),
 * and `$select` lists. Nothing here knows the Client type; `odata-eval.ts` binds the AST to it.
 *
 * Grammar of an expression, lowest precedence first (OData v4.01 ABNF, operator precedence table):
 *
 *   or       := and ( 'or' and )*
 *   and      := equality ( 'and' equality )*
 *   equality := relation ( ('eq' | 'ne') relation )*
 *   relation := unary ( ('gt' | 'ge' | 'lt' | 'le') unary | 'in' '(' literal (',' literal)* ')' )*
 *   unary    := 'not' unary | primary
 *   primary  := '(' or ')' | literal | name '(' [ or (',' or)* ] ')' | name
 *   literal  := 'string' with '' as the escaped quote | number | guid | date-time | date
 *               | true | false | null
 *
 * As in the standard, `not` binds tighter than comparisons: `not a eq b` is `(not a) eq b`; write
 * `not (a eq b)`. Keywords and names are case-sensitive.
 */

/** EDM type of a literal; properties of an entity use the same names. */
export type EdmType =
  | 'Edm.String'
  | 'Edm.Guid'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Double'
  | 'Edm.Boolean'
  | 'Edm.DateTimeOffset'
  | 'Edm.Date';

export type LiteralValue =
  | { type: 'Edm.String'; value: string }
  /** Lower-cased. */
  | { type: 'Edm.Guid'; value: string }
  | { type: 'Edm.Int32' | 'Edm.Int64' | 'Edm.Double'; value: number }
  | { type: 'Edm.Boolean'; value: boolean }
  /** `value` is the literal text; `epochMs` the instant (a date is midnight UTC). */
  | { type: 'Edm.DateTimeOffset' | 'Edm.Date'; value: string; epochMs: number }
  | { type: null; value: null };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LogicalOperator = 'and' | 'or';

/** A node of a parsed expression; `position` is the 0-based offset of its first character. */
export type Expression =
  | { kind: 'literal'; literal: LiteralValue; position: number }
  | { kind: 'property'; name: string; position: number }
  | {
      kind: 'binary';
      operator: ComparisonOperator | LogicalOperator;
      left: Expression;
      right: Expression;
      position: number;
    }
  | { kind: 'not'; operand: Expression; position: number }
  | { kind: 'in'; operand: Expression; values: LiteralValue[]; position: number }
  | { kind: 'call'; name: string; args: Expression[]; position: number };

export interface OrderByItem {
  expression: Expression;
  direction: 'asc' | 'desc';
}

/** A query option that cannot be parsed; `message` names the offending text and position. */
export class ODataSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ODataSyntaxError';
  }
}

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

type Token =
  | { kind: 'literal'; literal: LiteralValue; position: number; text: string }
  | { kind: 'name'; text: string; position: number }
  | { kind: '(' | ')' | ','; text: string; position: number }
  | { kind: 'end'; text: ''; position: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** A literal or name must not run straight into more name characters (`1abc`, `guidX`). */
const CONTINUES_WORD = /^[A-Za-z0-9_.:-]/;

const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new ODataSyntaxError(`Syntax error at position ${at} in '${text}': ${message}.`, at);
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, position: i });
      i += 1;
      continue;
    }
    if (ch === "'") {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated string literal', start);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      const literal: LiteralValue = { type: 'Edm.String', value };
      tokens.push({ kind: 'literal', literal, position: start, text: text.slice(start, i) });
      continue;
    }
    const rest = text.slice(i);
    const word = matchLiteralOrName(rest, i);
    if (!word) fail(`unexpected character '${ch}'`, i);
    else {
      if (CONTINUES_WORD.test(rest.slice(word.text.length))) {
        fail(`unexpected character '${rest[word.text.length]}'`, i + word.text.length);
      }
      tokens.push(word);
      i += word.text.length;
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** The literal or name at the start of `rest`, trying the longest-shaped forms first. */
function matchLiteralOrName(rest: string, position: number): Token | undefined {
  const guid = GUID.exec(rest);
  if (guid) {
    const literal: LiteralValue = { type: 'Edm.Guid', value: guid[0].toLowerCase() };
    return { kind: 'literal', literal, position, text: guid[0] };
  }
  const dateTime = DATE_TIME.exec(rest);
  if (dateTime) {
    const epochMs = Date.parse(dateTime[0]);
    if (Number.isNaN(epochMs)) return undefined;
    const literal: LiteralValue = { type: 'Edm.DateTimeOffset', value: dateTime[0], epochMs };
    return { kind: 'literal', literal, position, text: dateTime[0] };
  }
  const date = DATE.exec(rest);
  if (date) {
    const epochMs = Date.parse(`${date[0]}T00:00:00Z`);
    if (Number.isNaN(epochMs)) return undefined;
    const literal: LiteralValue = { type: 'Edm.Date', value: date[0], epochMs };
    return { kind: 'literal', literal, position, text: date[0] };
  }
  const number = NUMBER.exec(rest);
  if (number) {
    const value = Number(number[0]);
    const integral = /^-?\d+$/.test(number[0]);
    const type = !integral
      ? 'Edm.Double'
      : value >= INT32_MIN && value <= INT32_MAX
        ? 'Edm.Int32'
        : 'Edm.Int64';
    return { kind: 'literal', literal: { type, value }, position, text: number[0] };
  }
  const name = NAME.exec(rest);
  if (!name) return undefined;
  switch (name[0]) {
    case 'true':
    case 'false': {
      const literal: LiteralValue = { type: 'Edm.Boolean', value: name[0] === 'true' };
      return { kind: 'literal', literal, position, text: name[0] };
    }
    case 'null':
      return { kind: 'literal', literal: { type: null, value: null }, position, text: name[0] };
    default:
      return { kind: 'name', text: name[0], position };
  }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne']);
const RELATIONAL_OPERATORS: ReadonlySet<string> = new Set(['gt', 'ge', 'lt', 'le']);
/** Words that end an operand; they cannot be property or function names. */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'in',
  'asc',
  'desc',
  ...EQUALITY_OPERATORS,
  ...RELATIONAL_OPERATORS,
]);

class Parser {
  private index = 0;
  private readonly tokens: Token[];

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  /** `$filter`: exactly one expression. */
  parseWholeExpression(): Expression {
    const expression = this.parseOr();
    this.expectEnd();
    return expression;
  }

  /** `$orderby`: `expression [asc|desc]` items separated by commas. */
  parseOrderBy(): OrderByItem[] {
    const items: OrderByItem[] = [];
    for (;;) {
      const expression = this.parseOr();
      let direction: OrderByItem['direction'] = 'asc';
      const next = this.peek();
      if (next.kind === 'name' && (next.text === 'asc' || next.text === 'desc')) {
        direction = next.text;
        this.index += 1;
      }
      items.push({ expression, direction });
      if (this.peek().kind !== ',') break;
      this.index += 1;
    }
    this.expectEnd();
    return items;
  }

  private parseOr(): Expression {
    let left = this.parseAnd();
    while (this.peekWord('or')) {
      const position = this.take().position;
      left = { kind: 'binary', operator: 'or', left, right: this.parseAnd(), position };
    }
    return left;
  }

  private parseAnd(): Expression {
    let left = this.parseEquality();
    while (this.peekWord('and')) {
      const position = this.take().position;
      left = { kind: 'binary', operator: 'and', left, right: this.parseEquality(), position };
    }
    return left;
  }

  private parseEquality(): Expression {
    let left = this.parseRelation();
    for (;;) {
      const next = this.peek();
      if (next.kind !== 'name' || !EQUALITY_OPERATORS.has(next.text)) return left;
      this.index += 1;
      const operator = next.text as ComparisonOperator;
      left = {
        kind: 'binary',
        operator,
        left,
        right: this.parseRelation(),
        position: next.position,
      };
    }
  }

  private parseRelation(): Expression {
    let left = this.parseUnary();
    for (;;) {
      const next = this.peek();
      if (next.kind !== 'name') return left;
      if (RELATIONAL_OPERATORS.has(next.text)) {
        this.index += 1;
        const operator = next.text as ComparisonOperator;
        left = {
          kind: 'binary',
          operator,
          left,
          right: this.parseUnary(),
          position: next.position,
        };
      } else if (next.text === 'in') {
        this.index += 1;
        left = {
          kind: 'in',
          operand: left,
          values: this.parseLiteralList(),
          position: next.position,
        };
      } else {
        return left;
      }
    }
  }

  private parseLiteralList(): LiteralValue[] {
    this.expect('(', "'(' after 'in'");
    const values: LiteralValue[] = [];
    for (;;) {
      const token = this.take();
      if (token.kind !== 'literal') this.fail(token, "a literal in the 'in' list");
      else values.push(token.literal);
      const separator = this.take();
      if (separator.kind === ')') return values;
      if (separator.kind !== ',') this.fail(separator, "',' or ')' in the 'in' list");
    }
  }

  private parseUnary(): Expression {
    if (this.peekWord('not')) {
      const position = this.take().position;
      return { kind: 'not', operand: this.parseUnary(), position };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expression {
    const token = this.take();
    switch (token.kind) {
      case '(': {
        const inner = this.parseOr();
        this.expect(')', "')'");
        return inner;
      }
      case 'literal':
        return { kind: 'literal', literal: token.literal, position: token.position };
      case 'name': {
        if (RESERVED_WORDS.has(token.text)) return this.fail(token, 'an operand');
        if (this.peek().kind !== '(') {
          return { kind: 'property', name: token.text, position: token.position };
        }
        this.index += 1;
        const args: Expression[] = [];
        if (this.peek().kind === ')') {
          this.index += 1;
        } else {
          for (;;) {
            args.push(this.parseOr());
            const separator = this.take();
            if (separator.kind === ')') break;
            if (separator.kind !== ',') this.fail(separator, "',' or ')' after an argument");
          }
        }
        return { kind: 'call', name: token.text, args, position: token.position };
      }
      default:
        return this.fail(token, 'an operand');
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private peekWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'name' && token.text === word;
  }

  private take(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private expect(kind: Token['kind'], what: string): void {
    const token = this.take();
    if (token.kind !== kind) this.fail(token, what);
  }

  private expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') this.fail(token, 'the end of the expression');
  }

  private fail(token: Token, expected: string): never {
    const found = token.kind === 'end' ? 'the end of the text' : `'${token.text}'`;
    throw new ODataSyntaxError(
      `Syntax error at position ${token.position} in '${this.text}': expected ${expected}, found ${found}.`,
      token.position,
    );
  }
}

/** Parses a `$filter` value. Throws `ODataSyntaxError`. */
export function parseFilter(text: string): Expression {
  if (text.trim() === '') throw new ODataSyntaxError('The $filter expression is empty.', 0);
  return new Parser(text).parseWholeExpression();
}

/** Parses a `$orderby` value. Throws `ODataSyntaxError`. */
export function parseOrderBy(text: string): OrderByItem[] {
  if (text.trim() === '') throw new ODataSyntaxError('The $orderby expression is empty.', 0);
  return new Parser(text).parseOrderBy();
}

/**
 * Parses a `$select` value: `*` (every property) or comma-separated property names, returned in
 * the order given. Throws `ODataSyntaxError`.
 */
export function parseSelect(text: string): '*' | string[] {
  if (text.trim() === '*') return '*';
  const names: string[] = [];
  let offset = 0;
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      const position = offset + raw.length - raw.trimStart().length;
      throw new ODataSyntaxError(
        `Syntax error at position ${position} in '${text}': expected a property name, found '${name}'.`,
        position,
      );
    }
    names.push(name);
    offset += raw.length + 1;
  }
  return names;
}
