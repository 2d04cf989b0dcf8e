import { setTimeout as sleep } from 'node:timers/promises';
import { MockAgent } from 'undici';
import { createCreditProsClient } from '../../datasources/credit-pros/client';
import type {
  CreditProsClient,
  CreditProsClientOptions,
} from '../../datasources/credit-pros/client';
import type { CallContext } from '../../datasources/http/context';
import type { VendorClientDeps } from '../../datasources/http/deps';
import { AppError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { seedCreditPros } from '../../simulators/credit-pros/seed';
import {
  buildCreditProsSandbox,
  createCreditProsSandbox,
} from '../../simulators/credit-pros/server';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { generatePopulation } from '../../simulators/population/generate';
import { LogCapture } from '../helpers/logs';

/**
 * The Credit Pros client against the real sandbox over HTTP (and undici's MockAgent for answers
 * the sandbox never gives): domain models, call counts, auth, retries, circuit, rate limits,
 * error codes and what reaches the logs.
 */

/** A distinctive key, so the log test can look for it. */
const API_KEY = 'cp-test-key-5e1b9c2d';
const population = generatePopulation({ size: 60 });
const seed = seedCreditPros(population);
const SHOWCASE_ID = '1001';
const MISSING_ID = '99999';

const SHOWCASE_RECORD = {
  ref: { vendor: 'CREDIT_PROS', id: SHOWCASE_ID },
  firstName: 'Jordan',
  middleName: 'Avery',
  lastName: 'RIVERA',
  emails: ['jordan.rivera@example.com'],
  phones: ['+16175550142', '+16175550199'],
  dateOfBirth: '1986-04-12',
  ssn: '045-62-1187',
  addresses: [
    {
      line1: '27 Maple St Apt 4',
      line2: null,
      city: 'Boston',
      state: 'MA',
      postalCode: '02108',
      country: 'US',
    },
  ],
};

/** Clients of the seed with no credit report pulled. */
const NO_PULL_IDS = seed.clients
  .filter((c) => !seed.masterSchemas.some((s) => s.client_id === c.id))
  .map((c) => String(c.id));
/** A client the write tests change (never the showcase person). */
const WRITE_ID = String(seed.clients[seed.clients.length - 1].id);

let sandbox: Sandbox;
let url: string;
const opened: CreditProsClient[] = [];
const agents: MockAgent[] = [];

const ctx = (ms = 5_000): CallContext => ({ deadline: Date.now() + ms });

function depsFor(logs: LogCapture, overrides: Partial<VendorClientDeps> = {}): VendorClientDeps {
  return {
    config: {
      id: 'CREDIT_PROS',
      mode: 'sandbox',
      baseUrl: url,
      credentials: { API_KEY },
      rateLimitPerMinute: null,
      sandboxPort: 0,
    },
    logger: createLogger({ level: 'debug', destination: logs }),
    tuning: {
      timeoutMs: 1_000,
      backoffInitialMs: 10,
      backoffMaxMs: 50,
      halfOpenAfterMs: 300,
      breakerFailures: 3,
    },
    ...overrides,
  };
}

/** A fresh client (own limiter and circuit), closed after the test. */
function makeClient(
  overrides: Partial<VendorClientDeps> = {},
  options: CreditProsClientOptions = {},
): { client: CreditProsClient; logs: LogCapture } {
  const logs = new LogCapture();
  const client = createCreditProsClient(depsFor(logs, overrides), options);
  opened.push(client);
  return { client, logs };
}

const calls = (endpoint: string): number => sandbox.admin.calls().byEndpoint[endpoint] ?? 0;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

/** What an error exposes to a client: its message and extensions. */
const exposed = (error: AppError): string => `${error.message} ${JSON.stringify(error.extensions)}`;

beforeAll(async () => {
  sandbox = createCreditProsSandbox({ population, credentials: { apiKey: API_KEY } });
  url = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.admin.reset();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.close()));
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

describe('reads (happy path)', () => {
  it('gets the showcase client as a normalised person record in one call', async () => {
    const { client } = makeClient();
    await expect(client.getClient(SHOWCASE_ID, ctx())).resolves.toEqual(SHOWCASE_RECORD);
    expect(sandbox.admin.calls().byEndpoint).toEqual({ 'GET /clients/{id}': 1 });
  });

  it('gets many clients in one search per 100 ids, keyed by id, missing ids absent', async () => {
    const { client } = makeClient();
    const few = await client.getClients(
      [SHOWCASE_ID, '1002', MISSING_ID, 'abc', SHOWCASE_ID, '1003'],
      ctx(),
    );
    expect([...few.keys()].sort()).toEqual(['1001', '1002', '1003']);
    expect(few.get(SHOWCASE_ID)).toEqual(SHOWCASE_RECORD);
    expect(few.get('1002')).toEqual(await client.getClient('1002', ctx()));
    expect(calls('POST /clients/search')).toBe(1);

    sandbox.admin.reset();
    const ids = Array.from({ length: 150 }, (_, i) => String(1001 + i));
    const many = await client.getClients(ids, ctx());
    expect(calls('POST /clients/search')).toBe(2);
    expect(sandbox.admin.calls().total).toBe(2);
    expect([...many.keys()].sort()).toEqual(seed.clients.map((c) => String(c.id)).sort());
    expect(many.has('1150')).toBe(false);

    sandbox.admin.reset();
    await expect(client.getClients([], ctx())).resolves.toEqual(new Map());
    expect(sandbox.admin.calls().total).toBe(0);
  });

  it('reads both client-list shapes: the documented array of paginators and the flat paginator', async () => {
    const flat = buildCreditProsSandbox({
      population,
      credentials: { apiKey: API_KEY },
      clientListShape: 'flat',
    });
    const flatUrl = await flat.listen(0);
    try {
      const base = depsFor(new LogCapture());
      const onFlat = createCreditProsClient({
        ...base,
        config: { ...base.config, baseUrl: flatUrl },
      });
      opened.push(onFlat);
      const { client: onDocumented } = makeClient();
      const ids = [SHOWCASE_ID, '1004', '1005', MISSING_ID];
      const fromFlat = await onFlat.getClients(ids, ctx());
      expect(fromFlat).toEqual(await onDocumented.getClients(ids, ctx()));
      expect(fromFlat.size).toBe(3);
      expect(flat.admin.calls().byEndpoint).toEqual({ 'POST /clients/search': 1 });
    } finally {
      await flat.close();
    }
  });

  it('finds the showcase person by email, phone, SSN, or last name with date of birth', async () => {
    const { client } = makeClient();
    const byEmail = await client.findClients({ email: 'JORDAN.RIVERA@example.COM' }, ctx());
    expect(byEmail).toEqual([SHOWCASE_RECORD]);
    expect(calls('POST /clients/search')).toBe(1);

    // Stored as `617.555.0142` and `(617) 555-0142`; the home phone in another format.
    for (const phone of ['+16175550142', '(617) 555-0142', '617-555-0199']) {
      const found = await client.findClients({ phone }, ctx());
      expect(found.map((r) => r.ref.id)).toEqual([SHOWCASE_ID]);
    }
    const bySsn = await client.findClients({ ssn: '045-62-1187' }, ctx());
    expect(bySsn.map((r) => r.ref.id)).toEqual([SHOWCASE_ID]);
    const byName = await client.findClients(
      { lastName: 'rivera', dateOfBirth: '1986-04-12' },
      ctx(),
    );
    expect(byName.map((r) => r.ref.id)).toEqual([SHOWCASE_ID]);
    expect(calls('POST /clients/search')).toBe(6);
  });

  it('finds other clients whose phones and emails are stored in other formats and cases', async () => {
    const { client } = makeClient();
    for (const stored of seed.clients.slice(1, 8)) {
      const record = await client.getClient(String(stored.id), ctx());
      const byPhone = await client.findClients({ phone: record.phones[0] }, ctx());
      expect(byPhone.map((r) => r.ref.id)).toContain(String(stored.id));
      expect(byPhone.every((r) => r.phones.includes(record.phones[0]))).toBe(true);
      const byEmail = await client.findClients({ email: stored.email.toUpperCase() }, ctx());
      expect(byEmail.map((r) => r.ref.id)).toEqual([String(stored.id)]);
    }
  });

  it('widens the search with several keys, finds nothing for unknown keys, refuses a bad match without calling', async () => {
    const { client } = makeClient();
    const other = seed.clients[2];
    const both = await client.findClients(
      { email: 'jordan.rivera@example.com', ssn: String(other.ssn).padStart(9, '0') },
      ctx(),
    );
    expect(both.map((r) => r.ref.id)).toEqual([SHOWCASE_ID, String(other.id)]);
    await expect(client.findClients({ email: 'nobody@example.com' }, ctx())).resolves.toEqual([]);
    sandbox.admin.reset();
    const error = await failure(client.findClients({ lastName: 'Rivera' }, ctx()));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields).toEqual([
      { path: ['match', 'dateOfBirth'], message: 'is required together with lastName' },
    ]);
    expect(sandbox.admin.calls().total).toBe(0);
  });

  it("returns the showcase person's reports newest first, with bureaus, score and negative items", async () => {
    const { client } = makeClient();
    const reports = await client.getCreditReports(SHOWCASE_ID, ctx());
    const schemas = seed.masterSchemas.filter((s) => s.client_id === 1001);
    expect(reports).toHaveLength(schemas.length);
    expect(reports.map((r) => [r.bureau, r.reportDate, r.score])).toEqual([
      ['TRANSUNION', '2025-03-14', null],
      ['EXPERIAN', '2025-03-14', null],
      ['EQUIFAX', '2025-03-14', 642],
      ['TRANSUNION', '2024-09-16', null],
      ['EXPERIAN', '2024-09-16', null],
      ['EQUIFAX', '2024-09-16', null],
    ]);
    for (const report of reports) {
      expect(report.subject).toEqual({ vendor: 'CREDIT_PROS', id: SHOWCASE_ID });
      const schema = schemas.find((s) => String(s.id) === report.ref.id);
      const items = seed.negativeItems.filter((i) => i.report_id === schema?.report_id);
      expect(report.negativeItems.map((t) => t.creditorName)).toEqual(
        items.map((i) => i.account_name),
      );
    }
    const equifax = reports[2];
    expect(equifax.negativeItems[0]).toEqual({
      creditorName: 'CAPITAL ONE BANK USA NA',
      accountType: 'Credit Card',
      accountNumberLast4: '1930',
      status: 'Charged Off',
      balance: { amount: '2782.00', currency: 'USD' },
      pastDue: { amount: '2782.00', currency: 'USD' },
      openedDate: '2017-05-23',
      reportedDate: '2025-02-24',
      chargedOff: true,
      inCollection: false,
    });
    expect(reports[5].negativeItems.map((t) => t.creditorName)).toEqual([
      'PORTFOLIO RECOVERY ASSOCIATES',
    ]);
    // 1 list + 1 negative-items page + 1 content read per report (for the score).
    expect(sandbox.admin.calls().byEndpoint).toEqual({
      'GET /clients/{client}/credit-report-master-schemas': 1,
      'GET /negative-items': 1,
      'GET /credit-report-master-schemas/{id}': schemas.length,
    });
  });

  it('costs 2 calls per client without scores (null everywhere), 1 without negative items', async () => {
    const { client } = makeClient({}, { readScores: false });
    const reports = await client.getCreditReports(SHOWCASE_ID, ctx());
    expect(reports.map((r) => r.score)).toEqual([null, null, null, null, null, null]);
    expect(sandbox.admin.calls().total).toBe(2);
    sandbox.admin.reset();
    // Negative items are read beside the list, so a client with no report costs them too.
    await expect(client.getCreditReports(NO_PULL_IDS[0], ctx())).resolves.toEqual([]);
    expect(sandbox.admin.calls().byEndpoint).toEqual({
      'GET /clients/{client}/credit-report-master-schemas': 1,
      'GET /negative-items': 1,
    });
    sandbox.admin.reset();
    const listed = await client.getCreditReports(SHOWCASE_ID, ctx(), { negativeItems: false });
    expect(listed.map((r) => r.ref.id)).toEqual(reports.map((r) => r.ref.id));
    expect(listed.every((r) => r.negativeItems.length === 0)).toBe(true);
    expect(sandbox.admin.calls().byEndpoint).toEqual({
      'GET /clients/{client}/credit-report-master-schemas': 1,
    });
    // The same report read by id agrees: no score either.
    await expect(client.getCreditReport(reports[2].ref.id, ctx())).resolves.toEqual(reports[2]);
  });

  it('gets one report by id, equal to the same report in the list, in 2 calls', async () => {
    const { client } = makeClient();
    const reports = await client.getCreditReports(SHOWCASE_ID, ctx());
    sandbox.admin.reset();
    for (const expected of [reports[2], reports[5]]) {
      await expect(client.getCreditReport(expected.ref.id, ctx())).resolves.toEqual(expected);
    }
    expect(sandbox.admin.calls().byEndpoint).toEqual({
      'GET /credit-report-master-schemas/{id}': 2,
      'GET /negative-items': 2,
    });
    await expect(client.getCreditReport('999999', ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The Credit Pros has no such credit report',
    });
  });

  it('gets reports of several clients keyed by id, unknown clients absent', async () => {
    const { client } = makeClient({}, { readScores: false });
    const ids = [SHOWCASE_ID, NO_PULL_IDS[0], '1002', MISSING_ID, 'x', SHOWCASE_ID];
    const reports = await client.getCreditReportsForClients(ids, ctx());
    expect([...reports.keys()].sort()).toEqual([SHOWCASE_ID, '1002', NO_PULL_IDS[0]].sort());
    expect(reports.get(NO_PULL_IDS[0])).toEqual([]);
    expect(reports.get(SHOWCASE_ID)).toHaveLength(6);
    // Per distinct valid id: 1 list and, beside it, 1 negative-items page.
    expect(calls('GET /clients/{client}/credit-report-master-schemas')).toBe(4);
    expect(calls('GET /negative-items')).toBe(4);
  });

  it('returns the client each report list embeds, and scores of reports by id', async () => {
    const { client } = makeClient();
    const read = await client.getClientReports([SHOWCASE_ID, NO_PULL_IDS[0]], ctx(), {
      scores: false,
      negativeItems: false,
    });
    const showcase = read.get(SHOWCASE_ID);
    if (!showcase || showcase instanceof Error) throw new Error('no reports for the showcase');
    expect(showcase.client).toEqual(await client.getClient(SHOWCASE_ID, ctx()));
    expect(read.get(NO_PULL_IDS[0])).toMatchObject({ reports: [], client: null });
    sandbox.admin.reset();
    const ids = showcase.reports.slice(0, 2).map((r) => r.ref.id);
    const scores = await client.getReportScores([...ids, MISSING_ID], ctx());
    const full = await client.getCreditReports(SHOWCASE_ID, ctx());
    for (const id of ids)
      expect(scores.get(id)).toBe(full.find((r) => r.ref.id === id)?.score ?? null);
    expect(scores.has(MISSING_ID)).toBe(false);
  });

  it('updates a client and returns it normalised, in one call (the answer echoes the client)', async () => {
    const { client } = makeClient();
    const updated = await client.updateClient(
      WRITE_ID,
      {
        firstName: 'Morgan',
        email: 'Morgan.Write@Example.com',
        phone: '(212) 555-0111',
        dateOfBirth: '1979-11-02',
        ssn: '012-34-5678',
        mailingAddress: {
          line1: '1 Main St',
          line2: 'Unit 2',
          city: 'Newark',
          state: 'nj',
          postalCode: '07102',
        },
      },
      ctx(),
    );
    expect(updated).toMatchObject({
      ref: { vendor: 'CREDIT_PROS', id: WRITE_ID },
      firstName: 'Morgan',
      emails: expect.arrayContaining(['morgan.write@example.com']) as unknown,
      dateOfBirth: '1979-11-02',
      ssn: '012-34-5678',
      addresses: [
        {
          line1: '1 Main St',
          line2: 'Unit 2',
          city: 'Newark',
          state: 'NJ',
          postalCode: '07102',
          country: 'US',
        },
      ],
    });
    expect(updated.emails[0]).toBe('morgan.write@example.com');
    expect(updated.phones[0]).toBe('+12125550111');
    expect(sandbox.admin.calls().byEndpoint).toEqual({ 'PUT /portal/clients/{client}': 1 });
    await expect(client.getClient(WRITE_ID, ctx())).resolves.toEqual(updated);
  });

  it('reports health from the shared layer', async () => {
    const { client } = makeClient();
    expect(client.vendor).toBe('CREDIT_PROS');
    await expect(client.health()).resolves.toMatchObject({
      vendor: 'CREDIT_PROS',
      state: 'READY',
      mode: 'SANDBOX',
      circuit: 'CLOSED',
    });
  });
});

