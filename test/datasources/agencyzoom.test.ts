import { setTimeout as sleep } from 'node:timers/promises';
import { MockAgent } from 'undici';
import type { AgencyZoomClient } from '../../datasources/agencyzoom/client';
import { createAgencyZoomClient } from '../../datasources/agencyzoom/client';
import { DEFAULT_POLICY, isNightWindow } from '../../datasources/agencyzoom/rate-policy';
import type { AgencyZoomClientOptions } from '../../datasources/agencyzoom/types';
import type { CallContext, VendorClientDeps } from '../../datasources/http';
import type { AppError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { agencyZoomStoreOf, createAgencyZoomSandbox } from '../../simulators/agencyzoom/server';
import type { AgencyZoomStore } from '../../simulators/agencyzoom/store';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { generatePopulation } from '../../simulators/population/generate';
import { LogCapture } from '../helpers/logs';

/**
 * The AgencyZoom client against the AgencyZoom sandbox over real HTTP (and undici's MockAgent for
 * the documented quirks the sandbox does not produce): domain models, call costs, the login
 * lifecycle, retries, circuit, 429s, the budget, error codes and logs.
 */

const population = generatePopulation({ size: 60 });
const SHOWCASE_EMAIL = 'jordan.rivera@example.com';
const SHOWCASE_PHONE = '+16175550142';

const LOGIN = 'POST /v1/api/auth/login';
const LEAD_LIST = 'POST /v1/api/leads/list';
const LEAD_DETAIL = 'GET /v1/api/leads/{leadId}';
const CUSTOMER_DETAIL = 'GET /v1/api/customers/{customerId}';
const CARRIERS = 'GET /v1/api/carriers';

/** Answers for the sandbox's fault dice, in order; Math.random once they run out. */
let dice: number[] = [];
const random = (): number => dice.shift() ?? Math.random();

let sandbox: Sandbox;
let store: AgencyZoomStore;
let url: string;
const open: AgencyZoomClient[] = [];

const ctx = (ms = 5_000): CallContext => ({ deadline: Date.now() + ms });

interface Made {
  client: AgencyZoomClient;
  logs: LogCapture;
}

function depsFor(
  baseUrl: string,
  logs: LogCapture,
  overrides: Partial<VendorClientDeps> = {},
): VendorClientDeps {
  return {
    config: {
      id: 'AGENCYZOOM',
      mode: 'sandbox',
      baseUrl,
      credentials: { USERNAME: 'sandbox', PASSWORD: 'sandbox' },
      rateLimitPerMinute: null,
      sandboxPort: 0,
    },
    ratePolicy: () => ({ limit: 10_000, windowMs: 60_000 }),
    logger: createLogger({ level: 'debug', destination: logs }),
    tuning: {
      timeoutMs: 300,
      backoffInitialMs: 10,
      backoffMaxMs: 50,
      halfOpenAfterMs: 300,
      breakerFailures: 3,
    },
    ...overrides,
  };
}

function makeClient(
  overrides: Partial<VendorClientDeps> = {},
  options: AgencyZoomClientOptions = {},
  baseUrl = url,
): Made {
  const logs = new LogCapture();
  const client = createAgencyZoomClient(depsFor(baseUrl, logs, overrides), options);
  open.push(client);
  return { client, logs };
}

function calls(endpoint: string, target: Sandbox = sandbox): number {
  return target.admin.calls().byEndpoint[endpoint] ?? 0;
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as AppError,
  );
}

function showcaseCustomerId(): string {
  const customer = [...store.customers.values()].find((c) => c.email === SHOWCASE_EMAIL);
  if (!customer) throw new Error('showcase customer missing from the seed');
  return String(customer.id);
}

function showcaseLeadIds(): string[] {
  return [...store.leads.values()]
    .filter((lead) => lead.email.toLowerCase() === SHOWCASE_EMAIL)
    .map((lead) => String(lead.id))
    .sort();
}

/** Fixed writes placement (the sandbox's configuration) so write tests make no reference calls. */
const DEFAULTS: AgencyZoomClientOptions = {
  defaults: {
    pipelineId: 1,
    stageId: 11,
    leadSourceId: 10703,
    producerId: 6818,
    agencyNumber: 'A0A0070',
  },
};

