import { mintToken } from '../../src/auth/mint';
import { SCOPES } from '../../src/auth/scopes';
import type { Scope } from '../../src/auth/scopes';
import { encodeEntityId } from '../../src/domain/global-id';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/**
 * The bad-input corpus: malformed requests, wrong content types, oversized bodies and strings,
 * invalid scalars, deep and alias-bomb queries, bad tokens, missing scopes. Each is answered with
 * the right 4xx or GraphQL error code, never a 5xx, and never reaches a vendor (sandbox counters).
 */

const SECRET = 'corpus-jwt-secret-0123456789-abcdefghijklm';
const AUTH = { jwtSecret: SECRET, jwtIssuer: 'vendor-graph', jwtAudience: 'vendor-graph-clients' };

interface Case {
  name: string;
  /** Raw body (string) or a GraphQL request object. */
  body?: string | Record<string, unknown> | unknown[];
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** Token scopes (default: every scope); null sends no token. */
  scopes?: Scope[] | null;
  /** An HTTP status, or a GraphQL error code (status then below 500). */
  expect: number | string;
}

const gql = (query: string, variables?: Record<string, unknown>) => ({ query, variables });
const find = (match: Record<string, unknown>) =>
  gql('query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }', { m: match });
const lead = (input: Record<string, unknown>) =>
  gql('mutation C($i: CreateLeadInput!) { createLead(input: $i) { results { status } } }', {
    i: {
      idempotencyKey: 'corpus-key-0001',
      vendors: ['AMERICOR'],
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.org',
      phone: '+12125550100',
      address: { line1: '1 Main St', city: 'New York', state: 'NY', postalCode: '10001' },
      ...input,
    },
  });
const deep = (levels: number) => {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `leads { person { ${selection} } }`;
  return gql(`{ person(id: "${encodeEntityId('Lead', 'AMERICOR', 'x')}") { ${selection} } }`);
};

const INVALID_EMAILS = [
  'plainaddress',
  '@example.com',
  'a@b',
  'a b@example.com',
  'a@@example.com',
  'x'.repeat(300) + '@example.com',
  'jordan.rivera-at-example.com',
  '',
  ' ',
  'a@example.c',
];
const INVALID_PHONES = [
  'call me',
  '123',
  '555-CALL-NOW',
  '+1',
  '+999999999999999999',
  '(617) 555',
  'phone: 6175550142 please',
  '0',
  '++16175550142',
  'x'.repeat(40),
];
const INVALID_DATES = [
  '2026-02-30',
  '1986-13-01',
  '1986/04/12',
  '04/12/1986',
  'yesterday',
  '',
  '1986-4-12',
  '19860412',
  '1986-04-12T00:00:00Z',
  '0000-00-00',
];
const INVALID_SSNS = [
  '123',
  '000-12-3456',
  '666-12-3456',
  '900-12-3456',
  '123-00-4567',
  '123-45-0000',
  'abc-de-fghi',
  '1234567890',
];

