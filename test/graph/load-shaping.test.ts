import Keyv from 'keyv';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { CACHE_TTL_MS } from '../../src/cache/ttl';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/** The shared cache, coalescing, stale-if-error and the cost limits, through the schema against the sandboxes. */

const UNLIMITED = {
  ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }),
  tuning: { maxAttempts: 1 },
};

const VIEW = `query View($id: ID!) {
  person(id: $id) {
    fullName
    leads { status }
    creditReports(latestPerBureau: true) { bureau negativeItems { creditorName } }
    applications { id state }
    policies { policyNumber status }
    financialProfile { fico }
  }
}`;

interface View {
  person: {
    fullName: string;
    applications: { id: string; state: string }[];
    policies: unknown[];
    financialProfile: { fico: number } | null;
  };
}

describe('load shaping', () => {
  let gw: TestGateway;
  let now = Date.now();
  const cache = new Keyv();
  let jordan: string;
  const sandboxes = () => Object.values(gw.sandboxes?.sandboxes ?? {});
  const byEndpoint = () =>
    Object.fromEntries(sandboxes().flatMap((s) => Object.entries(s.admin.calls().byEndpoint)));
  const total = () => sandboxes().reduce((sum, s) => sum + s.admin.calls().total, 0);
  const reset = () => sandboxes().forEach((s) => s.admin.reset());

  beforeAll(async () => {
    gw = await startTestGateway({
      sandboxes: { size: 80, rateLimits: { agencyZoom: null } },
      cacheStore: cache,
      cacheClock: () => now,
      clientDeps: UNLIMITED,
    });
    while (!(await gw.app.indexer.runOnce()).sweepDone);
    const { body } = await gw.query<{ findPeople: { id: string }[] }>(
      `{ findPeople(match: { email: "${SHOWCASE_EMAIL}" }) { id } }`,
    );
    jordan = body.data?.findPeople[0]?.id as string;
    await gw.query(VIEW, { id: jordan }); // tokens and reference data, once per process
  });
  afterAll(async () => {
    await gw.close();
  });
  beforeEach(async () => {
    await cache.clear();
    reset();
  });

  it('50 concurrent identical queries that miss the cache make the calls of one', async () => {
    await gw.query(VIEW, { id: jordan });
    const one = byEndpoint();
    expect(Object.keys(one).length).toBeGreaterThan(5);
    await cache.clear();
    reset();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => gw.query<View>(VIEW, { id: jordan })),
    );
    for (const response of responses)
      expect(response.body.data?.person.fullName).toBe('Jordan Avery Rivera');
    expect(byEndpoint()).toEqual(one);
    const { body } = await gw.query<{
      vendors: { vendor: string; coalescedReads: number; cacheHitRatio: number | null }[];
    }>('{ vendors { vendor coalescedReads cacheHitRatio } }');
    expect(
      body.data?.vendors.find((v) => v.vendor === 'CREDIT_PROS')?.coalescedReads,
    ).toBeGreaterThan(0);
  });

  it('serves repeats from the cache until the TTL, then reads again', async () => {
    await gw.query(VIEW, { id: jordan });
    reset();
    await gw.query(VIEW, { id: jordan });
    expect(total()).toBe(0);
    now += CACHE_TTL_MS['apiture.applicationsByContact'] + 1;
    await gw.query(VIEW, { id: jordan });
    expect(byEndpoint()['GET /accountApplications/applications']).toBe(1);
    expect(byEndpoint()['POST /clients/search']).toBeUndefined(); // the Credit Pros client is fresh for 10 minutes
  });

  it('drops what our own write changed: a transition shows at once', async () => {
    const first = await gw.query<View>(VIEW, { id: jordan });
    const running = first.body.data?.person.applications.find((a) => a.state === 'RUNNING');
    expect(running).toBeDefined();
    const moved = await gw.query(
      `mutation { transitionApplication(id: "${running?.id}", action: EXPIRE) { application { state } } }`,
    );
    expect(moved.body.errors).toBeUndefined();
    const after = await gw.query<View>(VIEW, { id: jordan });
    expect(after.body.data?.person.applications.find((a) => a.id === running?.id)?.state).toBe(
      'EXPIRED',
    );
  });

  it('serves the last known value when a vendor fails, marked stale, within the staleness limit', async () => {
    await gw.query(VIEW, { id: jordan });
    now += CACHE_TTL_MS['lendingCrm.client'] + 60_000;
    gw.sandboxes?.sandboxes.lendingCrm?.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    try {
      const { status, body, headers } = await fetchWithHeaders(gw, VIEW, { id: jordan });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.person.financialProfile?.fico).toBe(642);
      const stale = body.extensions?.stale as {
        path: (string | number)[];
        vendor: string;
        ageSeconds: number;
      }[];
      expect(stale).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: ['person', 'financialProfile'], vendor: 'LENDING_CRM' }),
        ]),
      );
      expect(stale.find((s) => s.vendor === 'LENDING_CRM')?.ageSeconds).toBeGreaterThanOrEqual(660);
      expect(headers.get('cache-control')).toBe('no-store');
      // Past the staleness limit the vendor's error shows instead.
      now += 25 * 60 * 60_000;
      const late = await gw.query<View>(VIEW, { id: jordan });
      expect(late.body.data?.person.financialProfile).toBeNull();
      expect(late.body.errors?.[0]?.extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'LENDING_CRM',
      });
    } finally {
      gw.sandboxes?.sandboxes.lendingCrm?.admin.clearFaults();
    }
  });

  it('marks personal data private in Cache-Control and vendor health public', async () => {
    const person = await fetchWithHeaders(gw, VIEW, { id: jordan });
    expect(person.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);
    const health = await fetchWithHeaders(gw, '{ vendors { vendor state } }', {});
    expect(health.headers.get('cache-control')).toBe('max-age=5, public');
  });

  it('refuses a query over the cost limit before any vendor call, stating the estimate and the limit', async () => {
    const ids = Array.from({ length: 40 }, () => jordan);
    const { status, body } = await gw.query(
      'query Big($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { creditReports { score } applications { id } } } }',
      { ids },
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 300 });
    expect(body.errors?.[0]?.message).toMatch(/needs up to \d+ vendor calls; the limit is 300/);
    expect(total()).toBe(0);
  });

  it("refuses a query that needs more of a vendor's calls than its budget per window", async () => {
    // A gateway with AgencyZoom's real budget (30 calls a minute by day); no vendor is reached.
    const strict = await startTestGateway();
    try {
      // Each alias: a search (2 AgencyZoom calls) and, for up to 3 people, their records (2) and policies (1).
      const aliases = Array.from(
        { length: 6 },
        (_, i) =>
          `p${i}: findPeople(match: { email: "x${i}@example.com" }) { fullName policies { id } }`,
      ).join('\n');
      const { body } = await strict.query(`{ ${aliases} }`);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        vendor: 'AGENCYZOOM',
      });
      expect(body.errors?.[0]?.message).toMatch(
        /needs up to 66 AgencyZoom calls; its budget is (30|60) per window/,
      );
    } finally {
      await strict.close();
    }
  });

  it('refuses documents too deep or with too many aliases', async () => {
    const deep = await gw.query(
      `{ person(id: "${jordan}") { leads { person { leads { person { leads { person { leads { person { leads { person { leads { id } } } } } } } } } } } } }`,
    );
    expect(deep.body.errors?.[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 12 },
    });
    const many = await gw.query(
      `{ ${Array.from({ length: 31 }, (_, i) => `v${i}: vendors { vendor }`).join(' ')} }`,
    );
    expect(many.body.errors?.[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX', aliases: 31, limit: 30 },
    });
    expect(total()).toBe(0);
  });
});

