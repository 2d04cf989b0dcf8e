import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockAgent } from 'undici';
import { createAmericorClient, DEFAULT_POLICY } from '../../datasources/americor/client';
import type { AmericorClient } from '../../datasources/americor/client';
import type {
  AmericorAchInput,
  AmericorBudgetInput,
  AmericorCreditorInput,
  AmericorLeadInput,
} from '../../datasources/americor/models';
import type { CallContext, VendorClientDeps } from '../../datasources/http';
import { createLogger } from '../../src/logger';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { americorStoreOf, createAmericorSandbox } from '../../simulators/americor/server';
import { americorSeedLinks, seedAmericor } from '../../simulators/americor/seed';
import type { CustomerRecord } from '../../simulators/americor/types';
import { generatePopulation, SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { LogCapture } from '../helpers/logs';

/**
 * The Americor client against the Americor sandbox over real HTTP (and, for quirks the sandbox
 * never produces, undici's MockAgent): domain models, call counts, the token lifecycle, retries,
 * the circuit, rate limits, error codes and what reaches the logs.
 */

const population = generatePopulation({ size: 60 });
const seed = seedAmericor(population);
const links = americorSeedLinks(population);
const showcase = links.find((link) => link.email === SHOWCASE_EMAIL)!;
const showcaseRecord = seed.customers.find((c) => c.uuid === showcase.uuid)!;
const enrolled = seed.customers.filter((c) => c.enrollment !== null);
const notEnrolled = seed.customers.filter((c) => c.enrollment === null);
const unassigned = seed.customers.find((c) => c.salesRepId === null)!;
const UNKNOWN_UUID = '0f0e0d0c-0b0a-4909-8807-060504030201';

/** Distinctive credentials so the log assertions mean something. */
const CREDENTIALS = { username: 'partner-user-7731', publicKey: 'pk-93f1c2a8e4d7b6' };
const CONFIG_CREDENTIALS = { USERNAME: CREDENTIALS.username, PUBLIC_KEY: CREDENTIALS.publicKey };
const TOKEN_ENDPOINT = 'POST /v1/authentication/token';
const LEAD_ENDPOINT = 'GET /v1/leads/{customerUuid}';

let sandbox: Sandbox;
let url: string;
/** Bearer tokens the sandbox saw (to prove none reaches a log). */
const tokensSeen = new Set<string>();
/** Concurrent calls the sandbox is serving, and the most seen at once since the last reset. */
let inFlight = 0;
let maxInFlight = 0;
const clients: AmericorClient[] = [];

const ctx = (ms = 5_000): CallContext => ({ deadline: Date.now() + ms });
const calls = (endpoint: string): number => sandbox.admin.calls().byEndpoint[endpoint] ?? 0;

function deps(
  overrides: Partial<VendorClientDeps> = {},
  logs = new LogCapture(),
): VendorClientDeps {
  return {
    config: {
      id: 'AMERICOR',
      mode: 'sandbox',
      baseUrl: url,
      credentials: CONFIG_CREDENTIALS,
      rateLimitPerMinute: null,
      sandboxPort: 0,
    },
    logger: createLogger({ level: 'debug', destination: logs }),
    // Short enough for fast fault tests, long enough for a loaded CI box; timeout tests set 300.
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

function client(overrides: Partial<VendorClientDeps> = {}, logs?: LogCapture): AmericorClient {
  const made = createAmericorClient(deps(overrides, logs));
  clients.push(made);
  return made;
}

/** A client that has logged in already, with the sandbox counters cleared afterwards. */
async function warmClient(overrides: Partial<VendorClientDeps> = {}): Promise<AmericorClient> {
  const made = client(overrides);
  await made.getLead(showcase.uuid, ctx());
  sandbox.admin.reset();
  return made;
}

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail');
}

function stored(uuid: string): CustomerRecord {
  const record = americorStoreOf(sandbox).find({ kind: 'uuid', uuid });
  if (!record) throw new Error(`sandbox has no customer ${uuid}`);
  return record;
}

/** A lead input with values of our own, so the log checks know exactly what to look for. */
const LEAD_INPUT: AmericorLeadInput = {
  firstName: 'Marisol',
  middleName: 'Q',
  lastName: 'Okonkwo-Test',
  email: 'Marisol.Okonkwo@Example.COM',
  mobilePhone: '(617) 555-0187',
  homePhone: '+16175550188',
  dateOfBirth: '1979-11-23',
  ssn: '041559273',
  address: {
    line1: '12 Elm St',
    line2: 'Unit 3',
    city: 'Boston',
    state: 'ma',
    postalCode: '02134',
  },
  estimatedDebt: { amount: '23500.00', currency: 'USD' },
  source: 'Digital - 3',
  externalId: 'gw-lead-0001',
};

const CREDITOR_INPUT: AmericorCreditorInput = {
  creditorName: 'CHASE CARD',
  creditorMemberCode: '026QK001',
  accountNumber: '4400123412341234',
  accountHolder: 'PRIMARY',
  cardholderName: 'Marisol Okonkwo',
  openedDate: '2015-06-01',
  debtType: '18',
  originalBalance: { amount: '5000.00', currency: 'USD' },
  monthlyPayment: { amount: '150.5', currency: 'USD' },
  lastPaymentDate: '2025-01-15',
  creditLimit: { amount: '6000', currency: 'USD' },
};

const BUDGET_INPUT: AmericorBudgetInput = {
  amounts: {
    netMonthlyIncome: { amount: '5200.00', currency: 'USD' },
    housingPayment: { amount: '1400.00', currency: 'USD' },
    autoLoans: { amount: '0', currency: 'USD' },
    autoInsurance: { amount: '95.50', currency: 'USD' },
    cableTvSatellite: { amount: '45.00', currency: 'USD' },
    telephone: { amount: '60.00', currency: 'USD' },
    utilities: { amount: '180.00', currency: 'USD' },
    food: { amount: '600.00', currency: 'USD' },
  },
  housingType: 'RENTED',
  hardshipReason: 'LOSS_OF_JOB',
  hardshipDetails: 'Plant closed in 2024',
};

const ACH_INPUT: AmericorAchInput = {
  accountName: 'Marisol Okonkwo',
  processor: 'RAM',
  routingNumber: '011000015',
  accountNumber: '9876543210',
  accountType: 'CHECKING',
  bankName: 'CENTRAL PACIFIC BANK',
  bankPhone: '(808) 544-5530',
  bankAddress: {
    line1: '222 North School Street',
    city: 'Honolulu',
    state: 'HI',
    postalCode: '06817',
  },
};

/** Lets calls the client gave up on (slow sandbox answers) finish before the next test counts. */
async function settle(ms = 600): Promise<void> {
  sandbox.admin.clearFaults();
  await sleep(ms);
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  sandbox = createAmericorSandbox({ population, credentials: CREDENTIALS });
  url = await sandbox.listen(0);
  // A second listener on the HTTP server sees every exchange from arrival to the last byte.
  sandbox.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/__admin')) return;
    const bearer = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) tokensSeen.add(bearer);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
  });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.admin.reset();
  sandbox.admin.setRateLimit(null);
  maxInFlight = 0;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('AmericorClient reads', () => {
  it('reads the showcase lead as a domain model', async () => {
    const lead = await client().getLead(showcase.uuid, ctx());
    const rep = seed.salesReps.find((r) => r.id === showcaseRecord.salesRepId)!;
    expect(lead).toEqual({
      ref: { vendor: 'AMERICOR', id: showcase.uuid },
      subject: { vendor: 'AMERICOR', id: showcase.uuid },
      status: 'WON',
      vendorStatus: { code: '57', label: 'Docs Signed' },
      source: null,
      createdAt: null,
      estimatedDebt: null,
      assignedTo: { id: rep.uuid, name: rep.name },
      enrollment: null,
      customerId: showcase.id,
      salesPhase: { code: '12', label: 'Docs Signed' },
    });
    expect(calls(TOKEN_ENDPOINT)).toBe(1);
    expect(calls(LEAD_ENDPOINT)).toBe(1);
  });

  it('reads an unassigned lead with no assignee, whatever case the uuid is given in', async () => {
    const lead = await client().getLead(unassigned.uuid.toUpperCase(), ctx());
    expect(lead.ref.id).toBe(unassigned.uuid);
    expect(lead.assignedTo).toBeNull();
    expect(lead.vendorStatus.code).toBe(String(unassigned.status));
  });

  it('reads the showcase enrollment with money, dates and the deposit', async () => {
    const enrollment = showcaseRecord.enrollment!;
    expect(await client().getEnrollment(showcase.uuid, ctx())).toEqual({
      vendorStatus: { code: '6', label: 'Active' },
      active: true,
      enrolledDebt: { amount: enrollment.enrolledDebtAmount.toFixed(2), currency: 'USD' },
      currentDebt: { amount: enrollment.currentDebtAmount.toFixed(2), currency: 'USD' },
      enrolledAt: enrollment.enrolledDate,
      salesRep: 'Kate Morrison',
      initialDeposit: {
        status: { code: '102', label: 'Posted (Auto)' },
        scheduledAt: enrollment.initialDepositDate,
        clearedAt: enrollment.initialDepositClearedDate,
      },
    });
  });

  it('answers null for a customer not enrolled, and keeps null deposit dates null', async () => {
    const americor = client();
    expect(await americor.getEnrollment(notEnrolled[0].uuid, ctx())).toBeNull();
    const uncleared = enrolled.find((c) => c.enrollment?.initialDepositClearedDate === null)!;
    const enrollment = await americor.getEnrollment(uncleared.uuid, ctx());
    expect(enrollment?.initialDeposit.clearedAt).toBeNull();
    expect(enrollment?.vendorStatus.code).toBe(String(uncleared.enrollment?.clientStatus));
    expect((await americor.health()).lastErrorCode).toBeNull();
  });

  it('reads the enrollment status by integer id; null when not enrolled or unknown', async () => {
    const americor = client();
    expect(await americor.getEnrollmentStatus(showcase.id, ctx())).toEqual({
      code: '6',
      label: 'Active',
    });
    expect(await americor.getEnrollmentStatus(notEnrolled[0].id, ctx())).toBeNull();
    expect(await americor.getEnrollmentStatus(999, ctx())).toBeNull();
    expect(await americor.getEnrollmentStatus(-4, ctx())).toBeNull();
    expect(calls('GET /v1/enrollment/{customerId}/status')).toBe(3);
  });

  it('reads a lead with its enrollment in two calls', async () => {
    const lead = await client().getLeadWithEnrollment(showcase.uuid, ctx());
    expect(lead.status).toBe('WON');
    expect(lead.enrollment).toMatchObject({ active: true, vendorStatus: { code: '6' } });
    expect(calls(LEAD_ENDPOINT)).toBe(1);
    expect(calls('GET /v1/enrollment/{customerUuid}')).toBe(1);
    const open = await client().getLeadWithEnrollment(notEnrolled[0].uuid, ctx());
    expect(open.enrollment).toBeNull();
  });

  it('batch-reads leads with one call per distinct uuid, at most 4 in flight, keyed by uuid', async () => {
    const wanted = seed.customers.slice(0, 8).map((c) => c.uuid);
    const americor = client();
    sandbox.admin.setFaults({ latencyMs: 40 });
    const leads = await americor.getLeads(
      [...wanted, wanted[0], wanted[3], UNKNOWN_UUID, 'not-a-uuid'],
      ctx(),
    );
    expect([...leads.keys()].sort()).toEqual([...wanted].sort());
    for (const uuid of wanted) {
      const lead = leads.get(uuid);
      expect(lead).not.toBeInstanceOf(Error);
      expect(lead).toMatchObject({ ref: { vendor: 'AMERICOR', id: uuid } });
    }
    expect(leads.has(UNKNOWN_UUID)).toBe(false);
    // 8 known + 1 unknown; the duplicates and the malformed key cost nothing.
    expect(calls(LEAD_ENDPOINT)).toBe(9);
    expect(calls(TOKEN_ENDPOINT)).toBe(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('batch-reads enrollments: customers not enrolled are absent', async () => {
    const wanted = [showcase.uuid, notEnrolled[0].uuid, enrolled[1].uuid];
    const enrollments = await client().getEnrollments(wanted, ctx());
    expect([...enrollments.keys()].sort()).toEqual([showcase.uuid, enrolled[1].uuid].sort());
    expect(calls('GET /v1/enrollment/{customerUuid}')).toBe(3);
  });

  it('reports health from the shared layer', async () => {
    const americor = client();
    await americor.getLead(showcase.uuid, ctx());
    expect(await americor.health()).toMatchObject({
      vendor: 'AMERICOR',
      state: 'READY',
      mode: 'SANDBOX',
      circuit: 'CLOSED',
    });
    expect(americor.vendor).toBe('AMERICOR');
  });
});

describe('AmericorClient writes', () => {
  it('creates a lead with normalised wire values and returns both ids and the identity', async () => {
    const americor = client();
    const created = await americor.createLead(LEAD_INPUT, ctx());
    expect(created.id).toBeGreaterThanOrEqual(604_800);
    expect(created.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored(created.uuid).lead).toEqual({
      firstName: 'Marisol',
      middleName: 'Q',
      lastName: 'Okonkwo-Test',
      phoneMobile: '+16175550187',
      phoneHome: '+16175550188',
      email: 'marisol.okonkwo@example.com',
      state: 'MA',
      ssn: '041-55-9273',
      dob: '1979-11-23',
      address: '12 Elm St Unit 3',
      city: 'Boston',
      zip: 2134,
      clientEstimatedDebt: 23500,
      source: 'Digital - 3',
      externalId: 'gw-lead-0001',
    });
    expect(created.person).toEqual({
      ref: { vendor: 'AMERICOR', id: created.uuid },
      firstName: 'Marisol',
      middleName: 'Q',
      lastName: 'Okonkwo-Test',
      emails: ['marisol.okonkwo@example.com'],
      phones: ['+16175550187', '+16175550188'],
      dateOfBirth: '1979-11-23',
      ssn: '041-55-9273',
      addresses: [
        {
          line1: '12 Elm St Unit 3',
          line2: null,
          city: 'Boston',
          state: 'MA',
          postalCode: '02134',
          country: 'US',
        },
      ],
    });
    const lead = await americor.getLead(created.uuid, ctx());
    expect(lead).toMatchObject({
      status: 'NEW',
      vendorStatus: { code: '0', label: 'New' },
      salesPhase: { code: '-1', label: 'No Sales Phase' },
      assignedTo: null,
      customerId: created.id,
    });
    expect(calls('POST /v1/leads')).toBe(1);
  });

  it('sends noEmail: true for a lead without an email', async () => {
    const created = await client().createLead(
      {
        ...LEAD_INPUT,
        email: null,
        ssn: null,
        address: { ...LEAD_INPUT.address!, postalCode: null },
      },
      ctx(),
    );
    const lead = stored(created.uuid).lead!;
    expect(lead.noEmail).toBe(true);
    expect(lead.email).toBeUndefined();
    expect(lead.zip).toBeUndefined();
    expect(created.person.emails).toEqual([]);
  });

  it('creates a prospect (the sandbox, like the docs, answers the uuid only)', async () => {
    const created = await client().createProspect(
      {
        campaign: '02122024',
        firstName: 'Erin',
        lastName: 'Auer',
        address: { line1: '5 Pine Rd', city: 'Fresno', state: 'CA', postalCode: '93650' },
        estimatedDebt: { amount: '12000.50', currency: 'USD' },
        phone: '559-555-0134',
      },
      ctx(),
    );
    expect(created).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      id: null,
    });
    expect(stored(created.uuid).prospect).toMatchObject({
      zip: 93650,
      clientEstimatedDebt: 12000.5,
      phone: '+15595550134',
    });
  });

  it('adds and removes a creditor; removing it again answers false', async () => {
    const americor = client();
    const { id } = await americor.addCreditor(showcase.uuid, CREDITOR_INPUT, ctx());
    const creditor = stored(showcase.uuid).creditors.find((c) => c.id === id);
    expect(creditor).toMatchObject({
      accountNumber: 4400123412341234,
      accountHolder: 1,
      debtType: '18',
      originalBalance: 5000,
      monthlyPayment: 150.5,
      creditLimit: 6000,
      included: true,
    });
    expect(await americor.removeCreditor(showcase.uuid, id, ctx())).toBe(true);
    expect(await americor.removeCreditor(showcase.uuid, id, ctx())).toBe(false);
    expect(calls('POST /v1/leads/{customerUuid}/creditor')).toBe(1);
    expect(calls('DELETE /v1/leads/{customerUuid}/creditor/{creditorId}')).toBe(2);
  });

  it('updates budget, ACH and calculator with codes and amounts on the wire', async () => {
    const americor = client();
    const uuid = notEnrolled[1].uuid;
    await americor.updateBudget(uuid, BUDGET_INPUT, ctx());
    await americor.updateAch(uuid, ACH_INPUT, ctx());
    const nextPayDate = isoDay(5);
    await americor.updateCalculator(
      uuid,
      {
        payFrequency: 'BI_WEEKLY',
        nextPayDate,
        fundingDeposit: { amount: '128.90', currency: 'USD' },
        fundingDepositDate: nextPayDate,
      },
      ctx(),
    );
    const record = stored(uuid);
    expect(record.budget).toMatchObject({
      netMonthlyIncome: 5200,
      housingPayment: 1400,
      autoLoans: 0,
      autoInsurance: 95.5,
      housingType: 1,
      hardshipReason: 12,
      hardshipReasonDetailed: 'Plant closed in 2024',
    });
    expect(record.ach).toEqual({
      accountName: 'Marisol Okonkwo',
      accountProcessor: 1,
      routingNumber: '011000015',
      bankAccountNumber: 9876543210,
      bankAccountType: 1,
      bankName: 'CENTRAL PACIFIC BANK',
      bankPhoneNumber: '+18085445530',
      bankAddress: '222 North School Street',
      bankCity: 'Honolulu',
      bankState: 'HI',
      bankZip: 6817,
    });
    expect(record.calculator).toEqual({
      payFrequency: 2,
      nextPayDate,
      fundingDeposit: 128.9,
      fundingDepositDate: nextPayDate,
    });
  });

  it('answers NOT_FOUND for a write to an unknown customer, and calls nothing for a non-uuid', async () => {
    const americor = client();
    await expect(americor.updateBudget(UNKNOWN_UUID, BUDGET_INPUT, ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Americor has no such lead',
    });
    sandbox.admin.reset();
    await expect(americor.updateAch('604800', ACH_INPUT, ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(sandbox.admin.calls().total).toBe(0);
  });
});

describe('AmericorClient auth lifecycle', () => {
  const LIFETIME_S = 300;
  let offsetMs = 0;
  /** How far the sandbox's clock runs ahead of the client's. */
  let skewMs = 0;
  const clock = (): number => Date.now() + offsetMs;
  let authSandbox: Sandbox;
  let authUrl: string;

  beforeAll(async () => {
    authSandbox = createAmericorSandbox({
      population,
      credentials: CREDENTIALS,
      clock: () => clock() + skewMs,
      tokenLifetimeS: LIFETIME_S,
    });
    authUrl = await authSandbox.listen(0);
  });

  afterAll(async () => {
    await authSandbox.close();
  });

  /**
   * The shared rate limiter reads deadlines against the injected clock, so a clock moved ahead
   * needs deadlines on the same clock.
   */
  const clockCtx = (): CallContext => ({ deadline: clock() + 5_000 });
  const tokenCalls = (): number => authSandbox.admin.calls().byEndpoint[TOKEN_ENDPOINT] ?? 0;
  const authClient = (credentials = CONFIG_CREDENTIALS): AmericorClient =>
    client({
      clock,
      config: {
        id: 'AMERICOR',
        mode: 'sandbox',
        baseUrl: authUrl,
        credentials,
        rateLimitPerMinute: null,
        sandboxPort: 0,
      },
    });

  it('logs in once for 20 concurrent calls, once more after expiry, and once after a revocation', async () => {
    const americor = authClient();
    const twenty = (): Promise<unknown[]> =>
      Promise.all(Array.from({ length: 20 }, () => americor.getLead(showcase.uuid, clockCtx())));

    await twenty();
    expect(tokenCalls()).toBe(1);
    await twenty();
    expect(tokenCalls()).toBe(1);

    // Past expiry minus the 60 s refresh margin: the calls keep the token (the sandbox still takes
    // it) while one renewal runs in the background.
    offsetMs += (LIFETIME_S - 60 + 1) * 1000;
    await twenty();
    await americor.warmUp(clockCtx());
    expect(tokenCalls()).toBe(2);

    authSandbox.admin.setFaults({ revokeTokens: true });
    await expect(americor.getLead(showcase.uuid, clockCtx())).resolves.toMatchObject({
      status: 'WON',
    });
    expect(tokenCalls()).toBe(3);
    authSandbox.admin.clearFaults();

    // The vendor's clock runs ahead: it has expired a token the client still trusts.
    skewMs += LIFETIME_S * 1000;
    await expect(americor.getLead(showcase.uuid, clockCtx())).resolves.toMatchObject({
      status: 'WON',
    });
    expect(tokenCalls()).toBe(4);
    // 3 x 20, then a refused call and its repeat, twice.
    expect(authSandbox.admin.calls().byEndpoint[LEAD_ENDPOINT]).toBe(64);
    expect(authSandbox.admin.calls().byStatus['401']).toBe(2);
  });

  it('fails with VENDOR_AUTH_FAILED after exactly one token call for wrong credentials', async () => {
    authSandbox.admin.reset();
    const americor = authClient({ USERNAME: CREDENTIALS.username, PUBLIC_KEY: 'wrong-key-5521' });
    const error = await failure(americor.getLead(showcase.uuid, clockCtx()));
    expect(error).toMatchObject({ code: 'VENDOR_AUTH_FAILED', vendor: 'AMERICOR' });
    expect(error.message).not.toContain('wrong-key-5521');
    expect(tokenCalls()).toBe(1);
    expect(authSandbox.admin.calls().total).toBe(1);
    expect(await americor.health()).toMatchObject({
      circuit: 'CLOSED',
      lastErrorCode: 'VENDOR_AUTH_FAILED',
    });
  });

  it('treats a 422 from the token endpoint (blank credentials) as VENDOR_AUTH_FAILED, once', async () => {
    authSandbox.admin.reset();
    const americor = authClient({ USERNAME: '', PUBLIC_KEY: '' });
    await expect(americor.createLead(LEAD_INPUT, clockCtx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(authSandbox.admin.calls()).toMatchObject({ total: 1, byStatus: { '422': 1 } });
  });
});

describe('AmericorClient resilience', () => {
  it('retries a read on 5xx', async () => {
    const americor = await warmClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    await expect(americor.getLead(showcase.uuid, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(calls(LEAD_ENDPOINT)).toBe(3);
  });

  it('never repeats a creating POST hit by a 5xx', async () => {
    const americor = await warmClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(americor.createLead(LEAD_INPUT, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    await expect(americor.addCreditor(showcase.uuid, CREDITOR_INPUT, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(calls('POST /v1/leads')).toBe(1);
    expect(calls('POST /v1/leads/{customerUuid}/creditor')).toBe(1);
  });

  it('never repeats a creating POST that timed out, but retries an idempotent PUT', async () => {
    const americor = await warmClient({
      tuning: { timeoutMs: 300, backoffInitialMs: 10, backoffMaxMs: 50, breakerFailures: 10 },
    });
    sandbox.admin.setFaults({ latencyMs: 500 });
    await expect(americor.createLead(LEAD_INPUT, ctx())).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(calls('POST /v1/leads')).toBe(1);
    await expect(americor.updateBudget(showcase.uuid, BUDGET_INPUT, ctx())).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(calls('PUT /v1/leads/{customerUuid}/budget')).toBe(3);
    await settle();
  });

  it('opens the circuit after repeated failures, fails fast, and closes after a good probe', async () => {
    const americor = await warmClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    await expect(americor.getLead(showcase.uuid, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect((await americor.health()).circuit).toBe('OPEN');
    const seen = sandbox.admin.calls().total;
    const fast = await failure(americor.getLead(showcase.uuid, ctx()));
    expect(fast).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(fast.message).toContain('circuit open');
    expect(sandbox.admin.calls().total).toBe(seen);
    sandbox.admin.clearFaults();
    await sleep(350);
    await expect(americor.getLead(showcase.uuid, ctx())).resolves.toMatchObject({ status: 'WON' });
    expect((await americor.health()).circuit).toBe('CLOSED');
  });

  it('honours Retry-After on a 429 and succeeds afterwards', async () => {
    const americor = await warmClient();
    sandbox.admin.setFaults({ rateLimited: 1, retryAfterS: 1 });
    const started = Date.now();
    await expect(americor.getLead(showcase.uuid, ctx())).resolves.toMatchObject({ status: 'WON' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '429': 1 });
  });

  it('lets no more calls reach the vendor than its budget allows', async () => {
    const americor = client({ ratePolicy: () => ({ limit: 5, windowMs: 1_000 }) });
    sandbox.admin.setRateLimit({ limit: 5, windowMs: 1_000 });
    // Start early in a window, so no call granted in one window arrives in the next.
    await sleep(1_000 - (Date.now() % 1_000) + 20);
    const uuids = seed.customers.slice(0, 15).map((c) => c.uuid);
    const results = await Promise.allSettled(
      uuids.map((uuid) => americor.getLead(uuid, ctx(2_500))),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(results.length - refused.length).toBeGreaterThanOrEqual(9);
    expect(sandbox.admin.calls().byStatus['429']).toBeUndefined();
    expect(sandbox.admin.calls().total).toBe(results.length - refused.length + 1);
  });

  it('uses a flat 120 calls per minute by default', () => {
    expect(DEFAULT_POLICY(Date.now())).toEqual({ limit: 120, windowMs: 60_000 });
  });
});

describe('AmericorClient error mapping', () => {
  const PERSONAL = [
    'Marisol',
    'Okonkwo',
    'marisol.okonkwo@example.com',
    '6175550187',
    '041-55-9273',
    '041559273',
    '1979-11-23',
    'Massachusetts',
    'Billboard',
  ];
  const VENDOR_TEXT = [
    'Customer not found',
    'Page Not Found',
    'yii',
    'Validation Error',
    'cannot be blank',
    'E.164',
  ];

  function expectClean(error: Record<string, unknown> & Error): void {
    const shown = `${error.message} ${JSON.stringify(error.extensions)}`;
    expect(shown).not.toContain(url);
    expect(shown).not.toContain('127.0.0.1');
    expect(shown).not.toContain('/v1/');
    for (const value of [...PERSONAL, ...VENDOR_TEXT]) expect(shown).not.toContain(value);
  }

  it('maps an unknown customer to NOT_FOUND', async () => {
    const error = await failure(client().getLead(UNKNOWN_UUID, ctx()));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Americor has no such lead' });
    expectClean(error);
    const malformed = await failure(client().getLead('604800', ctx()));
    expect(malformed).toMatchObject({ code: 'NOT_FOUND' });
    expect(calls(LEAD_ENDPOINT)).toBe(1);
  });

  it('maps a form-A 422 to VENDOR_REJECTED with our input paths', async () => {
    const error = await failure(
      client().createLead(
        {
          ...LEAD_INPUT,
          mobilePhone: null,
          homePhone: null,
          address: { ...LEAD_INPUT.address!, state: 'Massachusetts' },
          source: 'Billboard',
        },
        ctx(),
      ),
    );
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED', vendor: 'AMERICOR' });
    const paths = (error.fields as { path: string[] }[]).map((f) => f.path.join('.')).sort();
    expect(paths).toEqual([
      'input.address.state',
      'input.homePhone',
      'input.phone',
      'input.source',
    ]);
    expectClean(error);
    expect(calls('POST /v1/leads')).toBe(1);
  });

  it('maps a form-B 422 (current ACH endpoint) to VENDOR_REJECTED with our input paths', async () => {
    const error = await failure(
      client().updateAch(
        showcase.uuid,
        { ...ACH_INPUT, routingNumber: '12345', bankName: ' ' },
        ctx(),
      ),
    );
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED' });
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: ['input', 'routingNumber'], message: 'Routing Number must be exactly 9 digits.' },
        { path: ['input', 'bankName'], message: 'This field is required' },
      ]),
    );
    expect(calls('PUT /v1/leads/{customerUuid}/ach')).toBe(1);
  });

  it('refuses locally, without a call, values Americor cannot be sent', async () => {
    const error = await failure(
      client().createLead(
        {
          ...LEAD_INPUT,
          ssn: '12-34',
          address: { ...LEAD_INPUT.address!, postalCode: 'SW1A 1AA' },
          estimatedDebt: { amount: '12.345', currency: 'USD' },
        },
        ctx(),
      ),
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', vendor: 'AMERICOR' });
    expect((error.fields as { path: string[] }[]).map((f) => f.path.join('.'))).toEqual([
      'input.address.postalCode',
      'input.ssn',
      'input.estimatedDebt',
    ]);
    expectClean(error);
    expect(sandbox.admin.calls().total).toBe(0);
  });

  it('maps 5xx to VENDOR_UNAVAILABLE, a timeout to VENDOR_TIMEOUT, malformed JSON to VENDOR_UNAVAILABLE', async () => {
    const americor = await warmClient({
      tuning: { timeoutMs: 300, backoffInitialMs: 10, backoffMaxMs: 50, breakerFailures: 100 },
    });
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    const unavailable = await failure(americor.getEnrollment(showcase.uuid, ctx()));
    expect(unavailable).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expectClean(unavailable);

    sandbox.admin.setFaults({ errorRate: 0, latencyMs: 400 });
    const timeout = await failure(americor.getEnrollmentStatus(showcase.id, ctx()));
    expect(timeout).toMatchObject({ code: 'VENDOR_TIMEOUT' });
    expectClean(timeout);

    sandbox.admin.setFaults({ latencyMs: 0, malformedRate: 1 });
    const malformed = await failure(americor.getLead(showcase.uuid, ctx()));
    expect(malformed).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expectClean(malformed);
    const malformedOptional = await failure(americor.getEnrollment(showcase.uuid, ctx()));
    expect(malformedOptional).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    await settle();
  });

  it('maps a 429 whose Retry-After is past the deadline to VENDOR_RATE_LIMITED with retryAfterMs', async () => {
    const americor = await warmClient();
    sandbox.admin.setFaults({ rateLimited: true, retryAfterS: 30 });
    const error = await failure(americor.getLead(showcase.uuid, ctx(2_000)));
    expect(error).toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      extensions: expect.objectContaining({ retryAfterMs: 30_000 }) as unknown,
    });
    expectClean(error);
    expect(sandbox.admin.calls().total).toBe(1);
  });

  it('answers VENDOR_TIMEOUT without a call when the deadline has passed', async () => {
    await expect(
      client().getLead(showcase.uuid, { deadline: Date.now() - 1 }),
    ).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(sandbox.admin.calls().total).toBe(0);
  });
});

describe('AmericorClient batch reads with failing keys (MockAgent)', () => {
  const ORIGIN = 'http://americor.test';
  const [good, missing, broken] = [seed.customers[1].uuid, UNKNOWN_UUID, seed.customers[2].uuid];

  function mocked(): { agent: MockAgent; americor: AmericorClient } {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: '/v1/authentication/token', method: 'POST' })
      .reply(200, { token: 'mock-token-1', lifetime: 604800 });
    pool
      .intercept({ path: `/v1/leads/${good}`, method: 'GET' })
      .reply(200, { id: 604801, uuid: good, status: 18, salesPhase: 2 });
    pool.intercept({ path: `/v1/leads/${missing}`, method: 'GET' }).reply(404, {
      name: 'Page Not Found',
      message: 'Customer not found.',
      code: 0,
      status: 404,
      type: 'yii\\web\\NotFoundHttpException',
    });
    pool
      .intercept({ path: `/v1/leads/${broken}`, method: 'GET' })
      .reply(503, { name: 'Service Unavailable', message: 'down', code: 0, status: 503 })
      .times(3);
    const americor = client({
      dispatcher: agent,
      config: {
        id: 'AMERICOR',
        mode: 'remote',
        baseUrl: ORIGIN,
        credentials: CONFIG_CREDENTIALS,
        rateLimitPerMinute: null,
        sandboxPort: 0,
      },
      tuning: { timeoutMs: 300, backoffInitialMs: 1, backoffMaxMs: 5, breakerFailures: 100 },
    });
    return { agent, americor };
  }

  it('returns a model, nothing, and an Error for a good, an unknown and a failing key', async () => {
    const { agent, americor } = mocked();
    const leads = await americor.getLeads([good, missing, broken], ctx());
    expect(leads.get(good)).toMatchObject({
      status: 'CONTACTED',
      vendorStatus: { code: '18', label: 'Hot' },
      salesPhase: { code: '2', label: 'Initial Contact-No Application' },
      assignedTo: null,
    });
    expect(leads.has(missing)).toBe(false);
    expect(leads.get(broken)).toBeInstanceOf(Error);
    expect(leads.get(broken)).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});

describe('AmericorClient quirks over HTTP (MockAgent)', () => {
  const ORIGIN = 'http://americor.test';
  const uuid = showcase.uuid;
  let offsetMs = 0;
  const clock = (): number => Date.now() + offsetMs;

  const clockCtx = (): CallContext => ({ deadline: clock() + 5_000 });

  function mockedClient(agent: MockAgent): AmericorClient {
    return client({
      dispatcher: agent,
      clock,
      config: {
        id: 'AMERICOR',
        mode: 'remote',
        baseUrl: `${ORIGIN}/api`,
        credentials: CONFIG_CREDENTIALS,
        rateLimitPerMinute: null,
        sandboxPort: 0,
      },
    });
  }

  it('reads a string lifetime as seconds and logs in again only once it runs out', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    const bodies: string[] = [];
    pool
      .intercept({
        path: '/api/v1/authentication/token',
        method: 'POST',
        body: (body: string) => {
          bodies.push(body);
          return true;
        },
      })
      .reply(200, { token: 'mock-token-a', lifetime: '600' });
    pool
      .intercept({
        path: `/api/v1/leads/${uuid}`,
        method: 'GET',
        headers: { authorization: 'Bearer mock-token-a' },
      })
      .reply(200, { id: 604800, uuid, status: 16, salesPhase: 3 })
      .times(3);
    const americor = mockedClient(agent);
    for (let i = 0; i < 3; i++) {
      await expect(americor.getLead(uuid, clockCtx())).resolves.toMatchObject({
        status: 'QUOTED',
        vendorStatus: { code: '16', label: 'Ready to Petch' },
        // salesRep absent: unassigned
        assignedTo: null,
      });
    }
    expect(JSON.parse(bodies[0])).toEqual(CREDENTIALS);
    agent.assertNoPendingInterceptors();

    offsetMs += 541_000;
    pool
      .intercept({ path: '/api/v1/authentication/token', method: 'POST' })
      .reply(200, { token: 'mock-token-b', lifetime: 600 });
    pool
      .intercept({
        path: `/api/v1/leads/${uuid}`,
        method: 'GET',
        headers: { authorization: 'Bearer mock-token-b' },
      })
      .reply(200, { id: 604800, uuid, status: 0, salesPhase: -1, salesRep: 'Kate Morrison' });
    await expect(americor.getLead(uuid, clockCtx())).resolves.toMatchObject({
      status: 'NEW',
      assignedTo: { id: null, name: 'Kate Morrison' },
    });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('re-logs in once on a 401 with an empty body, and takes a 403 as a refusal too', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: '/api/v1/authentication/token', method: 'POST' })
      .reply(200, { token: 'old', lifetime: 604800 });
    pool.intercept({ path: `/api/v1/leads/${uuid}/budget`, method: 'PUT' }).reply(403, '');
    pool
      .intercept({ path: '/api/v1/authentication/token', method: 'POST' })
      .reply(200, { token: 'new', lifetime: 604800 });
    pool
      .intercept({
        path: `/api/v1/leads/${uuid}/budget`,
        method: 'PUT',
        headers: { authorization: 'Bearer new' },
      })
      .reply(200, '[]', { headers: { 'content-type': 'application/json' } });
    const americor = mockedClient(agent);
    await expect(americor.updateBudget(uuid, BUDGET_INPUT, clockCtx())).resolves.toBeUndefined();
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('stops after one login when the token endpoint answers its Forbidden JSON', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: '/api/v1/authentication/token', method: 'POST' })
      .reply(401, { name: 'Forbidden', message: 'Detailed error message', code: 0, status: 403 });
    const americor = mockedClient(agent);
    await expect(americor.createProspect({}, clockCtx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
      message: "Americor refused the gateway's credentials",
    });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('reads a created prospect with its integer id, and an enrollment status outside both lists', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: '/api/v1/authentication/token', method: 'POST' })
      .reply(200, { token: 't', lifetime: 604800 });
    pool
      .intercept({ path: '/api/v1/prospects', method: 'POST' })
      .reply(200, { id: '604900', uuid: '018D63E8-B435-7320-8565-CF329D5DA1A6' });
    pool
      .intercept({ path: '/api/v1/enrollment/604900/status', method: 'GET' })
      .reply(200, { status: 77, statusText: 'Legal Review' });
    pool
      .intercept({ path: '/api/v1/enrollment/604900/status', method: 'GET' })
      .reply(200, { status: 4 });
    const americor = mockedClient(agent);
    await expect(americor.createProspect({ firstName: 'Erin' }, clockCtx())).resolves.toEqual({
      uuid: '018d63e8-b435-7320-8565-cf329d5da1a6',
      id: 604900,
    });
    await expect(americor.getEnrollmentStatus(604900, clockCtx())).resolves.toEqual({
      code: '77',
      label: 'Legal Review',
    });
    await expect(americor.getEnrollmentStatus(604900, clockCtx())).resolves.toEqual({
      code: '4',
      label: 'New',
    });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});

describe('AmericorClient logs', () => {
  it('never logs credentials, tokens or personal values', async () => {
    const logs = new LogCapture();
    const americor = client({}, logs);
    const created = await americor.createLead(LEAD_INPUT, ctx());
    await americor.getLeadWithEnrollment(showcase.uuid, ctx());
    await americor.getLeads([created.uuid, UNKNOWN_UUID], ctx());
    await americor.addCreditor(created.uuid, CREDITOR_INPUT, ctx());
    await americor.updateAch(created.uuid, ACH_INPUT, ctx());
    await americor.createLead({ ...LEAD_INPUT, source: 'Billboard' }, ctx()).catch(() => undefined);
    sandbox.admin.setFaults({ malformedRate: 1 });
    await americor.getLead(showcase.uuid, ctx()).catch(() => undefined);
    sandbox.admin.clearFaults();
    const refused = client(
      {
        config: {
          ...deps().config,
          credentials: { USERNAME: 'someone', PUBLIC_KEY: 'pk-wrong-0042' },
        },
      },
      logs,
    );
    await refused.getLead(showcase.uuid, ctx()).catch(() => undefined);

    const text = logs.text();
    expect(text).toContain('GET /v1/leads/{customerUuid}');
    expect(text).toContain(TOKEN_ENDPOINT);
    expect(tokensSeen.size).toBeGreaterThan(0);
    const rep = seed.salesReps.find((r) => r.id === showcaseRecord.salesRepId)!;
    const secrets = [
      CREDENTIALS.username,
      CREDENTIALS.publicKey,
      'pk-wrong-0042',
      ...tokensSeen,
      'Marisol',
      'Okonkwo',
      'marisol.okonkwo@example.com',
      'Marisol.Okonkwo@Example.COM',
      '+16175550187',
      '6175550187',
      '(617) 555-0187',
      '+16175550188',
      '041-55-9273',
      '041559273',
      '1979-11-23',
      '12 Elm St',
      '4400123412341234',
      '9876543210',
      '011000015',
      rep.email,
      rep.phone,
      showcase.email!,
      showcase.phone,
      showcase.dateOfBirth,
      created.uuid,
      showcase.uuid,
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