beforeAll(async () => {
  sandbox = createAgencyZoomSandbox({ population, rateLimit: null, random });
  store = agencyZoomStoreOf(sandbox);
  url = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.admin.reset();
  dice = [];
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

describe('AgencyZoom client: reads', () => {
  it("finds the showcase person's leads by phone, normalised, in one list call", async () => {
    const { client } = makeClient();
    const records = await client.searchLeadsByPhones([SHOWCASE_PHONE], ctx());
    expect(records.map((r) => r.lead.ref.id).sort()).toEqual(showcaseLeadIds());
    const quoted = records.find((r) => r.lead.status === 'QUOTED');
    const won = records.find((r) => r.lead.status === 'WON');
    expect(quoted).toBeDefined();
    expect(won).toBeDefined();
    const id = quoted?.lead.ref.id ?? '';
    expect(quoted).toMatchObject({
      person: {
        ref: { vendor: 'AGENCYZOOM', id: `lead:${id}` },
        firstName: 'JORDAN',
        middleName: 'Avery',
        lastName: 'RIVERA',
        emails: [SHOWCASE_EMAIL],
        phones: [SHOWCASE_PHONE, '+16175550199'],
        dateOfBirth: '1986-04-12',
        ssn: null,
      },
      lead: {
        ref: { vendor: 'AGENCYZOOM', id },
        subject: { vendor: 'AGENCYZOOM', id: `lead:${id}` },
        vendorStatus: { code: '1', label: 'QUOTED' },
        source: 'Customer Referral',
        assignedTo: { id: '6818', name: 'Morgan Blake' },
        estimatedDebt: null,
        enrollment: null,
      },
    });
    expect(quoted?.lead.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T0[56]:00:00Z$/);
    // The converted lead was typed "Jordan.Rivera@Example.com" and "617-555-0142".
    expect(won?.person.emails).toEqual([SHOWCASE_EMAIL]);
    expect(won?.lead.vendorStatus).toEqual({ code: '2', label: 'WON' });
    expect(calls(LEAD_LIST)).toBe(1);
  });

  it('reads one lead, the same model as the search', async () => {
    const { client } = makeClient();
    const [search] = await client.searchLeadsByPhones([SHOWCASE_PHONE], ctx());
    const lead = await client.getLead(search.lead.ref.id, ctx());
    expect(lead).toEqual(search);
    expect(calls(LEAD_DETAIL)).toBe(1);
  });

  it('reads many leads by id with one call per distinct id, unknown ids absent', async () => {
    const { client } = makeClient();
    const ids = showcaseLeadIds();
    const result = await client.getLeads([...ids, ids[0], '999999', 'not-an-id'], ctx());
    expect([...result.keys()]).toEqual(ids);
    for (const id of ids) expect(result.get(id)).toMatchObject({ lead: { ref: { id } } });
    expect(calls(LEAD_DETAIL)).toBe(ids.length + 1);
  });

  it('keeps one failing id from failing the others in a fan-out', async () => {
    const { client } = makeClient(
      { tuning: { timeoutMs: 300, backoffInitialMs: 10, backoffMaxMs: 20, breakerFailures: 10 } },
      { fanOutConcurrency: 1 },
    );
    const [first, second] = showcaseLeadIds();
    await client.getLead(first, ctx());
    sandbox.admin.reset();
    // Every call rolls the dice once: the first id's three attempts fail, the second id's passes.
    sandbox.admin.setFaults({ errorRate: 0.5, errorStatus: 503 });
    dice = [0, 0, 0, 0.99];
    const result = await client.getLeads([first, second], ctx());
    sandbox.admin.clearFaults();
    expect(result.get(first)).toBeInstanceOf(Error);
    expect(result.get(first)).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(result.get(second)).toMatchObject({ lead: { ref: { id: second } } });
  });

  it('searches customers by email, phone and last name with exact matching', async () => {
    const { client } = makeClient();
    const id = showcaseCustomerId();
    const byEmail = await client.searchCustomers({ email: 'Jordan.Rivera@EXAMPLE.com' }, ctx());
    expect(byEmail.map((p) => p.ref.id)).toEqual([`customer:${id}`]);
    expect(byEmail[0]).toEqual({
      ref: { vendor: 'AGENCYZOOM', id: `customer:${id}` },
      firstName: 'Jordan',
      middleName: 'Avery',
      lastName: 'Rivera',
      emails: [SHOWCASE_EMAIL],
      phones: [SHOWCASE_PHONE, '+16175550199'],
      dateOfBirth: '1986-04-12',
      ssn: null,
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
    });
    const byPhone = await client.searchCustomers({ phone: '(617) 555-0142' }, ctx());
    expect(byPhone.map((p) => p.ref.id)).toContain(`customer:${id}`);
    const byName = await client.searchCustomers({ lastName: 'RIVERA' }, ctx());
    expect(byName.map((p) => p.ref.id)).toContain(`customer:${id}`);
    expect(byName.every((p) => p.lastName?.toLowerCase() === 'rivera')).toBe(true);
    expect(calls('POST /v1/api/customers')).toBe(3);
  });

  it('reads the showcase customer with active and expired policies in one call plus carriers', async () => {
    const { client } = makeClient();
    const id = showcaseCustomerId();
    const { person, policies } = await client.getCustomer(id, ctx());
    expect(person.ref).toEqual({ vendor: 'AGENCYZOOM', id: `customer:${id}` });
    expect(person.emails).toEqual([SHOWCASE_EMAIL]);
    expect(person.dateOfBirth).toBe('1986-04-12');
    const stored = [...store.policies.values()].filter((p) => String(p.customerId) === id);
    expect(policies).toHaveLength(stored.length);
    const byLine = new Map(policies.map((p) => [p.lineOfBusiness, p]));
    expect(byLine.get('Personal Auto')).toMatchObject({
      carrier: { id: '91', name: 'Harborline Mutual' },
      status: 'ACTIVE',
      subject: { vendor: 'AGENCYZOOM', id: `customer:${id}` },
    });
    expect(byLine.get('Renters')?.status).toBe('ACTIVE');
    expect(byLine.get('Term Life')?.carrier).toEqual({ id: '94', name: 'Lakeside Life Assurance' });
    expect(byLine.get('Personal Umbrella')).toMatchObject({
      status: 'EXPIRED',
      carrier: { id: '95', name: 'Summit Specialty Group' },
    });
    for (const policy of policies) {
      const record = stored.find((p) => String(p.id) === policy.ref.id);
      expect(policy.premium).toEqual({
        amount: ((record?.premium ?? 0) / 100).toFixed(2),
        currency: 'USD',
      });
      expect(policy.effectiveDate).toBe(record?.effectiveDate);
      expect(policy.expirationDate).toBe(record?.expiryDate);
      expect(policy.policyNumber).toBe(record?.policyNumber);
    }
    expect(calls(CUSTOMER_DETAIL)).toBe(1);
    expect(calls(CARRIERS)).toBe(1);
    expect(calls('GET /v1/api/product-lines')).toBe(0);
  });

  it('reads many customers by id, unknown ones absent, carriers loaded once', async () => {
    const { client } = makeClient();
    const ids = [...store.customers.keys()].slice(0, 5).map(String);
    const result = await client.getCustomers([...ids, '999999'], ctx());
    expect([...result.keys()]).toEqual(ids);
    for (const id of ids) {
      expect(result.get(id)).toMatchObject({ person: { ref: { id: `customer:${id}` } } });
    }
    expect(calls(CUSTOMER_DETAIL)).toBe(6);
    expect(calls(CARRIERS)).toBe(1);
  });

  it('reports health and closes through the shared HTTP layer', async () => {
    const { client } = makeClient();
    expect(await client.health()).toMatchObject({
      vendor: 'AGENCYZOOM',
      state: 'READY',
      mode: 'SANDBOX',
      circuit: 'CLOSED',
    });
    await client.close();
    expect((await client.health()).state).toBe('UNAVAILABLE');
  });
});

describe('AgencyZoom client: call costs', () => {
  it('looks up leads for 20 phones with one list call', async () => {
    const { client } = makeClient();
    const leadPhones = new Set<string>();
    for (const lead of store.leads.values()) {
      for (const phone of [lead.phone, lead.secondaryPhone]) {
        const digits = phone?.replace(/\D/g, '').replace(/^1(\d{10})$/, '$1');
        if (digits) leadPhones.add(`+1${digits}`);
      }
    }
    const phones = [...leadPhones].slice(0, 20);
    for (let line = 1; phones.length < 20; line++) {
      phones.push(`+1413555${String(line).padStart(4, '0')}`);
    }
    const records = await client.searchLeadsByPhones(phones, ctx());
    const wanted = new Set(phones);
    const expected = [...store.leads.values()]
      .filter((lead) =>
        [lead.phone, lead.secondaryPhone].some((p) => {
          const digits = p?.replace(/\D/g, '').replace(/^1(\d{10})$/, '$1');
          return digits !== undefined && wanted.has(`+1${digits}`);
        }),
      )
      .map((lead) => String(lead.id))
      .sort();
    expect(records.map((r) => r.lead.ref.id).sort()).toEqual(expected);
    expect(calls(LEAD_LIST)).toBe(1);
    expect(calls(LOGIN)).toBe(1);
  });

  it('reads a customer with its policies in one call, carriers once per TTL', async () => {
    // Behind real time, so the limiter never sees a deadline before the clock.
    let offsetMs = -7_200_000;
    const { client } = makeClient(
      { clock: () => Date.now() + offsetMs },
      { referenceTtlMs: 3_600_000 },
    );
    const id = showcaseCustomerId();
    await client.getCustomer(id, ctx());
    expect(calls(CUSTOMER_DETAIL)).toBe(1);
    expect(calls(CARRIERS)).toBe(1);
    await Promise.all([client.getCustomer(id, ctx()), client.getCustomer(id, ctx())]);
    expect(calls(CUSTOMER_DETAIL)).toBe(3);
    expect(calls(CARRIERS)).toBe(1);
    offsetMs += 3_600_001;
    await client.getCustomer(id, ctx());
    expect(calls(CARRIERS)).toBe(2);
  });

  it('loads the carriers once for concurrent cold reads (single flight)', async () => {
    const { client } = makeClient();
    const ids = [...store.customers.keys()].slice(0, 8).map(String);
    await Promise.all(ids.map((id) => client.getCustomer(id, ctx())));
    expect(calls(CARRIERS)).toBe(1);
    expect(calls(LOGIN)).toBe(1);
  });
  it('counts logins against the budget', async () => {
    // A day-long window: the next one cannot open within the 1 s deadline below.
    const { client } = makeClient({ ratePolicy: () => ({ limit: 2, windowMs: 86_400_000 }) });
    const id = showcaseLeadIds()[0];
    await client.getLead(id, ctx());
    // The login and the read used the window's two calls.
    const started = Date.now();
    await expect(client.getLead(id, ctx(1_000))).rejects.toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(sandbox.admin.calls().byEndpoint).toEqual({ [LOGIN]: 1, [LEAD_DETAIL]: 1 });
  });
});

describe('AgencyZoom client: writes', () => {
  const phone = (line: number) => `+1413555${String(line).padStart(4, '0')}`;

  it('creates a lead and reads it back normalised', async () => {
    const { client } = makeClient();
    const created = await client.createLead(
      {
        firstName: 'Casey',
        lastName: 'Morgan',
        email: 'Casey.Morgan@Example.org',
        phone: phone(11),
        dateOfBirth: '1991-07-04',
        address: { line1: '5 Elm St', city: 'Worcester', state: 'MA', postalCode: '01608' },
        source: 'Walk-in',
        notes: 'Asked for a renters quote.',
      },
      ctx(),
    );
    expect(created.id).toMatch(/^\d+$/);
    // Placement came from the agency's configuration, read once each.
    expect(calls('GET /v1/api/pipelines-and-stages')).toBe(1);
    expect(calls('GET /v1/api/lead-sources')).toBe(1);
    expect(calls('GET /v1/api/employees')).toBe(1);
    expect(calls('POST /v1/api/leads/create')).toBe(1);
    const lead = await client.getLead(created.id ?? '', ctx());
    expect(lead.person).toMatchObject({
      firstName: 'Casey',
      lastName: 'Morgan',
      emails: ['casey.morgan@example.org'],
      phones: [phone(11)],
      dateOfBirth: '1991-07-04',
      addresses: [{ line1: '5 Elm St', city: 'Worcester', state: 'MA', postalCode: '01608' }],
    });
    expect(lead.lead).toMatchObject({ status: 'NEW', source: 'Walk-in' });
    expect(lead.lead.assignedTo?.id).toBe('6818');
  });

  it('creates up to five leads in one batch call and finds them by phone', async () => {
    const { client } = makeClient({}, DEFAULTS);
    const inputs = [21, 22, 23].map((line) => ({
      firstName: `Batch${line}`,
      lastName: 'Lead',
      email: `batch${line}@example.org`,
      phone: phone(line),
    }));
    expect(await client.batchCreateLeads(inputs, ctx())).toEqual({ created: 3 });
    expect(calls('POST /v1/api/leads/batch-create')).toBe(1);
    const found = await client.searchLeadsByPhones(
      inputs.map((i) => i.phone),
      ctx(),
    );
    expect(found.map((r) => r.person.firstName).sort()).toEqual(['Batch21', 'Batch22', 'Batch23']);
  });

  it('updates a lead by reading it and writing the whole record back', async () => {
    const { client } = makeClient({}, DEFAULTS);
    const { id } = await client.createLead(
      {
        firstName: 'Riley',
        lastName: 'Park',
        email: 'riley.park@example.org',
        phone: phone(31),
        dateOfBirth: '1980-02-29',
        notes: 'Keep me.',
      },
      ctx(),
    );
    sandbox.admin.reset();
    await client.updateLead(id ?? '', { lastName: 'Park-Lee', phone: phone(32) }, ctx());
    expect(calls(LEAD_DETAIL)).toBe(1);
    expect(calls('PUT /v1/api/leads/{leadId}')).toBe(1);
    const lead = await client.getLead(id ?? '', ctx());
    expect(lead.person).toMatchObject({
      firstName: 'Riley',
      lastName: 'Park-Lee',
      phones: [phone(32)],
      emails: ['riley.park@example.org'],
      dateOfBirth: '1980-02-29',
    });
    expect(store.leads.get(Number(id))?.comments).toBe('Keep me.');
  });

  it('sets a lead status through the write enum, sells it and deletes a lead', async () => {
    const { client } = makeClient({}, DEFAULTS);
    const { id } = await client.createLead(
      { firstName: 'Sol', lastName: 'Diaz', email: 'sol.diaz@example.org', phone: phone(41) },
      ctx(),
    );
    const leadId = id ?? '';
    await client.setLeadStatus(leadId, { status: 'EXPIRED', date: '2030-01-15' }, ctx());
    expect((await client.getLead(leadId, ctx())).lead).toMatchObject({
      status: 'EXPIRED',
      vendorStatus: { code: '5', label: 'EXPIRED' },
    });
    await client.setLeadStatus(leadId, { status: 'NEW' }, ctx());
    expect((await client.getLead(leadId, ctx())).lead.status).toBe('NEW');
    await expect(client.setLeadStatus(leadId, { status: 'QUOTED' }, ctx())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });

    const { customerId } = await client.markLeadSold(
      leadId,
      {
        products: [
          {
            carrierId: '92',
            productLineId: '27',
            premium: { amount: '189.00', currency: 'USD' },
            effectiveDate: '2030-02-01',
          },
        ],
      },
      ctx(),
    );
    expect((await client.getLead(leadId, ctx())).lead.status).toBe('WON');
    const customer = await client.getCustomer(customerId, ctx());
    expect(customer.person.emails).toEqual(['sol.diaz@example.org']);
    expect(customer.policies).toEqual([
      expect.objectContaining({
        carrier: { id: '92', name: 'Granite Shield Insurance' },
        lineOfBusiness: 'Renters',
        premium: { amount: '189.00', currency: 'USD' },
        effectiveDate: '2030-02-01',
        status: 'PENDING',
      }),
    ]);

    await client.deleteLead(leadId, ctx());
    await expect(client.getLead(leadId, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates and updates a customer, then adds, rewrites and cancels a policy', async () => {
    const { client } = makeClient();
    const { id } = await client.createCustomer(
      {
        firstName: 'Avery',
        lastName: 'Quinn',
        email: 'Avery.Quinn@Example.org',
        phone: phone(51),
        dateOfBirth: '1975-11-30',
        address: { line1: '9 Oak Ave', city: 'Austin', state: 'tx', postalCode: '78701' },
      },
      ctx(),
    );
    const customerId = id ?? '';
    expect(calls('GET /v1/api/employees')).toBe(1);
    await client.updateCustomer(customerId, { lastName: 'Quinn-Hale', phone: phone(52) }, ctx());
    const before = await client.getCustomer(customerId, ctx());
    expect(before.person).toMatchObject({
      firstName: 'Avery',
      lastName: 'Quinn-Hale',
      emails: ['avery.quinn@example.org'],
      phones: [phone(52)],
      dateOfBirth: '1975-11-30',
      addresses: [{ line1: '9 Oak Ave', city: 'Austin', state: 'TX', postalCode: '78701' }],
    });
    expect(before.policies).toEqual([]);

    const policy = {
      customerId,
      carrierId: '93',
      productLineId: '26',
      policyNumber: 'PF-100',
      premium: { amount: '1234.56', currency: 'USD' },
      effectiveDate: '2020-01-01',
      expirationDate: '2021-01-01',
    };
    const { id: policyId } = await client.createPolicy(policy, ctx());
    expect(policyId).toMatch(/^\d+$/);
    expect(calls('GET /v1/api/locations')).toBe(1);
    const withPolicy = await client.getCustomer(customerId, ctx());
    expect(withPolicy.policies).toEqual([
      {
        ref: { vendor: 'AGENCYZOOM', id: policyId },
        subject: { vendor: 'AGENCYZOOM', id: `customer:${customerId}` },
        policyNumber: 'PF-100',
        carrier: { id: '93', name: 'Prairie Fire & Casualty' },
        lineOfBusiness: 'Homeowners',
        premium: { amount: '1234.56', currency: 'USD' },
        effectiveDate: '2020-01-01',
        expirationDate: '2021-01-01',
        status: 'EXPIRED',
      },
    ]);

    const { customerId: _owner, ...rewrite } = policy;
    await client.updatePolicy(
      policyId ?? '',
      { ...rewrite, premium: { amount: '999.00', currency: 'USD' }, expirationDate: '2099-01-01' },
      ctx(),
    );
    const [updated] = (await client.getCustomer(customerId, ctx())).policies;
    expect(updated).toMatchObject({
      premium: { amount: '999.00', currency: 'USD' },
      expirationDate: '2099-01-01',
      status: 'ACTIVE',
    });

    await client.updatePolicyStatus(policyId ?? '', 'CANCELLED', ctx());
    const stored = (await (await fetch(`${url}/__admin/policies/${policyId}`)).json()) as {
      status: number;
    };
    expect(stored.status).toBe(0);
  });
});

describe('AgencyZoom client: login lifecycle', () => {
  let authSandbox: Sandbox;
  let authUrl: string;
  /** The shared clock starts an hour behind real time: deadlines stay ahead of it. */
  let offsetMs = -3_600_000;
  const clock = (): number => Date.now() + offsetMs;
  const TOKEN_LIFETIME_S = 600;

  beforeAll(async () => {
    authSandbox = createAgencyZoomSandbox({
      population,
      rateLimit: null,
      clock,
      tokenLifetimeS: TOKEN_LIFETIME_S,
    });
    authUrl = await authSandbox.listen(0);
  });

  afterAll(async () => {
    await authSandbox.close();
  });

  beforeEach(() => {
    authSandbox.admin.reset();
  });

  const leadId = () => String([...agencyZoomStoreOf(authSandbox).leads.keys()][0]);

  it('logs in once for 20 concurrent calls, once more after expiry and after a revocation', async () => {
    const { client } = makeClient({ clock }, {}, authUrl);
    const id = leadId();
    const burst = () => Promise.all(Array.from({ length: 20 }, () => client.getLead(id, ctx())));
    expect(await burst()).toHaveLength(20);
    expect(calls(LOGIN, authSandbox)).toBe(1);
    expect(calls(LEAD_DETAIL, authSandbox)).toBe(20);

    offsetMs += (TOKEN_LIFETIME_S + 1) * 1000;
    expect(await burst()).toHaveLength(20);
    expect(calls(LOGIN, authSandbox)).toBe(2);
    expect(calls(LEAD_DETAIL, authSandbox)).toBe(40);

    authSandbox.admin.setFaults({ revokeTokens: true });
    await expect(client.getLead(id, ctx())).resolves.toMatchObject({ lead: { ref: { id } } });
    expect(calls(LOGIN, authSandbox)).toBe(3);
    expect(authSandbox.admin.calls().byStatus['401']).toBe(1);
  });

  it('fails with VENDOR_AUTH_FAILED after exactly one login when credentials are refused', async () => {
    const logs = new LogCapture();
    const deps = depsFor(authUrl, logs, { clock });
    deps.config.credentials = { USERNAME: 'sandbox', PASSWORD: 'wrong-Pa55word' };
    const client = createAgencyZoomClient(deps);
    open.push(client);
    const error = await failureOf(client.getLead(leadId(), ctx()));
    expect(error).toMatchObject({ code: 'VENDOR_AUTH_FAILED', vendor: 'AGENCYZOOM' });
    expect(error.message).not.toContain('wrong-Pa55word');
    expect(calls(LOGIN, authSandbox)).toBe(1);
    expect(authSandbox.admin.calls().total).toBe(1);
    expect(logs.text()).not.toContain('wrong-Pa55word');
  });
});

describe('AgencyZoom client: retries, circuit and 429', () => {
  /** A client already logged in, with the sandbox's counters cleared. */
  async function warmClient(
    overrides: Partial<VendorClientDeps> = {},
    options: AgencyZoomClientOptions = DEFAULTS,
  ): Promise<AgencyZoomClient> {
    const { client } = makeClient(overrides, options);
    await client.getLead(showcaseLeadIds()[0], ctx());
    sandbox.admin.reset();
    return client;
  }

  it('retries a read after a 5xx and succeeds', async () => {
    const client = await warmClient();
    sandbox.admin.setFaults({ errorRate: 0.5, errorStatus: 503 });
    dice = [0, 0.99];
    const id = showcaseLeadIds()[0];
    await expect(client.getLead(id, ctx())).resolves.toMatchObject({ lead: { ref: { id } } });
    expect(calls(LEAD_DETAIL)).toBe(2);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '503': 1 });
  });

  it('never repeats a creating POST hit by a 5xx', async () => {
    const client = await warmClient({
      tuning: { timeoutMs: 300, backoffInitialMs: 10, backoffMaxMs: 50, breakerFailures: 10 },
    });
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(
      client.createLead({ firstName: 'Dup', email: 'dup@example.org' }, ctx()),
    ).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(calls('POST /v1/api/leads/create')).toBe(1);
  });

  it('never repeats a creating POST that timed out', async () => {
    const client = await warmClient();
    sandbox.admin.setFaults({ latencyMs: 600 });
    await expect(
      client.createLead({ firstName: 'Slow', email: 'slow@example.org' }, ctx()),
    ).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT' });
    expect(calls('POST /v1/api/leads/create')).toBe(1);
    sandbox.admin.clearFaults();
    await sleep(400);
  });

  it('opens the circuit after repeated failures, fails fast, and closes after a good probe', async () => {
    const client = await warmClient();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const id = showcaseLeadIds()[0];
    await expect(client.getLead(id, ctx())).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    const seen = calls(LEAD_DETAIL);
    expect(seen).toBe(3);
    expect((await client.health()).circuit).toBe('OPEN');
    const fast = await failureOf(client.getLead(id, ctx()));
    expect(fast).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(fast.message).toMatch(/circuit open/);
    expect(calls(LEAD_DETAIL)).toBe(seen);
    sandbox.admin.clearFaults();
    await sleep(350);
    await expect(client.getLead(id, ctx())).resolves.toMatchObject({ lead: { ref: { id } } });
    expect((await client.health()).circuit).toBe('CLOSED');
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    const client = await warmClient();
    sandbox.admin.setFaults({ rateLimited: 1, retryAfterS: 1 });
    const started = Date.now();
    const id = showcaseLeadIds()[0];
    await expect(client.getLead(id, ctx())).resolves.toMatchObject({ lead: { ref: { id } } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '429': 1 });
  });
});

describe('AgencyZoom client: rate budget', () => {
  afterEach(() => {
    sandbox.admin.setRateLimit(null);
  });

  it('never lets more calls per window reach the vendor than the budget allows', async () => {
    const { client } = makeClient({ ratePolicy: () => ({ limit: 5, windowMs: 1_000 }) }, DEFAULTS);
    const id = showcaseLeadIds()[0];
    await client.getLead(id, ctx());
    sandbox.admin.reset();
    sandbox.admin.setRateLimit({ limit: 5, windowMs: 1_000 });
    // Start just after a window edge, as both sides count calendar-aligned windows.
    await sleep(1_000 - (Date.now() % 1_000) + 30);
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () => client.getLead(id, ctx(10_000))),
    );
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
      }
    }
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(10);
    expect(sandbox.admin.calls().byStatus['429']).toBeUndefined();
    const perWindow = new Map<number, number>();
    for (const entry of sandbox.admin.requests()) {
      const window = Math.floor(Date.parse(entry.time) / 1_000);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
  });

  it('defaults to 30 calls a minute by day and 60 from 22:00 to 04:00 Chicago time', () => {
    const day = { limit: 30, windowMs: 60_000 };
    const night = { limit: 60, windowMs: 60_000 };
    // Standard time (UTC-6), January.
    expect(DEFAULT_POLICY(Date.parse('2025-01-15T18:00:00Z'))).toEqual(day); // 12:00
    expect(DEFAULT_POLICY(Date.parse('2025-01-16T03:59:59Z'))).toEqual(day); // 21:59:59
    expect(DEFAULT_POLICY(Date.parse('2025-01-16T04:00:00Z'))).toEqual(night); // 22:00
    expect(DEFAULT_POLICY(Date.parse('2025-01-16T09:59:59Z'))).toEqual(night); // 03:59:59
    expect(DEFAULT_POLICY(Date.parse('2025-01-16T10:00:00Z'))).toEqual(day); // 04:00
    // Daylight time (UTC-5), July: the same wall-clock hours, an hour earlier in UTC.
    expect(DEFAULT_POLICY(Date.parse('2025-07-16T02:59:59Z'))).toEqual(day); // 21:59:59
    expect(DEFAULT_POLICY(Date.parse('2025-07-16T03:00:00Z'))).toEqual(night); // 22:00
    expect(DEFAULT_POLICY(Date.parse('2025-07-16T08:59:59Z'))).toEqual(night); // 03:59:59
    expect(DEFAULT_POLICY(Date.parse('2025-07-16T09:00:00Z'))).toEqual(day); // 04:00
  });

  it('follows the DST changes in the night window', () => {
    // Spring forward, Sunday 2025-03-09 02:00 CST -> 03:00 CDT.
    expect(isNightWindow(Date.parse('2025-03-09T04:00:00Z'))).toBe(true); // Sat 22:00 CST
    expect(isNightWindow(Date.parse('2025-03-09T08:30:00Z'))).toBe(true); // 03:30 CDT
    expect(isNightWindow(Date.parse('2025-03-09T09:00:00Z'))).toBe(false); // 04:00 CDT
    expect(isNightWindow(Date.parse('2025-03-10T02:59:00Z'))).toBe(false); // Sun 21:59 CDT
    expect(isNightWindow(Date.parse('2025-03-10T03:00:00Z'))).toBe(true); // Sun 22:00 CDT
    // Fall back, Sunday 2025-11-02 02:00 CDT -> 01:00 CST.
    expect(isNightWindow(Date.parse('2025-11-02T03:00:00Z'))).toBe(true); // Sat 22:00 CDT
    expect(isNightWindow(Date.parse('2025-11-02T09:59:00Z'))).toBe(true); // 03:59 CST
    expect(isNightWindow(Date.parse('2025-11-02T10:00:00Z'))).toBe(false); // 04:00 CST
    expect(isNightWindow(Date.parse('2025-11-03T03:59:00Z'))).toBe(false); // Sun 21:59 CST
    expect(isNightWindow(Date.parse('2025-11-03T04:00:00Z'))).toBe(true); // Sun 22:00 CST
  });
});

