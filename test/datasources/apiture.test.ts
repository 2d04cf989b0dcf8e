import { setTimeout as sleep } from 'node:timers/promises';
import { MockAgent } from 'undici';
import { createApitureClient } from '../../datasources/apiture';
import type { ApitureClient } from '../../datasources/apiture';
import type { CallContext, RatePolicy, VendorClientDeps } from '../../datasources/http';
import type { AppError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { PRODUCTS } from '../../simulators/apiture/catalog';
import { seedApiture } from '../../simulators/apiture/seed';
import { createApitureSandbox } from '../../simulators/apiture/server';
import type { ApplicationRecord } from '../../simulators/apiture/types';
import { generatePopulation } from '../../simulators/population/generate';
import { LogCapture } from '../helpers/logs';

/**
 * The Apiture client against the real sandbox over HTTP (happy paths, costs, auth, retries,
 * circuit, budgets, error mapping, logs), plus undici MockAgent exchanges for documented quirks
 * the sandbox does not produce (weak ETags, `items.anyOf`, stale action answers, 400 targets).
 */

const population = generatePopulation({ size: 60 });
const seed = seedApiture(population);

const API_KEY = 'apiture-key-4c1d9e77';
const ACCESS_TOKEN = 'apiture-token-7b2f0a13';
const BASE = '/accountApplications';
const EP = {
  list: `GET ${BASE}/applications`,
  get: `GET ${BASE}/applications/{applicationId}`,
  create: `POST ${BASE}/applications`,
  patch: `PATCH ${BASE}/applications/{applicationId}`,
  approve: `POST ${BASE}/approvedApplications`,
  start: `POST ${BASE}/runningApplications`,
  cancel: `POST ${BASE}/canceledApplications`,
  enrollments: `GET ${BASE}/enrollments`,
  enrollment: `GET ${BASE}/enrollments/{enrollmentId}`,
};

// ---- seed facts the assertions use ----

function contactIdOf(record: ApplicationRecord): string {
  return (record.applicants[0] as { contact: { _id: string } }).contact._id;
}

const SHOWCASE_CONTACT = contactIdOf(seed.applications[0]);
const showcaseApps = seed.applications.filter((a) => contactIdOf(a) === SHOWCASE_CONTACT);
const SHOWCASE_RUNNING = showcaseApps.find((a) => a.state === 'running')!._id;
const SHOWCASE_ENROLLMENT = seed.enrollments.find((e) => e.applicantName === 'Jordan Rivera')!._id;
const others = seed.applications.filter((a) => contactIdOf(a) !== SHOWCASE_CONTACT);
const inState = (state: string): string[] =>
  others.filter((a) => a.state === state).map((a) => a._id);
const BLOCKED = inState('blocked');
const RUNNING = inState('running');
const CANCELED = inState('canceled');
const APPROVED = inState('approved');
/** A contact whose applications are all finished, so it may open a new one. */
const FREE_CONTACT = [...new Set(others.map(contactIdOf))].find((contact) =>
  others
    .filter((a) => contactIdOf(a) === contact)
    .every((a) => ['approved', 'rejected', 'canceled', 'expired'].includes(a.state)),
)!;

const SHOWCASE_RECORD = {
  ref: { vendor: 'APITURE', id: `contact:${SHOWCASE_CONTACT}` },
  firstName: 'Jordan',
  middleName: 'Avery',
  lastName: 'Rivera',
  emails: ['jordan.rivera@example.com'],
  phones: ['+16175550142', '+16175550199'],
  dateOfBirth: '1986-04-12',
  ssn: '045-62-1187',
  addresses: [
    {
      line1: '27 Maple St',
      line2: 'Apt 4',
      city: 'Boston',
      state: 'MA',
      postalCode: '02108',
      country: 'US',
    },
  ],
};

// ---- sandbox and clients ----

let sandbox: Sandbox;
let url: string;
/** Values `random()` hands the sandbox's fault injection next (jitter, error rate); then 0.999. */
let randomQueue: number[] = [];
const clients: ApitureClient[] = [];

beforeAll(async () => {
  sandbox = createApitureSandbox({
    population,
    credentials: { apiKey: API_KEY, accessToken: ACCESS_TOKEN },
    random: () => randomQueue.shift() ?? 0.999,
  });
  url = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  sandbox.admin.reset();
  randomQueue = [];
});

interface ClientOptions {
  tuning?: VendorClientDeps['tuning'];
  ratePolicy?: RatePolicy;
  credentials?: Record<string, string>;
  baseUrl?: string;
  dispatcher?: VendorClientDeps['dispatcher'];
  logs?: LogCapture;
}

function makeClient(options: ClientOptions = {}): { client: ApitureClient; logs: LogCapture } {
  const logs = options.logs ?? new LogCapture();
  const client = createApitureClient({
    config: {
      id: 'APITURE',
      mode: 'sandbox',
      baseUrl: options.baseUrl ?? url,
      credentials: options.credentials ?? { API_KEY, ACCESS_TOKEN },
      rateLimitPerMinute: null,
      sandboxPort: 0,
    },
    logger: createLogger({ level: 'debug', destination: logs }),
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
  clients.push(client);
  return { client, logs };
}

const ctx = (ms = 5_000): CallContext => ({ deadline: Date.now() + ms });
const calls = (endpoint: string): number => sandbox.admin.calls().byEndpoint[endpoint] ?? 0;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

/** What a client may see of an error holds no URL, path, vendor body text or credential. */
function expectClientSafe(error: AppError): void {
  const visible = JSON.stringify({ message: error.message, extensions: error.extensions });
  for (const forbidden of [
    url,
    'http',
    BASE,
    '_error',
    'There is no such',
    'If-Match',
    'statusCode',
    API_KEY,
    ACCESS_TOKEN,
  ])
    expect(visible).not.toContain(forbidden);
}

// ---------------------------------------------------------------------------------------------

describe('happy paths', () => {
  it('pages through every application summary, one call per page', async () => {
    const { client } = makeClient();
    const seen: string[] = [];
    let start: number | null = 0;
    let pages = 0;
    while (start !== null) {
      const page = await client.listApplications({ start, limit: 10 }, ctx());
      seen.push(...page.items.map((item) => item.ref.id));
      expect(page.items.every((item) => item.ref.vendor === 'APITURE')).toBe(true);
      start = page.nextStart;
      pages += 1;
    }
    expect(new Set(seen)).toEqual(new Set(seed.applications.map((a) => a._id)));
    expect(pages).toBe(Math.ceil(seed.applications.length / 10));
    expect(calls(EP.list)).toBe(pages);
    expect(sandbox.admin.requests().every((r) => r.path.startsWith(`${BASE}/`))).toBe(true);
  });

  it('filters lists by state, change time and applicant contact', async () => {
    const { client } = makeClient();
    const blocked = await client.listApplications({ state: 'BLOCKED', limit: 1000 }, ctx());
    expect(blocked.items.map((i) => i.ref.id).sort()).toEqual(
      seed.applications
        .filter((a) => a.state === 'blocked')
        .map((a) => a._id)
        .sort(),
    );
    expect(blocked.items.every((i) => i.state === 'BLOCKED')).toBe(true);
    expect(blocked.nextStart).toBeNull();

    const since = '2025-05-01T00:00:00Z';
    const changed = await client.listApplications({ updatedSince: since, limit: 1000 }, ctx());
    expect(changed.items).toHaveLength(
      seed.applications.filter((a) => Date.parse(a.updatedAt) >= Date.parse(since)).length,
    );

    const mine = await client.listApplications(
      { applicantContactId: SHOWCASE_CONTACT, newestFirst: true },
      ctx(),
    );
    expect(mine.items.map((i) => i.name)).toEqual(
      [...showcaseApps]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((a) => a.accountName),
    );
    expect(calls(EP.list)).toBe(3);
  });

  it('reads the showcase application as a domain model with ETag, applicant and funding', async () => {
    const { client } = makeClient();
    const read = await client.getApplication(SHOWCASE_RUNNING, ctx());
    expect(read.application).toEqual({
      ref: { vendor: 'APITURE', id: SHOWCASE_RUNNING },
      kind: 'BANK_ACCOUNT',
      state: 'RUNNING',
      productName: 'Personal Checking',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) as unknown,
      updatedAt: expect.stringMatching(/Z$/) as unknown,
      availableActions: ['APPROVE', 'REJECT', 'CANCEL', 'EXPIRE'],
      subject: { vendor: 'APITURE', id: `contact:${SHOWCASE_CONTACT}` },
    });
    expect(read.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(read.applicants).toEqual([SHOWCASE_RECORD]);
    expect(read.fundingAmount).toEqual({
      amount: expect.stringMatching(/^\d+\.\d{2}$/) as unknown,
      currency: 'USD',
    });
    await expect(client.getApplicant(SHOWCASE_RUNNING, ctx())).resolves.toEqual(SHOWCASE_RECORD);
    expect(calls(EP.get)).toBe(2);
  });

  it('revalidates with If-None-Match: null when unchanged (304), the fresh read otherwise', async () => {
    const { client } = makeClient();
    const { etag } = await client.getApplication(SHOWCASE_RUNNING, ctx());
    await expect(
      client.getApplicationIfChanged(SHOWCASE_RUNNING, etag!, ctx()),
    ).resolves.toBeNull();
    const fresh = await client.getApplicationIfChanged(SHOWCASE_RUNNING, '"stale"', ctx());
    expect(fresh?.application.ref.id).toBe(SHOWCASE_RUNNING);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 2, '304': 1 });
  });

  it('lists the applications of a contact, newest first: one list call plus one GET each', async () => {
    const { client } = makeClient();
    const applications = await client.applicationsForContact(SHOWCASE_CONTACT, ctx());
    expect(applications.map((a) => a.state)).toEqual(
      [...showcaseApps]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((a) => a.state.toUpperCase()),
    );
    expect(
      applications.every(
        (a) => a.subject?.id === `contact:${SHOWCASE_CONTACT}` && a.kind === 'BANK_ACCOUNT',
      ),
    ).toBe(true);
    expect(calls(EP.list)).toBe(1);
    expect(calls(EP.get)).toBe(showcaseApps.length);
  });

  it('takes a person ref as the contact; a `user:` ref cannot be listed', async () => {
    const { client } = makeClient();
    const byRef = await client.applicationsForContact(`contact:${SHOWCASE_CONTACT}`, ctx());
    expect(byRef).toHaveLength(showcaseApps.length);
    await expect(client.applicationsForContact('user:u-1', ctx())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(calls(EP.list)).toBe(1);
  });

  it('transitions BLOCKED -> START -> APPROVE with GET + POST each, and a no-op costs only the GET', async () => {
    const { client } = makeClient();
    const id = BLOCKED[0];
    const started = await client.transitionApplication(id, 'START', ctx());
    expect(started.state).toBe('RUNNING');
    expect(started.availableActions).toEqual(['APPROVE', 'REJECT', 'CANCEL', 'EXPIRE']);
    const approved = await client.transitionApplication(id, 'APPROVE', ctx());
    expect(approved).toMatchObject({ state: 'APPROVED', availableActions: [] });
    expect(calls(EP.get)).toBe(2);
    expect(calls(EP.start)).toBe(1);
    expect(calls(EP.approve)).toBe(1);
    const again = await client.transitionApplication(id, 'APPROVE', ctx());
    expect(again.state).toBe('APPROVED');
    expect(calls(EP.get)).toBe(3);
    expect(calls(EP.approve)).toBe(1);
  });

  it('creates an application (one POST) and patches it with its ETag', async () => {
    const { client } = makeClient();
    const created = await client.createApplication(
      {
        productId: PRODUCTS[0].id,
        accountName: 'Gateway Checking',
        fundingAmount: { amount: '250.00', currency: 'USD' },
        applicantContactId: FREE_CONTACT,
      },
      ctx(),
    );
    expect(created.application).toMatchObject({
      kind: 'BANK_ACCOUNT',
      state: 'RUNNING',
      productName: PRODUCTS[0].name,
      subject: { vendor: 'APITURE', id: `contact:${FREE_CONTACT}` },
    });
    expect(created.fundingAmount).toEqual({ amount: '250.00', currency: 'USD' });
    expect(created.applicants[0].ref.id).toBe(`contact:${FREE_CONTACT}`);
    expect(calls(EP.create)).toBe(1);

    const patched = await client.patchApplication(
      created.application.ref.id,
      { accountName: 'Renamed', fundingAmount: { amount: '300', currency: 'USD' } },
      created.etag!,
      ctx(),
    );
    expect(patched.fundingAmount).toEqual({ amount: '300.00', currency: 'USD' });
    expect(patched.etag).not.toBe(created.etag);
    expect(calls(EP.patch)).toBe(1);
  });

  it('reads the showcase enrollment: contact and user merged (user email in `number`, both phone lists)', async () => {
    const { client } = makeClient();
    const page = await client.listEnrollments({ limit: 1000 }, ctx());
    expect(page.items).toHaveLength(seed.enrollments.length);
    expect(page.items.find((e) => e.enrollmentId === SHOWCASE_ENROLLMENT)).toEqual({
      enrollmentId: SHOWCASE_ENROLLMENT,
      name: 'Jordan Rivera',
      state: 'APPROVED',
    });
    const enrollment = await client.getEnrollment(SHOWCASE_ENROLLMENT, ctx());
    expect(enrollment).toEqual({
      enrollmentId: SHOWCASE_ENROLLMENT,
      state: 'APPROVED',
      applicant: SHOWCASE_RECORD,
      etag: expect.stringMatching(/^"[0-9a-f]{16}"$/) as unknown,
      updatedAt: expect.stringMatching(/Z$/) as unknown,
    });
    const changed = await client.listEnrollments({ updatedSince: '2025-05-01T00:00:00Z' }, ctx());
    expect(changed.items.length).toBe(
      seed.enrollments.filter((e) => e.updatedAt >= '2025-05-01T00:00:00.000Z').length,
    );
  });

  it('feeds the identity index a page at a time: one list call plus one GET per item', async () => {
    const { client } = makeClient();
    const page = await client.applicantRecordsPage({ source: 'applications', limit: 10 }, ctx());
    expect(page.nextStart).toBe(10);
    expect(page.failures.size).toBe(0);
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.length).toBeLessThanOrEqual(10);
    expect(new Set(page.records.map((r) => r.ref.id)).size).toBe(page.records.length);
    expect(page.records.every((r) => r.ref.id.startsWith('contact:') && r.emails.length > 0)).toBe(
      true,
    );
    expect(calls(EP.list)).toBe(1);
    expect(calls(EP.get)).toBe(10);

    const enrolled = await client.applicantRecordsPage(
      { source: 'enrollments', limit: 1000 },
      ctx(),
    );
    expect(enrolled.nextStart).toBeNull();
    expect(enrolled.records).toContainEqual(SHOWCASE_RECORD);
    expect(calls(EP.enrollments)).toBe(1);
    expect(calls(EP.enrollment)).toBe(seed.enrollments.length);
  });

  it('reports health from the shared layer', async () => {
    const { client } = makeClient();
    await client.getApplication(SHOWCASE_RUNNING, ctx());
    await expect(client.health()).resolves.toMatchObject({
      vendor: 'APITURE',
      state: 'READY',
      mode: 'SANDBOX',
      circuit: 'CLOSED',
      remainingBudget: expect.any(Number) as unknown,
    });
    expect((await client.health()).remainingBudget).toBeLessThanOrEqual(120);
  });
});

describe('batch reads', () => {
  it('fans out one GET per distinct id and returns a Map by id; unknown ids are absent', async () => {
    const { client } = makeClient();
    const ids = [RUNNING[0], APPROVED[0], RUNNING[0], 'no-such-application', CANCELED[0], ''];
    const found = await client.getApplications(ids, ctx());
    expect([...found.keys()]).toEqual([RUNNING[0], APPROVED[0], CANCELED[0]]);
    expect((found.get(APPROVED[0]) as { state: string }).state).toBe('APPROVED');
    expect(calls(EP.get)).toBe(4);
    expect(calls(EP.list)).toBe(0);

    const enrollments = await client.getEnrollments(
      [SHOWCASE_ENROLLMENT, SHOWCASE_ENROLLMENT, 'missing'],
      ctx(),
    );
    expect([...enrollments.keys()]).toEqual([SHOWCASE_ENROLLMENT]);
    expect(calls(EP.enrollment)).toBe(2);
  });

  it('stores a failing id as its own Error without failing the others', async () => {
    const { client } = makeClient({ tuning: { maxAttempts: 1, breakerFailures: 100 } });
    // One call in two fails; sequential values keep it deterministic: the fan-out starts four at once.
    sandbox.admin.setFaults({ errorRate: 0.5 });
    randomQueue = [0.9, 0.1, 0.9];
    const found = await client.getApplications([RUNNING[0], APPROVED[0], CANCELED[0]], ctx());
    expect(found.size).toBe(3);
    const errors = [...found.values()].filter((v) => v instanceof Error);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(calls(EP.get)).toBe(3);
  });
});

describe('auth', () => {
  it('sends API-Key and the bearer token on every call; 20 concurrent calls work', async () => {
    const { client } = makeClient();
    const ids = others.map((a) => a._id).slice(0, 20);
    const reads = await Promise.all(ids.map((id) => client.getApplication(id, ctx())));
    expect(reads.map((r) => r.application.ref.id)).toEqual(ids);
    expect(sandbox.admin.calls()).toMatchObject({ total: 20, byStatus: { '200': 20 } });
  });

  it('maps revoked tokens (401) to VENDOR_AUTH_FAILED with exactly one call per request', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ revokeTokens: true });
    for (const call of [
      client.getApplication(SHOWCASE_RUNNING, ctx()),
      client.listApplications({}, ctx()),
      client.transitionApplication(RUNNING[0], 'CANCEL', ctx()),
    ]) {
      const error = await failure(call);
      expect(error).toMatchObject({ code: 'VENDOR_AUTH_FAILED', vendor: 'APITURE' });
      expect(error.message).toBe("Apiture refused the gateway's credentials");
    }
    expect(sandbox.admin.calls()).toMatchObject({ total: 3, byStatus: { '401': 3 } });
  });

  it('maps a wrong API key (403) and a wrong token (401) to VENDOR_AUTH_FAILED, one call each', async () => {
    const wrongKey = makeClient({ credentials: { API_KEY: 'wrong-key-0000', ACCESS_TOKEN } });
    await expect(wrongKey.client.getApplication(SHOWCASE_RUNNING, ctx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    const wrongToken = makeClient({ credentials: { API_KEY, ACCESS_TOKEN: 'wrong-token-0000' } });
    await expect(
      wrongToken.client.createApplication({ productId: 'p' }, ctx()),
    ).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(sandbox.admin.calls()).toMatchObject({ total: 2, byStatus: { '401': 1, '403': 1 } });
    expect(wrongKey.logs.text()).not.toContain('wrong-key-0000');
  });

  it('refuses to start without both credentials', () => {
    expect(() => makeClient({ credentials: { API_KEY } })).toThrow(
      'Apiture needs APITURE_API_KEY and APITURE_ACCESS_TOKEN',
    );
  });
});