describe('auth', () => {
  it('sends the key on every call: 20 concurrent calls all succeed', async () => {
    const { client } = makeClient();
    const ids = seed.clients.slice(0, 20).map((c) => String(c.id));
    const records = await Promise.all(ids.map((id) => client.getClient(id, ctx())));
    expect(records.map((r) => r.ref.id)).toEqual(ids);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 20 });
  });

  it('gives VENDOR_AUTH_FAILED with exactly one call per request when the key is refused', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ revokeTokens: true });
    const errors = [
      await failure(client.getClient(SHOWCASE_ID, ctx())),
      await failure(client.getClients([SHOWCASE_ID], ctx())),
      await failure(client.updateClient(WRITE_ID, { firstName: 'X' }, ctx())),
    ];
    for (const error of errors) {
      expect(error).toMatchObject({
        code: 'VENDOR_AUTH_FAILED',
        message: "The Credit Pros refused the gateway's credentials",
      });
      expect(exposed(error)).not.toMatch(/Unauthenticated|cp-test-key/);
    }
    expect(sandbox.admin.calls()).toEqual({
      total: 3,
      byEndpoint: {
        'GET /clients/{id}': 1,
        'POST /clients/search': 1,
        'PUT /portal/clients/{client}': 1,
      },
      byStatus: { '401': 3 },
    });
  });

  it('gives VENDOR_AUTH_FAILED for a wrong key', async () => {
    const logs = new LogCapture();
    const base = depsFor(logs);
    const client = createCreditProsClient({
      ...base,
      config: { ...base.config, credentials: { API_KEY: 'wrong-key-6f2e' } },
    });
    opened.push(client);
    await expect(client.getClient(SHOWCASE_ID, ctx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(sandbox.admin.calls().total).toBe(1);
    expect(logs.text()).not.toContain('wrong-key-6f2e');
  });

  it('refuses to start without the API key', () => {
    const base = depsFor(new LogCapture());
    expect(() =>
      createCreditProsClient({ ...base, config: { ...base.config, credentials: {} } }),
    ).toThrow(/API_KEY/);
  });
});

