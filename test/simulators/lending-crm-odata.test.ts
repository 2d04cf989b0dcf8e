import {
  ODataSyntaxError,
  parseFilter,
  parseOrderBy,
  parseSelect,
} from '../../simulators/lending-crm/odata';
import type { Expression } from '../../simulators/lending-crm/odata';
import {
  compileFilter,
  compileOrderBy,
  ODataBindError,
} from '../../simulators/lending-crm/odata-eval';
import type { EntityType } from '../../simulators/lending-crm/odata-eval';
import {
  CLIENT_ENTITY_TYPE,
  DEFAULT_TOP,
  MAX_TOP,
  parseClientQuery,
} from '../../simulators/lending-crm/query';

/** A small entity type for the evaluator tests, independent of the Client schema. */
const PERSON: EntityType = {
  name: 'Person',
  properties: {
    id: 'Edm.Guid',
    name: 'Edm.String',
    email: 'Edm.String',
    score: 'Edm.Int32',
    income: 'Edm.Double',
    active: 'Edm.Boolean',
    createdOn: 'Edm.DateTimeOffset',
  },
};

const ADA = {
  id: '3FA85F64-5717-4562-B3FC-2C963F66AFA6',
  name: "Ada O'Brien",
  email: 'Ada.OBrien@Example.com',
  score: 720,
  income: 6500.5,
  active: true,
  createdOn: '2024-02-01T10:00:00.000Z',
};
const BEN = {
  id: '11111111-2222-4333-8444-555555555555',
  name: 'Ben Stone',
  email: 'ben@example.org',
  score: null,
  income: 3000,
  active: false,
  createdOn: '2021-06-30T23:59:59.000Z',
};
const CY = {
  id: '99999999-8888-4777-8666-555555555555',
  name: 'cy twist',
  email: null,
  score: 580,
  income: null,
  active: true,
  createdOn: '2019-01-01T00:00:00.000Z',
};
const PEOPLE = [ADA, BEN, CY];

/** Names of the people a `$filter` text keeps, in input order. */
function keep(filter: string): string[] {
  const predicate = compileFilter(parseFilter(filter), PERSON);
  return PEOPLE.filter(predicate).map((person) => person.name);
}

function bindError(filter: string): string {
  try {
    compileFilter(parseFilter(filter), PERSON);
  } catch (error) {
    if (error instanceof ODataBindError) return error.message;
    throw error;
  }
  throw new Error(`expected a bind error for ${filter}`);
}

function syntaxError(parse: () => unknown): ODataSyntaxError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ODataSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('OData $filter parser', () => {
  it('parses a comparison with an unquoted guid literal, lower-cased', () => {
    expect(parseFilter('id eq 3FA85F64-5717-4562-B3FC-2C963F66AFA6')).toEqual({
      kind: 'binary',
      operator: 'eq',
      position: 3,
      left: { kind: 'property', name: 'id', position: 0 },
      right: {
        kind: 'literal',
        literal: { type: 'Edm.Guid', value: '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
        position: 6,
      },
    });
  });

  it("reads '' inside a string literal as one quote", () => {
    const expression = parseFilter("name eq 'Ada O''Brien'");
    expect(expression).toMatchObject({
      right: { literal: { type: 'Edm.String', value: "Ada O'Brien" } },
    });
    expect(parseFilter("name eq ''")).toMatchObject({
      right: { literal: { type: 'Edm.String', value: '' } },
    });
  });

  it('types number, boolean, null and date literals', () => {
    const literalOf = (text: string): unknown =>
      (parseFilter(`score eq ${text}`) as Extract<Expression, { kind: 'binary' }>).right;
    expect(literalOf('42')).toMatchObject({ literal: { type: 'Edm.Int32', value: 42 } });
    expect(literalOf('-7')).toMatchObject({ literal: { type: 'Edm.Int32', value: -7 } });
    expect(literalOf('3000000000')).toMatchObject({
      literal: { type: 'Edm.Int64', value: 3_000_000_000 },
    });
    expect(literalOf('6500.5')).toMatchObject({ literal: { type: 'Edm.Double', value: 6500.5 } });
    expect(literalOf('1e3')).toMatchObject({ literal: { type: 'Edm.Double', value: 1000 } });
    expect(literalOf('true')).toMatchObject({ literal: { type: 'Edm.Boolean', value: true } });
    expect(literalOf('null')).toMatchObject({ literal: { type: null, value: null } });
    expect(literalOf('2024-01-02T03:04:05Z')).toMatchObject({
      literal: { type: 'Edm.DateTimeOffset', epochMs: Date.parse('2024-01-02T03:04:05Z') },
    });
    expect(literalOf('2024-01-02')).toMatchObject({
      literal: { type: 'Edm.Date', epochMs: Date.parse('2024-01-02T00:00:00Z') },
    });
  });

  it('binds and tighter than or, and parentheses override it', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toMatchObject({
      operator: 'or',
      left: { operator: 'eq' },
      right: { operator: 'and' },
    });
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toMatchObject({
      operator: 'and',
      left: { operator: 'or' },
      right: { operator: 'eq' },
    });
  });

  it('binds not tighter than a comparison, as the OData standard does', () => {
    expect(parseFilter('not active eq true')).toMatchObject({
      kind: 'binary',
      operator: 'eq',
      left: { kind: 'not', operand: { kind: 'property', name: 'active' } },
    });
    expect(parseFilter('not (active eq true)')).toMatchObject({
      kind: 'not',
      operand: { kind: 'binary', operator: 'eq' },
    });
  });

  it('parses in with a literal list and function calls with arguments', () => {
    expect(parseFilter("name in ('a', 'b''c')")).toMatchObject({
      kind: 'in',
      operand: { kind: 'property', name: 'name' },
      values: [
        { type: 'Edm.String', value: 'a' },
        { type: 'Edm.String', value: "b'c" },
      ],
    });
    expect(parseFilter("contains(tolower(name), 'ada')")).toMatchObject({
      kind: 'call',
      name: 'contains',
      args: [{ kind: 'call', name: 'tolower' }, { kind: 'literal' }],
    });
  });

  it.each([
    ["name eq 'open", 'unterminated string literal'],
    ['name eq', 'expected an operand, found the end of the text'],
    ['name eq 1 2', 'expected the end of the expression'],
    ['(name eq 1', "expected ')'"],
    ["name in 'a'", "expected '(' after 'in'"],
    ['name in (a)', "expected a literal in the 'in' list"],
    ['name in (1 2)', "expected ',' or ')' in the 'in' list"],
    ['name eq #', "unexpected character '#'"],
    ['eq eq 1', 'expected an operand'],
    ['score eq 12abc', "unexpected character 'a'"],
    ['contains(name,', 'expected an operand'],
  ])('reports %j as a syntax error (%s)', (filter, message) => {
    const error = syntaxError(() => parseFilter(filter));
    expect(error.message).toContain(message);
    expect(error.message).toContain(`'${filter}'`);
  });

  it('reports the position of the offending token', () => {
    expect(syntaxError(() => parseFilter('score eq 1 and')).position).toBe(14);
    expect(syntaxError(() => parseFilter('')).message).toBe('The $filter expression is empty.');
  });
});