describe('AgencyZoom client: error codes', () => {
  const errors: AppError[] = [];
  const collect = async (promise: Promise<unknown>): Promise<AppError> => {
    const error = await failureOf(promise);
    errors.push(error);
    return error;
  };

  it('maps unknown ids (a 400 at this vendor) to NOT_FOUND', async () => {
    const { client } = makeClient();
    expect(await collect(client.getLead('999999', ctx()))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'AgencyZoom has no such lead',
    });
    expect(await collect(client.getCustomer('999999', ctx()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await collect(client.setLeadStatus('999999', { status: 'LOST' }, ctx()))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await collect(client.updatePolicyStatus('999999', 'ACTIVE', ctx()))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await collect(client.getLead('abc', ctx()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(sandbox.admin.calls().byStatus['400']).toBe(4);
  });

  it('maps validation errors to VENDOR_REJECTED with our input names', async () => {
    const { client } = makeClient({}, DEFAULTS);
    const error = await collect(
      client.createLead({ firstName: ' ', email: 'not-an-email', phone: SHOWCASE_PHONE }, ctx()),
    );
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED', vendor: 'AGENCYZOOM' });
    expect(error.fields).toEqual([
      { path: ['input', 'firstName'], message: 'firstname is required' },
      { path: ['input', 'email'], message: 'email must be an email address' },
    ]);
    const batch = await collect(
      client.batchCreateLeads(
        [
          { firstName: 'Ok', email: 'ok@example.org' },
          { firstName: 'Bad', email: 'bad-address' },
        ],
        ctx(),
      ),
    );
    expect(batch.fields).toEqual([
      {
        path: ['inputs', '1', 'email'],
        message: 'leadDataRequests[1].email must be an email address',
      },
    ]);
    const policy = await collect(
      client.createPolicy(
        {
          customerId: showcaseCustomerId(),
          carrierId: '999',
          productLineId: '25',
          premium: { amount: '100.00', currency: 'USD' },
          effectiveDate: '2025-01-01',
          expirationDate: '2026-01-01',
        },
        ctx(),
      ),
    );
    expect(policy).toMatchObject({
      code: 'VENDOR_REJECTED',
      fields: [{ path: ['input', 'carrierId'], message: 'carrierId … does not exist' }],
    });
  });

  it('refuses more than five leads in a batch before any call', async () => {
    const { client } = makeClient({}, DEFAULTS);
    const inputs = Array.from({ length: 6 }, (_, i) => ({
      firstName: `L${i}`,
      email: `l${i}@example.org`,
    }));
    expect(await collect(client.batchCreateLeads(inputs, ctx()))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: ['inputs'], message: 'must hold 1 to 5 leads' }],
    });
    expect(sandbox.admin.calls().total).toBe(0);
  });

  it('maps 5xx to VENDOR_UNAVAILABLE, slowness to VENDOR_TIMEOUT and bad JSON to VENDOR_UNAVAILABLE', async () => {
    const { client } = makeClient({
      tuning: { timeoutMs: 300, backoffInitialMs: 10, backoffMaxMs: 20, breakerFailures: 100 },
    });
    const id = showcaseLeadIds()[0];
    await client.getLead(id, ctx());
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 502 });
    expect(await collect(client.getLead(id, ctx()))).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    sandbox.admin.setFaults({ errorRate: 0, latencyMs: 400 });
    expect(await collect(client.getLead(id, ctx()))).toMatchObject({ code: 'VENDOR_TIMEOUT' });
    sandbox.admin.setFaults({ latencyMs: 0, malformedRate: 1 });
    expect(await collect(client.getLead(id, ctx()))).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    sandbox.admin.clearFaults();
    await sleep(150);
  });

  it('maps a 429 whose Retry-After is past the deadline to VENDOR_RATE_LIMITED with retryAfterMs', async () => {
    const { client } = makeClient();
    const id = showcaseLeadIds()[0];
    await client.getLead(id, ctx());
    sandbox.admin.setFaults({ rateLimited: true, retryAfterS: 30 });
    const error = await collect(client.getLead(id, ctx(2_000)));
    expect(error).toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      extensions: expect.objectContaining({ retryAfterMs: 30_000 }) as unknown,
    });
  });

  it('puts no vendor text, URL or personal value in any error message', () => {
    expect(errors.length).toBeGreaterThanOrEqual(12);
    for (const error of errors) {
      expect(error.message).not.toMatch(
        /Invalid request|does not exist|Internal processing|Rate limit exceeded|http:|127\.0\.0\.1|\/v1\/api|@|\d{5}/,
      );
      expect(error.message).not.toMatch(/jordan|rivera|555/i);
    }
  });
});

