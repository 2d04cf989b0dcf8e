import { agencyZoomStoreOf, createAgencyZoomSandbox } from '../../simulators/agencyzoom/server';
import { seedAgencyZoom, seedAsOf } from '../../simulators/agencyzoom/seed';
import { agencyZoomRatePolicy, isAgencyZoomNight } from '../../simulators/agencyzoom/rate-policy';
import { phoneDigits } from '../../simulators/agencyzoom/phones';
import type { Sandbox } from '../../simulators/kit/sandbox';
import {
  SHOWCASE_EMAIL,
  generatePopulation,
  showcasePerson,
} from '../../simulators/population/generate';

/** Contract tests of the AgencyZoom sandbox over real HTTP (reference: vendor-docs/agencyzoom.md). */

const population = generatePopulation({ size: 60 });
/** 10:00 CDT on a Wednesday: daytime in Chicago. */
const FIXED_NOW = Date.parse('2025-03-12T15:00:00Z');
const TODAY = '2025-03-12';

/** Jest's asymmetric matchers, typed `unknown` so object literals in assertions hold no `any`. */
const anyString: unknown = expect.any(String);
const anyNumber: unknown = expect.any(Number);

interface Answer<T> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

interface CallOptions {
  body?: unknown;
  /** Sent as is with `content-type: application/json` (for unparseable bodies). */
  rawBody?: string;
  /** Bearer token; null sends none. Default: the suite's token. */
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  url?: string;
}

interface GenericMessage {
  message: string;
  id: number;
  result: boolean;
}

interface Lead {
  id: number;
  firstname: string;
  lastname: string | null;
  email: string;
  phone: string | null;
  city: string | null;
  status: number;
  comments: string | null;
  tagNames: number[];
  quotes: { premium: number; sold: boolean }[];
  opportunities: unknown[];
  convertedHouseholdId: number | null;
  soldDate: string | null;
  xDate: string | null;
  lossReason: string | null;
  birthday: string | null;
  workflowStageId: number;
  enterStageDate: string;
}

interface LeadPage {
  totalCount: number;
  page: number;
  pageSize: number;
  leads: Lead[];
  quoteAmount: number;
}

interface Policy {
  id: number;
  policyTypeId: string | number;
  carrierId: number;
  premium: number;
  soldDate: string;
  effectiveDate: string;
  expiryDate: string;
  policyNumber: string | null;
  standardCarrierCode?: string;
  standardProductLineId?: number;
  tagNames: string | null;
}

interface Customer {
  id: number;
  firstname: string;
  lastname: string | null;
  email: string;
  phone: string | null;
  city: string | null;
  birthday: string | null;
  createDate: string;
  totalPremium: number;
  policies?: Policy[];
  notes?: { body: string }[];
  tasks?: unknown[];
  files?: unknown[];
}

interface CustomerPage {
  totalCount: number;
  page: number;
  pageSize: number;
  customers: Customer[];
}

let sandbox: Sandbox;
let baseUrl: string;
let token: string;