describe('OData $filter evaluation', () => {
  it('compares numbers with eq, ne, gt, ge, lt, le', () => {
    expect(keep('score eq 720')).toEqual([ADA.name]);
    expect(keep('score ne 720')).toEqual([BEN.name, CY.name]);
    expect(keep('score gt 580')).toEqual([ADA.name]);
    expect(keep('score ge 580')).toEqual([ADA.name, CY.name]);
    expect(keep('score lt 720')).toEqual([CY.name]);
    expect(keep('score le 720')).toEqual([ADA.name, CY.name]);
    expect(keep('income gt 3000.25')).toEqual([ADA.name]);
  });

  it('treats null as OData does: only eq/ne null match it', () => {
    expect(keep('score eq null')).toEqual([BEN.name]);
    expect(keep('score ne null')).toEqual([ADA.name, CY.name]);
    expect(keep('score lt 1000')).toEqual([ADA.name, CY.name]);
  });

  it('compares strings ordinally (case-sensitive); tolower gives a case-insensitive match', () => {
    expect(keep("email eq 'ada.obrien@example.com'")).toEqual([]);
    expect(keep("tolower(email) eq 'ada.obrien@example.com'")).toEqual([ADA.name]);
    expect(keep("name eq 'Ada O''Brien'")).toEqual([ADA.name]);
    expect(keep("name gt 'Z'")).toEqual([CY.name]);
  });

  it('applies the string functions, null-safe', () => {
    expect(keep("contains(name, 'Stone')")).toEqual([BEN.name]);
    expect(keep("startswith(email, 'ben')")).toEqual([BEN.name]);
    expect(keep("endswith(tolower(email), '.com')")).toEqual([ADA.name]);
    expect(keep("toupper(name) eq 'CY TWIST'")).toEqual([CY.name]);
    expect(keep('length(name) eq 8')).toEqual([CY.name]);
    expect(keep("indexof(name, 'Stone') eq 4")).toEqual([BEN.name]);
    expect(keep("trim(' x ') eq 'x' and active")).toEqual([ADA.name, CY.name]);
  });

  it('combines with and, or, not and parentheses', () => {
    expect(keep('active and score gt 600')).toEqual([ADA.name]);
    expect(keep('active eq false or score lt 600')).toEqual([BEN.name, CY.name]);
    expect(keep('not active')).toEqual([BEN.name]);
    expect(keep('not (score gt 600 or score eq null)')).toEqual([CY.name]);
    expect(keep('(active or score eq null) and (income gt 1000 or income eq null)')).toEqual(
      PEOPLE.map((person) => person.name),
    );
  });

  it('matches in lists of strings, numbers, guids (any case) and null', () => {
    expect(keep("name in ('Ben Stone', 'nobody')")).toEqual([BEN.name]);
    expect(keep('score in (580, 720)')).toEqual([ADA.name, CY.name]);
    expect(
      keep('id in (3fa85f64-5717-4562-b3fc-2c963f66afa6, 11111111-2222-4333-8444-555555555555)'),
    ).toEqual([ADA.name, BEN.name]);
    expect(keep('score in (null)')).toEqual([BEN.name]);
  });

  it('compares guids case-insensitively and date-times as instants', () => {
    expect(keep('id eq 3fa85f64-5717-4562-b3fc-2c963f66afa6')).toEqual([ADA.name]);
    expect(keep('createdOn gt 2021-06-30T23:00:00Z')).toEqual([ADA.name, BEN.name]);
    expect(keep('createdOn lt 2021-07-01T02:00:00+02:00')).toEqual([BEN.name, CY.name]);
    expect(keep('createdOn ge 2024-02-01')).toEqual([ADA.name]);
  });

  it.each([
    ['nickname eq 1', "Could not find a property named 'nickname' on type 'Person'."],
    [
      "id eq '3fa85f64-5717-4562-b3fc-2c963f66afa6'",
      "Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'.",
    ],
    [
      "score gt 'high'",
      "Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'GreaterThan'.",
    ],
    ['score and active', "for operator kind 'And'"],
    ["not name eq 'x'", "Found operand type 'Edm.String' for operator kind 'Not'."],
    ['score', 'The $filter expression must evaluate to a single boolean value.'],
    ["shout(name) eq 'X'", "An unknown function with name 'shout' was found."],
    ['contains(name)', "No function signature for the function with name 'contains'"],
    ["score in ('a')", "The 'in' operator found an item of type 'Edm.String'"],
  ])('refuses %j when binding', (filter, message) => {
    expect(bindError(filter)).toContain(message);
  });
});