describe('retries only where safe', () => {
  it('retries a read on 5xx: recovers after one failure, gives up after three attempts', async () => {
    const { client } = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ errorRate: 0.5 });
    randomQueue = [0.1];
    await expect(client.getApplication(SHOWCASE_RUNNING, ctx())).resolves.toMatchObject({
      application: { state: 'RUNNING' },
    });
    expect(calls(EP.get)).toBe(2);
    sandbox.admin.setFaults({ errorRate: 1 });
    const error = await failure(client.getApplication(SHOWCASE_RUNNING, ctx()));
    expect(error).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      message: 'Apiture is unavailable: it answered 503',
    });
    expect(calls(EP.get)).toBe(5);
    expectClientSafe(error);
  });

  it('never repeats a creating POST hit by a 5xx', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(
      client.createApplication({ productId: PRODUCTS[1].id }, ctx()),
    ).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(calls(EP.create)).toBe(1);
  });

  it('never repeats an action POST hit by a 500 (the GET before it is fine)', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 0.5, errorStatus: 500 });
    randomQueue = [0.9, 0.1];
    await expect(client.transitionApplication(BLOCKED[1], 'CANCEL', ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(calls(EP.get)).toBe(1);
    expect(calls(EP.cancel)).toBe(1);
  });

  it('sends an action POST again after a 503: the vendor did not take it on', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 0.5, errorStatus: 503 });
    randomQueue = [0.9, 0.1, 0.9];
    await expect(client.transitionApplication(BLOCKED[1], 'CANCEL', ctx())).resolves.toMatchObject({
      state: 'CANCELED',
    });
    expect(calls(EP.cancel)).toBe(2);
  });

  it('never repeats a POST that timed out (create and action)', async () => {
    const { client } = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ latencyMs: 500 });
    await expect(
      client.createApplication({ productId: PRODUCTS[2].id }, ctx()),
    ).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(calls(EP.create)).toBe(1);
    // Jitter drawn per call: none for the GET, 600 ms for the POST.
    sandbox.admin.setFaults({ latencyMs: 0, jitterMs: 1_000 });
    randomQueue = [0, 0.6];
    await expect(client.transitionApplication(BLOCKED[2], 'REJECT', ctx())).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(calls(`POST ${BASE}/rejectedApplications`)).toBe(1);
    await sleep(500);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, and closes after a good probe', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ errorRate: 1 });
    await expect(client.getApplication(SHOWCASE_RUNNING, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(calls(EP.get)).toBe(3);
    expect((await client.health()).circuit).toBe('OPEN');
    const fast = await failure(client.listApplications({}, ctx()));
    expect(fast).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(fast.message).toContain('circuit open');
    expect(sandbox.admin.calls().total).toBe(3);
    sandbox.admin.clearFaults();
    await sleep(350);
    await expect(client.getApplication(SHOWCASE_RUNNING, ctx())).resolves.toBeDefined();
    expect((await client.health()).circuit).toBe('CLOSED');
  });
});

