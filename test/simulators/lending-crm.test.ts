import type { Sandbox } from '../../simulators/kit/sandbox';
import {
  generatePopulation,
  peopleIn,
  SHOWCASE_EMAIL,
  showcasePerson,
} from '../../simulators/population/generate';
import { createLendingCrmSandbox } from '../../simulators/lending-crm/server';
import { lendingCrmDirectory, seedLendingCrmClients } from '../../simulators/lending-crm/seed';
import { MAX_TOP } from '../../simulators/lending-crm/query';
import type { AuditRecord, Client } from '../../simulators/lending-crm/types';
import { CLIENT_FIELDS } from '../../simulators/lending-crm/types';

const population = generatePopulation({ size: 60 });
const seeded = seedLendingCrmClients(population);
const showcase = seeded[0];
const directory = lendingCrmDirectory(population);

const AUTH = { authorization: 'Bearer sandbox' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

let sandbox: Sandbox;
let baseUrl: string;

beforeAll(async () => {
  sandbox = createLendingCrmSandbox({ population });
  baseUrl = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(async () => {
  await fetch(`${baseUrl}/__admin/reset`, { method: 'POST' });
});

/** Calls the sandbox with the configured token unless `headers` says otherwise. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...AUTH, ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return fetch(`${baseUrl}${path}`, { method, headers, body, signal: options.signal });
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** GET /clients with the given query options (values are URL-encoded here). */
async function listClients(query: Record<string, string | number>): Promise<Response> {
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  );
  return call('GET', `/clients?${search.toString()}`);
}

async function listOk(query: Record<string, string | number>): Promise<Partial<Client>[]> {
  const response = await listClients(query);
  expect(response.status).toBe(200);
  return json<Partial<Client>[]>(response);
}

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${baseUrl}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(response.status).toBe(200);
}

interface Problem {
  type: string;
  title: string;
  status: number;
  traceId: string;
  errors?: Record<string, string[]>;
}

async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
  const problem = await json<Problem>(response);
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^https:\/\/tools\.ietf\.org\//);
  expect(problem.title).not.toBe('');
  expect(problem.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  return problem;
}

async function expectValidationErrors(response: Response): Promise<Record<string, string[]>> {
  const problem = await expectProblem(response, 400);
  expect(problem.title).toBe('One or more validation errors occurred.');
  return problem.errors ?? {};
}

const newClient = (overrides: Partial<Client> = {}): Partial<Client> => ({
  email: 'casey.morgan@example.com',
  firstName: 'Casey',
  lastName: 'Morgan',
  ...overrides,
});

async function createClient(body: Partial<Client>): Promise<AuditRecord> {
  const response = await call('POST', '/clients', { body });
  expect(response.status).toBe(200);
  return json<AuditRecord>(response);
}

async function getClient(id: string): Promise<Client> {
  const response = await call('GET', `/clients/${id}`);
  expect(response.status).toBe(200);
  return json<Client>(response);
}

describe('authentication', () => {
  it('accepts the configured bearer token, with the scheme in any case', async () => {
    expect((await call('GET', '/clients?$top=1')).status).toBe(200);
    const lower = await call('GET', '/clients?$top=1', {
      headers: { authorization: 'bearer sandbox' },
    });
    expect(lower.status).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a bare token without the Bearer scheme', 'sandbox'],
    ['another scheme', 'Basic c2FuZGJveDpzYW5kYm94'],
    ['an empty bearer', 'Bearer '],
  ])('answers %s with 401, an empty body and a Bearer challenge', async (_case, header) => {
    const response = await fetch(`${baseUrl}/clients`, {
      headers: header === undefined ? {} : { authorization: header },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.text()).toBe('');
  });

  it('answers a wrong token with 401 invalid_token', async () => {
    const response = await call('GET', `/clients/${showcase.id}`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.wrong' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await response.text()).toBe('');
  });

  it('refuses the configured token while revokeTokens is set, and accepts it again after', async () => {
    await setFaults({ revokeTokens: true });
    const refused = await call('GET', '/clients?$top=1');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The token has been revoked"',
    );
    expect(await refused.text()).toBe('');
    await fetch(`${baseUrl}/__admin/faults`, { method: 'DELETE' });
    expect((await call('GET', '/clients?$top=1')).status).toBe(200);
  });

  it('guards every operation, the unsupported DELETE /clients included', async () => {
    const unauthenticated = { headers: { authorization: '' } };
    const attempts = await Promise.all([
      call('POST', '/clients', { ...unauthenticated, body: newClient() }),
      call('DELETE', '/clients', unauthenticated),
      call('PUT', `/clients/${showcase.id}`, { ...unauthenticated, body: newClient() }),
      call('PATCH', `/clients/${showcase.id}`, { ...unauthenticated, body: {} }),
      call('DELETE', `/clients/${showcase.id}`, unauthenticated),
    ]);
    expect(attempts.map((response) => response.status)).toEqual([401, 401, 401, 401, 401]);
    await getClient(showcase.id);
  });

  it('accepts only the token it was configured with', async () => {
    const custom = createLendingCrmSandbox({
      population,
      credentials: { token: 'eyJ.custom.jwt' },
    });
    const url = await custom.listen(0);
    try {
      const withDefault = await fetch(`${url}/clients`, { headers: AUTH });
      expect(withDefault.status).toBe(401);
      const withCustom = await fetch(`${url}/clients`, {
        headers: { authorization: 'Bearer eyJ.custom.jwt' },
      });
      expect(withCustom.status).toBe(200);
    } finally {
      await custom.close();
    }
  });
});

describe('GET /clients/{id}', () => {
  it('returns the showcase person with every documented property filled', async () => {
    const client = await getClient(showcase.id);
    expect(Object.keys(client)).toEqual(CLIENT_FIELDS);
    for (const field of CLIENT_FIELDS) expect(client[field]).not.toBeNull();
    expect(client).toEqual(showcase);
    const person = showcasePerson(population);
    expect(client.email.toLowerCase()).toBe(SHOWCASE_EMAIL);
    expect([client.firstName, client.lastName]).toEqual(['Jordan', 'Rivera']);
    expect(client).toMatchObject({
      fico: person.financial.fico,
      totalIncome: person.financial.annualIncome / 12,
      totalDebtPayments: person.financial.monthlyDebtPayments,
      mobilePhone: '(617) 555-0142',
      ownerId: directory.loanOfficerIds[0],
      isArchived: false,
    });
  });

  it('finds a client whatever the case of its uuid', async () => {
    const client = await getClient(showcase.id.toUpperCase());
    expect(client.id).toBe(showcase.id);
  });

  it('answers an unknown uuid with a 404 problem', async () => {
    const problem = await expectProblem(await call('GET', `/clients/${UNKNOWN_ID}`), 404);
    expect(problem.title).toBe('Not Found');
  });

  it('answers a malformed id with a 400 naming the id', async () => {
    const errors = await expectValidationErrors(await call('GET', '/clients/12345'));
    expect(errors).toEqual({ id: ["The value '12345' is not valid."] });
  });
});

describe('POST /clients', () => {
  it('creates a client and answers with its audit record, not the client', async () => {
    const before = Date.now();
    const audit = await createClient(
      newClient({ mobilePhone: '555.010.0199', fico: 701, totalIncome: 5250.75 }),
    );
    expect(Object.keys(audit)).toEqual(['id', 'type', 'createdTimestamp', 'updatedTimestamp']);
    expect(audit.id).toMatch(UUID);
    expect(audit.type).toBe('Client');
    expect(audit.updatedTimestamp).toBeNull();
    expect(Date.parse(audit.createdTimestamp ?? '')).toBeGreaterThanOrEqual(before - 1000);

    const client = await getClient(audit.id ?? '');
    expect(client).toEqual({
      externalId: null,
      source: null,
      ownerId: null,
      referredById: null,
      email: 'casey.morgan@example.com',
      homePhone: null,
      workPhone: null,
      mobilePhone: '555.010.0199',
      fax: null,
      isSilenced: false,
      isArchived: false,
      createdOn: audit.createdTimestamp,
      updatedOn: null,
      fico: 701,
      totalIncome: 5250.75,
      totalDebtPayments: null,
      firstTimeBuyer: null,
      loginToken: null,
      id: audit.id,
      firstName: 'Casey',
      lastName: 'Morgan',
    });
  });

  it('ignores the read-only id, createdOn and updatedOn of the body', async () => {
    const audit = await createClient(
      newClient({ id: UNKNOWN_ID, createdOn: '2001-01-01T00:00:00Z', updatedOn: null }),
    );
    expect(audit.id).not.toBe(UNKNOWN_ID);
    expect(audit.createdTimestamp).not.toBe('2001-01-01T00:00:00Z');
    expect((await call('GET', `/clients/${UNKNOWN_ID}`)).status).toBe(404);
  });

  it('refuses missing required properties with one message per field', async () => {
    const errors = await expectValidationErrors(
      await call('POST', '/clients', { body: { firstName: '   ' } }),
    );
    expect(errors).toEqual({
      email: ['The email field is required.'],
      firstName: ['The firstName field is required.'],
      lastName: ['The lastName field is required.'],
    });
  });

  it.each(['jane', 'jane@example', 'x y@example.com', 'jane@example.c'])(
    'refuses the email %j that does not match the documented pattern as a whole',
    async (email) => {
      const errors = await expectValidationErrors(
        await call('POST', '/clients', { body: newClient({ email }) }),
      );
      expect(errors.email?.[0]).toContain('must match the regular expression');
    },
  );

  it('refuses values of the wrong type', async () => {
    const errors = await expectValidationErrors(
      await call('POST', '/clients', {
        body: {
          ...newClient(),
          ownerId: 'officer-7',
          fico: 700.5,
          totalIncome: '5000',
          isArchived: null,
          firstTimeBuyer: 'yes',
          source: 12,
        },
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['fico', 'firstTimeBuyer', 'isArchived', 'ownerId', 'source', 'totalIncome'].sort(),
    );
  });

  it('refuses an empty body, a non-object body and malformed JSON on the body as a whole', async () => {
    const empty = await expectValidationErrors(await call('POST', '/clients'));
    expect(empty).toEqual({ $: ['A non-empty request body is required.'] });
    const array = await expectValidationErrors(await call('POST', '/clients', { body: [] }));
    expect(array).toEqual({ $: ['The request body must be a JSON object.'] });
    const malformed = await expectValidationErrors(
      await call('POST', '/clients', { body: '{"email": ' }),
    );
    expect(Object.keys(malformed)).toEqual(['$']);
  });
});

describe('framework edges', () => {
  it('answers a body of an unsupported media type with a 415 problem', async () => {
    const response = await call('POST', '/clients', {
      body: 'email=casey@example.com',
      headers: { 'content-type': 'text/plain' },
    });
    await expectProblem(response, 415);
  });

  it('answers an unknown path with an empty 404', async () => {
    const response = await call('GET', '/loan-applications');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });
});

describe('DELETE /clients', () => {
  it('is documented as unsupported: 405 with no content', async () => {
    const response = await call('DELETE', '/clients');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.text()).toBe('');
    expect((await call('GET', `/clients/${showcase.id}`)).status).toBe(200);
  });
});

describe('PUT /clients/{id}', () => {
  it('replaces the client, clearing what the body leaves out, and answers an audit record', async () => {
    const created = await createClient(
      newClient({ mobilePhone: '617-555-0111', fico: 690, source: 'Website' }),
    );
    const id = created.id ?? '';
    const response = await call('PUT', `/clients/${id}`, {
      body: newClient({ email: 'casey.m@example.org', fico: 712, id: UNKNOWN_ID }),
    });
    expect(response.status).toBe(200);
    const audit = await json<AuditRecord>(response);
    expect(audit).toMatchObject({ id, type: 'Client', createdTimestamp: created.createdTimestamp });
    expect(audit.updatedTimestamp).toEqual(expect.any(String));

    const client = await getClient(id);
    expect(client).toMatchObject({
      email: 'casey.m@example.org',
      fico: 712,
      mobilePhone: null,
      source: null,
      createdOn: created.createdTimestamp,
      updatedOn: audit.updatedTimestamp,
    });
  });

  it('validates like POST, reporting a bad path id and a bad body together', async () => {
    const errors = await expectValidationErrors(
      await call('PUT', '/clients/not-a-uuid', { body: { email: 'nobody' } }),
    );
    expect(Object.keys(errors).sort()).toEqual(['email', 'firstName', 'id', 'lastName']);
  });

  it('answers an unknown id with 404', async () => {
    await expectProblem(await call('PUT', `/clients/${UNKNOWN_ID}`, { body: newClient() }), 404);
  });
});

describe('PATCH /clients/{id}', () => {
  it('merges only the properties present, null clearing a nullable one', async () => {
    const created = await createClient(
      newClient({ homePhone: '(508) 555-0177', fico: 640, externalId: 'LOS-PATCH-1' }),
    );
    const id = created.id ?? '';
    const response = await call('PATCH', `/clients/${id}`, {
      body: { fico: 655, homePhone: null, isSilenced: true },
    });
    expect(response.status).toBe(200);
    const audit = await json<AuditRecord>(response);
    expect(audit).toMatchObject({ id, type: 'Client', createdTimestamp: created.createdTimestamp });

    const client = await getClient(id);
    expect(client).toMatchObject({
      fico: 655,
      homePhone: null,
      isSilenced: true,
      externalId: 'LOS-PATCH-1',
      email: 'casey.morgan@example.com',
      firstName: 'Casey',
      updatedOn: audit.updatedTimestamp,
    });
  });

  it('validates the properties present, refusing null for required ones', async () => {
    const errors = await expectValidationErrors(
      await call('PATCH', `/clients/${showcase.id}`, {
        body: { email: null, lastName: '', isArchived: 'no' },
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['email', 'isArchived', 'lastName']);
    expect(await getClient(showcase.id)).toEqual(showcase);
  });

  it('accepts the merge-patch media type', async () => {
    const created = await createClient(newClient());
    const response = await call('PATCH', `/clients/${created.id ?? ''}`, {
      body: { source: 'Open House' },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(response.status).toBe(200);
    expect((await getClient(created.id ?? '')).source).toBe('Open House');
  });

  it('answers an unknown id with 404', async () => {
    await expectProblem(await call('PATCH', `/clients/${UNKNOWN_ID}`, { body: {} }), 404);
  });
});

describe('DELETE /clients/{id}', () => {
  it('deletes with 204 and no content; the client is gone and a second delete is a 404', async () => {
    const created = await createClient(newClient());
    const id = created.id ?? '';
    const response = await call('DELETE', `/clients/${id}`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expectProblem(await call('GET', `/clients/${id}`), 404);
    await expectProblem(await call('DELETE', `/clients/${id}`), 404);
  });

  it('refuses a malformed id', async () => {
    const errors = await expectValidationErrors(await call('DELETE', '/clients/xyz'));
    expect(Object.keys(errors)).toEqual(['id']);
  });
});

describe('GET /clients with OData', () => {
  /** Seeded clients still unchanged in the store (the write tests only touch their own). */
  const seededIds = (items: Partial<Client>[]): string[] =>
    items.map((item) => item.id ?? '').filter((id) => seeded.some((client) => client.id === id));
  const idsWhere = (test: (client: Client) => boolean): string[] =>
    seeded
      .filter(test)
      .map((client) => client.id)
      .sort();

  it('returns a bare JSON array of complete clients, ordered by id by default', async () => {
    const response = await call('GET', '/clients?$top=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const items = await json<Client[]>(response);
    expect(Array.isArray(items)).toBe(true);
    expect(items).toHaveLength(5);
    for (const item of items) expect(Object.keys(item)).toEqual(CLIENT_FIELDS);
    const ids = items.map((item) => item.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('filters with eq on a string, case-sensitively; tolower matches any case', async () => {
    const exact = await listOk({ $filter: `email eq '${showcase.email}'` });
    expect(exact.map((item) => item.id)).toEqual([showcase.id]);
    expect(await listOk({ $filter: `email eq '${SHOWCASE_EMAIL.toUpperCase()}'` })).toEqual([]);
    const folded = await listOk({ $filter: `tolower(email) eq '${SHOWCASE_EMAIL}'` });
    expect(folded.map((item) => item.id)).toEqual([showcase.id]);
  });

  it('filters with ne, gt, ge, lt, le on numbers', async () => {
    const query = async (filter: string): Promise<string[]> =>
      seededIds(await listOk({ $filter: filter, $top: MAX_TOP })).sort();
    expect(await query('fico ge 700')).toEqual(idsWhere((c) => c.fico !== null && c.fico >= 700));
    expect(await query('fico gt 700')).toEqual(idsWhere((c) => c.fico !== null && c.fico > 700));
    expect(await query('fico lt 600')).toEqual(idsWhere((c) => c.fico !== null && c.fico < 600));
    expect(await query('fico le 600')).toEqual(idsWhere((c) => c.fico !== null && c.fico <= 600));
    expect(await query('totalIncome gt 10000.5')).toEqual(
      idsWhere((c) => c.totalIncome !== null && c.totalIncome > 10000.5),
    );
    expect(await query(`fico ne ${showcase.fico ?? 0}`)).toEqual(
      idsWhere((c) => c.fico !== showcase.fico),
    );
  });

  it('filters with and, or, not, parentheses, booleans and null', async () => {
    const query = async (filter: string): Promise<string[]> =>
      seededIds(await listOk({ $filter: filter, $top: MAX_TOP })).sort();
    expect(await query('(fico lt 600 or fico eq null) and isArchived eq false')).toEqual(
      idsWhere((c) => (c.fico === null || c.fico < 600) && !c.isArchived),
    );
    expect(await query('not (firstTimeBuyer eq true) and updatedOn ne null')).toEqual(
      idsWhere((c) => c.firstTimeBuyer !== true && c.updatedOn !== null),
    );
    expect(await query('isArchived or isSilenced')).toEqual(
      idsWhere((c) => c.isArchived || c.isSilenced),
    );
  });

  it('filters by guid literals, eq/or chains and in lists, as the gateway batches ids', async () => {
    const [a, b, c] = seeded;
    const one = await listOk({ $filter: `id eq ${a.id.toUpperCase()}` });
    expect(one.map((item) => item.id)).toEqual([a.id]);
    const chain = await listOk({ $filter: `id eq ${a.id} or id eq ${b.id} or id eq ${c.id}` });
    expect(chain.map((item) => item.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const list = await listOk({ $filter: `id in (${a.id}, ${b.id}, ${UNKNOWN_ID})` });
    expect(list.map((item) => item.id).sort()).toEqual([a.id, b.id].sort());
    const owners = await listOk({
      $filter: `ownerId eq ${directory.loanOfficerIds[0]}`,
      $top: MAX_TOP,
    });
    expect(seededIds(owners).sort()).toEqual(
      idsWhere((client) => client.ownerId === directory.loanOfficerIds[0]),
    );
  });

  it("filters with in over strings, escaping ' as ''", async () => {
    const target = await createClient(
      newClient({ email: 'obrien.q@example.com', lastName: "O'Brien", externalId: "OB'1" }),
    );
    const found = await listOk({
      $filter: `externalId in ('${showcase.externalId ?? ''}', 'OB''1')`,
    });
    expect(found.map((item) => item.id).sort()).toEqual([showcase.id, target.id].sort());
    const byName = await listOk({ $filter: "lastName eq 'O''Brien'" });
    expect(byName.map((item) => item.id)).toEqual([target.id]);
  });

  it('filters date-times and with the string functions', async () => {
    const recent = await listOk({
      $filter: 'createdOn ge 2023-03-14T15:09:26.535Z',
      $top: MAX_TOP,
    });
    expect(seededIds(recent).sort()).toEqual(
      idsWhere((c) => Date.parse(c.createdOn) >= Date.parse(showcase.createdOn)),
    );
    const domain = await listOk({
      $filter: "endswith(tolower(email), '@example.org')",
      $top: MAX_TOP,
    });
    expect(seededIds(domain).sort()).toEqual(
      idsWhere((c) => c.email.toLowerCase().endsWith('@example.org')),
    );
    const external = await listOk({ $filter: "startswith(externalId, 'LOS-1000')" });
    expect(external.map((item) => item.id)).toContain(showcase.id);
  });

  it('projects with $select, in schema order', async () => {
    const items = await listOk({ $select: 'fico,email,id', $top: 3 });
    expect(items).toHaveLength(3);
    for (const item of items) expect(Object.keys(item)).toEqual(['email', 'fico', 'id']);
    const all = await listOk({ $select: '*', $top: 1 });
    expect(Object.keys(all[0])).toEqual(CLIENT_FIELDS);
  });

  it('orders with $orderby, asc and desc, several keys, id breaking ties', async () => {
    const asc = await listOk({ $orderby: 'fico', $select: 'fico,id', $top: MAX_TOP });
    const ficos = asc.map((item) => item.fico ?? null);
    const nulls = ficos.filter((fico) => fico === null).length;
    expect(ficos.slice(0, nulls).every((fico) => fico === null)).toBe(true);
    const numbers = ficos.slice(nulls) as number[];
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));

    const desc = await listOk({
      $orderby: 'isArchived desc, lastName asc, id',
      $select: 'isArchived,lastName,id',
      $top: MAX_TOP,
    });
    const rank = (item: Partial<Client>): [number, string, string] => [
      item.isArchived ? 0 : 1,
      item.lastName ?? '',
      item.id ?? '',
    ];
    for (let i = 1; i < desc.length; i++) {
      const [previous, current] = [rank(desc[i - 1]), rank(desc[i])];
      const firstDifference = previous.findIndex((key, k) => key !== current[k]);
      expect(firstDifference).toBeGreaterThanOrEqual(0);
      expect(previous[firstDifference] < current[firstDifference]).toBe(true);
    }
  });

  it('pages with $skip and $top over a stable order', async () => {
    const all = await listOk({ $top: MAX_TOP, $select: 'id' });
    const page1 = await listOk({ $top: 4, $select: 'id' });
    const page2 = await listOk({ $top: 4, $skip: 4, $select: 'id' });
    expect([...page1, ...page2]).toEqual(all.slice(0, 8));
    expect(await listOk({ $skip: all.length })).toEqual([]);
    expect(await listOk({ $top: 0 })).toEqual([]);
  });

  it(`returns 50 by default and at most ${MAX_TOP} per call`, async () => {
    const seededCount = peopleIn(population, 'lendingCrm').length;
    for (let i = seededCount; i < 60; i++) {
      await createClient(newClient({ email: `pager${i}@example.com`, lastName: 'Pager' }));
    }
    expect(await listOk({})).toHaveLength(50);
    expect((await listOk({ $top: MAX_TOP })).length).toBeGreaterThanOrEqual(60);
    const errors = await expectValidationErrors(await listClients({ $top: MAX_TOP + 1 }));
    expect(errors.$top?.[0]).toContain(`The limit of '${MAX_TOP}' for Top query has been exceeded`);
  });

  it('restricts to one owner with ownerId and searches text with searchText', async () => {
    const owner = directory.loanOfficerIds[1];
    const owned = await listOk({ ownerId: owner, $top: MAX_TOP });
    expect(seededIds(owned).sort()).toEqual(idsWhere((client) => client.ownerId === owner));
    const searched = await listOk({ searchText: 'jordan RIVERA' });
    expect(searched.map((item) => item.id)).toEqual([showcase.id]);
    const byDigits = await listOk({ searchText: '617-555-0142' });
    expect(byDigits.map((item) => item.id)).toEqual([showcase.id]);
  });

  it.each([
    ['$filter', "email eq 'unterminated", 'unterminated string literal'],
    ['$filter', 'fico eq', 'expected an operand'],
    ['$filter', 'ssn eq 1', "Could not find a property named 'ssn' on type 'Client'."],
    ['$filter', `id eq '${UNKNOWN_ID}'`, "'Edm.Guid' and 'Edm.String'"],
    ['$filter', "email like 'x'", 'expected the end of the expression'],
    ['$select', 'id,loginTokens', "Could not find a property named 'loginTokens'"],
    ['$orderby', 'fico upward', 'expected the end of the expression'],
    ['$orderby', 'score', "Could not find a property named 'score'"],
    ['$skip', '-5', 'requires a non-negative integer value'],
    ['$top', 'ten', 'requires a non-negative integer value'],
    ['$expand', 'owner', "The query option '$expand' is not supported."],
    ['ownerId', 'officer-7', "The value 'officer-7' is not valid."],
  ])('answers a bad %s (%j) with a 400 problem naming it', async (option, value, message) => {
    const errors = await expectValidationErrors(await listClients({ [option]: value }));
    expect(Object.keys(errors)).toEqual([option]);
    expect(errors[option]?.[0]).toContain(message);
  });

  it('refuses a query option given twice', async () => {
    const errors = await expectValidationErrors(await call('GET', '/clients?$top=1&$top=2'));
    expect(errors.$top?.[0]).toContain('was specified more than once');
  });
});

describe('fault injection', () => {
  it('answers every call with errorStatus while errorRate is 1', async () => {
    await setFaults({ errorRate: 1, errorStatus: 502 });
    const problem = await expectProblem(await call('GET', `/clients/${showcase.id}`), 502);
    expect(problem.title).toBe('An error occurred while processing your request.');
  });

  it('answers 429 with Retry-After while rateLimited, then recovers after the count', async () => {
    await setFaults({ rateLimited: 2, retryAfterS: 7 });
    for (let i = 0; i < 2; i++) {
      const response = await call('GET', '/clients?$top=1');
      expect(response.headers.get('retry-after')).toBe('7');
      const problem = await expectProblem(response, 429);
      expect(problem.title).toBe('Too Many Requests');
    }
    expect((await call('GET', '/clients?$top=1')).status).toBe(200);
  });

  it('enforces a configured rate limit with a 429 and Retry-After', async () => {
    const limit = await fetch(`${baseUrl}/__admin/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 2, windowMs: 60_000 }),
    });
    expect(limit.status).toBe(204);
    try {
      expect((await call('GET', '/clients?$top=1')).status).toBe(200);
      expect((await call('GET', '/clients?$top=1')).status).toBe(200);
      const refused = await call('GET', '/clients?$top=1');
      await expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await fetch(`${baseUrl}/__admin/rate-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ limit: null }),
      });
    }
  });

  it('cuts JSON bodies into unparseable text while malformedRate is 1', async () => {
    await setFaults({ malformedRate: 1 });
    const response = await call('GET', `/clients/${showcase.id}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('never answers while hang is set: the client times out', async () => {
    await setFaults({ hang: true });
    await expect(
      call('GET', '/clients?$top=1', { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
  });

  it('delays answers by latencyMs', async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await call('GET', '/clients?$top=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('admin counters', () => {
  it('counts calls by path template and status, and resets', async () => {
    await fetch(`${baseUrl}/__admin/reset`, { method: 'POST' });
    await call('GET', '/clients?$top=1');
    await call('GET', `/clients/${showcase.id}`);
    await call('GET', `/clients/${UNKNOWN_ID}`);
    await call('POST', '/clients', { body: {} });
    await call('DELETE', '/clients');

    const calls = await json<{
      total: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
    }>(await fetch(`${baseUrl}/__admin/calls`));
    expect(calls).toEqual({
      total: 5,
      byEndpoint: {
        'GET /clients': 1,
        'GET /clients/{id}': 2,
        'POST /clients': 1,
        'DELETE /clients': 1,
      },
      byStatus: { '200': 2, '400': 1, '404': 1, '405': 1 },
    });

    expect((await fetch(`${baseUrl}/__admin/reset`, { method: 'POST' })).status).toBe(204);
    const cleared = await json<{ total: number }>(await fetch(`${baseUrl}/__admin/calls`));
    expect(cleared.total).toBe(0);
  });
});

describe('seed', () => {
  it('is deterministic: the same seed gives identical JSON, another seed other data', () => {
    const again = seedLendingCrmClients(generatePopulation({ size: 60 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(seeded));
    const other = seedLendingCrmClients(generatePopulation({ seed: 'other', size: 60 }));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(seeded));
  });

  it('holds one client per person in the lending CRM, with unique uuid ids', () => {
    expect(seeded).toHaveLength(peopleIn(population, 'lendingCrm').length);
    expect(new Set(seeded.map((client) => client.id)).size).toBe(seeded.length);
    for (const client of seeded) expect(client.id).toMatch(UUID);
  });

  it('carries fico, monthly income and debt payments from the population', () => {
    const people = peopleIn(population, 'lendingCrm');
    seeded.forEach((client, i) => {
      const { financial } = people[i];
      if (client.fico !== null) expect(client.fico).toBe(financial.fico);
      if (client.totalIncome !== null) {
        expect(client.totalIncome).toBeCloseTo(financial.annualIncome / 12, 2);
      }
      if (client.totalDebtPayments !== null) {
        expect(client.totalDebtPayments).toBe(financial.monthlyDebtPayments);
      }
    });
  });

  it('varies email case, name case and phone formats as a real CRM does', () => {
    const large = seedLendingCrmClients(generatePopulation({ size: 400 }));
    expect(large.some((client) => client.email !== client.email.toLowerCase())).toBe(true);
    expect(large.some((client) => client.lastName === client.lastName.toUpperCase())).toBe(true);
    const phoneShapes = new Set(
      large.map((client) => client.mobilePhone?.replace(/\d/g, '9')).filter(Boolean),
    );
    expect(phoneShapes.size).toBeGreaterThanOrEqual(4);
    expect(large.some((client) => client.fico === null)).toBe(true);
  });
});