/** A client whose HTTP goes to a MockAgent that accepts nothing but the intercepts set up. */
function mocked(tuning: VendorClientDeps['tuning'] = {}): {
  client: CreditProsClient;
  pool: ReturnType<MockAgent['get']>;
  agent: MockAgent;
} {
  const origin = 'http://credit-pros.test';
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const base = depsFor(new LogCapture());
  const client = createCreditProsClient({
    ...base,
    config: { ...base.config, baseUrl: origin },
    dispatcher: agent,
    tuning: { ...base.tuning, ...tuning },
  });
  opened.push(client);
  return { client, pool: agent.get(origin), agent };
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const KEY_HEADER = { 'x-api-key': API_KEY };
const pathStarts =
  (prefix: string) =>
  (path: string): boolean =>
    path === prefix || path.startsWith(`${prefix}?`);

const wireClient = (id: number, extra: Record<string, unknown> = {}) => ({
  attributes: { FirstName: 'Ana', LastName: 'Ng', MailingPostalCode: 601 },
  email: `ana${id}@example.com`,
  id,
  mobile_phone: '787-555-0100',
  ssn: 1234567,
  ...extra,
});

describe('answers the sandbox never gives (MockAgent)', () => {
  it('maps 419 (session expired) and 403 (not allowed) to VENDOR_AUTH_FAILED after one call each', async () => {
    const { client, pool, agent } = mocked();
    pool
      .intercept({ path: '/clients/7', method: 'GET', headers: KEY_HEADER })
      .reply(419, { message: 'Token has expired' }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: '/clients/8', method: 'GET', headers: KEY_HEADER })
      .reply(403, { message: 'This action is unauthorized.' }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: '/clients/9', method: 'GET', headers: KEY_HEADER })
      .reply(401, { message: 'Unauthenticated.' }, { headers: JSON_HEADERS });
    for (const id of ['7', '8', '9']) {
      const error = await failure(client.getClient(id, ctx()));
      expect(error.code).toBe('VENDOR_AUTH_FAILED');
      expect(exposed(error)).not.toMatch(/expired|unauthorized|Unauthenticated/);
    }
    // Each intercept answers once: a second attempt would fail as VENDOR_UNAVAILABLE.
    agent.assertNoPendingInterceptors();
  });

  it('reads a get answer wrapped in data, a bare-array search answer, and pads lost zeros', async () => {
    const { client, pool } = mocked();
    pool
      .intercept({ path: '/clients/7', method: 'GET', headers: KEY_HEADER })
      .reply(200, { data: wireClient(7) }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: pathStarts('/clients/search'), method: 'POST', headers: KEY_HEADER })
      .reply(200, [wireClient(7), wireClient(8)], { headers: JSON_HEADERS });
    const one = await client.getClient('7', ctx());
    expect(one).toMatchObject({
      firstName: 'Ana',
      ssn: '001-23-4567',
      phones: ['+17875550100'],
      addresses: [{ postalCode: '00601' }],
    });
    const many = await client.getClients(['7', '8', '10'], ctx());
    expect([...many.keys()]).toEqual(['7', '8']);
  });

  it('follows pages when meta gives no page counts and a page comes back full', async () => {
    const { client, pool } = mocked();
    const schemaOf = (id: number) => ({
      id,
      bureau: 'XPN',
      vendor: 'Experian',
      report_date: `2024-01-${String((id % 28) + 1).padStart(2, '0')}`,
      report_id: `RPT_${id}`,
      client: { id: 7 },
      content: { items: [], schema: 'data' },
    });
    const listPath = '/clients/7/credit-report-master-schemas';
    pool
      .intercept({ path: (p) => pathStarts(listPath)(p) && p.includes('page=1&'), method: 'GET' })
      .reply(
        200,
        { data: Array.from({ length: 100 }, (_, i) => schemaOf(i + 1)), links: {}, meta: {} },
        { headers: JSON_HEADERS },
      );
    pool
      .intercept({ path: (p) => pathStarts(listPath)(p) && p.includes('page=2&'), method: 'GET' })
      .reply(200, { data: [schemaOf(101)], links: {}, meta: {} }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: pathStarts('/negative-items'), method: 'GET' })
      .reply(200, { data: [], links: {}, meta: {} }, { headers: JSON_HEADERS });
    const reports = await client.getCreditReports('7', ctx());
    expect(reports).toHaveLength(101);
    expect(reports.every((r) => r.bureau === 'EXPERIAN')).toBe(true);
  });

  it('reads the client again when the update answer is the documented negative item, or empty', async () => {
    const { client, pool, agent } = mocked();
    const documented = {
      data: { attributes: {}, id: 'negative item id', origin: 'manual', status: 'Not Processed' },
    };
    pool
      .intercept({ path: '/portal/clients/7', method: 'PUT', headers: KEY_HEADER })
      .reply(200, documented, { headers: JSON_HEADERS });
    pool
      .intercept({ path: '/portal/clients/7', method: 'PUT', headers: KEY_HEADER })
      .reply(204, '');
    pool
      .intercept({ path: '/clients/7', method: 'GET', headers: KEY_HEADER })
      .reply(200, wireClient(7, { attributes: { FirstName: 'Bea' } }), { headers: JSON_HEADERS })
      .times(2);
    for (let i = 0; i < 2; i++) {
      const updated = await client.updateClient('7', { firstName: 'Bea' }, ctx());
      expect(updated.firstName).toBe('Bea');
    }
    agent.assertNoPendingInterceptors();
  });

  it('stores a failing client as its Error in a batch, without failing the others', async () => {
    const { client, pool } = mocked({ maxAttempts: 1, breakerFailures: 100 });
    const list = (id: number) => pathStarts(`/clients/${id}/credit-report-master-schemas`);
    pool
      .intercept({ path: list(7), method: 'GET' })
      .reply(200, { data: [], links: {}, meta: {} }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: list(8), method: 'GET' })
      .reply(500, { message: 'Server Error' }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: list(9), method: 'GET' })
      .reply(404, { message: 'Not Found.' }, { headers: JSON_HEADERS });
    const reports = await client.getCreditReportsForClients(['7', '8', '9'], ctx());
    expect([...reports.keys()].sort()).toEqual(['7', '8']);
    expect(reports.get('7')).toEqual([]);
    expect(reports.get('8')).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
  });
});