async function fetchWithHeaders(
  gw: TestGateway,
  query: string,
  variables: Record<string, unknown>,
) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as {
      data?: View;
      errors?: { extensions?: Record<string, unknown> }[];
      extensions?: Record<string, unknown>;
    },
  };
}

describe('stale-if-error when the vendor asks to wait', () => {
  it('answers with the stale value after one 429 instead of waiting out its Retry-After', async () => {
    let now = Date.now();
    // Retries on, as in production: without a stale value the read would wait 5 s and try again.
    const gw = await startTestGateway({
      sandboxes: { size: 80, rateLimits: { agencyZoom: null } },
      cacheStore: new Keyv(),
      cacheClock: () => now,
      clientDeps: { ...UNLIMITED, tuning: { maxAttempts: 3 } },
    });
    const lendingCrm = gw.sandboxes?.sandboxes.lendingCrm;
    try {
      while (!(await gw.app.indexer.runOnce()).sweepDone);
      const { body: found } = await gw.query<{ findPeople: { id: string }[] }>(
        `{ findPeople(match: { email: "${SHOWCASE_EMAIL}" }) { id } }`,
      );
      const id = found.data?.findPeople[0]?.id;
      await gw.query(VIEW, { id });
      now += CACHE_TTL_MS['lendingCrm.client'] + 60_000;
      lendingCrm?.admin.reset();
      lendingCrm?.admin.setFaults({ rateLimited: true, retryAfterS: 5 });

      const { body } = await fetchWithHeaders(gw, VIEW, { id });
      expect(body.errors).toBeUndefined();
      expect(body.data?.person.financialProfile?.fico).toBe(642);
      expect(body.extensions?.stale).toEqual(
        expect.arrayContaining([expect.objectContaining({ vendor: 'LENDING_CRM' })]),
      );
      expect(lendingCrm?.admin.calls().byStatus).toEqual({ '429': 1 });
    } finally {
      lendingCrm?.admin.clearFaults();
      await gw.close();
    }
  });
});