describe('OData $orderby and $select parsing', () => {
  it('parses several keys, ascending by default', () => {
    expect(parseOrderBy('score desc, name')).toMatchObject([
      { expression: { kind: 'property', name: 'score' }, direction: 'desc' },
      { expression: { kind: 'property', name: 'name' }, direction: 'asc' },
    ]);
    expect(parseOrderBy('tolower(name) asc')).toMatchObject([
      { expression: { kind: 'call', name: 'tolower' }, direction: 'asc' },
    ]);
  });

  it('orders nulls first ascending and last descending, then by the next key', () => {
    const order = compileOrderBy(parseOrderBy('active desc, score'), PERSON);
    expect([...PEOPLE].sort(order).map((person) => person.name)).toEqual([
      CY.name,
      ADA.name,
      BEN.name,
    ]);
    const byScoreDesc = compileOrderBy(parseOrderBy('score desc'), PERSON);
    expect([...PEOPLE].sort(byScoreDesc).map((person) => person.score)).toEqual([720, 580, null]);
  });

  it('refuses malformed ordering', () => {
    expect(syntaxError(() => parseOrderBy('score sideways')).message).toContain(
      "expected the end of the expression, found 'sideways'",
    );
    expect(() => compileOrderBy(parseOrderBy('height'), PERSON)).toThrow(ODataBindError);
  });

  it('parses $select lists and *', () => {
    expect(parseSelect('id, email,fico')).toEqual(['id', 'email', 'fico']);
    expect(parseSelect('*')).toEqual('*');
    expect(syntaxError(() => parseSelect('id,,email')).message).toContain(
      'expected a property name',
    );
    expect(syntaxError(() => parseSelect('id,e-mail')).position).toBe(3);
  });
});

describe('GET /clients query parameters', () => {
  it('defaults to $top 50 and $skip 0 and accepts $top up to the cap', () => {
    const parsed = parseClientQuery({});
    expect(parsed.ok && [parsed.value.top, parsed.value.skip]).toEqual([DEFAULT_TOP, 0]);
    expect(DEFAULT_TOP).toBe(50);
    const capped = parseClientQuery({ $top: String(MAX_TOP) });
    expect(capped.ok && capped.value.top).toBe(MAX_TOP);
  });

  it('reports every bad parameter at once, keyed by its name', () => {
    const parsed = parseClientQuery({
      $top: String(MAX_TOP + 1),
      $skip: '-1',
      $select: 'id,ssn',
      $orderby: 'nope',
      $filter: "email eq 'open",
      $expand: 'owner',
      ownerId: 'not-a-guid',
      searchText: ['a', 'b'],
      unrelated: 'ignored',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(
      [
        '$expand',
        '$filter',
        '$orderby',
        '$select',
        '$skip',
        '$top',
        'ownerId',
        'searchText',
      ].sort(),
    );
    expect(parsed.errors.$top?.[0]).toContain(
      `The limit of '${MAX_TOP}' for Top query has been exceeded`,
    );
    expect(parsed.errors.$skip?.[0]).toContain('requires a non-negative integer value');
    expect(parsed.errors.searchText?.[0]).toContain('was specified more than once');
    expect(parsed.errors.ownerId).toEqual(["The value 'not-a-guid' is not valid."]);
  });

  it('knows every Client property with its EDM type', () => {
    expect(Object.keys(CLIENT_ENTITY_TYPE.properties)).toHaveLength(21);
    expect(CLIENT_ENTITY_TYPE.properties.id).toBe('Edm.Guid');
    expect(CLIENT_ENTITY_TYPE.properties.fico).toBe('Edm.Int32');
  });
});
