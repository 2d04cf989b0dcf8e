import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockAgent } from 'undici';
import type { CallContext } from '../../datasources/http/context';
import type { VendorClientDeps } from '../../datasources/http/deps';
import { DEFAULT_POLICY, createLendingCrmClient } from '../../datasources/lending-crm';
import type { LendingCrmClient } from '../../datasources/lending-crm';
import { normalizePhone } from '../../src/domain/normalize';
import { AppError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { createLendingCrmSandbox } from '../../simulators/lending-crm/server';
import { seedLendingCrmClients } from '../../simulators/lending-crm/seed';
import type { Client } from '../../simulators/lending-crm/types';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { generatePopulation } from '../../simulators/population/generate';
import { LogCapture } from '../helpers/logs';

/**
 * The lending CRM client against the lending CRM sandbox over HTTP (and undici's MockAgent for
 * documented quirks the sandbox does not produce): domain models, batch call counts, auth,
 * retries, circuit, rate limits, error codes and logs.
 */

/** A distinctive token, so the log assertions can look for it. */
const TOKEN = 'lcrm-test-token-4f1c9a7e';
const population = generatePopulation({ size: 60 });
const seeded = seedLendingCrmClients(population);
const showcase = seeded[0];

let sandbox: Sandbox;
let url: string;
const open: LendingCrmClient[] = [];

beforeAll(async () => {
  sandbox = createLendingCrmSandbox({ population, credentials: { token: TOKEN } });
  url = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.admin.reset();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

const ctx = (ms = 5_000): CallContext => ({ deadline: Date.now() + ms });
const calls = (endpoint?: string): number => {
  const counts = sandbox.admin.calls();
  return endpoint ? (counts.byEndpoint[endpoint] ?? 0) : counts.total;
};

interface ClientOptions {
  token?: string;
  baseUrl?: string;
  logs?: LogCapture;
  tuning?: VendorClientDeps['tuning'];
  ratePolicy?: VendorClientDeps['ratePolicy'];
  dispatcher?: VendorClientDeps['dispatcher'];
}

function makeClient(options: ClientOptions = {}): LendingCrmClient {
  const client = createLendingCrmClient({
    config: {
      id: 'LENDING_CRM',
      mode: 'sandbox',
      baseUrl: options.baseUrl ?? url,
      credentials: { TOKEN: options.token ?? TOKEN },
      rateLimitPerMinute: null,
      sandboxPort: 0,
    },
    logger: createLogger({ level: 'debug', destination: options.logs ?? new LogCapture() }),
    tuning: {
      timeoutMs: 300,
      backoffInitialMs: 10,
      backoffMaxMs: 50,
      halfOpenAfterMs: 300,
      breakerFailures: 3,
      ...options.tuning,
    },
    ratePolicy: options.ratePolicy,
    dispatcher: options.dispatcher,
  });
  open.push(client);
  return client;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError))
    throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}

/** Text an error shows a client: message and extensions. */
const shown = (error: AppError): string => `${error.message} ${JSON.stringify(error.extensions)}`;

function expectNothingLeaked(error: AppError, values: readonly string[] = []): void {
  const text = shown(error);
  for (const value of [url, 'http', TOKEN, 'traceId', 'rfc', 'One or more', ...values])
    expect(text).not.toContain(value);
}

const e164 = (phone: string | null): string | null => (phone ? normalizePhone(phone) : null);
const phonesOf = (client: Client): string[] => [
  ...new Set(
    [client.mobilePhone, client.homePhone, client.workPhone]
      .map(e164)
      .filter((p): p is string => p !== null),
  ),
];

describe('happy paths', () => {
  it('getClient returns the showcase person as normalised domain models', async () => {
    const client = makeClient();
    const model = await client.getClient(showcase.id, ctx());
    expect(model).toEqual({
      record: {
        ref: { vendor: 'LENDING_CRM', id: showcase.id },
        firstName: 'Jordan',
        middleName: null,
        lastName: 'Rivera',
        emails: ['jordan.rivera@example.com'],
        phones: ['+16175550142', '+16175550199', e164(showcase.workPhone)],
        dateOfBirth: null,
        ssn: null,
        addresses: [],
      },
      financial: {
        fico: 642,
        annualIncome: { amount: '78000.00', currency: 'USD' },
        monthlyDebtPayments: { amount: '1450.00', currency: 'USD' },
        debtToIncomeRatio: 0.22,
        source: { vendor: 'LENDING_CRM', id: showcase.id },
      },
    });
    expect(showcase.workPhone).toContain('ext.');
    expect(calls('GET /clients/{id}')).toBe(1);
  });

  it('getClient accepts an upper-case id', async () => {
    const client = makeClient();
    const model = await client.getClient(showcase.id.toUpperCase(), ctx());
    expect(model.record.ref.id).toBe(showcase.id);
  });

  it('every seeded client maps to lower-case emails and E.164 phones', async () => {
    const client = makeClient();
    const found = await client.getClients(
      seeded.map((c) => c.id),
      ctx(),
    );
    expect(found.size).toBe(seeded.length);
    for (const wire of seeded) {
      const model = found.get(wire.id);
      expect(model?.record.emails).toEqual([wire.email.toLowerCase()]);
      expect(model?.record.phones).toEqual(phonesOf(wire));
      expect(model?.financial.fico).toBe(wire.fico);
      for (const phone of model?.record.phones ?? []) expect(phone).toMatch(/^\+1\d{10}$/);
    }
    expect(seeded.some((c) => c.fico === null)).toBe(true);
    expect(seeded.some((c) => c.email !== c.email.toLowerCase())).toBe(true);
  });

  it('findClients matches an email case-insensitively', async () => {
    const client = makeClient();
    const found = await client.findClients({ email: 'JORDAN.Rivera@example.com' }, ctx());
    expect(found.map((c) => c.record.ref.id)).toEqual([showcase.id]);
    expect(found[0].financial.annualIncome).toEqual({ amount: '78000.00', currency: 'USD' });
    expect(calls('GET /clients')).toBe(1);
  });

  it('findClients matches a phone in any format on its E.164 form, exactly', async () => {
    const client = makeClient();
    for (const phone of ['(617) 555-0142', '+16175550142', '617.555.0199']) {
      const found = await client.findClients({ phone }, ctx());
      expect(found.map((c) => c.record.ref.id)).toEqual([showcase.id]);
    }
    // Other clients share the last four digits in other area codes; they are not returned.
    const sameDigits = seeded.filter(
      (c) => c.id !== showcase.id && phonesOf(c).some((p) => p.endsWith('0142')),
    );
    const found = await client.findClients({ phone: '+12125550142' }, ctx());
    expect(found.map((c) => c.record.ref.id)).toEqual(
      sameDigits.filter((c) => phonesOf(c).includes('+12125550142')).map((c) => c.id),
    );
    expect(calls('GET /clients')).toBe(4);
  });

  it('findClients ORs several keys in one call and returns each client once', async () => {
    const client = makeClient();
    const other = seeded[1];
    const found = await client.findClients(
      { email: showcase.email, phone: '617-555-0142', lastName: other.lastName.toUpperCase() },
      ctx(),
    );
    const ids = found.map((c) => c.record.ref.id);
    expect(ids).toContain(showcase.id);
    expect(ids).toContain(other.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sameSurname = seeded.filter(
      (c) => c.lastName.toLowerCase() === other.lastName.toLowerCase(),
    );
    expect(ids.length).toBe(new Set([showcase.id, ...sameSurname.map((c) => c.id)]).size);
    expect(calls('GET /clients')).toBe(1);
  });

  it('findClients makes no call when nothing is searchable here', async () => {
    const client = makeClient();
    await expect(client.findClients({}, ctx())).resolves.toEqual([]);
    await expect(
      client.findClients({ lastName: 'Rivera', dateOfBirth: '1986-04-12' }, ctx()),
    ).resolves.toEqual([]);
    expect(calls()).toBe(0);
  });

  it('findClients is injection-safe: quotes are data, not syntax', async () => {
    const client = makeClient();
    await expect(
      client.findClients({ lastName: "Rivera' or tolower(lastName) ne 'x" }, ctx()),
    ).resolves.toEqual([]);
    await expect(client.findClients({ email: "o'brien@example.com" }, ctx())).resolves.toEqual([]);
    const ref = await client.createClient(
      { firstName: 'Pat', lastName: "O'Brien", email: 'pat.obrien@example.com' },
      ctx(),
    );
    const found = await client.findClients({ lastName: "o'brien" }, ctx());
    expect(found.map((c) => c.record.ref.id)).toEqual([ref.id]);
    expect(sandbox.admin.calls().byStatus['400']).toBeUndefined();
  });

  it('createClient stores normalised values and returns the new id from the audit record', async () => {
    const client = makeClient();
    const ref = await client.createClient(
      {
        firstName: 'Casey',
        lastName: 'Nguyen',
        email: 'Casey.Nguyen@Example.org',
        mobilePhone: '(415) 555-0177 ext. 3',
        fico: 701,
        monthlyIncome: { amount: '5416.67', currency: 'USD' },
        monthlyDebtPayments: { amount: '900.00', currency: 'USD' },
      },
      ctx(),
    );
    expect(ref.vendor).toBe('LENDING_CRM');
    expect(ref.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(calls('POST /clients')).toBe(1);
    const model = await client.getClient(ref.id, ctx());
    expect(model.record).toMatchObject({
      firstName: 'Casey',
      emails: ['casey.nguyen@example.org'],
      phones: ['+14155550177'],
    });
    expect(model.financial).toMatchObject({
      fico: 701,
      annualIncome: { amount: '65000.04', currency: 'USD' },
      monthlyDebtPayments: { amount: '900.00', currency: 'USD' },
      debtToIncomeRatio: 0.17,
    });
  });

  it('patchClient reads the PATCH-required fields first only when the patch lacks them', async () => {
    const client = makeClient();
    const ref = await client.createClient(
      { firstName: 'Robin', lastName: 'Hale', email: 'Robin.Hale@Example.net' },
      ctx(),
    );
    sandbox.admin.reset();
    await expect(client.patchClient(ref.id, { fico: 655 }, ctx())).resolves.toEqual(ref);
    expect(sandbox.admin.calls().byEndpoint).toEqual({
      'GET /clients/{id}': 1,
      'PATCH /clients/{id}': 1,
    });
    const after = await client.getClient(ref.id, ctx());
    expect(after.financial.fico).toBe(655);
    expect(after.record.emails).toEqual(['robin.hale@example.net']);

    sandbox.admin.reset();
    await client.patchClient(
      ref.id,
      {
        firstName: 'Robin',
        lastName: 'Hale-Ng',
        email: 'robin.haleng@example.net',
        homePhone: null,
      },
      ctx(),
    );
    expect(sandbox.admin.calls().byEndpoint).toEqual({ 'PATCH /clients/{id}': 1 });
    expect((await client.getClient(ref.id, ctx())).record).toMatchObject({
      lastName: 'Hale-Ng',
      emails: ['robin.haleng@example.net'],
    });
  });

  it('health and close delegate to the HTTP layer', async () => {
    const client = makeClient();
    await client.getClient(showcase.id, ctx());
    await expect(client.health()).resolves.toMatchObject({
      vendor: 'LENDING_CRM',
      state: 'READY',
      mode: 'SANDBOX',
      circuit: 'CLOSED',
    });
    await client.close();
    await expect(client.health()).resolves.toMatchObject({ state: 'UNAVAILABLE' });
    await expect(client.getClient(showcase.id, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
  });

  it('exports the default budget of 120 calls per 60 s', () => {
    expect(DEFAULT_POLICY(Date.now())).toEqual({ limit: 120, windowMs: 60_000 });
  });
});

describe('batch reads', () => {
  it('reads ids in chunks of 50 with one GET /clients each, keyed by id, missing ids absent', async () => {
    const client = makeClient();
    const unknown = Array.from({ length: 95 }, () => randomUUID());
    const ids = [...seeded.map((c) => c.id), ...unknown]; // 120 distinct uuids
    const found = await client.getClients(
      [...ids, 'not-a-uuid', "x') or (1 eq 1", seeded[1].id, seeded[2].id.toUpperCase()],
      ctx(),
    );
    expect(calls()).toBe(3);
    expect(calls('GET /clients')).toBe(3);
    expect(found).toBeInstanceOf(Map);
    expect(found.size).toBe(seeded.length + 1);
    for (const id of unknown) expect(found.has(id)).toBe(false);
    expect(found.has('not-a-uuid')).toBe(false);
    expect(found.get(seeded[2].id.toUpperCase())?.record.ref.id).toBe(seeded[2].id);
    expect(found.get(showcase.id)?.record.emails).toEqual(['jordan.rivera@example.com']);
    // `$top` covers each chunk: the vendor's default of 50 would otherwise cut it short.
    const tops = sandbox.admin.requests().map((r) => new URLSearchParams(r.query).get('$top'));
    expect(tops.sort()).toEqual(['20', '50', '50']);
  });

  it('makes no call for no ids or only ids that cannot exist', async () => {
    const client = makeClient();
    await expect(client.getClients([], ctx())).resolves.toEqual(new Map());
    await expect(client.getClients(['42', ''], ctx())).resolves.toEqual(new Map());
    expect(calls()).toBe(0);
  });
});

describe('auth', () => {
  it('sends the bearer token on every call; 20 concurrent calls all succeed', async () => {
    const client = makeClient();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.getClient(seeded[i % seeded.length].id, ctx())),
    );
    expect(results).toHaveLength(20);
    await client.getClients([showcase.id], ctx());
    await client.findClients({ email: showcase.email }, ctx());
    expect(sandbox.admin.calls()).toMatchObject({ total: 22, byStatus: { '200': 22 } });
  });

  it('revoked credentials give VENDOR_AUTH_FAILED with exactly one call per request', async () => {
    const client = makeClient();
    sandbox.admin.setFaults({ revokeTokens: true });
    for (const call of [
      () => client.getClient(showcase.id, ctx()),
      () => client.getClients([showcase.id], ctx()),
      () => client.createClient({ firstName: 'A', lastName: 'B', email: 'a.b@example.com' }, ctx()),
    ]) {
      const before = calls();
      const error = await failure(call());
      expect(error).toMatchObject({ code: 'VENDOR_AUTH_FAILED', vendor: 'LENDING_CRM' });
      expectNothingLeaked(error);
      expect(calls() - before).toBe(1);
    }
    expect(sandbox.admin.calls().byStatus).toEqual({ '401': 3 });
  });

  it('a wrong token gives VENDOR_AUTH_FAILED after one call', async () => {
    const client = makeClient({ token: 'wrong-token-0b7d' });
    const error = await failure(client.getClient(showcase.id, ctx()));
    expect(error.code).toBe('VENDOR_AUTH_FAILED');
    expect(shown(error)).not.toContain('wrong-token-0b7d');
    expect(calls()).toBe(1);
  });

  it('a JWT past its exp fails at once without a call', async () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_600_000_000 })).toString('base64url');
    const client = makeClient({ token: `eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln` });
    await expect(client.getClient(showcase.id, ctx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(calls()).toBe(0);
  });
});

describe('retries', () => {
  it('retries a read on 5xx', async () => {
    const client = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const error = await failure(client.getClient(showcase.id, ctx()));
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expectNothingLeaked(error);
    expect(calls('GET /clients/{id}')).toBe(3);
  });

  it('retries an idempotent PATCH on 5xx', async () => {
    const client = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 502 });
    await expect(
      client.patchClient(
        showcase.id,
        { email: showcase.email, firstName: 'Jordan', lastName: 'Rivera' },
        ctx(),
      ),
    ).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(calls('PATCH /clients/{id}')).toBe(3);
  });

  it('never repeats a creating POST hit by a 5xx', async () => {
    const client = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(
      client.createClient({ firstName: 'A', lastName: 'B', email: 'a.b@example.com' }, ctx()),
    ).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(calls('POST /clients')).toBe(1);
  });

  it('never repeats a creating POST that timed out', async () => {
    const client = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ latencyMs: 600 });
    const error = await failure(
      client.createClient({ firstName: 'A', lastName: 'B', email: 'a.b@example.com' }, ctx()),
    );
    expect(error.code).toBe('VENDOR_TIMEOUT');
    expect(calls('POST /clients')).toBe(1);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, and closes after a good probe', async () => {
    const client = makeClient({ tuning: { maxAttempts: 1 } });
    sandbox.admin.setFaults({ errorRate: 1 });
    for (let i = 0; i < 3; i++)
      await expect(client.getClient(showcase.id, ctx())).rejects.toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
      });
    expect((await client.health()).circuit).toBe('OPEN');
    const error = await failure(client.getClients([showcase.id], ctx()));
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expect(error.message).toMatch(/circuit open/);
    expect(calls()).toBe(3);
    sandbox.admin.clearFaults();
    await sleep(350);
    await expect(client.getClient(showcase.id, ctx())).resolves.toBeDefined();
    expect((await client.health()).circuit).toBe('CLOSED');
    expect(calls()).toBe(4);
  });
});