describe('retries only where safe', () => {
  it('retries a read on 5xx, then answers VENDOR_UNAVAILABLE', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const error = await failure(client.getClient(SHOWCASE_ID, ctx()));
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expect(exposed(error)).not.toMatch(/Service Unavailable|http:\/\//);
    expect(calls('GET /clients/{id}')).toBe(3);
  });

  it('retries the read-only search POST on 5xx', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 502 });
    await expect(client.getClients([SHOWCASE_ID], ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(calls('POST /clients/search')).toBe(3);
  });

  it('never repeats the update (not idempotent) after a 5xx', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(client.updateClient(WRITE_ID, { middleName: 'Lee' }, ctx())).rejects.toMatchObject(
      { code: 'VENDOR_UNAVAILABLE' },
    );
    expect(calls('PUT /portal/clients/{client}')).toBe(1);
  });

  it('never repeats the update after a timeout (VENDOR_TIMEOUT)', async () => {
    const { client } = makeClient({
      tuning: { timeoutMs: 300, backoffInitialMs: 10, backoffMaxMs: 50, breakerFailures: 100 },
    });
    sandbox.admin.setFaults({ latencyMs: 600 });
    const error = await failure(client.updateClient(WRITE_ID, { middleName: 'Lee' }, ctx()));
    expect(error).toMatchObject({ code: 'VENDOR_TIMEOUT' });
    expect(calls('PUT /portal/clients/{client}')).toBe(1);
    // Let the abandoned call finish at the sandbox before the next test counts calls.
    await sleep(500);
  });

  it('retries a read that times out, then answers VENDOR_TIMEOUT', async () => {
    const { client } = makeClient({
      tuning: { timeoutMs: 200, backoffInitialMs: 10, backoffMaxMs: 50, breakerFailures: 100 },
    });
    sandbox.admin.setFaults({ latencyMs: 400 });
    await expect(client.getClient(SHOWCASE_ID, ctx())).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(calls('GET /clients/{id}')).toBe(3);
    await sleep(500);
  });

  it('opens the circuit after repeated failures, fails fast, and closes after a good probe', async () => {
    const { client } = makeClient({
      tuning: {
        timeoutMs: 1_000,
        maxAttempts: 1,
        breakerFailures: 3,
        halfOpenAfterMs: 300,
      },
    });
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    for (let i = 0; i < 3; i++) {
      await expect(client.getClient(SHOWCASE_ID, ctx())).rejects.toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
      });
    }
    expect((await client.health()).circuit).toBe('OPEN');
    const started = Date.now();
    const fast = await failure(client.getCreditReports(SHOWCASE_ID, ctx()));
    expect(fast.code).toBe('VENDOR_UNAVAILABLE');
    expect(fast.message).toMatch(/circuit open/);
    expect(Date.now() - started).toBeLessThan(200);
    expect(sandbox.admin.calls().total).toBe(3);

    sandbox.admin.clearFaults();
    await sleep(350);
    await expect(client.getClient(SHOWCASE_ID, ctx())).resolves.toEqual(SHOWCASE_RECORD);
    expect((await client.health()).circuit).toBe('CLOSED');
    expect(sandbox.admin.calls().total).toBe(4);
  });
});