describe('AgencyZoom client: logs', () => {
  const USERNAME = 'owner@agency-logs.example';
  const PASSWORD = 'Log-Pa55word-7781';
  let logSandbox: Sandbox;
  let logUrl: string;

  beforeAll(async () => {
    logSandbox = createAgencyZoomSandbox({
      population,
      rateLimit: null,
      credentials: { username: USERNAME, password: PASSWORD },
    });
    logUrl = await logSandbox.listen(0);
  });

  afterAll(async () => {
    await logSandbox.close();
  });

  it('logs no credential, token, email, phone or date of birth across a run', async () => {
    const logs = new LogCapture();
    const deps = depsFor(logUrl, logs);
    deps.config.credentials = { USERNAME, PASSWORD };
    const client = createAgencyZoomClient(deps, DEFAULTS);
    open.push(client);
    const logStore = agencyZoomStoreOf(logSandbox);
    const customerId = String(
      [...logStore.customers.values()].find((c) => c.email === SHOWCASE_EMAIL)?.id,
    );
    const [lead] = await client.searchLeadsByPhones([SHOWCASE_PHONE], ctx());
    await client.getLead(lead.lead.ref.id, ctx());
    await client.getCustomer(customerId, ctx());
    await client.searchCustomers({ email: SHOWCASE_EMAIL, phone: SHOWCASE_PHONE }, ctx());
    await client.createLead(
      {
        firstName: 'Lo',
        lastName: 'Gger',
        email: 'lo.gger@example.net',
        phone: '+14135550077',
        dateOfBirth: '1979-05-06',
      },
      ctx(),
    );
    await failureOf(client.createLead({ firstName: 'Bad', email: 'bad@@example.net' }, ctx()));
    logSandbox.admin.setFaults({ revokeTokens: true });
    await client.getLead(lead.lead.ref.id, ctx());
    logSandbox.admin.setFaults({ malformedRate: 1 });
    await failureOf(client.getLead(lead.lead.ref.id, ctx()));
    logSandbox.admin.clearFaults();

    const text = logs.text();
    expect(text).toContain(LEAD_LIST);
    for (const secret of [USERNAME, PASSWORD, 'eyJ', 'Bearer']) expect(text).not.toContain(secret);
    for (const personal of [
      SHOWCASE_EMAIL,
      'lo.gger@example.net',
      'bad@@example.net',
      '6175550142',
      '555-0142',
      '555-0199',
      '4135550077',
      '555-0077',
      '1986-04-12',
      '04/12/1986',
      '04/12/86',
      '1979-05-06',
      '05/06/1979',
      'Rivera',
      'Gger',
    ]) {
      expect(text.toLowerCase()).not.toContain(personal.toLowerCase());
    }
  });
});