describe('rate limits', () => {
  afterEach(() => {
    sandbox.admin.setRateLimit(null);
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    const client = makeClient();
    sandbox.admin.setFaults({ rateLimited: 1, retryAfterS: 1 });
    const started = Date.now();
    const model = await client.getClient(showcase.id, ctx());
    expect(model.record.ref.id).toBe(showcase.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '429': 1 });
  });

  it('answers VENDOR_RATE_LIMITED with retryAfterMs when Retry-After is past the deadline', async () => {
    const client = makeClient();
    sandbox.admin.setFaults({ rateLimited: true, retryAfterS: 30 });
    const error = await failure(client.getClient(showcase.id, ctx(2_000)));
    expect(error.code).toBe('VENDOR_RATE_LIMITED');
    expect(error.extensions).toMatchObject({ retryAfterMs: 30_000 });
    expectNothingLeaked(error);
    expect(calls()).toBe(1);
  });

  it('never lets more than the budget reach the vendor', async () => {
    const rule = { limit: 5, windowMs: 1_000 };
    const client = makeClient({ ratePolicy: () => rule });
    sandbox.admin.setRateLimit(rule);
    // Start early in a window, so requests granted at a window's end cannot arrive in the next.
    await sleep(1_050 - (Date.now() % 1_000));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) => client.getClient(seeded[i].id, ctx(4_000))),
    );
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect(outcome.reason).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(10);
    const { byStatus, total } = sandbox.admin.calls();
    expect(byStatus['429'] ?? 0).toBe(0);
    expect(total).toBeLessThanOrEqual(15);
  });
});

