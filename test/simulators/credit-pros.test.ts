import type { Sandbox } from '../../simulators/kit/sandbox';
import { generatePopulation, peopleIn } from '../../simulators/population/generate';
import {
  buildCreditProsSandbox,
  createCreditProsSandbox,
} from '../../simulators/credit-pros/server';
import { FIRST_CLIENT_ID, STAFF_PASSWORD, seedCreditPros } from '../../simulators/credit-pros/seed';

/** Contract tests of The Credit Pros sandbox over real HTTP (reference: vendor-docs/credit-pros.md). */

const population = generatePopulation({ size: 60 });
const seeded = seedCreditPros(population);
const START_MS = Date.parse('2025-06-02T12:00:00Z');
const TOKEN_LIFETIME_S = 600;
let nowMs = START_MS;
const clock = (): number => nowMs;

const SHOWCASE_ID = FIRST_CLIENT_ID;
const ADMIN_EMAIL = 'dana.whitfield@example.com';
const AUDITOR_EMAIL = 'marcus.lee@example.com';
const DISABLED_EMAIL = 'priya.shah@example.com';
const NOT_FOUND = { message: 'Not Found. The resource you requested could not be located.' };
const UNAUTHENTICATED = { message: 'Unauthenticated.' };

let sandbox: Sandbox;
let baseUrl: string;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  /** `x-api-key`; null sends none. Default: the sandbox key. */
  apiKey?: string | null;
  /** Bearer token; none by default (the API key alone is an integration caller). */
  token?: string;
  authorization?: string;
  signal?: AbortSignal;
  url?: string;
}