const CASES: Case[] = [
  // Malformed JSON and bodies.
  ...[
    '{',
    '{"query": "{ vendors { vendor } }"',
    "{'query': '{ vendors { vendor } }'}",
    '{"query": "{ vendors { vendor } }",}',
    'null',
    '[]',
    '42',
    '"a string"',
    'NaN',
    '{"query": }',
  ].map((body, i): Case => ({ name: `malformed JSON #${i + 1}`, body, expect: 400 })),
  { name: 'empty body', body: '', expect: 400 },
  {
    name: 'batched operations (arrays are refused)',
    body: [gql('{ vendors { vendor } }'), gql('{ vendors { state } }')],
    expect: 400,
  },
  { name: 'query is a number', body: { query: 42 }, expect: 400 },
  { name: 'query is an object', body: { query: { a: 1 } }, expect: 400 },
  {
    name: 'variables is a string',
    body: { query: '{ vendors { vendor } }', variables: 'x' },
    expect: 400,
  },
  {
    name: 'variables is an array',
    body: { query: '{ vendors { vendor } }', variables: [1] },
    expect: 400,
  },
  { name: 'no query at all', body: { variables: {} }, expect: 400 },
  {
    name: 'operationName names no operation',
    body: { query: 'query A { vendors { vendor } }', operationName: 'B' },
    expect: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'two operations and no operationName',
    body: { query: 'query A { vendors { vendor } } query B { vendors { state } }' },
    expect: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'a mutation over GET',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('mutation { linkRecord(record: {vendor: CREDIT_PROS, id: "1"}) { person { id } } }')}`,
    headers: { 'apollo-require-preflight': 'true' },
    expect: 405,
  },
  // Content types.
  ...[
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/graphql',
  ].map((type): Case => ({
    name: `content type ${type}`,
    headers: { 'content-type': type },
    body: '{ vendors { vendor } }',
    // text/plain is parsed by Fastify and refused by CSRF prevention; the rest have no parser.
    expect: type === 'text/plain' ? 400 : 415,
  })),
  {
    name: 'a GET without the CSRF preflight header',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`,
    expect: 400,
  },
  {
    name: 'a subscription',
    body: gql('subscription { vendors { vendor } }'),
    expect: 'BAD_REQUEST',
  },
  { name: 'an unknown method', method: 'PUT', body: gql('{ vendors { vendor } }'), expect: 404 },
  // Oversized.
  {
    name: 'a 2 MB body',
    body: gql(`{ vendors { vendor } } # ${'x'.repeat(2 * 1024 * 1024)}`),
    expect: 413,
  },
  {
    name: 'a 100 KB name',
    body: lead({ firstName: 'A'.repeat(100_000) }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a 10 KB ID',
    body: gql(`{ node(id: "${'A'.repeat(10_000)}") { id } }`),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'more than 5000 tokens',
    body: gql(`{ vendors { ${'vendor '.repeat(6000)} } }`),
    expect: 'GRAPHQL_PARSE_FAILED',
  },
  // Syntax and validation.
  ...[
    '{',
    '{ vendors { vendor }',
    'query { vendors { vendor } } }',
    '{ vendors { ... } }',
    'query ($x: ) { vendors { vendor } }',
    '{ vendors { vendor(  } }',
    'mutation',
    '{ "vendors" }',
    'query Q(',
    '{ vendors { vendor @ } }',
  ].map((query, i): Case => ({
    name: `syntax error #${i + 1}`,
    body: gql(query),
    expect: 'GRAPHQL_PARSE_FAILED',
  })),
  ...[
    '{ nope }',
    '{ vendors { nope } }',
    '{ person { id } }',
    '{ findPeople { id } }',
    '{ vendors(x: 1) { vendor } }',
    '{ vendors }',
    '{ person(id: true) { id } }',
    'fragment F on Person { ...F } { vendors { vendor } }',
    '{ vendors { vendor @skip } }',
    '{ node(id: "x") { ... on Nope { id } } }',
  ].map((query, i): Case => ({
    name: `validation error #${i + 1}`,
    body: gql(query),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  })),
  { name: 'nested 20 fields deep', body: deep(10), expect: 'QUERY_TOO_COMPLEX' },
  {
    name: 'an alias bomb',
    body: gql(
      `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: vendors { vendor }`).join(' ')} }`,
    ),
    expect: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'a cost bomb',
    body: gql(
      `query B($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { creditReports { score } applications { id } leads { enrollment { active } } } } }`,
      { ids: Array.from({ length: 100 }, () => 'x') },
    ),
    expect: 'QUERY_TOO_COMPLEX',
  },
  // Invalid scalars and inputs.
  ...INVALID_EMAILS.map((email, i): Case => ({
    name: `invalid email #${i + 1}`,
    body: find({ email }),
    expect: 'BAD_USER_INPUT',
  })),
  ...INVALID_PHONES.map((phone, i): Case => ({
    name: `invalid phone #${i + 1}`,
    body: find({ phone }),
    expect: 'BAD_USER_INPUT',
  })),
  ...INVALID_DATES.map((dateOfBirth, i): Case => ({
    name: `invalid date #${i + 1}`,
    body: find({ lastName: 'Rivera', dateOfBirth }),
    expect: 'BAD_USER_INPUT',
  })),
  ...INVALID_SSNS.map((ssn, i): Case => ({
    name: `invalid SSN #${i + 1}`,
    body: find({ ssn }),
    expect: 'BAD_USER_INPUT',
  })),
  { name: 'an empty search', body: find({}), expect: 'BAD_USER_INPUT' },
  {
    name: 'a last name without a date of birth',
    body: find({ lastName: 'Rivera' }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a 1000-character last name',
    body: find({ lastName: 'R'.repeat(1000), dateOfBirth: '1986-04-12' }),
    expect: 'BAD_USER_INPUT',
  },
  ...[{ state: 'XX' }, { postalCode: '1234' }, { postalCode: '123456' }, { line1: '' }].map(
    (address, i): Case => ({
      name: `invalid address #${i + 1}`,
      body: lead({
        address: {
          line1: '1 Main St',
          city: 'New York',
          state: 'NY',
          postalCode: '10001',
          ...address,
        },
      }),
      expect: 'BAD_USER_INPUT',
    }),
  ),
  {
    name: 'a lead for a vendor that takes none',
    body: lead({ vendors: ['APITURE'] }),
    expect: 'BAD_USER_INPUT',
  },
  { name: 'a lead for no vendor', body: lead({ vendors: [] }), expect: 'BAD_USER_INPUT' },
  {
    name: 'a lead naming a vendor twice',
    body: lead({ vendors: ['AMERICOR', 'AMERICOR'] }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a short idempotency key',
    body: lead({ idempotencyKey: 'abc' }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'an idempotency key with spaces',
    body: lead({ idempotencyKey: 'has spaces in it' }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'debt with three decimals',
    body: lead({ estimatedDebt: { amount: '10.001' } }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'negative debt',
    body: lead({ estimatedDebt: { amount: '-5' } }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'debt in euros',
    body: lead({ estimatedDebt: { amount: '5.00', currency: 'EUR' } }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a birth date in the future',
    body: lead({ dateOfBirth: '2099-01-01' }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'an unissuable SSN in a lead',
    body: lead({ ssn: '000-00-0000' }),
    expect: 'BAD_USER_INPUT',
  },
  { name: 'a lead without a phone', body: lead({ phone: null }), expect: 'BAD_USER_INPUT' },
  {
    name: 'an AgencyZoom lead without an email',
    body: lead({ vendors: ['AGENCYZOOM'], email: null }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'an unknown input field',
    body: lead({ favouriteColour: 'blue' }),
    expect: 'BAD_USER_INPUT',
  },
  ...[
    'not-base64!',
    'UGVyc29u',
    Buffer.from('Lead:NOPE:1').toString('base64url'),
    Buffer.from('Nope:AMERICOR:1').toString('base64url'),
  ].map((id, i): Case => ({
    name: `invalid ID #${i + 1}`,
    body: gql(`{ node(id: "${id}") { id } }`),
    expect: 'BAD_USER_INPUT',
  })),
  {
    name: 'a transition of a non-application',
    body: gql(
      `mutation { transitionApplication(id: "${encodeEntityId('Lead', 'AMERICOR', 'x')}", action: APPROVE) { application { id } } }`,
    ),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'an unknown transition',
    body: gql(
      `mutation { transitionApplication(id: "x", action: DESTROY) { application { id } } }`,
    ),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a malformed record ID to link',
    body: gql(
      'mutation { linkRecord(record: { vendor: AGENCYZOOM, id: "99" }) { person { id } } }',
    ),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a page of 1000',
    body: gql('{ leads(first: 1000) { edges { cursor } } }'),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a page of 0',
    body: gql('{ leads(first: 0) { edges { cursor } } }'),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged cursor',
    body: gql('{ leads(after: "not-a-cursor") { edges { cursor } } }'),
    expect: 'BAD_USER_INPUT',
  },
  // Authentication.
  { name: 'no token', scopes: null, body: gql('{ vendors { vendor } }'), expect: 401 },
  {
    name: 'basic auth',
    scopes: null,
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
    body: gql('{ vendors { vendor } }'),
    expect: 401,
  },
  {
    name: 'a junk bearer token',
    scopes: null,
    headers: { authorization: 'Bearer not.a.jwt' },
    body: gql('{ vendors { vendor } }'),
    expect: 401,
  },
  {
    name: 'an empty bearer token',
    scopes: null,
    headers: { authorization: 'Bearer ' },
    body: gql('{ vendors { vendor } }'),
    expect: 401,
  },
  {
    name: 'a 10 KB bearer token',
    scopes: null,
    headers: { authorization: `Bearer ${'a'.repeat(10_000)}` },
    body: gql('{ vendors { vendor } }'),
    expect: 401,
  },
  {
    name: 'a token in the query string',
    scopes: null,
    path: '/graphql?access_token=abc',
    body: gql('{ vendors { vendor } }'),
    expect: 401,
  },
  {
    name: 'an API key in JWT mode',
    scopes: null,
    headers: { 'x-api-key': 'whatever' },
    body: gql('{ vendors { vendor } }'),
    expect: 401,
  },
  // Missing scopes.
  ...(
    [
      ['person', `{ person(id: "x") { id } }`, []],
      ['findPeople', `{ findPeople(match: { email: "a@example.com" }) { id } }`, []],
      ['leads', '{ leads { edges { cursor } } }', []],
      ['applications', '{ applications { edges { cursor } } }', []],
      [
        'creditReport',
        `{ creditReport(id: "${encodeEntityId('CreditReport', 'CREDIT_PROS', '1')}") { id } }`,
        ['people:read'],
      ],
      [
        'node of a credit report',
        `{ node(id: "${encodeEntityId('CreditReport', 'CREDIT_PROS', '1')}") { id } }`,
        ['people:read'],
      ],
      [
        'createLead',
        'mutation { createLead(input: { idempotencyKey: "scope-test-01", vendors: [AMERICOR], firstName: "A", lastName: "B", phone: "+12125550100", address: { line1: "1 Main St", city: "NY", state: "NY", postalCode: "10001" } }) { results { status } } }',
        ['people:read'],
      ],
      [
        'transitionApplication',
        `mutation { transitionApplication(id: "${encodeEntityId('Application', 'APITURE', 'x')}", action: APPROVE) { application { id } } }`,
        ['people:read'],
      ],
      [
        'linkRecord',
        'mutation { linkRecord(record: { vendor: CREDIT_PROS, id: "1" }) { person { id } } }',
        ['people:read'],
      ],
      [
        'unlinkRecord',
        'mutation { unlinkRecord(record: { vendor: CREDIT_PROS, id: "1" }, personId: "x") { person { id } } }',
        ['people:read'],
      ],
    ] as [string, string, Scope[]][]
  ).map(([name, query, scopes]): Case => ({
    name: `missing scope for ${name}`,
    scopes,
    body: gql(query),
    expect: 'FORBIDDEN',
  })),
];

describe('the bad-input corpus', () => {
  let gw: TestGateway;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    gw = await startTestGateway({
      env: { AUTH_MODE: 'jwt', JWT_SECRET: SECRET },
      sandboxes: { size: 40, rateLimits: { agencyZoom: null } },
    });
    Object.values(gw.sandboxes?.sandboxes ?? {}).forEach((s) => s.admin.reset());
  });
  afterAll(async () => {
    // Not one case reached a vendor.
    const calls = Object.values(gw.sandboxes?.sandboxes ?? {}).reduce(
      (n, s) => n + s.admin.calls().total,
      0,
    );
    await gw.close();
    expect(calls).toBe(0);
  });

  it('has at least 100 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const scopes = c.scopes === undefined ? [...SCOPES] : c.scopes;
    const method = c.method ?? 'POST';
    const headers: Record<string, string> = {
      ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      ...c.headers,
    };
    if (scopes !== null && !headers.authorization) {
      const key = scopes.join(' ');
      if (!tokens.has(key))
        tokens.set(key, await mintToken(AUTH, { subject: 'corpus', scopes, ttlSeconds: 600 }));
      headers.authorization = `Bearer ${tokens.get(key) as string}`;
    }
    const response = await fetch(`${gw.url}${c.path ?? '/graphql'}`, {
      method,
      headers,
      body:
        method === 'GET' ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
    });
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    if (typeof c.expect === 'number') {
      expect(response.status).toBe(c.expect);
      return;
    }
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.map((e) => e.extensions?.code)).toContain(c.expect);
  });
});