describe('rate limits', () => {
  it('honours a 429 Retry-After and then succeeds', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ rateLimited: 1, retryAfterS: 1 });
    const started = Date.now();
    await expect(client.getApplication(SHOWCASE_RUNNING, ctx())).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '429': 1 });
  });

  it('answers VENDOR_RATE_LIMITED with retryAfterMs when Retry-After passes the deadline', async () => {
    const { client } = makeClient();
    sandbox.admin.setFaults({ rateLimited: true, retryAfterS: 30 });
    const error = await failure(client.getApplication(SHOWCASE_RUNNING, ctx(2_000)));
    expect(error).toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      extensions: expect.objectContaining({ retryAfterMs: 30_000 }) as unknown,
    });
    expect(sandbox.admin.calls().total).toBe(1);
    expectClientSafe(error);
  });

  it('never lets more than the budget per window reach Apiture', async () => {
    const rule = { limit: 5, windowMs: 1_000 };
    sandbox.admin.setRateLimit(rule);
    try {
      const { client } = makeClient({ ratePolicy: () => rule });
      // Start just after a window boundary so no call of one window lands in the next one.
      await sleep(1_000 - (Date.now() % 1_000) + 20);
      const ids = others.map((a) => a._id);
      const results = await Promise.allSettled(
        Array.from({ length: 15 }, (_, i) => client.getApplication(ids[i], ctx(5_000))),
      );
      for (const result of results)
        if (result.status === 'rejected')
          expect(result.reason).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
      const served = results.filter((r) => r.status === 'fulfilled').length;
      expect(served).toBeGreaterThanOrEqual(10);
      const counts = sandbox.admin.calls();
      expect(counts.byStatus['429']).toBeUndefined();
      expect(counts.total).toBe(served);
      const perWindow = new Map<number, number>();
      for (const entry of sandbox.admin.requests()) {
        const window = Math.floor(Date.parse(entry.time) / 1_000);
        perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
      }
      expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
    } finally {
      sandbox.admin.setRateLimit(null);
    }
  });
});