async function call<T = GenericMessage>(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const bearer = options.token === undefined ? token : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined || options.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${options.url ?? baseUrl}${path}`, {
    method,
    headers,
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as T };
}

async function login(url = baseUrl, username = 'sandbox', password = 'sandbox'): Promise<string> {
  const answer = await call<{ jwt: string; ownerAgent: boolean }>('POST', '/v1/api/auth/login', {
    body: { username, password },
    token: null,
    url,
  });
  expect(answer.status).toBe(200);
  return answer.json.jwt;
}

function expectFailure(answer: Answer<unknown>, status: number, message: string | RegExp): void {
  expect(answer.status).toBe(status);
  const body = answer.json as GenericMessage;
  expect(body).toEqual({ message: anyString, id: 0, result: false });
  if (typeof message === 'string') expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
}

/** A valid personal lead write body. */
function leadBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstname: 'Casey',
    lastname: 'Testlead',
    email: 'casey.testlead@example.org',
    phone: '(512) 555-0177',
    pipelineId: 1,
    stageId: 11,
    leadSourceId: 10703,
    assignTo: 6818,
    country: 'US',
    city: 'Austin',
    state: 'TX',
    notes: 'Wants a bundle quote.',
    birthday: '07/04/1990',
    tagNames: 'VIP;Gateway Test',
    ...overrides,
  };
}

/** A valid policy create body for `customerId`. */
function policyBody(customerId: number, overrides: Record<string, unknown> = {}) {
  return {
    insuredName: 'Jordan Rivera',
    carrierId: 91,
    soldDate: '03/10/2025',
    agentId: 6818,
    policyType: 26,
    policyNumber: 'HB-TEST-1',
    premium: 123_456,
    items: 1,
    leadSourceId: 10703,
    agencyNumber: 'A0A0070',
    effectiveDate: '03/15/2025',
    expiryDate: '03/15/2026',
    customerId,
    ...overrides,
  };
}

async function showcaseCustomerId(): Promise<number> {
  const page = await call<CustomerPage>('POST', '/v1/api/customers', {
    body: { email: SHOWCASE_EMAIL },
  });
  expect(page.json.customers).toHaveLength(1);
  return page.json.customers[0].id;
}

beforeAll(async () => {
  sandbox = createAgencyZoomSandbox({ population, clock: () => FIXED_NOW, rateLimit: null });
  baseUrl = await sandbox.listen(0);
  token = await login();
});

afterAll(async () => {
  await sandbox.close();
});

describe('auth', () => {
  it('logs in with the configured credentials and answers a JWT-shaped token', async () => {
    const answer = await call<{ jwt: string; ownerAgent: boolean }>('POST', '/v1/api/auth/login', {
      body: { username: 'sandbox', password: 'sandbox', version: '1' },
      token: null,
    });
    expect(answer.status).toBe(200);
    expect(answer.json.ownerAgent).toBe(true);
    expect(answer.json.jwt.split('.')).toHaveLength(3);
    const me = await call('GET', '/v1/api/carriers', { token: answer.json.jwt });
    expect(me.status).toBe(200);
    const sso = await call<{ jwt: string }>('POST', '/v1/api/auth/ssologin', {
      body: { username: 'sandbox', password: 'sandbox' },
      token: null,
    });
    expect(sso.status).toBe(200);
    expect(sso.json.jwt).not.toBe(answer.json.jwt);
  });

  it('refuses a wrong password, an unknown user and a missing field with the documented 400', async () => {
    for (const body of [
      { username: 'sandbox', password: 'nope' },
      { username: 'someone@example.com', password: 'sandbox' },
      { username: 'sandbox' },
      {},
    ]) {
      const answer = await call('POST', '/v1/api/auth/login', { body, token: null });
      expectFailure(answer, 400, 'Invalid user name and/or password');
    }
  });

  it('answers 401 without a token, with a malformed header and with an unknown token', async () => {
    expectFailure(await call('GET', '/v1/api/carriers', { token: null }), 401, /Bearer/);
    expectFailure(
      await call('GET', '/v1/api/carriers', { token: null, headers: { authorization: token } }),
      401,
      /Bearer/,
    );
    expectFailure(
      await call('GET', '/v1/api/carriers', { token: 'not-a-token' }),
      401,
      'Invalid token',
    );
  });

  it('logs out: the token is revoked, a new login works', async () => {
    const own = await login();
    const out = await call('POST', '/v1/api/auth/logout', { token: own });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ message: anyString, id: 0, result: true });
    expectFailure(await call('GET', '/v1/api/carriers', { token: own }), 401, /revoked/);
    expectFailure(await call('POST', '/v1/api/auth/logout', { token: null }), 401, /Bearer/);
    expect((await call('GET', '/v1/api/carriers', { token: await login() })).status).toBe(200);
  });

  it('expires tokens after tokenLifetimeS on the sandbox clock, and honours custom credentials', async () => {
    let now = FIXED_NOW;
    const timed = createAgencyZoomSandbox({
      population,
      clock: () => now,
      rateLimit: null,
      tokenLifetimeS: 60,
      credentials: { username: 'owner@agency.example.com', password: 's3cret' },
    });
    const url = await timed.listen(0);
    try {
      const refused = await call('POST', '/v1/api/auth/login', {
        url,
        token: null,
        body: { username: 'sandbox', password: 'sandbox' },
      });
      expectFailure(refused, 400, 'Invalid user name and/or password');
      const jwt = await login(url, 'Owner@Agency.example.com', 's3cret');
      expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
      now += 59_000;
      expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
      now += 1_000;
      expectFailure(await call('GET', '/v1/api/carriers', { url, token: jwt }), 401, /expired/);
    } finally {
      await timed.close();
    }
  });
});

describe('leads', () => {
  it('lists with the documented envelope, 0-based pages and default page size 20', async () => {
    const first = await call<LeadPage>('POST', '/v1/api/leads/list', { body: {} });
    expect(first.status).toBe(200);
    expect(Object.keys(first.json).sort()).toEqual(
      ['leads', 'page', 'pageSize', 'quoteAmount', 'totalCount'].sort(),
    );
    expect(first.json).toMatchObject({ page: 0, pageSize: 20 });
    expect(first.json.leads.length).toBe(Math.min(20, first.json.totalCount));
    expect(first.json.totalCount).toBe(agencyZoomStoreOf(sandbox).leads.size);

    const pageSize = 4;
    const pages = await Promise.all(
      [0, 1].map((page) =>
        call<LeadPage>('POST', '/v1/api/leads/list', { body: { page, pageSize } }),
      ),
    );
    const ids = pages.map((p) => p.json.leads.map((lead) => lead.id));
    expect(ids[0]).toHaveLength(pageSize);
    expect(ids[0].filter((id) => ids[1].includes(id))).toEqual([]);
    expect(pages[1].json.page).toBe(1);

    const last = Math.floor((first.json.totalCount - 1) / pageSize);
    const beyond = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { page: last + 1, pageSize },
    });
    expect(beyond.json.leads).toEqual([]);
    expect(beyond.json.totalCount).toBe(first.json.totalCount);
  });

  it('refuses a page size above 100, a negative page and an unknown order', async () => {
    expect((await call('POST', '/v1/api/leads/list', { body: { pageSize: 100 } })).status).toBe(
      200,
    );
    expectFailure(
      await call('POST', '/v1/api/leads/list', { body: { pageSize: 101 } }),
      400,
      /pageSize must be <= 100/,
    );
    expectFailure(await call('POST', '/v1/api/leads/list', { body: { page: -1 } }), 400, /page/);
    expectFailure(
      await call('POST', '/v1/api/leads/list', { body: { order: 'up' } }),
      400,
      /order/,
    );
  });

  it('sorts by the documented fields and falls back to lastEnterStageDate', async () => {
    const byName = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { sort: 'firstname', order: 'desc', pageSize: 100 },
    });
    const names = byName.json.leads.map((lead) => lead.firstname.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());

    const fallback = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { sort: 'nonsense', pageSize: 100 },
    });
    const stages = fallback.json.leads.map((lead) => lead.enterStageDate);
    expect(stages).toEqual([...stages].sort());
  });

  it('matches customerPhoneList exactly on the whole number, in any formatting', async () => {
    const showcasePhone = showcasePerson(population).phone;
    const formats = ['6175550142', '+1 (617) 555-0142', '617.555.0142', 6175550142];
    for (const phone of formats) {
      const page = await call<LeadPage>('POST', '/v1/api/leads/list', {
        body: { customerPhoneList: [phone] },
      });
      expect(page.json.leads.map((lead) => lead.email.toLowerCase())).toEqual(
        expect.arrayContaining([SHOWCASE_EMAIL]),
      );
      expect(
        page.json.leads.every((lead) => lead.phone && phoneDigits(lead.phone) === '6175550142'),
      ).toBe(true);
    }
    const partial = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { customerPhoneList: [showcasePhone.slice(0, -1)] },
    });
    expect(partial.json.totalCount).toBe(0);

    const others = [...agencyZoomStoreOf(sandbox).leads.values()].filter(
      (lead) => lead.phone !== null && phoneDigits(lead.phone) !== '6175550142',
    );
    const many = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { customerPhoneList: [showcasePhone, ...others.slice(0, 2).map((l) => l.phone)] },
    });
    expect(many.json.leads.map((lead) => lead.id)).toEqual(
      expect.arrayContaining(others.slice(0, 2).map((l) => l.id)),
    );
    expectFailure(
      await call('POST', '/v1/api/leads/list', { body: { customerPhoneList: '6175550142' } }),
      400,
      /customerPhoneList/,
    );
  });

  it('matches customerName, customerEmail and customerPhone by prefix', async () => {
    for (const body of [
      { customerName: 'jord' },
      { customerName: 'Jordan Riv' },
      { customerEmail: 'JORDAN.RIV' },
      { customerPhone: '(617) 555-01' },
    ]) {
      const page = await call<LeadPage>('POST', '/v1/api/leads/list', { body });
      expect(page.json.leads.map((lead) => lead.email.toLowerCase())).toContain(SHOWCASE_EMAIL);
    }
    const miss = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { customerEmail: 'rivera' },
    });
    expect(miss.json.leads.map((lead) => lead.email.toLowerCase())).not.toContain(SHOWCASE_EMAIL);
  });

  it('reads a lead by id with its quotes, tags as integers and the mm/dd/yy birthday', async () => {
    const page = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { customerEmail: SHOWCASE_EMAIL, status: 1 },
    });
    expect(page.json.leads).toHaveLength(1);
    const detail = await call<Lead>('GET', `/v1/api/leads/${page.json.leads[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.tagNames).toEqual([1, 2]);
    expect(detail.json.quotes.length).toBeGreaterThanOrEqual(2);
    expect(detail.json.opportunities.length).toBeGreaterThanOrEqual(1);
    expect(detail.json.birthday).toBe('04/12/86');
    expect(page.json.quoteAmount).toBe(
      detail.json.quotes.reduce((total, quote) => total + quote.premium, 0),
    );
  });

  it('answers 400 for an unknown or malformed lead id', async () => {
    expectFailure(
      await call('GET', '/v1/api/leads/999999999'),
      400,
      /lead 999999999 does not exist/,
    );
    expectFailure(await call('GET', '/v1/api/leads/abc'), 400, /leadId/);
    expectFailure(
      await call('PUT', '/v1/api/leads/999999999', { body: leadBody() }),
      400,
      /does not exist/,
    );
    expectFailure(
      await call('POST', '/v1/api/leads/999999999/delete-lead', { body: {} }),
      400,
      /does not exist/,
    );
  });

  it('creates a personal lead: generic message with the new id, tags written as names', async () => {
    const created = await call('POST', '/v1/api/leads/create', { body: leadBody() });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      message: anyString,
      id: anyNumber,
      result: true,
    });
    const lead = await call<Lead>('GET', `/v1/api/leads/${created.json.id}`);
    expect(lead.json).toMatchObject({
      firstname: 'Casey',
      email: 'casey.testlead@example.org',
      status: 0,
      comments: 'Wants a bundle quote.',
      birthday: '07/04/1990',
      soldDate: null,
    });
    expect(lead.json.tagNames).toHaveLength(2);
    expect(lead.json.tagNames[0]).toBe(1);
    expect(typeof lead.json.tagNames[1]).toBe('number');
  });

  it('validates lead writes and names every bad field', async () => {
    const missing = await call('POST', '/v1/api/leads/create', { body: { firstname: 'X' } });
    expectFailure(missing, 400, /^Invalid request parameter\(s\): /);
    for (const field of ['email', 'pipelineId', 'stageId', 'leadSourceId', 'assignTo', 'country']) {
      expect(missing.json.message).toContain(`${field} is required`);
    }
    const wrong = await call('POST', '/v1/api/leads/create', {
      body: leadBody({ stageId: 21, assignTo: 'me', email: 'nope', birthday: '1990-07-04' }),
    });
    expectFailure(wrong, 400, /stageId 21 is not a stage of pipeline 1/);
    expect(wrong.json.message).toContain('assignTo must be an integer');
    expect(wrong.json.message).toContain('email must be an email address');
    expect(wrong.json.message).toContain('birthday must be a date');
    expectFailure(
      await call('POST', '/v1/api/leads/create', { body: [leadBody()] }),
      400,
      /body must be a JSON object/,
    );
    expectFailure(
      await call('POST', '/v1/api/leads/create', { rawBody: '{"firstname": ' }),
      400,
      /^Invalid request parameter\(s\): .*not valid JSON/,
    );
  });

  it('batch-creates up to 5 leads and refuses more, all or nothing', async () => {
    const emails = [1, 2].map((n) => `batch.ok${n}@example.org`);
    const ok = await call('POST', '/v1/api/leads/batch-create', {
      body: { leadDataRequests: emails.map((email) => leadBody({ email })) },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.result).toBe(true);
    for (const email of emails) {
      const found = await call<{ count: number }>('GET', `/__admin/leads?email=${email}`, {
        token: null,
      });
      expect(found.json.count).toBe(1);
    }

    const six = Array.from({ length: 6 }, (_, n) =>
      leadBody({ email: `batch.six${n}@example.org` }),
    );
    expectFailure(
      await call('POST', '/v1/api/leads/batch-create', { body: { leadDataRequests: six } }),
      400,
      /at most 5/,
    );
    const afterSix = await call<{ count: number }>(
      'GET',
      '/__admin/leads?email=batch.six0@example.org',
      {
        token: null,
      },
    );
    expect(afterSix.json.count).toBe(0);

    const oneBad = await call('POST', '/v1/api/leads/batch-create', {
      body: {
        leadDataRequests: [
          leadBody({ email: 'batch.bad0@example.org' }),
          leadBody({ email: undefined }),
        ],
      },
    });
    expectFailure(oneBad, 400, /leadDataRequests\[1\]\.email is required/);
    const afterBad = await call<{ count: number }>(
      'GET',
      '/__admin/leads?email=batch.bad0@example.org',
      {
        token: null,
      },
    );
    expect(afterBad.json.count).toBe(0);
  });

  it('PUT replaces the lead: fields left out are cleared', async () => {
    const created = await call('POST', '/v1/api/leads/create', {
      body: leadBody({ email: 'replace.me@example.org' }),
    });
    const id = created.json.id;
    const replacement = leadBody({ email: 'replace.me@example.org', firstname: 'Cass' });
    delete replacement.phone;
    delete replacement.city;
    const updated = await call('PUT', `/v1/api/leads/${id}`, { body: replacement });
    expect(updated.json).toEqual({ message: anyString, id, result: true });
    const lead = await call<Lead>('GET', `/v1/api/leads/${id}`);
    expect(lead.json).toMatchObject({ firstname: 'Cass', phone: null, city: null, status: 0 });
    expectFailure(
      await call('PUT', `/v1/api/leads/${id}`, { body: { firstname: 'Only' } }),
      400,
      /email is required/,
    );
  });

  it('changes status with the write enum and reads it back with the search enum', async () => {
    const created = await call('POST', '/v1/api/leads/create', {
      body: leadBody({ email: 'status.change@example.org' }),
    });
    const id = created.json.id;
    const lost = await call('PUT', `/v1/api/leads/${id}/status`, {
      body: { status: 3, lossReasonId: 1, toStageId: 13 },
    });
    expect(lost.status).toBe(200);
    let lead = (await call<Lead>('GET', `/v1/api/leads/${id}`)).json;
    expect(lead).toMatchObject({ status: 3, lossReason: 'Price', workflowStageId: 13 });

    await call('PUT', `/v1/api/leads/${id}/status`, { body: { status: 5, date: '2025-09-01' } });
    lead = (await call<Lead>('GET', `/v1/api/leads/${id}`)).json;
    expect(lead).toMatchObject({ status: 5, xDate: '2025-09-01' });

    expectFailure(
      await call('PUT', `/v1/api/leads/${id}/status`, { body: { status: 1 } }),
      400,
      /status must be one of 0, 2, 3, 5/,
    );
    expectFailure(
      await call('PUT', `/v1/api/leads/${id}/status`, { body: {} }),
      400,
      /status is required/,
    );
  });

  it('moves a lead to sold: a customer with the sold policy, the lead WON', async () => {
    const created = await call('POST', '/v1/api/leads/create', {
      body: leadBody({ email: 'sold.lead@example.org' }),
    });
    const id = created.json.id;
    expectFailure(
      await call('POST', `/v1/api/leads/${id}/sold`, { body: { keepOpen: false } }),
      400,
      /soldProducts is required/,
    );
    const sold = await call<{ customerId: number; leadSourceId: number; opportunities: unknown[] }>(
      'POST',
      `/v1/api/leads/${id}/sold`,
      {
        body: {
          soldProducts: [
            {
              standardCarrierCode: 'HBLM',
              standardProductLineCode: 'AUTOP',
              premium: 98_000,
              items: 2,
            },
          ],
        },
      },
    );
    expect(sold.status).toBe(200);
    expect(sold.json).toEqual({
      customerId: anyNumber,
      leadSourceId: 10703,
      opportunities: [],
    });
    const lead = (await call<Lead>('GET', `/v1/api/leads/${id}`)).json;
    expect(lead).toMatchObject({
      status: 2,
      soldDate: TODAY,
      convertedHouseholdId: sold.json.customerId,
    });
    const customer = await call<Customer>('GET', `/v1/api/customers/${sold.json.customerId}`);
    expect(customer.json.email).toBe('sold.lead@example.org');
    expect(customer.json.birthday).toBe('07/04/1990');
    expect(customer.json.policies).toHaveLength(1);
    expect(customer.json.policies?.[0]).toMatchObject({
      carrierId: 91,
      premium: 98_000,
      policyTypeId: '25',
    });
    expect(customer.json.totalPremium).toBe(98_000);
  });

  it('deletes a lead with POST delete-lead', async () => {
    const created = await call('POST', '/v1/api/leads/create', {
      body: leadBody({ email: 'delete.me@example.org' }),
    });
    const deleted = await call('POST', `/v1/api/leads/${created.json.id}/delete-lead`, {
      body: { deleteContact: true },
    });
    expect(deleted.json).toEqual({
      message: anyString,
      id: created.json.id,
      result: true,
    });
    expectFailure(await call('GET', `/v1/api/leads/${created.json.id}`), 400, /does not exist/);
  });

  it('adds and lists lead notes; lists tasks, quotes and opportunities', async () => {
    const page = await call<LeadPage>('POST', '/v1/api/leads/list', {
      body: { customerEmail: SHOWCASE_EMAIL, status: 1 },
    });
    const id = page.json.leads[0].id;
    expect(
      (await call('POST', `/v1/api/leads/${id}/notes`, { body: { note: 'Line one\nline two' } }))
        .status,
    ).toBe(200);
    const notes = await call<{ body: string; createDate: string }[]>(
      'GET',
      `/v1/api/leads/${id}/notes`,
    );
    expect(notes.json.map((note) => note.body)).toContain('Line one\nline two');
    expect(
      notes.json.every((note) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(note.createDate)),
    ).toBe(true);
    expectFailure(
      await call('POST', `/v1/api/leads/${id}/notes`, { body: {} }),
      400,
      /note is required/,
    );
    for (const collection of ['tasks', 'quotes', 'opportunities']) {
      const answer = await call<unknown[]>('GET', `/v1/api/leads/${id}/${collection}`);
      expect(answer.status).toBe(200);
      expect(answer.json.length).toBeGreaterThan(0);
    }
  });
});

