import type { Sandbox } from '../../simulators/kit/sandbox';
import { generatePopulation, showcasePerson } from '../../simulators/population/generate';
import { PRODUCTS } from '../../simulators/apiture/catalog';
import { SEED_EPOCH, seedApiture } from '../../simulators/apiture/seed';
import { createApitureSandbox, createApitureSandboxWith } from '../../simulators/apiture/server';
import type { ApplicationState } from '../../simulators/apiture/types';

const population = generatePopulation({ size: 60 });
const seeded = seedApiture(population);

const BASE = '/accountApplications';
const AUTH = { 'API-Key': 'sandbox', Authorization: 'Bearer sandbox' };
const HAL = 'application/hal+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ETAG = /^"[0-9a-f]{16}"$/;
const PRODUCT_HREF = `/products/products/${PRODUCTS[0].id}`;

interface Link {
  href: string;
  title?: string;
}
interface Hal {
  _id: string;
  _profile: string;
  _links: Record<string, Link>;
  state: string;
  [key: string]: unknown;
}
interface Collection {
  _profile: string;
  start: number;
  limit: number;
  count: number;
  name?: string;
  _links: Record<string, Link>;
  _embedded: { items: Hal[] };
}
interface ErrorBody {
  _profile: string;
  _error: {
    _id: string;
    message: string;
    statusCode: number;
    type: string;
    attributes: Record<string, unknown>;
    occurredAt: string;
    _links: { describedby: Link };
    _embedded: { errors: { type: string; attributes: Record<string, unknown> }[] };
  };
}

let sandbox: Sandbox;
let baseUrl: string;

beforeAll(async () => {
  sandbox = createApitureSandbox({ population });
  baseUrl = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(async () => {
  await fetch(`${baseUrl}/__admin/reset`, { method: 'POST' });
});

/** Calls the sandbox under the base path with both credentials unless `headers` overrides them. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/hal+json',
    ...AUTH,
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/hal+json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return fetch(`${baseUrl}${BASE}${path}`, { method, headers, body, signal: options.signal });
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Asserts the errorResponse shape of §3.5 and returns its `_error`. */
async function expectError(
  response: Response,
  status: number,
  type: string,
): Promise<ErrorBody['_error']> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe(HAL);
  const body = await json<ErrorBody>(response);
  expect(body._profile).toBe(
    'https://api.apiture.com/schemas/common/errorResponse/v2.0.0/profile.json',
  );
  expect(body._error).toEqual(
    expect.objectContaining({
      _id: expect.stringMatching(UUID) as unknown,
      statusCode: status,
      type,
      message: expect.any(String) as unknown,
      occurredAt: expect.any(String) as unknown,
      _links: { describedby: { href: `https://api.apiture.com/errors/${type}` } },
    }),
  );
  expect(Array.isArray(body._error._embedded.errors)).toBe(true);
  return body._error;
}

/** Ids of every application in `state`, via the documented filter. */
async function applicationIdsIn(state: ApplicationState): Promise<string[]> {
  const response = await call('GET', `/applications?limit=1000&filter=eq(state,${state})`);
  const page = await json<Collection>(response);
  return page._embedded.items.map((item) => item._id);
}

async function getResource(path: string): Promise<{ body: Hal; etag: string }> {
  const response = await call('GET', path);
  expect(response.status).toBe(200);
  return { body: await json<Hal>(response), etag: response.headers.get('etag') ?? '' };
}

/** Follows `next` links from `path` and returns every item. */
async function crawl(path: string): Promise<Hal[]> {
  const items: Hal[] = [];
  let next: string | undefined = path;
  while (next) {
    const response = await fetch(`${baseUrl}${next}`, { headers: AUTH });
    const page = await json<Collection>(response);
    items.push(...page._embedded.items);
    next = page._links.next?.href;
  }
  return items;
}

function newApplicationBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _profile: 'https://api.apiture.com/schemas/accountApplications/application/v1.0.0/profile.json',
    accountName: 'My checking account',
    _links: { 'apiture:product': { href: `https://www.example.com${PRODUCT_HREF}` } },
    ...extra,
  };
}

async function createApplication(): Promise<{ body: Hal; etag: string }> {
  const response = await call('POST', '/applications', { body: newApplicationBody() });
  expect(response.status).toBe(201);
  return { body: await json<Hal>(response), etag: response.headers.get('etag') ?? '' };
}

let usernameCounter = 0;
function newEnrollmentBody(username = `new.user${++usernameCounter}`): Record<string, unknown> {
  const applicant = {
    username,
    contact: {
      firstName: 'Elsa',
      lastName: 'Snowqueen',
      birthdate: '1974-10-27',
      emailAddresses: [{ _id: 'ea1', value: 'elsa@example.com', type: 'personal' }],
      phones: [{ _id: 'mp1', type: 'mobile', number: '(555) 555-0123' }],
      identification: [{ type: 'taxId', value: '111-11-1111' }],
      _links: { self: { href: '/contacts/contacts/3017d005-9910-4a8b-874b-397749353e7a' } },
    },
  };
  return { applicant, applicants: [applicant], requiredDocuments: [], documents: [] };
}