describe('AgencyZoom client: documented quirks the sandbox does not produce (MockAgent)', () => {
  const ORIGIN = 'http://agencyzoom.mock';
  let agent: MockAgent;

  const jwt = (payload: unknown) =>
    `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });

  afterEach(async () => {
    await agent.close();
  });

  function mockClient(
    credentials: Record<string, string> = {},
    options: AgencyZoomClientOptions = DEFAULTS,
  ) {
    const logs = new LogCapture();
    const deps = depsFor(ORIGIN, logs, { dispatcher: agent });
    deps.config.credentials = { USERNAME: 'u@agency.example', PASSWORD: 'p', ...credentials };
    const client = createAgencyZoomClient(deps, options);
    open.push(client);
    return client;
  }

  function login(token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }), times = 1) {
    agent
      .get(ORIGIN)
      .intercept({ path: '/v1/api/auth/login', method: 'POST' })
      .reply(200, { jwt: token, ownerAgent: true })
      .times(times);
  }

  const policyInput = {
    customerId: '1000',
    carrierId: '91',
    productLineId: '25',
    premium: { amount: '10.00', currency: 'USD' },
    effectiveDate: '2025-01-01',
    expirationDate: '2026-01-01',
  };

  it('sends the configured API_TOKEN as X-Api-Token on policy creation', async () => {
    const client = mockClient({ API_TOKEN: 'configured-api-token' });
    login();
    agent
      .get(ORIGIN)
      .intercept({
        path: '/v1/api/policies/create',
        method: 'POST',
        headers: { 'x-api-token': 'configured-api-token' },
      })
      .reply(200, { message: 'Policy created', id: 77, result: true });
    await expect(client.createPolicy(policyInput, ctx())).resolves.toEqual({ id: '77' });
  });

  it('sends the session JWT as X-Api-Token when no API token is configured', async () => {
    const client = mockClient();
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    login(token);
    agent
      .get(ORIGIN)
      .intercept({
        path: '/v1/api/policies/create',
        method: 'POST',
        headers: { 'x-api-token': token, authorization: `Bearer ${token}` },
      })
      .reply(200, { message: 'Policy created', id: '78', result: true });
    await expect(client.createPolicy(policyInput, ctx())).resolves.toEqual({ id: '78' });
  });

  it('reads a customer whose policies are one object, typed differently, with unknown carriers', async () => {
    const client = mockClient();
    login();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/v1/api/customers/1000', method: 'GET' }).reply(200, {
      id: '1000',
      firstname: 'Ann',
      lastname: 'Lee',
      email: 'ANN@EXAMPLE.COM',
      phone: 6175550123,
      zip: 2108,
      birthday: '01/02/1990',
      policies: {
        id: 501,
        carrierId: '404',
        policyTypeId: 27,
        premium: '15000',
        effectiveDate: '2019-01-01',
        expiryDate: '2020-01-01',
        tagNames: [3],
      },
    });
    pool
      .intercept({ path: '/v1/api/carriers', method: 'GET' })
      .reply(200, [{ id: '91', name: 'Harborline Mutual', standardCarrierCode: 'HBLM' }]);
    pool
      .intercept({ path: '/v1/api/product-lines', method: 'GET' })
      .reply(200, [{ id: 27, name: 'Renters', productCategoryId: 1 }]);
    const record = await client.getCustomer('1000', ctx());
    expect(record.person).toMatchObject({
      emails: ['ann@example.com'],
      phones: ['+16175550123'],
      dateOfBirth: '1990-01-02',
      addresses: [expect.objectContaining({ postalCode: '02108' })],
    });
    expect(record.policies).toEqual([
      expect.objectContaining({
        carrier: { id: '404', name: null },
        lineOfBusiness: 'Renters',
        premium: { amount: '150.00', currency: 'USD' },
        status: 'EXPIRED',
      }),
    ]);
  });

  it('leaves carrier names empty when the carriers list cannot be had', async () => {
    const client = mockClient();
    login();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/v1/api/customers/1001', method: 'GET' }).reply(200, {
      id: 1001,
      firstname: 'Bo',
      policies: [{ id: 9, carrierId: 91, policyTypeName: 'Renters', premium: 100 }],
    });
    pool.intercept({ path: '/v1/api/carriers', method: 'GET' }).reply(503, 'down').times(3);
    const record = await client.getCustomer('1001', ctx());
    expect(record.policies[0].carrier).toEqual({ id: '91', name: null });
  });

  it('pages a lead search past 100 results whatever page the vendor echoes', async () => {
    const client = mockClient();
    login();
    const lead = (id: number) => ({ id, phone: '617-555-0142', tagNames: 'VIP', status: '0' });
    const bodies: unknown[] = [];
    const pool = agent.get(ORIGIN);
    pool
      .intercept({
        path: '/v1/api/leads/list',
        method: 'POST',
        body: (body) => {
          bodies.push(JSON.parse(body));
          return true;
        },
      })
      .reply(200, {
        totalCount: 101,
        page: 1,
        pageSize: 50,
        leads: Array.from({ length: 100 }, (_, i) => lead(i + 1)),
      });
    pool
      .intercept({ path: '/v1/api/leads/list', method: 'POST' })
      .reply(200, { totalCount: 101, page: 1, pageSize: 50, leads: [lead(101)] });
    const records = await client.searchLeadsByPhones(['(617) 555-0142'], ctx());
    expect(records).toHaveLength(101);
    expect(records[0].lead).toMatchObject({
      status: 'NEW',
      vendorStatus: { code: '0', label: 'NEW' },
    });
    expect(bodies[0]).toMatchObject({
      page: 0,
      pageSize: 100,
      customerPhoneList: expect.arrayContaining([
        '(617) 555-0142',
        '6175550142',
        '+16175550142',
      ]) as unknown,
    });
  });

  it('refuses credentials whose login answers a non-JSON 400, without a second login', async () => {
    const client = mockClient();
    agent
      .get(ORIGIN)
      .intercept({ path: '/v1/api/auth/login', method: 'POST' })
      .reply(400, 'Invalid user name and/or password');
    await expect(client.getLead('1', ctx())).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });

  it('re-logs in once on a 403 and accepts an opaque (non-JWT) token', async () => {
    const client = mockClient();
    login('opaque-1');
    login('opaque-2');
    const pool = agent.get(ORIGIN);
    pool
      .intercept({
        path: '/v1/api/leads/5',
        method: 'GET',
        headers: { authorization: 'Bearer opaque-1' },
      })
      .reply(403, { message: 'Forbidden' });
    pool
      .intercept({
        path: '/v1/api/leads/5',
        method: 'GET',
        headers: { authorization: 'Bearer opaque-2' },
      })
      .reply(200, { id: 5, firstname: 'Eve' });
    await expect(client.getLead('5', ctx())).resolves.toMatchObject({
      person: { firstName: 'Eve' },
    });
  });

  it('reads a non-JSON 400 on a write as VENDOR_REJECTED without fields, and result:false likewise', async () => {
    const client = mockClient();
    login();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/v1/api/leads/create', method: 'POST' }).reply(400, '<html>Bad</html>');
    pool
      .intercept({ path: '/v1/api/leads/create', method: 'POST' })
      .reply(200, { message: 'Not saved', id: 0, result: false });
    const input = { firstName: 'A', email: 'a@example.org' };
    await expect(client.createLead(input, ctx())).rejects.toMatchObject({
      code: 'VENDOR_REJECTED',
      fields: [],
    });
    await expect(client.createLead(input, ctx())).rejects.toMatchObject({
      code: 'VENDOR_REJECTED',
    });
  });

  it('returns a null id when a create answer names none', async () => {
    const client = mockClient();
    login();
    agent
      .get(ORIGIN)
      .intercept({ path: '/v1/api/customers/create', method: 'POST' })
      .reply(200, { message: 'Customer created', id: 0, result: true });
    await expect(
      client.createCustomer({ firstName: 'A', email: 'a@example.org' }, ctx()),
    ).resolves.toEqual({ id: null });
  });
});