describe('customers', () => {
  it('searches with the paged envelope; items carry no embedded collections', async () => {
    const page = await call<CustomerPage>('POST', '/v1/api/customers', { body: { pageSize: 5 } });
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ page: 0, pageSize: 5 });
    expect(page.json.totalCount).toBe(agencyZoomStoreOf(sandbox).customers.size);
    expect(page.json.customers).toHaveLength(5);
    expect(page.json.customers[0]).not.toHaveProperty('policies');
    const ids = page.json.customers.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expectFailure(
      await call('POST', '/v1/api/customers', { body: { pageSize: 101 } }),
      400,
      /pageSize must be <= 100/,
    );
  });

  it('filters by email prefix, partial names, phone digits, state and active status', async () => {
    for (const body of [
      { email: 'JORDAN.RIVERA@' },
      { firstname: 'orda', lastname: 'ive' },
      { fullName: 'jordan riv' },
      { phone: '617-555-0142' },
      { state: 'ma', status: 1 },
    ]) {
      const page = await call<CustomerPage>('POST', '/v1/api/customers', { body });
      expect(page.json.customers.map((c) => c.email.toLowerCase())).toContain(SHOWCASE_EMAIL);
    }
    const inactive = await call<CustomerPage>('POST', '/v1/api/customers', {
      body: { status: 0, pageSize: 100 },
    });
    expect(inactive.json.customers.map((c) => c.email.toLowerCase())).not.toContain(SHOWCASE_EMAIL);
    expectFailure(await call('POST', '/v1/api/customers', { body: { status: 3 } }), 400, /status/);
  });

  it('embeds policies, notes, tasks and files in the customer detail (showcase person)', async () => {
    const id = await showcaseCustomerId();
    const detail = await call<Customer>('GET', `/v1/api/customers/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      firstname: 'Jordan',
      lastname: 'Rivera',
      phone: '(617) 555-0142',
      birthday: '04/12/1986',
      city: 'Boston',
    });
    expect(detail.json.createDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const policies = detail.json.policies ?? [];
    const active = policies.filter((p) => p.effectiveDate <= TODAY && TODAY < p.expiryDate);
    const expired = policies.filter((p) => p.expiryDate <= TODAY);
    expect(active.length).toBeGreaterThanOrEqual(2);
    expect(expired.length).toBeGreaterThanOrEqual(1);
    expect(policies[0]).not.toHaveProperty('status');
    expect(policies[0]).not.toHaveProperty('carrierName');
    expect(detail.json.notes?.length).toBeGreaterThanOrEqual(2);
    expect(detail.json.tasks?.length).toBeGreaterThanOrEqual(1);
    expect(detail.json.files?.length).toBeGreaterThanOrEqual(1);
    expect(detail.json.totalPremium).toBeGreaterThan(0);
  });

  it('lists policies (string policyTypeId) and AMS policies (integer policyTypeId, AMS ids)', async () => {
    const id = await showcaseCustomerId();
    const policies = await call<Policy[]>('GET', `/v1/api/customers/${id}/policies`);
    const ams = await call<Policy[]>('GET', `/v1/api/customers/${id}/ams-policies`);
    expect(policies.json.length).toBeGreaterThanOrEqual(3);
    expect(typeof policies.json[0].policyTypeId).toBe('string');
    expect(policies.json[0].effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(policies.json[0].soldDate).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(ams.json).toHaveLength(policies.json.length);
    expect(typeof ams.json[0].policyTypeId).toBe('number');
    expect(ams.json[0]).toHaveProperty('standardProductLineId');
    expect(ams.json[0]).not.toHaveProperty('standardCarrierCode');
    expect(ams.json[0].id).not.toBe(policies.json[0].id);
    const tasks = await call<unknown[]>('GET', `/v1/api/customers/${id}/tasks`);
    expect(tasks.json.length).toBeGreaterThanOrEqual(1);
  });

  it('creates (agentId required), updates only the fields sent, and deletes a customer', async () => {
    expectFailure(
      await call('POST', '/v1/api/customers/create', {
        body: { firstname: 'Ana', email: 'ana@example.org' },
      }),
      400,
      /agentId is required/,
    );
    expectFailure(
      await call('POST', '/v1/api/customers/create', {
        body: { firstname: 'Ana', email: 'ana@example.org', agentId: 6818, birthday: '1990-01-31' },
      }),
      400,
      /birthday must be a date written MM\/dd\/yyyy/,
    );
    const created = await call('POST', '/v1/api/customers/create', {
      body: {
        firstname: 'Ana',
        lastname: 'Lopez',
        email: 'ana@example.org',
        agentId: 6818,
        city: 'Denver',
        birthday: '01/31/1990',
        bizCustomer: '0',
      },
    });
    expect(created.json).toEqual({
      message: anyString,
      id: anyNumber,
      result: true,
    });
    const id = created.json.id;
    await call('PUT', `/v1/api/customers/${id}`, { body: { phone: '(303) 555-0100' } });
    const detail = (await call<Customer>('GET', `/v1/api/customers/${id}`)).json;
    expect(detail).toMatchObject({
      firstname: 'Ana',
      city: 'Denver',
      phone: '(303) 555-0100',
      policies: [],
    });
    expect(
      (await call('POST', `/v1/api/customers/${id}/notes`, { body: { note: 'hi' } })).status,
    ).toBe(200);
    const deleted = await call('DELETE', `/v1/api/customers/${id}`);
    expect(deleted.json).toEqual({ message: anyString, id, result: true });
    expectFailure(await call('GET', `/v1/api/customers/${id}`), 400, /does not exist/);
    expectFailure(await call('GET', '/v1/api/customers/123'), 400, /customer 123 does not exist/);
  });
});

describe('policies', () => {
  it('creates a policy only with an X-Api-Token header (any non-empty value)', async () => {
    const customerId = await showcaseCustomerId();
    expectFailure(
      await call('POST', '/v1/api/policies/create', { body: policyBody(customerId) }),
      401,
      /X-Api-Token/,
    );
    const created = await call('POST', '/v1/api/policies/create', {
      body: policyBody(customerId, { meta: { idempotencyKey: 'k-1' } }),
      headers: { 'x-api-token': 'anything' },
    });
    expect(created.status).toBe(200);
    const policies = await call<Policy[]>('GET', `/v1/api/customers/${customerId}/policies`);
    const policy = policies.json.find((p) => p.id === created.json.id);
    expect(policy).toMatchObject({
      premium: 123_456,
      soldDate: '03/10/2025',
      effectiveDate: '2025-03-15',
      expiryDate: '2026-03-15',
      policyTypeId: '26',
      standardCarrierCode: 'HBLM',
    });
    const ams = await call<Policy[]>('GET', `/v1/api/customers/${customerId}/ams-policies`);
    expect(ams.json.map((p) => p.policyNumber)).not.toContain('HB-TEST-1');
  });

  it('accepts standard codes instead of ids and validates the body', async () => {
    const customerId = await showcaseCustomerId();
    const headers = { 'x-api-token': 'anything' };
    const byCode = await call('POST', '/v1/api/policies/create', {
      headers,
      body: policyBody(customerId, {
        carrierId: undefined,
        policyType: undefined,
        standardCarrierCode: 'smsg',
        standardProductLineCode: 'UMBRP',
      }),
    });
    expect(byCode.status).toBe(200);
    const invalid = await call('POST', '/v1/api/policies/create', {
      headers,
      body: policyBody(customerId, {
        carrierId: undefined,
        premium: 12.5,
        expiryDate: '2025-03-01',
        agencyNumber: undefined,
      }),
    });
    expectFailure(invalid, 400, /carrierId or standardCarrierCode is required/);
    expect(invalid.json.message).toContain('premium must be an integer');
    expect(invalid.json.message).toContain('expiryDate must be after effectiveDate');
    expect(invalid.json.message).toContain('agencyNumber is required');
    expectFailure(
      await call('POST', '/v1/api/policies/create', { headers, body: policyBody(4242) }),
      400,
      /customer 4242 does not exist/,
    );
  });

  it('updates a policy, its status (kept, never shown) and its tags', async () => {
    const customerId = await showcaseCustomerId();
    const [first] = (await call<Policy[]>('GET', `/v1/api/customers/${customerId}/policies`)).json;
    const updated = await call('PUT', `/v1/api/policies/${first.id}`, {
      body: { ...policyBody(customerId, { premium: 77_700 }), customerId: undefined },
    });
    expect(updated.json).toEqual({ message: anyString, id: first.id, result: true });
    const status = await call('POST', '/v1/api/policies/update-status', {
      body: { policyId: first.id, status: 0 },
    });
    expect(status.status).toBe(200);
    const stored = await call<{ status: number; premium: number }>(
      'GET',
      `/__admin/policies/${first.id}`,
      {
        token: null,
      },
    );
    expect(stored.json).toMatchObject({ status: 0, premium: 77_700 });
    expectFailure(
      await call('POST', '/v1/api/policies/update-status', {
        body: { policyId: first.id, status: 2 },
      }),
      400,
      /status must be one of 0, 1, 10, 11, 12, 13/,
    );
    expectFailure(
      await call('POST', '/v1/api/policies/update-status', { body: { policyId: 1, status: 1 } }),
      400,
      /policy 1 does not exist/,
    );
    await call('POST', '/v1/api/policies/update-tags', {
      body: { policyId: first.id, tagNames: 'A;B' },
    });
    const after = (await call<Policy[]>('GET', `/v1/api/customers/${customerId}/policies`)).json;
    expect(after.find((p) => p.id === first.id)?.tagNames).toBe('A;B');
  });
});

describe('configuration lists', () => {
  it('serves carriers, product lines and pipelines (string ids) as whole lists', async () => {
    const carriers = await call<{ id: number; name: string; standardCarrierCode: string }[]>(
      'GET',
      '/v1/api/carriers',
    );
    expect(carriers.json[0]).toEqual({
      id: 91,
      name: anyString,
      standardCarrierCode: 'HBLM',
    });
    const lines = await call<
      { id: number; productCategoryId: number; standardProductLineCode: string }[]
    >('GET', '/v1/api/product-lines');
    expect(lines.json.map((l) => l.standardProductLineCode)).toEqual(
      expect.arrayContaining(['AUTOP', 'HOME', 'LIFE', 'UMBRP']),
    );
    const pipelines = await call<{ id: string; stages: { id: string }[] }[]>(
      'GET',
      '/v1/api/pipelines-and-stages',
    );
    expect(pipelines.json[0].id).toBe('1');
    expect(pipelines.json[0].stages[0].id).toBe('11');
    for (const path of [
      'product-categories',
      'lead-sources',
      'employees',
      'locations',
      'loss-reasons',
    ]) {
      const answer = await call<unknown[]>('GET', `/v1/api/${path}`);
      expect(answer.status).toBe(200);
      expect(answer.json.length).toBeGreaterThan(0);
    }
  });
});

describe('rate limit', () => {
  it('is 30/min by day and 60/min from 22:00 to 04:00 America/Chicago, DST included', () => {
    const at = (iso: string) => agencyZoomRatePolicy(Date.parse(iso))?.limit;
    expect(at('2024-07-10T15:00:00Z')).toBe(30); // 10:00 CDT
    expect(at('2024-07-11T02:59:59Z')).toBe(30); // 21:59 CDT
    expect(at('2024-07-11T03:00:00Z')).toBe(60); // 22:00 CDT
    expect(at('2024-07-11T08:59:59Z')).toBe(60); // 03:59 CDT
    expect(at('2024-07-11T09:00:00Z')).toBe(30); // 04:00 CDT
    expect(at('2024-01-11T03:30:00Z')).toBe(30); // 21:30 CST (22:30 in summer time)
    expect(at('2024-01-11T04:00:00Z')).toBe(60); // 22:00 CST
    expect(at('2024-01-11T09:59:00Z')).toBe(60); // 03:59 CST
    expect(isAgencyZoomNight(Date.parse('2024-01-11T10:00:00Z'))).toBe(false); // 04:00 CST
  });

  async function burst(url: string, jwt: string, calls: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < calls; i++) {
      statuses.push((await call('GET', '/v1/api/carriers', { url, token: jwt })).status);
    }
    return statuses;
  }

  it('answers the 31st call of a daytime minute 429 with Retry-After (logins count)', async () => {
    let now = Date.parse('2024-07-10T15:00:10Z');
    const limited = createAgencyZoomSandbox({ population, clock: () => now });
    const url = await limited.listen(0);
    try {
      const jwt = await login(url);
      expect(await burst(url, jwt, 29)).toEqual(Array(29).fill(200));
      const refused = await call('POST', '/v1/api/auth/login', {
        url,
        token: null,
        body: { username: 'sandbox', password: 'sandbox' },
      });
      expectFailure(refused, 429, /Rate limit exceeded/);
      expect(refused.headers.get('retry-after')).toBe('50');
      now += 50_000;
      expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('allows 60 calls in a night minute (23:00 CDT) and refuses the 61st', async () => {
    const now = Date.parse('2024-07-11T04:00:05Z');
    const limited = createAgencyZoomSandbox({ population, clock: () => now });
    const url = await limited.listen(0);
    try {
      const jwt = await login(url);
      const statuses = await burst(url, jwt, 60);
      expect(statuses.slice(0, 59)).toEqual(Array(59).fill(200));
      expect(statuses[59]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('takes an override rule from options.rateLimit', async () => {
    const limited = createAgencyZoomSandbox({
      population,
      clock: () => FIXED_NOW,
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    const url = await limited.listen(0);
    try {
      const jwt = await login(url);
      expect(await burst(url, jwt, 3)).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('faults and counters', () => {
  let faulty: Sandbox;
  let url: string;
  let jwt: string;

  const setFaults = async (faults: Record<string, unknown>): Promise<void> => {
    const answer = await call('POST', '/__admin/faults', { url, token: null, body: faults });
    expect(answer.status).toBe(200);
  };

  beforeAll(async () => {
    faulty = createAgencyZoomSandbox({ population, clock: () => FIXED_NOW, rateLimit: null });
    url = await faulty.listen(0);
    jwt = await login(url);
  });

  afterEach(async () => {
    await call('DELETE', '/__admin/faults', { url, token: null });
  });

  afterAll(async () => {
    await faulty.close();
  });

  it('errorRate 1 answers errorStatus in the generic shape', async () => {
    await setFaults({ errorRate: 1, errorStatus: 502 });
    expectFailure(
      await call('GET', '/v1/api/carriers', { url, token: jwt }),
      502,
      'Internal processing error',
    );
  });

  it('rateLimited n answers n calls 429 with Retry-After, then recovers', async () => {
    await setFaults({ rateLimited: 2, retryAfterS: 7 });
    for (let i = 0; i < 2; i++) {
      const answer = await call('GET', '/v1/api/carriers', { url, token: jwt });
      expectFailure(answer, 429, /Rate limit exceeded/);
      expect(answer.headers.get('retry-after')).toBe('7');
    }
    expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
  });

  it('revokeTokens forces a re-login and refuses X-Api-Token while set', async () => {
    await setFaults({ revokeTokens: true });
    expectFailure(await call('GET', '/v1/api/carriers', { url, token: jwt }), 401, /revoked/);
    jwt = await login(url);
    expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
    const customerId = [...agencyZoomStoreOf(faulty).customers.keys()][0];
    expectFailure(
      await call('POST', '/v1/api/policies/create', {
        url,
        token: jwt,
        headers: { 'x-api-token': 'anything' },
        body: policyBody(customerId),
      }),
      401,
      /X-Api-Token revoked/,
    );
  });

  it('malformedRate 1 answers bodies that are not JSON', async () => {
    await setFaults({ malformedRate: 1 });
    const answer = await call('GET', '/v1/api/carriers', { url, token: jwt });
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
  });

  it('hang never answers: the client times out; clearing faults releases it', async () => {
    await setFaults({ hang: true });
    await expect(
      call('GET', '/v1/api/carriers', { url, token: jwt, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    await call('DELETE', '/__admin/faults', { url, token: null });
    expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
  });

  it('latencyMs delays answers', async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await call('GET', '/v1/api/carriers', { url, token: jwt })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts calls by path template and status; reset clears them', async () => {
    expect((await call('POST', '/__admin/reset', { url, token: null })).status).toBe(204);
    const leadId = [...agencyZoomStoreOf(faulty).leads.keys()][0];
    await call('GET', `/v1/api/leads/${leadId}`, { url, token: jwt });
    await call('GET', '/v1/api/leads/1', { url, token: jwt });
    await call('POST', '/v1/api/leads/list', { url, token: jwt, body: {} });
    const calls = await call<{
      total: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
    }>('GET', '/__admin/calls', { url, token: null });
    expect(calls.json.total).toBe(3);
    expect(calls.json.byEndpoint).toEqual({
      'GET /v1/api/leads/{leadId}': 2,
      'POST /v1/api/leads/list': 1,
    });
    expect(calls.json.byStatus).toEqual({ '200': 2, '400': 1 });
    await call('POST', '/__admin/reset', { url, token: null });
    const cleared = await call<{ total: number }>('GET', '/__admin/calls', { url, token: null });
    expect(cleared.json.total).toBe(0);
  });
});

describe('seed', () => {
  const asOf = seedAsOf(FIXED_NOW);

  it('is deterministic: the same seed gives the same bytes', () => {
    const again = generatePopulation({ size: 60 });
    expect(JSON.stringify(seedAgencyZoom(again, asOf))).toBe(
      JSON.stringify(seedAgencyZoom(population, asOf)),
    );
    const other = generatePopulation({ size: 60, seed: 'another' });
    expect(JSON.stringify(seedAgencyZoom(other, asOf))).not.toBe(
      JSON.stringify(seedAgencyZoom(population, asOf)),
    );
  });

  it('gives the showcase person a rich customer record and two leads', () => {
    const seed = seedAgencyZoom(population, asOf);
    const customer = seed.customers.find((c) => c.email === SHOWCASE_EMAIL);
    expect(customer).toBeDefined();
    const policies = seed.policies.filter((p) => p.customerId === customer?.id);
    expect(
      policies.filter((p) => p.effectiveDate <= asOf && asOf < p.expiryDate).length,
    ).toBeGreaterThanOrEqual(2);
    expect(policies.filter((p) => p.expiryDate <= asOf).length).toBeGreaterThanOrEqual(1);
    const leads = seed.leads.filter((l) => l.email.toLowerCase() === SHOWCASE_EMAIL);
    expect(leads.length).toBeGreaterThanOrEqual(2);
    expect(leads.some((l) => l.convertedHouseholdId === customer?.id)).toBe(true);
  });

  it('holds customers, leads and both, with integer ids and the vendor formatting variations', () => {
    const big = generatePopulation({ size: 400 });
    const seed = seedAgencyZoom(big, asOf);
    const customerEmails = new Set(seed.customers.map((c) => c.email.toLowerCase()));
    const leadEmails = seed.leads.map((l) => l.email.toLowerCase());
    expect(leadEmails.some((e) => customerEmails.has(e))).toBe(true);
    expect(leadEmails.some((e) => !customerEmails.has(e))).toBe(true);
    const ids = [...seed.customers, ...seed.leads, ...seed.policies].map((r) => r.id);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      seed.customers.every((c) => c.birthday === null || /^\d{2}\/\d{2}\/\d{4}$/.test(c.birthday)),
    ).toBe(true);
    const phoneShapes = new Set(seed.leads.map((l) => (l.phone ?? '').replace(/\d/g, '9')));
    expect(phoneShapes.size).toBeGreaterThanOrEqual(3);
    expect(seed.customers.some((c) => c.email !== c.email.toLowerCase())).toBe(true);
    expect(seed.policies.some((p) => p.expiryDate <= asOf)).toBe(true);
    expect(new Set(seed.policies.map((p) => p.productLineId)).size).toBeGreaterThanOrEqual(4);
  });
});