describe('error mapping', () => {
  it('maps unknown ids to NOT_FOUND', async () => {
    const { client } = makeClient();
    const application = await failure(client.getApplication('no-such-application', ctx()));
    expect(application).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Apiture has no such application',
    });
    const enrollment = await failure(client.getEnrollment('no-such-enrollment', ctx()));
    expect(enrollment).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Apiture has no such enrollment',
    });
    await expect(
      client.transitionApplication('no-such-application', 'APPROVE', ctx()),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(calls(EP.get)).toBe(2);
    expect(calls(EP.approve)).toBe(0);
    for (const error of [application, enrollment]) expectClientSafe(error);
  });

  it('refuses a transition the state does not allow before any POST, naming state and action', async () => {
    const { client } = makeClient();
    const error = await failure(client.transitionApplication(CANCELED[0], 'APPROVE', ctx()));
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      vendor: 'APITURE',
      message:
        'Cannot APPROVE an application in state CANCELED; APPROVE is allowed only from RUNNING or BLOCKED',
      fields: [{ path: ['action'], message: 'is not allowed in state CANCELED' }],
    });
    await expect(client.transitionApplication(RUNNING[1], 'START', ctx())).resolves.toMatchObject({
      state: 'RUNNING',
    });
    expect(calls(EP.approve) + calls(EP.start)).toBe(0);
    expectClientSafe(error);
  });

  it('maps a stale ETag (412) to CONFLICT', async () => {
    const { client } = makeClient();
    const { etag } = await client.getApplication(RUNNING[1], ctx());
    await client.patchApplication(RUNNING[1], { accountName: 'First change' }, etag!, ctx());
    const error = await failure(
      client.patchApplication(RUNNING[1], { accountName: 'Second change' }, etag!, ctx()),
    );
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'Apiture: the application changed since it was read',
    });
    expect(calls(EP.patch)).toBe(2);
    expectClientSafe(error);
  });

  it('maps validation errors to VENDOR_REJECTED with our input names and our wording', async () => {
    const { client } = makeClient();
    const one = await failure(
      client.createApplication(
        { productId: PRODUCTS[0].id, fundingAmount: { amount: '-5.00', currency: 'USD' } },
        ctx(),
      ),
    );
    expect(one).toMatchObject({
      code: 'VENDOR_REJECTED',
      message: 'Apiture rejected the input',
      fields: [{ path: ['input', 'fundingAmount', 'amount'], message: 'must be greater than 0' }],
    });
    const two = await failure(
      client.createApplication(
        {
          productId: PRODUCTS[0].id,
          accountName: 'x'.repeat(101),
          fundingAmount: { amount: '-5.00', currency: 'USD' },
        },
        ctx(),
      ),
    );
    expect(two.fields).toEqual([
      { path: ['input', 'accountName'], message: 'has an invalid length' },
      { path: ['input', 'fundingAmount', 'amount'], message: 'must be greater than 0' },
    ]);
    const { etag } = await client.getApplication(RUNNING[2], ctx());
    const patch = await failure(
      client.patchApplication(RUNNING[2], { accountName: 'y'.repeat(101) }, etag!, ctx()),
    );
    expect(patch).toMatchObject({
      code: 'VENDOR_REJECTED',
      fields: [{ path: ['patch', 'accountName'], message: 'has an invalid length' }],
    });
    expect(calls(EP.create)).toBe(2);
    for (const error of [one, two, patch]) expectClientSafe(error);
  });

  it('maps a second running application to CONFLICT', async () => {
    const { client } = makeClient();
    const error = await failure(
      client.createApplication(
        { productId: PRODUCTS[0].id, applicantContactId: SHOWCASE_CONTACT },
        ctx(),
      ),
    );
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'Apiture: the applicant already has a running application (one at a time)',
    });
  });

  it('refuses bad input with BAD_USER_INPUT before calling', async () => {
    const { client } = makeClient();
    const errors = await Promise.all([
      failure(client.createApplication({ productId: ' ' }, ctx())),
      failure(
        client.createApplication(
          { productId: 'p', fundingAmount: { amount: '1,000', currency: 'usd' } },
          ctx(),
        ),
      ),
      failure(client.listApplications({ limit: 0 }, ctx())),
      failure(client.listEnrollments({ updatedSince: 'yesterday' }, ctx())),
      failure(client.getApplication('  ', ctx())),
      failure(client.patchApplication(RUNNING[0], { accountName: '' }, '"e"', ctx())),
    ]);
    expect(errors.map((e) => e.code)).toEqual(Array(6).fill('BAD_USER_INPUT'));
    expect(errors[1].fields.map((f) => f.path.join('.'))).toEqual([
      'input.fundingAmount.amount',
      'input.fundingAmount.currency',
    ]);
    expect(sandbox.admin.calls().total).toBe(0);
  });

  it('maps a timeout to VENDOR_TIMEOUT and a malformed body to VENDOR_UNAVAILABLE', async () => {
    const { client } = makeClient({ tuning: { breakerFailures: 100 } });
    sandbox.admin.setFaults({ latencyMs: 500 });
    const timeout = await failure(client.getApplication(SHOWCASE_RUNNING, ctx()));
    expect(timeout).toMatchObject({
      code: 'VENDOR_TIMEOUT',
      message: 'Apiture did not answer within 300 ms',
    });
    expect(calls(EP.get)).toBe(3);
    await sleep(400);
    sandbox.admin.reset();
    sandbox.admin.setFaults({ malformedRate: 1 });
    const malformed = await failure(client.getApplication(SHOWCASE_RUNNING, ctx()));
    expect(malformed).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      message: 'Apiture returned a response the gateway cannot read',
    });
    const list = await failure(client.listApplications({}, ctx()));
    expect(list).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(calls(EP.list)).toBe(3);
    for (const error of [timeout, malformed, list]) expectClientSafe(error);
  });
});