async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const apiKey = options.apiKey === undefined ? 'sandbox' : options.apiKey;
  const authorization =
    options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  const response = await fetch(`${options.url ?? baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
      ...(authorization ? { authorization } : {}),
    },
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
  return { status: response.status, headers: response.headers, text, json };
}

interface SegmentJson {
  id: number;
  name: string;
  clients_count: number | null;
  conditions: { combinator: string; rules: unknown[] };
}

interface ClientJson {
  attributes: Record<string, string | number | null>;
  client_key: string | null;
  email: string;
  id: number;
  joint_customer_sf_id: string | null;
  mobile_phone: string;
  salesforce_id: number;
  segments: SegmentJson;
  ssn: number;
}

interface PageJson<T> {
  data: T[];
  links: { first: string; last: string; prev: string | null; next: string | null };
  meta: {
    current_page: number;
    from: number | null;
    last_page: number;
    links: { url: string | null; label: string; active: boolean }[];
    path: string;
    per_page: number;
    to: number | null;
    total: number;
  };
}

interface DoubleWrappedJson {
  data: PageJson<ClientJson>[];
  links: Record<string, never>;
  meta: { current_page: number; last_page: number; per_page: number; total: number };
}

interface ValidationJson {
  message: string;
  errors: Record<string, string[]>;
}

interface ReportJson {
  bureau: string;
  client_id: number;
  created_at: string;
  id: number;
  updated_at: string;
}

interface MasterSchemaJson {
  available_file_types?: string[];
  bureau: string;
  client: ClientJson;
  client_key: string | null;
  content?: { items: { section: string; value?: number }[]; schema: string };
  id: number;
  internal_client_key: string;
  modified_date: string;
  report_date: string;
  report_id: string;
  vendor: string;
}

interface NegativeItemJson {
  id: number;
  account_name: string;
  account_type: string;
  client: ClientJson;
  credit_balance: string;
  current_rateing_code: string;
  is_collection: boolean;
  is_disputed: boolean;
  metadata: { status: string; not_dispute: boolean };
  modified_date: string;
  opened_date: string;
  report_id: string;
  correspondence: { type: string; negative_item_id: number }[];
}

interface LoginJson {
  token: string;
  user: {
    email: string;
    id: number;
    roles: { id: string; permissions: { name: string }[] }[];
    user_access_log: { last_login_at: string | null };
  };
}

async function searchClients(body: unknown, query = ''): Promise<Answer> {
  return call('POST', `/clients/search${query}`, { body });
}

function searchPage(answer: Answer): PageJson<ClientJson> {
  expect(answer.status).toBe(200);
  const envelope = answer.json as PageJson<ClientJson>[];
  expect(Array.isArray(envelope)).toBe(true);
  expect(envelope).toHaveLength(1);
  return envelope[0];
}

async function login(email = ADMIN_EMAIL): Promise<LoginJson> {
  const answer = await call('POST', '/auth/login', { body: { email, password: STAFF_PASSWORD } });
  expect(answer.status).toBe(200);
  return answer.json as LoginJson;
}

function validationOf(answer: Answer): ValidationJson {
  expect(answer.status).toBe(422);
  return answer.json as ValidationJson;
}

beforeAll(async () => {
  sandbox = createCreditProsSandbox({ population, clock, tokenLifetimeS: TOKEN_LIFETIME_S });
  baseUrl = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.setRateLimit(null);
  nowMs = START_MS;
});

describe('authentication', () => {
  it('accepts the x-api-key alone as an integration caller', async () => {
    const answer = await call('GET', `/clients/${SHOWCASE_ID}`);
    expect(answer.status).toBe(200);
  });

  it('answers 401 Unauthenticated. for a missing or wrong x-api-key, on every route', async () => {
    for (const apiKey of [null, 'wrong']) {
      for (const path of ['/clients', `/clients/${SHOWCASE_ID}/reports`, '/negative-items']) {
        const answer = await call('GET', path, { apiKey });
        expect(answer.status).toBe(401);
        expect(answer.json).toEqual(UNAUTHENTICATED);
      }
      const loginAnswer = await call('POST', '/auth/login', {
        apiKey,
        body: { email: ADMIN_EMAIL, password: STAFF_PASSWORD },
      });
      expect(loginAnswer.status).toBe(401);
    }
  });

  it('logs a staff user in and returns the token and the documented User object', async () => {
    const { token, user } = await login();
    expect(token.split('.')).toHaveLength(3);
    expect(user).toMatchObject({ email: ADMIN_EMAIL, id: 1, first_name: 'Dana' });
    expect(user.roles[0].permissions.map((p) => p.name)).toContain('clients.update');
    expect(user.user_access_log.last_login_at).toBe('2025-06-02T12:00:00Z');
    const answer = await call('GET', `/clients/${SHOWCASE_ID}`, { token });
    expect(answer.status).toBe(200);
  });

  it('refuses wrong staff credentials with 401, a disabled account with 403, missing fields with 422', async () => {
    const wrong = await call('POST', '/auth/login', {
      body: { email: ADMIN_EMAIL, password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual(UNAUTHENTICATED);
    const unknown = await call('POST', '/auth/login', {
      body: { email: 'nobody@example.com', password: STAFF_PASSWORD },
    });
    expect(unknown.status).toBe(401);
    const disabled = await call('POST', '/auth/login', {
      body: { email: DISABLED_EMAIL, password: STAFF_PASSWORD },
    });
    expect(disabled.status).toBe(403);
    expect(disabled.json).toEqual({ message: 'Your account has been disabled.' });
    const missing = validationOf(await call('POST', '/auth/login', { body: {} }));
    expect(missing.errors.email).toEqual(['The email field is required.']);
    expect(missing.errors.password).toEqual(['The password field is required.']);
    expect(missing.message).toBe('The email field is required. (and 1 more error)');
  });

  it('answers 401 for an unknown or malformed bearer token', async () => {
    const unknown = await call('GET', '/clients', { token: 'not.a.token' });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(UNAUTHENTICATED);
    const basic = await call('GET', '/clients', { authorization: 'Basic c2FuZGJveDpzYW5kYm94' });
    expect(basic.status).toBe(401);
  });

  it('answers 419 for an expired token on the sandbox clock, and refresh renews it', async () => {
    const { token } = await login();
    nowMs += (TOKEN_LIFETIME_S - 1) * 1000;
    expect((await call('GET', '/negative-items', { token })).status).toBe(200);
    nowMs += 1000;
    const expired = await call('GET', `/clients/${SHOWCASE_ID}`, { token });
    expect(expired.status).toBe(419);
    expect(expired.json).toEqual({ message: 'Token has expired' });

    const refreshed = await call('POST', '/auth/refresh', { token });
    expect(refreshed.status).toBe(200);
    const renewed = (refreshed.json as LoginJson).token;
    expect(renewed).not.toBe(token);
    expect((await call('GET', `/clients/${SHOWCASE_ID}`, { token: renewed })).status).toBe(200);
    // The old token is blacklisted once refreshed.
    expect((await call('GET', `/clients/${SHOWCASE_ID}`, { token })).status).toBe(401);
  });

  it('refuses a refresh without a token (401) and after the refresh window (419)', async () => {
    expect((await call('POST', '/auth/refresh')).status).toBe(401);
    const { token } = await login();
    nowMs += (TOKEN_LIFETIME_S + 15 * 24 * 3600) * 1000;
    const late = await call('POST', '/auth/refresh', { token });
    expect(late.status).toBe(419);
    expect(late.json).toEqual({ message: 'Token has expired and can no longer be refreshed' });
  });

  it('answers 403 when the staff role lacks the permission (read-only auditor writing)', async () => {
    const { token } = await login(AUDITOR_EMAIL);
    expect((await call('GET', `/clients/${SHOWCASE_ID}`, { token })).status).toBe(200);
    const write = await call('PUT', `/portal/clients/${SHOWCASE_ID}`, {
      token,
      body: { mobile_phone: '(617) 555-0100' },
    });
    expect(write.status).toBe(403);
    expect(write.json).toEqual({ message: 'This action is unauthorized.' });
  });

  it('refuses the static API key and revokes issued tokens while revokeTokens is set', async () => {
    const { token } = await login();
    const set = await call('POST', '/__admin/faults', { body: { revokeTokens: true } });
    expect(set.status).toBe(200);
    const refused = await call('GET', `/clients/${SHOWCASE_ID}`);
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual(UNAUTHENTICATED);
    expect((await call('DELETE', '/__admin/faults')).status).toBe(204);
    expect((await call('GET', `/clients/${SHOWCASE_ID}`)).status).toBe(200);
    expect((await call('GET', `/clients/${SHOWCASE_ID}`, { token })).status).toBe(401);
  });
});

describe('configured credentials and the flat list shape', () => {
  let other: Sandbox;
  let otherUrl: string;

  beforeAll(async () => {
    other = buildCreditProsSandbox({
      population,
      credentials: { apiKey: 'k-123' },
      clientListShape: 'flat',
    });
    otherUrl = await other.listen(0);
  });

  afterAll(async () => {
    await other.close();
  });

  it('accepts only the configured key', async () => {
    expect((await call('GET', '/clients', { url: otherUrl })).status).toBe(401);
    expect((await call('GET', '/clients', { url: otherUrl, apiKey: 'k-123' })).status).toBe(200);
  });

  it('sends plain Laravel paginators for the client list and search', async () => {
    const list = await call('GET', '/clients?per_page=5', { url: otherUrl, apiKey: 'k-123' });
    const page = list.json as PageJson<ClientJson>;
    expect(page.data).toHaveLength(5);
    expect(page.data[0].id).toBe(FIRST_CLIENT_ID);
    expect(page.meta.per_page).toBe(5);
    const search = await call('POST', '/clients/search', {
      url: otherUrl,
      apiKey: 'k-123',
      body: {
        conditions: { combinator: 'OR', rules: [{ field: 'id', operator: '=', value: 1002 }] },
      },
    });
    expect((search.json as PageJson<ClientJson>).data.map((c) => c.id)).toEqual([1002]);
  });
});

describe('clients', () => {
  const total = peopleIn(population, 'creditPros').length;

  it('lists clients double-wrapped as documented, 15 per page by default', async () => {
    const answer = await call('GET', '/clients');
    expect(answer.status).toBe(200);
    const outer = answer.json as DoubleWrappedJson;
    expect(outer.links).toEqual({});
    expect(outer.meta).toEqual({
      current_page: 1,
      from: 1,
      last_page: Math.ceil(total / 15),
      per_page: 15,
      to: 15,
      total,
    });
    const page = outer.data[0];
    expect(page.data).toHaveLength(15);
    expect(page.data.map((c) => c.id)).toEqual(
      Array.from({ length: 15 }, (_, i) => FIRST_CLIENT_ID + i),
    );
    expect(page.links.prev).toBeNull();
    expect(page.links.first).toBe(`${baseUrl}/clients?page=1`);
    expect(page.links.next).toBe(`${baseUrl}/clients?page=2`);
    expect(page.meta.path).toBe(`${baseUrl}/clients`);
    expect(page.meta.links[0]).toEqual({ url: null, label: '&laquo; Previous', active: false });
    expect(page.meta.links.find((link) => link.active)?.label).toBe('1');
  });

  it('pages with page/per_page and keeps the query in the page links', async () => {
    const answer = await call('GET', '/clients?per_page=7&page=2');
    const page = (answer.json as DoubleWrappedJson).data[0];
    expect(page.data.map((c) => c.id)).toEqual(
      Array.from({ length: 7 }, (_, i) => FIRST_CLIENT_ID + 7 + i),
    );
    expect(page.meta).toMatchObject({ current_page: 2, from: 8, to: 14, per_page: 7, total });
    expect(page.links.prev).toBe(`${baseUrl}/clients?per_page=7&page=1`);
    const beyond = (await call('GET', '/clients?page=99')).json as DoubleWrappedJson;
    expect(beyond.data[0].data).toEqual([]);
    expect(beyond.data[0].meta).toMatchObject({ from: null, to: null, current_page: 99 });
  });

  it('sorts by an attribute column and searches names, emails and phones', async () => {
    const sorted = (await call('GET', '/clients?sort_by=LastName&sort_direction=desc&per_page=100'))
      .json as DoubleWrappedJson;
    const names = sorted.data[0].data.map((c) => String(c.attributes.LastName).toLowerCase());
    expect(names).toEqual([...names].sort().reverse());

    for (const term of ['RIVERA', 'jordan.rivera@EXAMPLE', '555-0142']) {
      const found = (await call('GET', `/clients?search=${encodeURIComponent(term)}`))
        .json as DoubleWrappedJson;
      expect(found.data[0].data.map((c) => c.id)).toContain(SHOWCASE_ID);
    }
  });

  it('validates list parameters with 422 {message, errors}', async () => {
    const body = validationOf(
      await call('GET', '/clients?per_page=0&sort_direction=up&sort_by=ssn&page=x'),
    );
    expect(body.errors).toEqual({
      page: ['The page field must be an integer.'],
      per_page: ['The per page field must be at least 1.'],
      sort_by: ['The selected sort by is invalid.'],
      sort_direction: ['The selected sort direction is invalid.'],
    });
    expect(body.message).toBe('The page field must be an integer. (and 3 more errors)');
  });

  it('returns a bare ClientResource with names only inside attributes and an integer SSN', async () => {
    const answer = await call('GET', `/clients/${SHOWCASE_ID}`);
    expect(answer.status).toBe(200);
    const client = answer.json as ClientJson;
    expect(Object.keys(client)).toEqual([
      'attributes',
      'client_key',
      'email',
      'id',
      'joint_customer_sf_id',
      'mobile_phone',
      'salesforce_id',
      'segments',
      'ssn',
    ]);
    expect(client.attributes).toMatchObject({
      FirstName: 'Jordan',
      MiddleName: 'Avery',
      LastName: 'RIVERA',
      Email: 'jordan.rivera@example.com',
      D_O_B__c: '1986-04-12',
      MailingPostalCode: 2108,
    });
    expect(client.email).toBe('Jordan.Rivera@Example.com');
    expect(client.mobile_phone).toBe('617.555.0142');
    expect(client.ssn).toBe(45621187);
    expect(typeof client.salesforce_id).toBe('number');
    expect(client.segments).toMatchObject({ name: 'Active disputes' });
    expect(client.segments.clients_count).toBeGreaterThan(0);

    const portal = await call('GET', `/portal/clients/${SHOWCASE_ID}`);
    expect(portal.json).toEqual(client);
  });

  it('answers 404 {message} for unknown or non-numeric client ids and unknown routes', async () => {
    for (const path of ['/clients/999999', '/clients/abc', '/portal/clients/999999']) {
      const answer = await call('GET', path);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(NOT_FOUND);
    }
    const route = await call('GET', '/no-such-route');
    expect(route.status).toBe(404);
    expect(route.json).toEqual({ message: 'The route no-such-route could not be found.' });
  });
});

describe('client search (rule tree)', () => {
  const idRule = (id: number | string) => ({ field: 'id', operator: '=', value: id });

  it('returns the documented top-level array; OR of id rules batches several clients', async () => {
    const page = searchPage(
      await searchClients({
        combinator: 'AND',
        conditions: { combinator: 'OR', rules: [idRule(1005), idRule('1002'), idRule(999999)] },
      }),
    );
    expect(page.data.map((c) => c.id)).toEqual([1002, 1005]);
    expect(page.meta.total).toBe(2);
  });

  it('matches emails without regard to case, names with AND, phones by substring', async () => {
    const byEmail = searchPage(
      await searchClients({
        conditions: {
          combinator: 'OR',
          rules: [{ field: 'email', operator: '=', value: 'JORDAN.RIVERA@example.com' }],
        },
      }),
    );
    expect(byEmail.data.map((c) => c.id)).toEqual([SHOWCASE_ID]);
    const byName = searchPage(
      await searchClients({
        conditions: {
          combinator: 'AND',
          rules: [
            { field: 'FirstName', operator: '=', value: 'jordan' },
            { field: 'LastName', operator: '=', value: 'Rivera' },
          ],
        },
      }),
    );
    expect(byName.data.map((c) => c.id)).toEqual([SHOWCASE_ID]);
    const byPhone = searchPage(
      await searchClients({
        conditions: {
          combinator: 'AND',
          rules: [{ field: 'mobile_phone', operator: 'contains', value: '555.0142' }],
        },
      }),
    );
    expect(byPhone.data.map((c) => c.id)).toEqual([SHOWCASE_ID]);
    const exactDigits = searchPage(
      await searchClients({
        conditions: {
          combinator: 'AND',
          rules: [{ field: 'mobile_phone', operator: '=', value: '6175550142' }],
        },
      }),
    );
    expect(exactDigits.data).toEqual([]);
  });

  it('supports nested groups, not, negative-item relations and saved segments', async () => {
    const nested = searchPage(
      await searchClients({
        conditions: {
          combinator: 'AND',
          rules: [
            { combinator: 'OR', rules: [idRule(1001), idRule(1002), idRule(1003)] },
            { combinator: 'AND', not: 1, rules: [idRule(1002)] },
          ],
        },
      }),
    );
    expect(nested.data.map((c) => c.id)).toEqual([1001, 1003]);

    const disputing = searchPage(
      await searchClients(
        {
          conditions: {
            combinator: 'AND',
            relation: 'negativeItems',
            count_repeat: 3,
            rules: [{ field: 'status', operator: '=', value: 'in_progress' }],
          },
        },
        '?per_page=100',
      ),
    );
    expect(disputing.data.map((c) => c.id)).toContain(SHOWCASE_ID);

    const segmentId = seeded.clients[0].segment_id;
    const members = searchPage(await searchClients({ segment_id: segmentId }, '?per_page=100'));
    expect(members.meta.total).toBe(
      seeded.clients.filter((c) => c.segment_id === segmentId).length,
    );
    expect(members.data.every((c) => c.segments.id === segmentId)).toBe(true);
  });

  it('pages search results with page/per_page', async () => {
    const page = searchPage(
      await searchClients(
        { conditions: { combinator: 'OR', rules: [idRule(1001), idRule(1002), idRule(1003)] } },
        '?per_page=1&page=2',
      ),
    );
    expect(page.data.map((c) => c.id)).toEqual([1002]);
    expect(page.meta).toMatchObject({ total: 3, last_page: 3, current_page: 2 });
  });

  it('rejects malformed rule trees with 422 keyed by the rule path', async () => {
    const missing = validationOf(await searchClients({}));
    expect(missing.errors.conditions).toEqual([
      'The conditions field is required when segment id is not present.',
    ]);
    const bad = validationOf(
      await searchClients({
        combinator: 'XOR',
        segment_id: 999,
        conditions: {
          combinator: 'OR',
          rules: [
            { field: 'shoe_size', operator: '=', value: '9' },
            { field: 'id', operator: 'in', value: [1, 2] },
            { field: 'id', operator: '=', value: [1, 2] },
            { field: 'id', operator: '=', value: 'abc' },
          ],
        },
      }),
    );
    expect(bad.errors).toEqual({
      combinator: ['The selected combinator is invalid.'],
      segment_id: ['The selected segment id is invalid.'],
      'conditions.rules.0.field': ['The selected conditions.rules.0.field is invalid.'],
      'conditions.rules.1.operator': ['The selected conditions.rules.1.operator is invalid.'],
      'conditions.rules.2.value': ['The conditions.rules.2.value field must be a string.'],
      'conditions.rules.3.value': ['The conditions.rules.3.value field must be an integer.'],
    });
  });

  it('lists the operators per field type', async () => {
    const answer = await call('GET', '/segments/attribute-types');
    expect(answer.status).toBe(200);
    const types = answer.json as { typeName: string; availableValues: string[] }[];
    expect(types.find((t) => t.typeName === 'integer')?.availableValues).toContain('=');
    expect(types.find((t) => t.typeName === 'string')?.availableValues).toContain('contains');
  });

  it("lists a client's segments as a Laravel paginator", async () => {
    const answer = await call('GET', `/clients/${SHOWCASE_ID}/segments`);
    const page = answer.json as PageJson<SegmentJson>;
    expect(page.data.map((s) => s.name)).toEqual(['Active disputes']);
    expect(page.meta.total).toBe(1);
  });
});

describe('client update (portal)', () => {
  const target = 1003;

  it('updates email, phone, SSN and attributes and echoes the client in data', async () => {
    const answer = await call('PUT', `/portal/clients/${target}`, {
      body: {
        email: 'New.Address@Example.com',
        mobile_phone: '1-617-555-0111',
        ssn: '012-34-5678',
        attributes: { FirstName: 'Casey', MailingPostalCode: '02110', Preferred_Language__c: 'es' },
      },
    });
    expect(answer.status).toBe(200);
    const client = (answer.json as { data: ClientJson }).data;
    expect(client).toMatchObject({
      id: target,
      email: 'New.Address@Example.com',
      mobile_phone: '1-617-555-0111',
      ssn: 12345678,
    });
    expect(client.attributes).toMatchObject({
      FirstName: 'Casey',
      MailingPostalCode: 2110,
      Preferred_Language__c: 'es',
    });
    const reread = (await call('GET', `/clients/${target}`)).json as ClientJson;
    expect(reread).toEqual(client);
  });

  it('answers 422 {message, errors} for invalid fields', async () => {
    const body = validationOf(
      await call('PUT', `/portal/clients/${target}`, {
        body: {
          email: 'not-an-email',
          mobile_phone: '555-01',
          ssn: 123456789,
          attributes: { D_O_B__c: '2030-01-01', Id: '003xyz', LastName: '' },
        },
      }),
    );
    expect(body.errors).toEqual({
      email: ['The email field must be a valid email address.'],
      mobile_phone: ['The mobile phone field format is invalid.'],
      ssn: ['The ssn field must be a string.'],
      'attributes.D_O_B__c': ['The attributes.D_O_B__c field must be a date before today.'],
      'attributes.Id': ['The attributes.Id field is prohibited.'],
      'attributes.LastName': ['The attributes.LastName field is required.'],
    });
    expect(body.message).toBe('The email field must be a valid email address. (and 5 more errors)');

    const taken = validationOf(
      await call('PUT', `/portal/clients/${target}`, {
        body: { email: seeded.clients[1].email.toUpperCase() },
      }),
    );
    expect(taken.errors.email).toEqual(['The email has already been taken.']);
    const notObject = validationOf(
      await call('PUT', `/portal/clients/${target}`, { body: { attributes: ['x'] } }),
    );
    expect(notObject.errors.attributes).toEqual(['The attributes field must be an array.']);
  });

  it('answers 404 for an unknown client and 400 {message} for a body that is not JSON', async () => {
    const unknown = await call('PUT', '/portal/clients/999999', { body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(NOT_FOUND);
    const broken = await call('PUT', `/portal/clients/${target}`, { rawBody: '{"email":' });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ message: 'The request body is not valid JSON.' });
  });
});

describe('internal credit reports', () => {
  it('lists one report per bureau as a bare array', async () => {
    const answer = await call('GET', `/clients/${SHOWCASE_ID}/reports`);
    expect(answer.status).toBe(200);
    const reports = answer.json as ReportJson[];
    expect(reports.map((r) => r.bureau)).toEqual(['equifax', 'experian', 'transunion']);
    for (const report of reports) {
      expect(Object.keys(report)).toEqual([
        'bureau',
        'client_id',
        'created_at',
        'id',
        'updated_at',
      ]);
      expect(report.client_id).toBe(SHOWCASE_ID);
      expect(report.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });

  it('returns one bureau as a bare object; 422 for a bad bureau, 404 when missing', async () => {
    const one = await call('GET', `/clients/${SHOWCASE_ID}/reports/experian`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ bureau: 'experian', client_id: SHOWCASE_ID });
    const bad = validationOf(await call('GET', `/clients/${SHOWCASE_ID}/reports/EFX`));
    expect(bad.errors).toEqual({ bureau: ['The selected bureau is invalid.'] });

    const partial = seeded.clients.find(
      (c) => seeded.reports.filter((r) => r.client_id === c.id).length < 3,
    );
    if (!partial) throw new Error('the seed has no client with a missing bureau');
    const held = new Set(
      seeded.reports.filter((r) => r.client_id === partial.id).map((r) => r.bureau),
    );
    const missing = ['equifax', 'experian', 'transunion'].find((b) => !held.has(b as never));
    const absent = await call('GET', `/clients/${partial.id}/reports/${missing}`);
    expect(absent.status).toBe(404);
    expect((await call('GET', '/clients/999999/reports')).status).toBe(404);
  });
});

describe('credit report master schemas', () => {
  const listPath = `/clients/${SHOWCASE_ID}/credit-report-master-schemas`;

  it('lists the showcase pulls (three bureaus, two report dates), latest first', async () => {
    const answer = await call('GET', listPath);
    expect(answer.status).toBe(200);
    const page = answer.json as PageJson<MasterSchemaJson>;
    expect(page.meta.total).toBe(6);
    expect(page.data.map((s) => s.report_date)).toEqual([
      '2025-03-14',
      '2025-03-14',
      '2025-03-14',
      '2024-09-16',
      '2024-09-16',
      '2024-09-16',
    ]);
    const first = page.data[0];
    expect(first.available_file_types).toEqual(['master_schema', 'negative_items']);
    expect(first.content).toBeUndefined();
    expect(first.client.id).toBe(SHOWCASE_ID);
    expect(first.internal_client_key).toBe(`CLIENT_${SHOWCASE_ID}`);
    expect(first.report_id).toMatch(/^RPT_\d+$/);
    expect(first.modified_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(new Set(page.data.map((s) => `${s.bureau}/${s.vendor}`))).toEqual(
      new Set(['EFX/Equifax', 'EXP/Experian', 'TU/TransUnion']),
    );
  });

  it('filters by bureau, vendor, report_date and the integer report_id', async () => {
    const all = ((await call('GET', listPath)).json as PageJson<MasterSchemaJson>).data;
    const byBureau = (await call('GET', `${listPath}?bureau=EFX`))
      .json as PageJson<MasterSchemaJson>;
    expect(byBureau.data.map((s) => s.vendor)).toEqual(['Equifax', 'Equifax']);
    const byVendor = (await call('GET', `${listPath}?vendor=TransUnion`))
      .json as PageJson<MasterSchemaJson>;
    expect(byVendor.meta.total).toBe(2);
    const byDate = (await call('GET', `${listPath}?report_date=2024-09-16`))
      .json as PageJson<MasterSchemaJson>;
    expect(byDate.meta.total).toBe(3);
    const wanted = all[4];
    const digits = wanted.report_id.replace('RPT_', '');
    const byReport = (await call('GET', `${listPath}?report_id=${digits}`))
      .json as PageJson<MasterSchemaJson>;
    expect(byReport.data.map((s) => s.id)).toEqual([wanted.id]);
    const ascending = (await call('GET', `${listPath}?sort_by=id&sort_direction=asc&per_page=2`))
      .json as PageJson<MasterSchemaJson>;
    expect(ascending.data.map((s) => s.id)).toEqual(
      [...all.map((s) => s.id)].sort((a, b) => a - b).slice(0, 2),
    );
  });

  it('enforces the documented per_page [1..100] and page >= 1', async () => {
    const body = validationOf(
      await call('GET', `${listPath}?per_page=101&page=0&report_date=14/03/2025`),
    );
    expect(Object.keys(body.errors).sort()).toEqual(['page', 'per_page', 'report_date']);
  });

  it('returns the latest and one by id with content in data; score only where present', async () => {
    const latest = await call('GET', `${listPath}/latest`);
    expect(latest.status).toBe(200);
    const schema = (latest.json as { data: MasterSchemaJson }).data;
    expect(schema.report_date).toBe('2025-03-14');
    expect(schema.available_file_types).toBeUndefined();
    expect(schema.content?.schema).toBe('data');
    expect(schema.content?.items.length).toBeGreaterThan(0);

    const page = (await call('GET', `${listPath}?bureau=EFX&report_date=2025-03-14`))
      .json as PageJson<MasterSchemaJson>;
    const byId = await call('GET', `/credit-report-master-schemas/${page.data[0].id}`);
    const equifax = (byId.json as { data: MasterSchemaJson }).data;
    expect(equifax.content?.items.find((item) => item.section === 'score')?.value).toBe(642);
    const older = (await call('GET', `${listPath}?bureau=EXP&report_date=2024-09-16`))
      .json as PageJson<MasterSchemaJson>;
    const olderSchema = (
      (await call('GET', `/credit-report-master-schemas/${older.data[0].id}`)).json as {
        data: MasterSchemaJson;
      }
    ).data;
    expect(olderSchema.content?.items.some((item) => item.section === 'score')).toBe(false);
  });

  it('answers 404 for unknown ids and clients without pulls', async () => {
    expect((await call('GET', '/credit-report-master-schemas/999999')).status).toBe(404);
    expect((await call('GET', '/clients/999999/credit-report-master-schemas')).status).toBe(404);
    const noPull = seeded.clients.find(
      (c) => !seeded.masterSchemas.some((s) => s.client_id === c.id),
    );
    if (noPull) {
      const answer = await call('GET', `/clients/${noPull.id}/credit-report-master-schemas/latest`);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(NOT_FOUND);
    }
  });
});

describe('negative items', () => {
  it('lists the showcase items with the documented fields and quirks', async () => {
    const answer = await call('GET', `/negative-items?client_id=${SHOWCASE_ID}&per_page=50`);
    expect(answer.status).toBe(200);
    const page = answer.json as PageJson<NegativeItemJson>;
    expect(page.meta.total).toBe(8);
    for (const item of page.data) {
      expect(item.client.id).toBe(SHOWCASE_ID);
      expect(item).not.toHaveProperty('bureau');
      expect(item).toHaveProperty('current_rateing_code');
      expect(item.credit_balance).toMatch(/^\d+\.\d{2}$/);
      expect(item.opened_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.modified_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    // Each item's report_id names one of the client's master schemas, which gives its bureau.
    const schemas = (
      (await call('GET', `/clients/${SHOWCASE_ID}/credit-report-master-schemas`))
        .json as PageJson<MasterSchemaJson>
    ).data;
    const bureauOf = new Map(schemas.map((s) => [s.report_id, s.bureau]));
    expect(new Set(page.data.map((item) => bureauOf.get(item.report_id)))).toEqual(
      new Set(['EFX', 'EXP', 'TU']),
    );
    const disputed = page.data.filter((item) => item.metadata.status === 'in_progress');
    expect(disputed.length).toBeGreaterThan(0);
    expect(disputed.every((item) => item.is_disputed && item.correspondence.length > 0)).toBe(true);
  });

  it('filters by status, flags and account type and sorts', async () => {
    const base = `/negative-items?client_id=${SHOWCASE_ID}`;
    const inProgress = (await call('GET', `${base}&status=in_progress`))
      .json as PageJson<NegativeItemJson>;
    expect(inProgress.data.every((item) => item.metadata.status === 'in_progress')).toBe(true);
    const collections = (await call('GET', `${base}&is_collection=1&is_disputed=false`))
      .json as PageJson<NegativeItemJson>;
    expect(collections.data.length).toBeGreaterThan(0);
    expect(collections.data.every((i) => i.is_collection && !i.is_disputed)).toBe(true);
    const medical = (await call('GET', `${base}&account_type=medical`))
      .json as PageJson<NegativeItemJson>;
    expect(medical.data.map((i) => i.account_name)).toEqual(['CONVERGENT OUTSOURCING']);
    const sorted = (await call('GET', `${base}&sort_by=credit_balance&sort_direction=desc`))
      .json as PageJson<NegativeItemJson>;
    const balances = sorted.data.map((i) => Number(i.credit_balance));
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    const all = (await call('GET', '/negative-items?per_page=5'))
      .json as PageJson<NegativeItemJson>;
    expect(all.meta.total).toBe(seeded.negativeItems.length);
  });

  it('validates filters with 422', async () => {
    const body = validationOf(
      await call('GET', '/negative-items?status=open&is_collection=maybe&client_id=x'),
    );
    expect(body.errors).toEqual({
      client_id: ['The client id field must be an integer.'],
      status: ['The selected status is invalid.'],
      is_collection: ['The is collection field must be true or false.'],
    });
  });

  it('returns one item in data, and 404 for unknown ids', async () => {
    const id = seeded.negativeItems[0].id;
    const answer = await call('GET', `/negative-items/${id}`);
    expect(answer.status).toBe(200);
    expect((answer.json as { data: NegativeItemJson }).data.id).toBe(id);
    const unknown = await call('GET', '/negative-items/1');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(NOT_FOUND);
  });

  it('serves the per-client portal list and item, 404 across clients', async () => {
    const page = (await call('GET', `/portal/clients/${SHOWCASE_ID}/negative-items?status=new`))
      .json as PageJson<NegativeItemJson>;
    expect(page.meta.total).toBe(2);
    const own = await call(
      'GET',
      `/portal/clients/${SHOWCASE_ID}/negative-items/${page.data[0].id}`,
    );
    expect(own.status).toBe(200);
    const other = seeded.negativeItems.find((item) => item.client_id !== SHOWCASE_ID);
    if (!other) throw new Error('the seed has no other client with negative items');
    const across = await call('GET', `/portal/clients/${SHOWCASE_ID}/negative-items/${other.id}`);
    expect(across.status).toBe(404);
    expect((await call('GET', '/portal/clients/999999/negative-items')).status).toBe(404);
  });
});

describe('faults', () => {
  it('errorRate 1 answers the chosen 5xx in the vendor shape', async () => {
    await call('POST', '/__admin/faults', { body: { errorRate: 1, errorStatus: 503 } });
    const answer = await call('GET', `/clients/${SHOWCASE_ID}`);
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({ message: 'Service Unavailable' });
  });

  it('rateLimited answers 429 with Retry-After for the next n calls', async () => {
    await call('POST', '/__admin/faults', { body: { rateLimited: 2, retryAfterS: 7 } });
    for (let i = 0; i < 2; i++) {
      const limited = await call('GET', '/clients');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.json).toEqual({ message: 'Too Many Attempts.' });
    }
    expect((await call('GET', '/clients')).status).toBe(200);
  });

  it('applies a configured call limit per window', async () => {
    const set = await call('PUT', '/__admin/rate-limit', { body: { limit: 2, windowMs: 60_000 } });
    expect(set.status).toBe(204);
    expect((await call('GET', '/clients')).status).toBe(200);
    expect((await call('GET', '/clients')).status).toBe(200);
    const limited = await call('GET', '/clients');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('malformedRate 1 cuts JSON bodies into unparseable text', async () => {
    await call('POST', '/__admin/faults', { body: { malformedRate: 1 } });
    const answer = await call('GET', `/clients/${SHOWCASE_ID}`);
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
  });

  it('hang never answers: the client gives up on its own timeout', async () => {
    await call('POST', '/__admin/faults', { body: { hang: true } });
    await expect(
      call('GET', `/clients/${SHOWCASE_ID}`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    await call('DELETE', '/__admin/faults');
    expect((await call('GET', `/clients/${SHOWCASE_ID}`)).status).toBe(200);
  });

  it('latency delays every answer', async () => {
    await call('POST', '/__admin/faults', { body: { latencyMs: 150 } });
    const started = performance.now();
    expect((await call('GET', `/clients/${SHOWCASE_ID}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('admin counters', () => {
  it('counts calls by path template and status, and reset clears them', async () => {
    expect((await call('POST', '/__admin/reset')).status).toBe(204);
    await call('GET', `/clients/${SHOWCASE_ID}`);
    await call('GET', '/clients/1002');
    await call('GET', '/clients/999999');
    await call('GET', `/clients/${SHOWCASE_ID}/reports/equifax`);
    await call('POST', '/clients/search', {
      body: { conditions: { combinator: 'OR', rules: [] } },
    });
    const calls = (await call('GET', '/__admin/calls')).json as {
      total: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
    };
    expect(calls.total).toBe(5);
    expect(calls.byEndpoint).toEqual({
      'GET /clients/{id}': 3,
      'GET /clients/{id}/reports/{bureau}': 1,
      'POST /clients/search': 1,
    });
    expect(calls.byStatus).toEqual({ '200': 4, '404': 1 });
    expect((await call('POST', '/__admin/reset')).status).toBe(204);
    const cleared = (await call('GET', '/__admin/calls')).json as { total: number };
    expect(cleared.total).toBe(0);
  });
});

describe('seed', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = seedCreditPros(generatePopulation({ size: 60 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(seeded));
    const other = seedCreditPros(generatePopulation({ size: 60, seed: 'another' }));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(seeded));
  });

  it('holds one client per creditPros person with consecutive ids and integer SSNs', () => {
    const people = peopleIn(population, 'creditPros');
    expect(seeded.clients.map((c) => c.id)).toEqual(people.map((_, i) => FIRST_CLIENT_ID + i));
    people.forEach((person, i) => {
      const client = seeded.clients[i];
      expect(String(client.ssn).padStart(9, '0')).toBe(person.ssn.replace(/-/g, ''));
      if (person.ssn.startsWith('0')) expect(client.ssn).toBeLessThan(100_000_000);
    });
  });

  it('varies email case, phone format and name case across a larger population', () => {
    const big = generatePopulation({ size: 400 });
    const people = peopleIn(big, 'creditPros');
    const clients = seedCreditPros(big).clients;
    const varied = (pick: (i: number) => boolean) => people.some((_, i) => pick(i));
    expect(varied((i) => clients[i].email !== clients[i].email.toLowerCase())).toBe(true);
    expect(varied((i) => clients[i].mobile_phone.startsWith('('))).toBe(true);
    expect(varied((i) => clients[i].mobile_phone.includes('.'))).toBe(true);
    expect(varied((i) => clients[i].attributes.LastName === people[i].lastName.toUpperCase())).toBe(
      true,
    );
  });

  it('gives the showcase person all three bureaus, two pulls and several negative items', () => {
    const showcase = seeded.clients[0];
    expect(showcase.attributes.Email).toBe('jordan.rivera@example.com');
    expect(seeded.reports.filter((r) => r.client_id === showcase.id)).toHaveLength(3);
    const schemas = seeded.masterSchemas.filter((s) => s.client_id === showcase.id);
    expect(new Set(schemas.map((s) => s.report_date))).toEqual(
      new Set(['2024-09-16', '2025-03-14']),
    );
    const items = seeded.negativeItems.filter((i) => i.client_id === showcase.id);
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((i) => i.metadata.status))).toEqual(
      new Set(['in_progress', 'new', 'not_processed', 'repaired']),
    );
  });
});