describe('authentication', () => {
  it('accepts the API key together with the bearer token', async () => {
    const response = await call('GET', '/applications?limit=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(HAL);
  });

  it('answers 401 when the API-Key header is missing', async () => {
    const response = await call('GET', '/applications', {
      headers: { 'API-Key': '' },
    });
    const error = await expectError(response, 401, 'authenticationRequired');
    expect(error.attributes).toEqual({ header: 'API-Key' });
  });

  it('answers 401 when the Authorization header is missing or not a bearer token', async () => {
    const missing = await fetch(`${baseUrl}${BASE}/applications`, {
      headers: { 'API-Key': 'sandbox' },
    });
    expect((await expectError(missing, 401, 'authenticationRequired')).attributes).toEqual({
      header: 'Authorization',
    });
    const basic = await call('GET', '/applications', {
      headers: { Authorization: 'Basic c2FuZGJveDpzYW5kYm94' },
    });
    await expectError(basic, 401, 'authenticationRequired');
  });

  it('answers 401 invalidAccessToken with WWW-Authenticate for a wrong token', async () => {
    const response = await call('GET', '/applications', {
      headers: { Authorization: 'Bearer wrong' },
    });
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    await expectError(response, 401, 'invalidAccessToken');
  });

  it('answers 403 invalidApiKey for a wrong API key', async () => {
    const response = await call('GET', '/applications', { headers: { 'API-Key': 'wrong' } });
    await expectError(response, 403, 'invalidApiKey');
  });

  it('refuses the static credentials while revokeTokens is set', async () => {
    await fetch(`${baseUrl}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revokeTokens: true }),
    });
    await expectError(await call('GET', '/applications'), 401, 'invalidAccessToken');
    await fetch(`${baseUrl}/__admin/faults`, { method: 'DELETE' });
    expect((await call('GET', '/applications?limit=1')).status).toBe(200);
  });

  it('accepts configured credentials instead of the defaults', async () => {
    const other = createApitureSandbox({
      population,
      credentials: { apiKey: 'key-1', accessToken: 'token-1' },
    });
    const url = await other.listen(0);
    try {
      const ok = await fetch(`${url}${BASE}/enrollments?limit=1`, {
        headers: { 'API-Key': 'key-1', Authorization: 'Bearer token-1' },
      });
      expect(ok.status).toBe(200);
      const refused = await fetch(`${url}${BASE}/enrollments?limit=1`, { headers: AUTH });
      expect(refused.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('application collections', () => {
  it('lists summaries with the documented envelope and defaults', async () => {
    const response = await call('GET', '/applications');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    const page = await json<Collection>(response);
    expect(page).toEqual(
      expect.objectContaining({
        _profile:
          'https://api.apiture.com/schemas/accountApplications/applications/v2.0.0/profile.json',
        start: 0,
        limit: 100,
        count: seeded.applications.length,
        name: 'account applications',
      }),
    );
    expect(page._links).toEqual({
      self: { href: `${BASE}/applications?start=0&limit=100` },
      first: { href: `${BASE}/applications?start=0&limit=100` },
      collection: { href: `${BASE}/applications` },
    });
    expect(page._embedded.items).toHaveLength(seeded.applications.length);
    for (const item of page._embedded.items) {
      expect(Object.keys(item).sort()).toEqual(['_id', '_links', '_profile', 'name', 'state']);
      expect(item._profile).toBe(
        'https://api.apiture.com/schemas/accountApplication/v1.0.0/profile.json',
      );
      expect(item._links.self.href).toBe(`${BASE}/applications/${item._id}`);
      expect(item._id).toMatch(UUID);
    }
  });

  it('pages with start/limit and next links until the collection ends', async () => {
    const first = await json<Collection>(await call('GET', '/applications?start=0&limit=10'));
    expect(first._links.next).toEqual({ href: `${BASE}/applications?start=10&limit=10` });
    expect(first._embedded.items).toHaveLength(10);
    const all = await crawl(`${BASE}/applications?limit=10`);
    expect(all).toHaveLength(first.count);
    expect(new Set(all.map((item) => item._id)).size).toBe(first.count);
    const lastStart = Math.floor((first.count - 1) / 10) * 10;
    const last = await json<Collection>(
      await call('GET', `/applications?start=${lastStart}&limit=10`),
    );
    expect(last._links.next).toBeUndefined();
    expect(last._links.first.href).toBe(`${BASE}/applications?start=0&limit=10`);
    const beyond = await json<Collection>(await call('GET', '/applications?start=5000'));
    expect(beyond._embedded.items).toEqual([]);
  });

  it('restricts the running and blocked views and keeps their filters in links', async () => {
    const running = await json<Collection>(await call('GET', '/runningApplications?limit=2'));
    expect(running.count).toBeGreaterThan(0);
    expect(running._links.self.href).toBe(`${BASE}/runningApplications?start=0&limit=2`);
    for (const item of await crawl(`${BASE}/runningApplications?limit=2`)) {
      expect(item.state).toBe('running');
    }
    const blocked = await crawl(`${BASE}/blockedApplications?limit=3`);
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((item) => item.state === 'blocked')).toBe(true);

    const name = running._embedded.items[0].name as string;
    const named = await json<Collection>(
      await call('GET', `/runningApplications?name=${encodeURIComponent(`${name}|nobody`)}`),
    );
    expect(named._embedded.items.every((item) => item.name === name)).toBe(true);
    expect(named.count).toBeGreaterThan(0);
    // `state` is AND-combined with the running view.
    const none = await json<Collection>(
      await call('GET', '/runningApplications?state=canceled|approved'),
    );
    expect(none.count).toBe(0);
    await expectError(await call('GET', '/runningApplications?state=done'), 422, 'invalidState');
  });

  it('filters by applicant contact URI and refuses user URIs', async () => {
    const showcaseContact = seeded.applications[0].applicants[0] as unknown as {
      contact: { _links: { self: Link } };
    };
    const href = showcaseContact.contact._links.self.href;
    const page = await json<Collection>(
      await call(
        'GET',
        `/applications?applicant=${encodeURIComponent(`https://x.example${href}`)}`,
      ),
    );
    expect(page.count).toBe(3);
    expect(page._links.self.href).toContain('applicant=');
    const userHref = seeded.applications[0].links['apiture:applicant'].href;
    await expectError(
      await call('GET', `/applications?applicant=${encodeURIComponent(userHref)}`),
      422,
      'contactUriRequired',
    );
    await expectError(
      await call('GET', '/applications?applicant=nonsense'),
      400,
      'malformedQueryParameter',
    );
  });

  it('filters with the filter grammar, including updated-since', async () => {
    const since = new Date(Date.parse(SEED_EPOCH) - 10 * 86_400_000).toISOString();
    const recent = await crawl(
      `${BASE}/applications?limit=5&filter=${encodeURIComponent(`ge(updatedAt,${since})`)}`,
    );
    const expected = seeded.applications.filter((a) => a.updatedAt >= since);
    expect(recent.map((item) => item._id).sort()).toEqual(expected.map((a) => a._id).sort());
    const combined = await json<Collection>(
      await call(
        'GET',
        `/applications?filter=${encodeURIComponent('and(eq(state,approved),contains(applicantName,RIVERA))')}`,
      ),
    );
    expect(combined.count).toBe(1);
    await expectError(
      await call('GET', `/applications?filter=${encodeURIComponent('eq(state')}`),
      400,
      'malformedFilter',
    );
    await expectError(
      await call('GET', `/applications?filter=${encodeURIComponent('eq(email,x@y.z)')}`),
      422,
      'invalidFilterField',
    );
  });

  it('sorts with sortBy and searches names with q', async () => {
    const sorted = await json<Collection>(await call('GET', '/applications?sortBy=-createdAt'));
    const created = seeded.applications.map((a) => a.createdAt).sort();
    const firstId = sorted._embedded.items[0]._id;
    expect(seeded.applications.find((a) => a._id === firstId)?.createdAt).toBe(created.at(-1));
    await expectError(await call('GET', '/applications?sortBy=ssn'), 422, 'invalidSortField');
    const searched = await json<Collection>(await call('GET', '/applications?q=rivera'));
    expect(searched.count).toBe(3);
    const byEmail = await json<Collection>(
      await call('GET', '/applications?q=jordan.rivera@example.com'),
    );
    expect(byEmail.count).toBe(0);
  });

  it('rejects malformed and invalid paging parameters', async () => {
    await expectError(await call('GET', '/applications?start=abc'), 400, 'malformedQueryParameter');
    await expectError(await call('GET', '/applications?limit=0'), 422, 'invalidLimit');
    await expectError(await call('GET', '/applications?limit=5000'), 422, 'invalidLimit');
    await expectError(
      await call('GET', '/applications?limit=1&limit=2'),
      400,
      'malformedQueryParameter',
    );
  });
});

describe('application items', () => {
  it('returns the full HAL representation with an ETag and links for the current state', async () => {
    const [runningId] = await applicationIdsIn('running');
    const { body, etag } = await getResource(`/applications/${runningId}`);
    expect(etag).toMatch(ETAG);
    expect(body._profile).toBe(
      'https://api.apiture.com/schemas/accountApplications/application/v1.0.0/profile.json',
    );
    expect(body._links.self.href).toBe(`${BASE}/applications/${runningId}`);
    expect(body._links['apiture:product'].href).toMatch(/^\/products\/products\//);
    expect(body._links['apiture:applicant'].href).toMatch(/^\/users\/users\//);
    expect(body._links['apiture:approval'].href).toMatch(/^\/approvals\/approval\//);
    expect(body._links['apiture:approve'].href).toBe(
      `${BASE}/approvedApplications?application=${runningId}`,
    );
    for (const rel of ['apiture:expire', 'apiture:reject', 'apiture:cancel']) {
      expect(body._links[rel]).toBeDefined();
    }
    expect(body._links['apiture:start']).toBeUndefined();
    expect(body).toEqual(
      expect.objectContaining({
        applicantName: expect.any(String) as unknown,
        accountName: expect.any(String) as unknown,
        productName: expect.any(String) as unknown,
        workflowState: 'running',
        accountApproval: expect.objectContaining({ state: 'open', done: false }) as unknown,
      }),
    );
    const [blockedId] = await applicationIdsIn('blocked');
    const blocked = await getResource(`/applications/${blockedId}`);
    expect(blocked.body._links['apiture:start'].href).toBe(
      `${BASE}/runningApplications?application=${blockedId}`,
    );
    const [approvedId] = await applicationIdsIn('approved');
    const approved = await getResource(`/applications/${approvedId}`);
    expect(
      Object.keys(approved.body._links).filter((rel) =>
        /expire|reject|approve|cancel|start/.test(rel),
      ),
    ).toEqual([]);
    expect(approved.body.completedAt).toEqual(expect.any(String));
  });

  it('answers 304 to a matching If-None-Match and 200 otherwise', async () => {
    const [id] = await applicationIdsIn('approved');
    const { etag } = await getResource(`/applications/${id}`);
    const notModified = await call('GET', `/applications/${id}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await notModified.text()).toBe('');
    const weak = await call('GET', `/applications/${id}`, {
      headers: { 'If-None-Match': `W/${etag}` },
    });
    expect(weak.status).toBe(304);
    const changed = await call('GET', `/applications/${id}`, {
      headers: { 'If-None-Match': '"0000000000000000"' },
    });
    expect(changed.status).toBe(200);
  });

  it('answers 404 in the errorResponse shape for unknown ids and paths', async () => {
    const error = await expectError(
      await call('GET', '/applications/does-not-exist'),
      404,
      'notFound',
    );
    expect(error.attributes).toEqual({ applicationId: 'does-not-exist' });
    await expectError(
      await call('PATCH', '/applications/does-not-exist', {
        body: {},
        headers: { 'If-Match': '"x"' },
      }),
      404,
      'notFound',
    );
    await expectError(await call('GET', '/nothing-here'), 404, 'notFound');
  });

  it('creates an application: 201, Location, ETag, running with its action links', async () => {
    const response = await call('POST', '/applications', {
      body: newApplicationBody({
        fundingAmount: { value: '250.00', currency: 'USD' },
        applicants: [
          {
            username: 'Snowqueen123',
            contact: {
              firstName: 'Elsa',
              lastName: 'Snowqueen',
              _links: { self: { href: '/contacts/contacts/new-contact-1' } },
            },
          },
        ],
      }),
    });
    expect(response.status).toBe(201);
    const body = await json<Hal>(response);
    expect(body._id).toMatch(UUID);
    expect(response.headers.get('location')).toBe(`${BASE}/applications/${body._id}`);
    expect(response.headers.get('etag')).toMatch(ETAG);
    expect(body).toEqual(
      expect.objectContaining({
        state: 'running',
        workflowState: 'running',
        productName: PRODUCTS[0].name,
        accountName: 'My checking account',
        applicantName: 'Elsa Snowqueen',
        fundingAmount: { value: '250.00', currency: 'USD' },
      }),
    );
    expect(Object.keys(body._links)).toEqual(
      expect.arrayContaining(['self', 'apiture:approve', 'apiture:cancel', 'apiture:expire']),
    );
    const fetched = await getResource(`/applications/${body._id}`);
    expect(fetched.etag).toBe(response.headers.get('etag'));
    const again = await call('POST', '/applications', {
      body: newApplicationBody({
        applicants: [
          { contact: { _links: { self: { href: '/contacts/contacts/new-contact-1' } } } },
        ],
      }),
    });
    await expectError(again, 409, 'runningApplicationExists');
  });

  it('expands a known contact and refuses a second running application for it', async () => {
    const showcaseContact = (
      seeded.applications[0].applicants[0] as unknown as {
        contact: { _links: { self: Link } };
      }
    ).contact._links.self.href;
    const response = await call('POST', '/applications', {
      body: newApplicationBody({
        applicants: [{ contact: { _links: { self: { href: showcaseContact } } } }],
      }),
    });
    await expectError(response, 409, 'runningApplicationExists');
  });

  it('validates creates in the errorResponse shape', async () => {
    const noProduct = await call('POST', '/applications', { body: { accountName: 'x' } });
    await expectError(noProduct, 400, 'productRequired');
    const several = await call('POST', '/applications', {
      body: newApplicationBody({ accountName: 42, applicants: 'me' }),
    });
    const error = await expectError(several, 400, 'malformedRequest');
    expect(error._embedded.errors.map((item) => item.attributes.field)).toEqual([
      'accountName',
      'applicants',
    ]);
    await expectError(
      await call('POST', '/applications', { body: '{"accountName":' }),
      400,
      'malformedRequestBody',
    );
    await expectError(
      await call('POST', '/applications', { body: [1] }),
      400,
      'malformedRequestBody',
    );
  });

  it('requires If-Match on PUT (428), refuses a stale one (412) and replaces the fields', async () => {
    const { body, etag } = await createApplication();
    const path = `/applications/${body._id}`;
    const replacement = { ...body, accountName: 'Renamed', state: 'approved' };
    await expectError(await call('PUT', path, { body: replacement }), 428, 'ifMatchRequired');
    const stale = await call('PUT', path, {
      body: replacement,
      headers: { 'If-Match': '"0000000000000000"' },
    });
    await expectError(stale, 412, 'preconditionFailed');
    const ok = await call('PUT', path, { body: replacement, headers: { 'If-Match': etag } });
    expect(ok.status).toBe(200);
    const updated = await json<Hal>(ok);
    expect(updated.accountName).toBe('Renamed');
    // State changes only through the actions.
    expect(updated.state).toBe('running');
    expect(ok.headers.get('etag')).not.toBe(etag);
    await expectError(
      await call('PUT', path, {
        body: { fundingAmount: null },
        headers: { 'If-Match': ok.headers.get('etag') ?? '' },
      }),
      400,
      'requiredField',
    );
  });

  it('merges PATCH bodies and answers 422 positiveNumberRequired for a negative deposit', async () => {
    const { body, etag } = await createApplication();
    const path = `/applications/${body._id}`;
    await expectError(await call('PATCH', path, { body: {} }), 428, 'ifMatchRequired');
    const first = await call('PATCH', path, {
      body: { fundingAmount: { value: '100.00', currency: 'USD' } },
      headers: { 'If-Match': etag },
    });
    expect(first.status).toBe(200);
    const second = await call('PATCH', path, {
      body: { fundingAmount: { value: '-125.5' } },
      headers: { 'If-Match': first.headers.get('etag') ?? '' },
    });
    const error = await expectError(second, 422, 'positiveNumberRequired');
    expect(error.attributes).toEqual({ field: 'fundingAmount.value', value: -125.5 });
    const third = await call('PATCH', path, {
      body: { fundingAmount: { value: '300.00' }, _links: { self: { href: '/ignored' } } },
      headers: { 'If-Match': first.headers.get('etag') ?? '' },
    });
    expect(third.status).toBe(200);
    const patched = await json<Hal>(third);
    expect(patched.fundingAmount).toEqual({ value: '300.00', currency: 'USD' });
    expect(patched.accountName).toBe('My checking account');
    expect(patched._links.self.href).toBe(`${BASE}${path}`);
    const reused = await call('PATCH', path, {
      body: { accountName: 'x' },
      headers: { 'If-Match': etag },
    });
    await expectError(reused, 412, 'preconditionFailed');
  });

  it('deletes only expired (or pending) applications, with If-Match', async () => {
    const { body, etag } = await createApplication();
    await expectError(
      await call('DELETE', `/applications/${body._id}`, { headers: { 'If-Match': etag } }),
      409,
      'deleteNotAllowed',
    );
    const [expiredId] = await applicationIdsIn('expired');
    const expired = await getResource(`/applications/${expiredId}`);
    await expectError(await call('DELETE', `/applications/${expiredId}`), 428, 'ifMatchRequired');
    await expectError(
      await call('DELETE', `/applications/${expiredId}`, { headers: { 'If-Match': '"stale"' } }),
      412,
      'preconditionFailed',
    );
    const deleted = await call('DELETE', `/applications/${expiredId}`, {
      headers: { 'If-Match': expired.etag },
    });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await call('GET', `/applications/${expiredId}`)).status).toBe(404);
    const [pendingId] = await applicationIdsIn('pending');
    const pending = await getResource(`/applications/${pendingId}`);
    const pendingDeleted = await call('DELETE', `/applications/${pendingId}`, {
      headers: { 'If-Match': pending.etag },
    });
    expect(pendingDeleted.status).toBe(204);
  });

  it('accepts writes without If-Match when requireIfMatch is off', async () => {
    const lenient = createApitureSandboxWith({ population, requireIfMatch: false });
    const url = await lenient.listen(0);
    try {
      const id = seeded.applications[0]._id;
      const response = await fetch(`${url}${BASE}/applications/${id}`, {
        method: 'PATCH',
        headers: { ...AUTH, 'content-type': 'application/hal+json' },
        body: JSON.stringify({ accountName: 'Lenient' }),
      });
      expect(response.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });
});

describe('application state machine', () => {
  const ACTION_PATHS = {
    expire: '/expiredApplications',
    reject: '/rejectedApplications',
    approve: '/approvedApplications',
    cancel: '/canceledApplications',
    start: '/runningApplications',
  } as const;
  type Action = keyof typeof ACTION_PATHS;
  const TARGET: Record<Action, ApplicationState> = {
    expire: 'expired',
    reject: 'rejected',
    approve: 'approved',
    cancel: 'canceled',
    start: 'running',
  };

  async function act(action: Action, id: string, headers: Record<string, string> = {}) {
    return call('POST', `${ACTION_PATHS[action]}?application=${encodeURIComponent(id)}`, {
      headers,
    });
  }

  it.each(['expire', 'reject', 'approve', 'cancel'] as const)(
    'running -> %s changes the state and drops the action links',
    async (action) => {
      const { body, etag } = await createApplication();
      const response = await act(action, body._id, { 'If-Match': etag });
      expect(response.status).toBe(200);
      const moved = await json<Hal>(response);
      expect(moved.state).toBe(TARGET[action]);
      expect(moved.completedAt).toEqual(expect.any(String));
      expect(moved.accountApproval).toEqual(
        expect.objectContaining({ state: TARGET[action], done: true }),
      );
      expect(
        Object.keys(moved._links).filter(
          (rel) => rel.startsWith('apiture:') && /expire|reject|approve|cancel|start/.test(rel),
        ),
      ).toEqual([]);
      const etagAfter = response.headers.get('etag');
      expect(etagAfter).not.toBe(etag);
      expect((await getResource(`/applications/${body._id}`)).etag).toBe(etagAfter);
    },
  );

  it('blocked -> each of start, expire, reject, approve, cancel', async () => {
    const blocked = await applicationIdsIn('blocked');
    const actions: Action[] = ['start', 'expire', 'reject', 'approve', 'cancel'];
    expect(blocked.length).toBeGreaterThanOrEqual(actions.length);
    for (const [index, action] of actions.entries()) {
      const response = await act(action, blocked[index]);
      expect(response.status).toBe(200);
      expect((await json<Hal>(response)).state).toBe(TARGET[action]);
    }
  });

  it('started applications are running again and advertise running actions', async () => {
    const [blockedId] = await applicationIdsIn('blocked');
    const response = await act('start', blockedId);
    const started = await json<Hal>(response);
    expect(started.state).toBe('running');
    expect(started.completedAt).toBeUndefined();
    expect(started._links['apiture:approve']).toBeDefined();
    expect(started._links['apiture:start']).toBeUndefined();
  });

  it('answers 409 for every forbidden transition', async () => {
    const forbidden: [ApplicationState, Action][] = [];
    for (const state of ['approved', 'rejected', 'canceled', 'expired'] as const) {
      for (const action of Object.keys(ACTION_PATHS) as Action[]) {
        if (TARGET[action] !== state) forbidden.push([state, action]);
      }
    }
    for (const action of Object.keys(ACTION_PATHS) as Action[]) forbidden.push(['pending', action]);
    expect(forbidden).toHaveLength(21);
    for (const [state, action] of forbidden) {
      const [id] = await applicationIdsIn(state);
      expect(id).toBeDefined();
      const error = await expectError(await act(action, id), 409, 'invalidStateTransition');
      expect(error.attributes).toEqual({ state, requestedState: TARGET[action] });
    }
  });

  it('does nothing, with 200, when already in the target state', async () => {
    const [approvedId] = await applicationIdsIn('approved');
    const before = await getResource(`/applications/${approvedId}`);
    const response = await act('approve', approvedId);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(before.etag);
    const { body } = await createApplication();
    const started = await act('start', body._id);
    expect(started.status).toBe(200);
    expect((await json<Hal>(started)).state).toBe('running');
  });

  it('takes the application URI as target and checks If-Match when sent', async () => {
    const { body, etag } = await createApplication();
    await expectError(
      await act('approve', body._id, { 'If-Match': '"0000000000000000"' }),
      412,
      'preconditionFailed',
    );
    const response = await act(
      'approve',
      `https://www.example.com${BASE}/applications/${body._id}`,
      {
        'If-Match': etag,
      },
    );
    expect(response.status).toBe(200);
  });

  it('answers 400 for a missing, malformed or unknown target', async () => {
    await expectError(await call('POST', '/approvedApplications'), 400, 'malformedQueryParameter');
    await expectError(await act('approve', '/users/users/abc'), 400, 'malformedQueryParameter');
    await expectError(await act('approve', 'no-such-application'), 400, 'unknownApplication');
  });
});

describe('enrollments', () => {
  async function enrollmentIdsIn(state: string): Promise<Hal[]> {
    const page = await json<Collection>(
      await call('GET', `/enrollments?limit=1000&filter=eq(state,${state})`),
    );
    return Promise.all(
      page._embedded.items.map(
        async (item) => (await getResource(`/enrollments/${item._id}`)).body,
      ),
    );
  }

  it('lists enrollment summaries with paging links and no envelope name', async () => {
    const page = await json<Collection>(await call('GET', '/enrollments?limit=4'));
    expect(page._profile).toBe(
      'https://api.apiture.com/schemas/accountApplications/enrollments/v2.0.0/profile.json',
    );
    expect(page.name).toBeUndefined();
    expect(page.count).toBe(seeded.enrollments.length);
    expect(page._links.next.href).toBe(`${BASE}/enrollments?start=4&limit=4`);
    const all = await crawl(`${BASE}/enrollments?limit=4`);
    expect(all).toHaveLength(page.count);
    for (const item of all) {
      expect(Object.keys(item).sort()).toEqual(['_id', '_links', '_profile', 'name', 'state']);
      expect(item._links.self.href).toBe(`${BASE}/enrollments/${item._id}`);
    }
    const flagged = await json<Collection>(
      await call('GET', `/enrollments?filter=${encodeURIComponent('eq(flaggedForReview,true)')}`),
    );
    expect(flagged.count).toBeGreaterThan(0);
  });

  it('returns the enrollment with ETag, 304, and approve only when requirements are met', async () => {
    const running = await enrollmentIdsIn('running');
    const verified = running.find((e) => (e.applicant as { verified: boolean }).verified);
    const unverified = running.find((e) => !(e.applicant as { verified: boolean }).verified);
    expect(verified?._links['apiture:approve'].href).toBe(
      `${BASE}/approvedEnrollments?enrollment=${verified?._id}`,
    );
    expect(verified?._links['apiture:reject']).toBeDefined();
    expect(unverified?._links['apiture:approve']).toBeUndefined();
    expect(unverified?._links['apiture:reject']).toBeDefined();
    const id = verified?._id ?? '';
    const { etag } = await getResource(`/enrollments/${id}`);
    expect(etag).toMatch(ETAG);
    const cached = await call('GET', `/enrollments/${id}`, { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    await expectError(await call('GET', '/enrollments/unknown'), 404, 'notFound');
  });

  it('creates an enrollment: running, unverified, 201 with Location and ETag', async () => {
    const response = await call('POST', '/enrollments', { body: newEnrollmentBody() });
    expect(response.status).toBe(201);
    const body = await json<Hal>(response);
    expect(response.headers.get('location')).toBe(`${BASE}/enrollments/${body._id}`);
    expect(response.headers.get('etag')).toMatch(ETAG);
    expect(body).toEqual(
      expect.objectContaining({
        state: 'running',
        applicantName: 'Elsa Snowqueen',
        flaggedForReview: false,
      }),
    );
    expect((body.applicant as { verified: boolean }).verified).toBe(false);
    expect(body._links['apiture:reject']).toBeDefined();
    expect(body._links['apiture:approve']).toBeUndefined();
    expect(body._links['apiture:contact'].href).toBe(
      '/contacts/contacts/3017d005-9910-4a8b-874b-397749353e7a',
    );
    const username = (body.applicant as { username: string }).username;
    await expectError(
      await call('POST', '/enrollments', { body: newEnrollmentBody(username) }),
      409,
      'activeEnrollmentExists',
    );
  });

  it('validates enrollment creates', async () => {
    await expectError(await call('POST', '/enrollments', { body: {} }), 400, 'requiredField');
    const body = newEnrollmentBody();
    const applicant = body.applicant as { contact: Record<string, unknown> };
    applicant.contact.birthdate = '27/10/1974';
    const error = await expectError(
      await call('POST', '/enrollments', { body: { applicant } }),
      400,
      'invalidDate',
    );
    expect(error.attributes.field).toBe('applicant.contact.birthdate');
  });

  it('updates with PUT and PATCH under If-Match; server-owned fields stay', async () => {
    const created = await call('POST', '/enrollments', { body: newEnrollmentBody() });
    const body = await json<Hal>(created);
    const path = `/enrollments/${body._id}`;
    let etag = created.headers.get('etag') ?? '';
    await expectError(await call('PATCH', path, { body: {} }), 428, 'ifMatchRequired');
    await expectError(
      await call('PATCH', path, { body: {}, headers: { 'If-Match': '"0"' } }),
      412,
      'preconditionFailed',
    );
    const patched = await call('PATCH', path, {
      body: { applicant: { contact: { firstName: 'Anna' }, verified: true } },
      headers: { 'If-Match': etag },
    });
    expect(patched.status).toBe(200);
    const afterPatch = await json<Hal>(patched);
    expect(afterPatch.applicantName).toBe('Anna Snowqueen');
    expect((afterPatch.applicant as { verified: boolean }).verified).toBe(false);
    expect((afterPatch.applicants as unknown[])[0]).toEqual(afterPatch.applicant);
    etag = patched.headers.get('etag') ?? '';
    const invalid = await call('PATCH', path, {
      body: { applicant: { contact: { birthdate: '1974-13-45' } } },
      headers: { 'If-Match': etag },
    });
    await expectError(invalid, 422, 'invalidDate');
    const put = await call('PUT', path, {
      body: newEnrollmentBody((afterPatch.applicant as { username: string }).username),
      headers: { 'If-Match': etag },
    });
    expect(put.status).toBe(200);
    expect((await json<Hal>(put)).applicantName).toBe('Elsa Snowqueen');
  });

  it('deletes without If-Match and answers 404 afterwards', async () => {
    const created = await json<Hal>(
      await call('POST', '/enrollments', { body: newEnrollmentBody() }),
    );
    const deleted = await call('DELETE', `/enrollments/${created._id}`, {
      headers: { accept: '' },
    });
    expect(deleted.status).toBe(204);
    await expectError(await call('GET', `/enrollments/${created._id}`), 404, 'notFound');
    await expectError(await call('DELETE', `/enrollments/${created._id}`), 404, 'notFound');
  });

  it('runs every allowed enrollment transition', async () => {
    const running = await enrollmentIdsIn('running');
    const verified = running.filter((e) => (e.applicant as { verified: boolean }).verified);
    const blocked = await enrollmentIdsIn('blocked');
    const blockedVerified = blocked.find((e) => (e.applicant as { verified: boolean }).verified);
    const cases: [string, Hal | undefined, string][] = [
      ['/approvedEnrollments', verified[0], 'approved'],
      ['/rejectedEnrollments', running.find((e) => e._id !== verified[0]._id), 'rejected'],
      ['/approvedEnrollments', blockedVerified, 'approved'],
      ['/rejectedEnrollments', blocked.find((e) => e._id !== blockedVerified?._id), 'rejected'],
    ];
    for (const [path, enrollment, state] of cases) {
      expect(enrollment).toBeDefined();
      const { etag } = await getResource(`/enrollments/${enrollment?._id}`);
      const response = await call('POST', `${path}?enrollment=${enrollment?._id}`, {
        headers: { 'If-Match': etag },
      });
      expect(response.status).toBe(200);
      const moved = await json<Hal>(response);
      expect(moved.state).toBe(state);
      expect(moved.completedAt).toEqual(expect.any(String));
      expect(moved._links['apiture:approve']).toBeUndefined();
      expect(moved._links['apiture:reject']).toBeUndefined();
      expect(moved._error).toBeUndefined();
    }
  });

  it('answers 409 for forbidden enrollment transitions and unmet requirements', async () => {
    const [approved] = await enrollmentIdsIn('approved');
    const [rejected] = await enrollmentIdsIn('rejected');
    await expectError(
      await call('POST', `/rejectedEnrollments?enrollment=${approved._id}`),
      409,
      'invalidStateTransition',
    );
    await expectError(
      await call('POST', `/approvedEnrollments?enrollment=${rejected._id}`),
      409,
      'invalidStateTransition',
    );
    const noop = await call('POST', `/approvedEnrollments?enrollment=${approved._id}`);
    expect(noop.status).toBe(200);
    const created = await json<Hal>(
      await call('POST', '/enrollments', { body: newEnrollmentBody() }),
    );
    await expectError(
      await call('POST', `/approvedEnrollments?enrollment=${created._id}`),
      409,
      'enrollmentRequirementsNotMet',
    );
    await expectError(
      await call('POST', `/rejectedEnrollments?enrollment=${created._id}`, {
        headers: { 'If-Match': '"0000000000000000"' },
      }),
      412,
      'preconditionFailed',
    );
    await expectError(
      await call('POST', '/rejectedEnrollments?enrollment=nope'),
      400,
      'unknownEnrollment',
    );
    const viaUri = await call(
      'POST',
      `/rejectedEnrollments?enrollment=${encodeURIComponent(`${BASE}/enrollments/${created._id}`)}`,
    );
    expect(viaUri.status).toBe(200);
  });
});

describe('fault knobs', () => {
  async function setFaults(faults: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${baseUrl}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });
    expect(response.status).toBe(200);
  }

  it('errorRate 1 answers errorStatus in the errorResponse shape', async () => {
    await setFaults({ errorRate: 1, errorStatus: 502 });
    const response = await call('GET', '/applications?limit=1');
    expect(response.status).toBe(502);
    const body = await json<ErrorBody>(response);
    expect(body._error).toEqual(
      expect.objectContaining({ statusCode: 502, type: 'internalServerError' }),
    );
  });

  it('rateLimited answers 429 with Retry-After until the count is used up', async () => {
    await setFaults({ rateLimited: 2, retryAfterS: 7 });
    for (let i = 0; i < 2; i++) {
      const response = await call('GET', '/enrollments?limit=1');
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      const body = await json<ErrorBody>(response);
      expect(body._error).toEqual(
        expect.objectContaining({
          statusCode: 429,
          type: 'tooManyRequests',
          attributes: { retryAfterSeconds: 7 },
        }),
      );
    }
    expect((await call('GET', '/enrollments?limit=1')).status).toBe(200);
  });

  it('a configured rate limit answers 429 beyond the window budget', async () => {
    await fetch(`${baseUrl}/__admin/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 2, windowMs: 600_000 }),
    });
    try {
      expect((await call('GET', '/enrollments?limit=1')).status).toBe(200);
      expect((await call('GET', '/enrollments?limit=1')).status).toBe(200);
      const limited = await call('GET', '/enrollments?limit=1');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await fetch(`${baseUrl}/__admin/rate-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ limit: null }),
      });
    }
  });

  it('malformedRate 1 returns a body that is not JSON', async () => {
    await setFaults({ malformedRate: 1 });
    const response = await call('GET', '/applications?limit=2');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('hang never answers: the client times out', async () => {
    await setFaults({ hang: true });
    await expect(
      call('GET', '/applications?limit=1', { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await fetch(`${baseUrl}/__admin/faults`, { method: 'DELETE' });
    expect((await call('GET', '/applications?limit=1')).status).toBe(200);
  });

  it('latencyMs delays answers', async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await call('GET', '/applications?limit=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('admin counters', () => {
  it('counts calls by path template and status, and resets', async () => {
    const id = seeded.applications[0]._id;
    await call('GET', `/applications/${id}`);
    await call('GET', `/applications/${id}`);
    await call('GET', '/applications?limit=1');
    await call('POST', '/approvedApplications?application=nope');
    const calls = (await (await fetch(`${baseUrl}/__admin/calls`)).json()) as {
      total: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
    };
    expect(calls.total).toBe(4);
    expect(calls.byEndpoint).toEqual({
      'GET /accountApplications/applications/{applicationId}': 2,
      'GET /accountApplications/applications': 1,
      'POST /accountApplications/approvedApplications': 1,
    });
    expect(calls.byStatus).toEqual({ '200': 3, '400': 1 });
    expect((await fetch(`${baseUrl}/__admin/reset`, { method: 'POST' })).status).toBe(204);
    const after = (await (await fetch(`${baseUrl}/__admin/calls`)).json()) as { total: number };
    expect(after.total).toBe(0);
  });
});

describe('seed', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = seedApiture(generatePopulation({ size: 60 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(seeded));
    const other = seedApiture(generatePopulation({ size: 60, seed: 'another' }));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(seeded));
  });

  it('has applications in every state, second applications and enrollments', () => {
    const states = new Set(seeded.applications.map((a) => a.state));
    expect([...states].sort()).toEqual([
      'approved',
      'blocked',
      'canceled',
      'expired',
      'pending',
      'rejected',
      'running',
    ]);
    const perApplicant = new Map<string, number>();
    for (const application of seeded.applications) {
      const href = application.links['apiture:applicant'].href;
      perApplicant.set(href, (perApplicant.get(href) ?? 0) + 1);
    }
    expect([...perApplicant.values()].some((count) => count === 2)).toBe(true);
    expect(new Set(seeded.enrollments.map((e) => e.state)).size).toBe(4);
    for (const application of seeded.applications) expect(application._id).toMatch(UUID);
  });

  it('gives the showcase person running and approved applications with rich data', async () => {
    const person = showcasePerson(population);
    const page = await json<Collection>(await call('GET', '/applications?q=Jordan%20Rivera'));
    const full = await Promise.all(
      page._embedded.items.map(
        async (item) => (await getResource(`/applications/${item._id}`)).body,
      ),
    );
    const states = full.map((application) => application.state);
    expect(states).toEqual(expect.arrayContaining(['running', 'approved']));
    const contact = (full[0].applicants as { contact: Record<string, unknown> }[])[0].contact;
    expect(contact).toEqual(
      expect.objectContaining({
        firstName: 'Jordan',
        middleName: 'Avery',
        lastName: 'Rivera',
        birthdate: person.dateOfBirth,
        identification: [{ type: 'taxId', value: person.ssn }],
      }),
    );
    expect(contact.emailAddresses).toEqual([
      { _id: 'ea1', value: 'jordan.rivera@example.com', type: 'personal' },
    ]);
    expect((contact.phones as unknown[]).length).toBe(2);
    expect(contact.addresses).toEqual([
      expect.objectContaining({
        addressLine1: '27 Maple St',
        addressLine2: 'Apt 4',
        city: 'Boston',
        regionCode: 'MA',
      }),
    ]);
    const enrollments = await json<Collection>(await call('GET', '/enrollments?q=rivera'));
    expect(enrollments._embedded.items.map((item) => item.state)).toContain('approved');
    const enrollment = await getResource(`/enrollments/${enrollments._embedded.items[0]._id}`);
    const user = (enrollment.body.applicant as { user: Record<string, unknown> }).user;
    expect(user.emailAddresses).toEqual([
      expect.objectContaining({ number: 'jordan.rivera@example.com' }),
    ]);
    expect(user.yearsAtAddress).toBe('unknown');
  });
});