describe('logs', () => {
  it('hold no credential, token, email, phone, SSN or date of birth', async () => {
    const logs = new LogCapture();
    const { client } = makeClient({ logs, tuning: { breakerFailures: 100 } });
    const read = await client.getApplication(SHOWCASE_RUNNING, ctx());
    const enrollment = await client.getEnrollment(SHOWCASE_ENROLLMENT, ctx());
    await client.applicationsForContact(SHOWCASE_CONTACT, ctx());
    await client.applicantRecordsPage({ source: 'enrollments', limit: 5 }, ctx());
    await failure(
      client.createApplication(
        { productId: PRODUCTS[0].id, applicantContactId: SHOWCASE_CONTACT },
        ctx(),
      ),
    );
    await failure(client.getApplication('no-such-application', ctx()));
    sandbox.admin.setFaults({ malformedRate: 1 });
    await failure(client.getEnrollment(SHOWCASE_ENROLLMENT, ctx()));
    sandbox.admin.clearFaults();
    const refused = makeClient({ logs, credentials: { API_KEY: 'wrong-key-1111', ACCESS_TOKEN } });
    await failure(refused.client.getApplication(SHOWCASE_RUNNING, ctx()));

    const text = logs.text();
    expect(text).toContain(EP.get);
    expect(text).not.toContain(SHOWCASE_RUNNING);
    const person = read.applicants[0];
    const secrets = [
      API_KEY,
      ACCESS_TOKEN,
      'wrong-key-1111',
      'Bearer',
      ...person.emails,
      ...enrollment.applicant!.emails,
      ...person.phones,
      ...person.phones.map((p) => p.slice(2)),
      '555-0142',
      person.ssn!,
      person.ssn!.replace(/-/g, ''),
      person.dateOfBirth!,
      '27 Maple St',
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

// ---------------------------------------------------------------------------------------------

describe('documented quirks over HTTP (MockAgent)', () => {
  const ORIGIN = 'http://apiture.test';
  const HAL = { 'content-type': 'application/hal+json' };
  let agent: MockAgent;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });

  afterEach(async () => {
    await agent.close();
  });

  function mockClient(): ApitureClient {
    return makeClient({ baseUrl: ORIGIN, dispatcher: agent, tuning: { breakerFailures: 100 } })
      .client;
  }

  function application(state: string, links: Record<string, { href: string }> = {}): object {
    return {
      _id: 'a-1',
      productName: 'Premiere Savings',
      fundingAmount: { value: 1500, currency: 'usd' },
      state,
      createdAt: '2018-12-13T11:01:41.375Z',
      applicants: [],
      _links: {
        self: { href: 'https://www.example.com/accountApplications/applications/a-1' },
        ...links,
      },
    };
  }

  const approveLink = {
    'apiture:approve': { href: `${BASE}/approvedApplications?application=a-1` },
  };
  const auth = { 'api-key': API_KEY, authorization: `Bearer ${ACCESS_TOKEN}` };

  it('sends both credentials and asks for HAL; reads `items.anyOf` and an absolute `next` link', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({
        path: `${BASE}/applications?start=0&limit=2`,
        method: 'GET',
        headers: { ...auth, accept: 'application/hal+json, application/json' },
      })
      .reply(
        200,
        {
          start: 0,
          limit: 2,
          count: 3,
          _links: { next: { href: `https://www.example.com${BASE}/applications?start=2&limit=2` } },
          _embedded: {
            items: {
              anyOf: [
                {
                  _id: 'a-1',
                  name: 'Rainy Day',
                  state: 'Running',
                  _links: { self: { href: `${BASE}/applications/a-1` } },
                },
                {
                  _id: 'a-1',
                  name: '6 Month CD',
                  state: 'approved',
                  _links: { self: { href: `${BASE}/applications/a-2` } },
                },
              ],
            },
          },
        },
        { headers: HAL },
      );
    const page = await mockClient().listApplications({ limit: 2 }, ctx());
    expect(page).toEqual({
      items: [
        { ref: { vendor: 'APITURE', id: 'a-1' }, name: 'Rainy Day', state: 'RUNNING' },
        { ref: { vendor: 'APITURE', id: 'a-2' }, name: '6 Month CD', state: 'APPROVED' },
      ],
      nextStart: 2,
    });
    agent.assertNoPendingInterceptors();
  });

  it('keeps a weak ETag, sends its strong form in If-Match, and re-reads when the action answer shows the old state (quirk 12)', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: `${BASE}/applications/a-1`, method: 'GET', headers: auth })
      .reply(200, application('running', approveLink), { headers: { ...HAL, etag: 'W/"w1"' } });
    let posts = 0;
    pool
      .intercept({
        path: `${BASE}/approvedApplications?application=a-1`,
        method: 'POST',
        headers: { ...auth, 'if-match': '"w1"' },
      })
      .reply(() => {
        posts += 1;
        return {
          statusCode: 200,
          data: application('running'),
          responseOptions: { headers: { ...HAL, etag: '"w2"' } },
        };
      });
    pool
      .intercept({ path: `${BASE}/applications/a-1`, method: 'GET' })
      .reply(200, application('approved'), { headers: { ...HAL, etag: '"w3"' } });
    const client = mockClient();
    const after = await client.transitionApplication('a-1', 'APPROVE', ctx());
    expect(after).toMatchObject({ state: 'APPROVED', availableActions: [] });
    expect(posts).toBe(1);
    agent.assertNoPendingInterceptors();
  });

  it('tolerates a missing ETag: reads give null, actions go without If-Match, amounts as numbers', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: `${BASE}/applications/a-1`, method: 'GET' })
      .reply(200, application('running', approveLink), { headers: HAL });
    pool
      .intercept({
        path: `${BASE}/approvedApplications?application=a-1`,
        method: 'POST',
        headers: (headers) =>
          !Object.keys(headers).some((name) => name.toLowerCase() === 'if-match'),
      })
      .reply(200, application('approved'), { headers: HAL });
    const client = mockClient();
    const after = await client.transitionApplication('a-1', 'APPROVE', ctx());
    expect(after.state).toBe('APPROVED');
    pool
      .intercept({ path: `${BASE}/applications/a-1`, method: 'GET' })
      .reply(200, application('approved'), { headers: HAL });
    const read = await client.getApplication('a-1', ctx());
    expect(read.etag).toBeNull();
    expect(read.fundingAmount).toEqual({ amount: '1500.00', currency: 'USD' });
    agent.assertNoPendingInterceptors();
  });

  it.each([
    [
      409,
      'BAD_USER_INPUT',
      'Cannot APPROVE an application in state RUNNING; APPROVE is allowed only from RUNNING or BLOCKED',
    ],
    [412, 'CONFLICT', 'Apiture: the application changed since it was read'],
    // Quirk 10: an unknown or inaccessible action target is a 400.
    [400, 'NOT_FOUND', 'Apiture has no such application'],
  ])(
    'maps an action answered %i to %s, never repeating the POST',
    async (status, code, message) => {
      const pool = agent.get(ORIGIN);
      pool
        .intercept({ path: `${BASE}/applications/a-1`, method: 'GET' })
        .reply(200, application('running', approveLink), { headers: { ...HAL, etag: '"e1"' } });
      let posts = 0;
      pool
        .intercept({ path: `${BASE}/approvedApplications?application=a-1`, method: 'POST' })
        .reply(() => {
          posts += 1;
          return {
            statusCode: status,
            data: {
              _error: {
                type: 'invalidStateTransition',
                message: 'An application at https://www.example.com cannot be changed.',
                statusCode: status,
                attributes: { state: 'approved' },
              },
            },
            responseOptions: { headers: HAL },
          };
        })
        .persist();
      const error = await failure(mockClient().transitionApplication('a-1', 'APPROVE', ctx()));
      expect(error).toMatchObject({ code, message, vendor: 'APITURE' });
      expect(posts).toBe(1);
      expectClientSafe(error);
    },
  );

  it('reads field problems from the older `_error.errors` shape (quirk 19)', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: `${BASE}/applications`, method: 'POST' })
      .reply(
        422,
        {
          _error: {
            type: 'invalidRequest',
            message: 'Two problems',
            errors: [
              { type: 'invalidCurrency', attributes: { field: 'fundingAmount.currency' } },
              { type: 'productRequired', attributes: { field: '_links.apiture:product' } },
            ],
          },
        },
        { headers: HAL },
      );
    const error = await failure(
      mockClient().createApplication(
        { productId: 'p', fundingAmount: { amount: '1.00', currency: 'XXX' } },
        ctx(),
      ),
    );
    expect(error).toMatchObject({
      code: 'VENDOR_REJECTED',
      fields: [
        {
          path: ['input', 'fundingAmount', 'currency'],
          message: 'must be a three-letter currency code',
        },
        { path: ['input', 'productId'], message: 'is required' },
      ],
    });
  });

  it('builds every request against the documented base path with templated endpoints', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: `${BASE}/enrollments/e%2F1`, method: 'GET', headers: auth })
      .reply(404, { _error: { type: 'notFound', message: 'no e/1' } }, { headers: HAL });
    const logs = new LogCapture();
    const { client } = makeClient({ baseUrl: ORIGIN, dispatcher: agent, logs });
    await expect(client.getEnrollment('e/1', ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(logs.text()).toContain(EP.enrollment);
    expect(logs.text()).not.toContain('e%2F1');
    agent.assertNoPendingInterceptors();
  });
});