describe('error mapping', () => {
  it('maps an unknown id to NOT_FOUND, and a non-uuid id to NOT_FOUND without a call', async () => {
    const client = makeClient();
    const unknown = randomUUID();
    const error = await failure(client.getClient(unknown, ctx()));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'lending CRM has no such client' });
    expectNothingLeaked(error, [unknown]);
    expect(calls()).toBe(1);
    await expect(client.getClient('12345', ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      client.patchClient(unknown, { email: 'a@b.co', firstName: 'A', lastName: 'B' }, ctx()),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.patchClient('nope', { fico: 1 }, ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(calls()).toBe(2);
  });

  it('maps a vendor validation error to VENDOR_REJECTED on our input names', async () => {
    const client = makeClient();
    const email = 'josé.rivera@example.com';
    const error = await failure(
      client.createClient({ firstName: 'José', lastName: 'Rivera', email }, ctx()),
    );
    expect(error).toMatchObject({
      code: 'VENDOR_REJECTED',
      vendor: 'LENDING_CRM',
      message: 'lending CRM rejected the input',
      fields: [{ path: ['input', 'email'] }],
    });
    expectNothingLeaked(error, [email, 'José', '[a-zA-Z']);
    expect(calls('POST /clients')).toBe(1);
  });

  it('refuses input it can tell is wrong with BAD_USER_INPUT, before any call', async () => {
    const client = makeClient();
    const error = await failure(
      client.createClient({ firstName: ' ', lastName: 'Rivera', email: 'jordan@' }, ctx()),
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: ['input', 'firstName'], message: 'firstName is required' },
        { path: ['input', 'email'], message: 'email is not an email address' },
      ],
    });
    expectNothingLeaked(error, ['jordan@']);
    await expect(client.findClients({ phone: '555' }, ctx())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: ['match', 'phone'] }],
    });
    await expect(client.patchClient(showcase.id, {}, ctx())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(calls()).toBe(0);
  });

  it('maps a timeout to VENDOR_TIMEOUT', async () => {
    const client = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ latencyMs: 500 });
    const error = await failure(client.getClient(showcase.id, ctx()));
    expect(error.code).toBe('VENDOR_TIMEOUT');
    expectNothingLeaked(error);
  });

  it('maps malformed JSON to VENDOR_UNAVAILABLE', async () => {
    const client = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ malformedRate: 1 });
    const error = await failure(client.findClients({ email: showcase.email }, ctx()));
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expectNothingLeaked(error, [showcase.email]);
    expect(calls('GET /clients')).toBe(3);
  });
});