describe('rate limits', () => {
  it('honours Retry-After on a 429 and then succeeds', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ rateLimited: 1, retryAfterS: 1 });
    const started = Date.now();
    await expect(client.getClient(SHOWCASE_ID, ctx())).resolves.toEqual(SHOWCASE_RECORD);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '429': 1 });
  });

  it('answers VENDOR_RATE_LIMITED with retryAfterMs when Retry-After is past the deadline', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ rateLimited: true, retryAfterS: 30 });
    const error = await failure(client.getClient(SHOWCASE_ID, ctx(2_000)));
    expect(error).toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      extensions: expect.objectContaining({ retryAfterMs: 30_000 }) as unknown,
    });
    expect(exposed(error)).not.toMatch(/Too Many Attempts/);
    expect(sandbox.admin.calls().total).toBe(1);
  });

  it('never lets more calls than the budget reach the vendor', async () => {
    const { client } = makeClient({ ratePolicy: () => ({ limit: 5, windowMs: 1_000 }) });
    sandbox.admin.setRateLimit({ limit: 5, windowMs: 1_000 });
    try {
      // Start just after a window opens, so no call granted late in one window lands in the next.
      await sleep(1_000 - (Date.now() % 1_000) + 20);
      const ids = seed.clients.slice(0, 15).map((c) => String(c.id));
      const outcomes = await Promise.allSettled(ids.map((id) => client.getClient(id, ctx(4_000))));
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      for (const outcome of refused) {
        expect(outcome.reason).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
      }
      expect(outcomes.length - refused.length).toBeGreaterThanOrEqual(5);
      expect(sandbox.admin.calls().byStatus['429']).toBeUndefined();
    } finally {
      sandbox.admin.setRateLimit(null);
    }
  });

  it('uses a flat 120 calls per minute by default, and CREDITPROS_RATE_LIMIT over it', async () => {
    const { client } = makeClient();
    await expect(client.health()).resolves.toMatchObject({ remainingBudget: 120 });
    const base = depsFor(new LogCapture());
    const limited = createCreditProsClient({
      ...base,
      config: { ...base.config, rateLimitPerMinute: 30 },
    });
    opened.push(limited);
    await limited.getClient(SHOWCASE_ID, ctx());
    await expect(limited.health()).resolves.toMatchObject({ remainingBudget: 29 });
  });
});

describe('error mapping', () => {
  it('maps unknown ids to NOT_FOUND without vendor text, and malformed ids without calling', async () => {
    const { client } = makeClient();
    const unknown = await failure(client.getClient(MISSING_ID, ctx()));
    expect(unknown).toMatchObject({
      code: 'NOT_FOUND',
      message: 'The Credit Pros has no such client',
    });
    expect(exposed(unknown)).not.toMatch(/Not Found\.|could not be located|http:\/\//);
    await expect(client.getCreditReports(MISSING_ID, ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    sandbox.admin.reset();
    await expect(client.getClient('1001; DROP', ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(client.getCreditReport('../clients', ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(sandbox.admin.calls().total).toBe(0);
  });

  it('maps 422 to VENDOR_REJECTED on our input names, with no vendor text or values', async () => {
    const { client } = makeClient();
    const taken = await failure(
      client.updateClient(WRITE_ID, { email: 'Jordan.Rivera@Example.com' }, ctx()),
    );
    expect(taken).toMatchObject({
      code: 'VENDOR_REJECTED',
      message: 'The Credit Pros rejected the input',
      fields: [{ path: ['input', 'email'], message: 'is already in use' }],
    });
    const future = await failure(
      client.updateClient(WRITE_ID, { dateOfBirth: '2999-01-01', firstName: 'Ok' }, ctx()),
    );
    expect(future.fields).toEqual([
      { path: ['input', 'dateOfBirth'], message: 'must be in the past' },
    ]);
    for (const error of [taken, future]) {
      expect(exposed(error)).not.toMatch(
        /jordan|rivera|2999|attributes\.|D_O_B__c|has already been taken|before today/i,
      );
    }
    expect(calls('PUT /portal/clients/{client}')).toBe(2);
  });

  it('refuses an invalid update as BAD_USER_INPUT without calling, and an unknown client as NOT_FOUND', async () => {
    const { client } = makeClient();
    const invalid = await failure(client.updateClient(WRITE_ID, { email: 'not-an-email' }, ctx()));
    expect(invalid).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: ['input', 'email'], message: 'is not an email address' }],
    });
    expect(exposed(invalid)).not.toContain('not-an-email');
    expect(sandbox.admin.calls().total).toBe(0);
    await expect(
      client.updateClient(MISSING_ID, { firstName: 'Nobody' }, ctx()),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('maps malformed JSON to VENDOR_UNAVAILABLE (reads retried)', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ malformedRate: 1 });
    const error = await failure(client.getCreditReports(SHOWCASE_ID, ctx()));
    expect(error).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      message: 'The Credit Pros returned a response the gateway cannot read',
    });
    expect(calls('GET /clients/{client}/credit-report-master-schemas')).toBe(3);
  });

  it('answers VENDOR_TIMEOUT without calling once the deadline has passed', async () => {
    const { client } = makeClient();
    await expect(client.getClient(SHOWCASE_ID, { deadline: Date.now() - 1 })).rejects.toMatchObject(
      { code: 'VENDOR_TIMEOUT' },
    );
    expect(sandbox.admin.calls().total).toBe(0);
  });
});

describe('logs', () => {
  it('never log the key, emails, phones, SSNs or dates of birth across a run of calls', async () => {
    const { client, logs } = makeClient();
    const run = ctx(10_000);
    await client.getClient(SHOWCASE_ID, run);
    await client.getClients([SHOWCASE_ID, '1002'], run);
    await client.findClients({ email: 'Jordan.Rivera@Example.com' }, run);
    await client.findClients({ phone: '617.555.0142', ssn: '045-62-1187' }, run);
    await client.findClients({ lastName: 'Rivera', dateOfBirth: '1986-04-12' }, run);
    await client.getCreditReports(SHOWCASE_ID, run);
    await client.updateClient(
      WRITE_ID,
      { phone: '(973) 555-0177', ssn: '078-05-1120', dateOfBirth: '1970-01-31' },
      run,
    );
    await client
      .updateClient(WRITE_ID, { email: 'jordan.rivera@example.com' }, run)
      .catch(() => null);
    sandbox.admin.setFaults({ revokeTokens: true });
    await client.getClient(SHOWCASE_ID, run).catch(() => null);

    const text = logs.text();
    expect(text).toContain('POST /clients/search');
    expect(text).toContain('PUT /portal/clients/{client}');
    const secrets = [
      API_KEY,
      'jordan.rivera',
      'Jordan.Rivera',
      '617.555.0142',
      '(617) 555-0142',
      '6175550142',
      '5550142',
      '5550199',
      '045-62-1187',
      '45621187',
      '1986-04-12',
      '(973) 555-0177',
      '9735550177',
      '078-05-1120',
      '78051120',
      '1970-01-31',
      'Maple',
      'RIVERA',
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