describe('documented quirks over HTTP (MockAgent)', () => {
  const ORIGIN = 'http://lending-crm.test';
  const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  const item = {
    id: ID.toUpperCase(),
    email: 'Jane.Doe@Example.com',
    mobilePhone: '555-0100',
    workPhone: '(212) 555-0111 x42',
    fico: null,
    totalIncome: 8500,
    totalDebtPayments: 1200,
    firstName: 'Jane',
    lastName: 'Doe',
    loginToken: 'secret-login-token',
  };
  let agent: MockAgent;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });

  afterEach(async () => {
    await agent.close();
  });

  const mockClient = (): LendingCrmClient => makeClient({ baseUrl: ORIGIN, dispatcher: agent });
  const json = { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8' };

  it('reads the {"value": [...]} envelope, and sends Authorization: Bearer <token>', async () => {
    const seen: string[] = [];
    agent
      .get(ORIGIN)
      .intercept({
        path: (path) => path.startsWith('/clients?'),
        method: 'GET',
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      .reply(({ path }) => {
        seen.push(decodeURIComponent(path.replace(/\+/g, ' ')));
        return {
          statusCode: 200,
          data: { '@odata.context': `${ORIGIN}/$metadata#Clients`, value: [item] },
          responseOptions: { headers: json },
        };
      });
    const found = await mockClient().getClients([ID], ctx());
    expect(found.get(ID)).toEqual({
      record: expect.objectContaining({
        ref: { vendor: 'LENDING_CRM', id: ID },
        emails: ['jane.doe@example.com'],
        phones: ['+12125550111'],
      }) as unknown,
      financial: expect.objectContaining({
        fico: null,
        annualIncome: { amount: '102000.00', currency: 'USD' },
        debtToIncomeRatio: 0.14,
      }) as unknown,
    });
    expect(JSON.stringify(found.get(ID))).not.toContain('secret-login-token');
    expect(seen).toEqual([
      `/clients?$filter=id in (${ID})&$top=1&$select=id,firstName,lastName,email,mobilePhone,homePhone,workPhone,fico,totalIncome,totalDebtPayments`,
    ]);
  });

  it('falls back to "id eq .. or .." chains of 20 once the vendor refuses "in"', async () => {
    const ids = Array.from(
      { length: 45 },
      (_, i) => `${ID.slice(0, -2)}${String(i).padStart(2, '0')}`,
    );
    const filters: string[] = [];
    agent
      .get(ORIGIN)
      .intercept({ path: (path) => path.startsWith('/clients?'), method: 'GET' })
      .reply(({ path }) => {
        const filter = new URL(path, ORIGIN).searchParams.get('$filter') ?? '';
        filters.push(filter);
        if (filter.includes(' in '))
          return {
            statusCode: 400,
            data: JSON.stringify({ title: 'The query specified in the URI is not valid.' }),
            responseOptions: { headers: { 'content-type': 'application/problem+json' } },
          };
        const first = /id eq ([0-9a-f-]{36})/.exec(filter)?.[1];
        return {
          statusCode: 200,
          data: JSON.stringify(first === ids[0] ? [{ ...item, id: ids[0] }] : []),
          responseOptions: { headers: json },
        };
      })
      .persist();
    const client = mockClient();
    const found = await client.getClients(ids, ctx());
    expect([...found.keys()]).toEqual([ids[0]]);
    expect(filters.filter((f) => f.includes(' in '))).toHaveLength(1);
    expect(filters.filter((f) => f.includes(' eq '))).toHaveLength(3);
    expect(filters[1].split(' or ')).toHaveLength(20);
    // Learned: the next batch goes straight to `or` chains.
    filters.length = 0;
    await client.getClients(ids.slice(0, 5), ctx());
    expect(filters).toEqual([
      ids
        .slice(0, 5)
        .map((id) => `id eq ${id}`)
        .join(' or '),
    ]);
  });

  it('maps a 403 to VENDOR_AUTH_FAILED without a second attempt', async () => {
    let count = 0;
    agent
      .get(ORIGIN)
      .intercept({ path: `/clients/${ID}`, method: 'GET' })
      .reply(() => {
        count += 1;
        return { statusCode: 403, data: '' };
      })
      .persist();
    await expect(mockClient().getClient(ID, ctx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(count).toBe(1);
  });

  it('maps C#-cased and JSON-path error keys to our input names', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: '/clients', method: 'POST' })
      .reply(400, {
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: {
          Email: ['The Email field is not a valid e-mail address.'],
          '$.totalIncome': ['The JSON value could not be converted to System.Double.'],
          $: ['The input was not valid.'],
        },
      });
    const error = await failure(
      mockClient().createClient(
        { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' },
        ctx(),
      ),
    );
    expect(error).toMatchObject({
      code: 'VENDOR_REJECTED',
      fields: [
        { path: ['input', 'email'] },
        { path: ['input', 'monthlyIncome'] },
        { path: ['input'] },
      ],
    });
  });

  it('reports a create whose audit record names no client as VENDOR_UNAVAILABLE, sent once', async () => {
    let count = 0;
    agent
      .get(ORIGIN)
      .intercept({ path: '/clients', method: 'POST' })
      .reply(() => {
        count += 1;
        return {
          statusCode: 200,
          data: { id: null, type: 'Client', createdTimestamp: null, updatedTimestamp: null },
          responseOptions: { headers: json },
        };
      })
      .persist();
    const error = await failure(
      mockClient().createClient(
        { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' },
        ctx(),
      ),
    );
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expect(count).toBe(1);
  });

  it('strips a "Bearer " prefix pasted into the token', async () => {
    agent
      .get(ORIGIN)
      .intercept({
        path: `/clients/${ID}`,
        method: 'GET',
        headers: { authorization: 'Bearer abc.def' },
      })
      .reply(200, { ...item, id: undefined }, { headers: json });
    const client = makeClient({ baseUrl: ORIGIN, dispatcher: agent, token: ' Bearer abc.def' });
    await expect(client.getClient(ID, ctx())).resolves.toMatchObject({
      record: { ref: { id: ID } },
    });
  });
});

describe('logs', () => {
  it('carry no credential, token, email, phone, SSN or date of birth', async () => {
    const logs = new LogCapture();
    const client = makeClient({ logs, tuning: { breakerFailures: 100 } });
    const input = {
      firstName: 'Morgan',
      lastName: 'Quill',
      email: 'Morgan.Quill@Example.com',
      mobilePhone: '(303) 555-0166',
    };
    const ref = await client.createClient(input, ctx());
    await client.getClient(ref.id, ctx());
    await client.getClients([ref.id, showcase.id], ctx());
    await client.findClients({ email: input.email, phone: input.mobilePhone }, ctx());
    await client.findClients({ email: showcase.email, lastName: 'Rivera' }, ctx());
    await client.patchClient(ref.id, { homePhone: '720-555-0188' }, ctx());
    await client.createClient({ ...input, email: 'mörgan@example.com' }, ctx()).catch(() => null);
    sandbox.admin.setFaults({ errorRate: 1 });
    await client.getClient(showcase.id, ctx()).catch(() => null);
    sandbox.admin.clearFaults();
    sandbox.admin.setFaults({ malformedRate: 1 });
    await client.findClients({ phone: '+16175550142' }, ctx()).catch(() => null);
    sandbox.admin.clearFaults();
    const wrong = makeClient({ logs, token: 'wrong-token-b81e' });
    await wrong.getClient(showcase.id, ctx()).catch(() => null);

    const text = logs.text();
    expect(text).toContain('GET /clients/{id}');
    expect(text).toContain('vendor call');
    const person = population.people[0];
    for (const value of [
      TOKEN,
      'wrong-token-b81e',
      'Bearer',
      showcase.loginToken as string,
      input.email,
      input.email.toLowerCase(),
      'mörgan',
      '555-0166',
      '3035550166',
      '720-555-0188',
      '7205550188',
      showcase.email,
      person.email,
      '6175550142',
      '555-0142',
      person.ssn,
      person.ssn.replace(/-/g, ''),
      person.dateOfBirth,
      ref.id,
      showcase.id,
      'Quill',
      'Rivera',
    ])
      expect(text).not.toContain(value);
  });
});
