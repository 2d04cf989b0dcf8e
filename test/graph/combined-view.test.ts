import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/**
 * The combined view of one person through the schema, against the five sandboxes: the mobile
 * screen in one round trip, and what a client gets when one vendor is down.
 */

interface CombinedView {
  findPeople: {
    id: string;
    fullName: string;
    emails: string[];
    sources: { vendor: string; id: string }[];
    financialProfile: { fico: number } | null;
    leads: { vendor: string; status: string; enrollment: { active: boolean } | null }[];
    creditReports: { bureau: string; negativeItems: unknown[] }[];
    applications: { state: string }[];
    policies: { status: string; carrier: { name: string } | null }[];
  }[];
}

const UNLIMITED = {
  ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }),
  tuning: { maxAttempts: 1, timeoutMs: 2_000 },
};

describe('the combined view of the showcase person', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      // Every query reaches the vendors: the shared cache has tests of its own.
      env: { CACHE: 'off' },
      sandboxes: { size: 120, rateLimits: { agencyZoom: null } },
      clientDeps: UNLIMITED,
    });
    // The Apiture index is what finds the showcase person's applications (Apiture cannot be searched).
    while (!(await gw.app.indexer.runOnce()).sweepDone);
  });
  afterAll(async () => {
    await gw.close();
  });

  beforeEach(() => {
    for (const sandbox of Object.values(gw.sandboxes?.sandboxes ?? {})) sandbox.admin.reset();
  });

  it('returns leads, credit reports, applications, policies and the financial profile from all five vendors', async () => {
    const { status, body } = await gw.query<CombinedView>(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const people = body.data?.findPeople ?? [];
    expect(people).toHaveLength(1);
    const [person] = people;
    expect(person?.fullName).toBe('Jordan Avery Rivera');
    expect(person?.emails).toContain(SHOWCASE_EMAIL);
    expect(new Set(person?.sources.map((s) => s.vendor))).toEqual(
      new Set(['AMERICOR', 'CREDIT_PROS', 'LENDING_CRM', 'APITURE', 'AGENCYZOOM']),
    );
    expect(person?.financialProfile?.fico).toBe(642);
    const leadVendors = new Set(person?.leads.map((l) => l.vendor));
    expect(leadVendors).toEqual(new Set(['AMERICOR', 'AGENCYZOOM']));
    expect(person?.leads.find((l) => l.vendor === 'AMERICOR')?.enrollment?.active).toBe(true);
    expect(new Set(person?.creditReports.map((r) => r.bureau))).toEqual(
      new Set(['EQUIFAX', 'EXPERIAN', 'TRANSUNION']),
    );
    expect(person?.creditReports.some((r) => r.negativeItems.length > 0)).toBe(true);
    expect(person?.applications.map((a) => a.state)).toEqual(
      expect.arrayContaining(['RUNNING', 'APPROVED']),
    );
    expect(person?.policies.map((p) => p.status)).toEqual(
      expect.arrayContaining(['ACTIVE', 'EXPIRED']),
    );
    expect(person?.policies.every((p) => p.carrier?.name)).toBe(true);
  });

  it('calls the vendors concurrently: the view takes about the slowest vendor, not the sum', async () => {
    await gw.query(DEFAULT_QUERY, { email: SHOWCASE_EMAIL }); // warm tokens and reference data
    for (const sandbox of Object.values(gw.sandboxes?.sandboxes ?? {}))
      sandbox.admin.setFaults({ latencyMs: 150 });
    const { body } = await gw.query<CombinedView>(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
    const log = Object.values(gw.sandboxes?.sandboxes ?? {}).flatMap((sandbox) =>
      sandbox.admin.requests(),
    );
    for (const sandbox of Object.values(gw.sandboxes?.sandboxes ?? {})) sandbox.admin.clearFaults();
    expect(body.data?.findPeople).toHaveLength(1);
    // Overlap, not timing: calls to different vendors were in flight at the same time.
    const spans = log.map(
      (r) => [Date.parse(r.time), Date.parse(r.time) + (r.durationMs ?? 0)] as const,
    );
    const overlapping = spans.filter(([start], i) =>
      spans.some(([s, e], j) => j !== i && s <= start && start < e),
    ).length;
    expect(overlapping).toBeGreaterThan(spans.length / 2);
  });

  it("with one vendor down, returns the other four and one error with that vendor's code", async () => {
    gw.sandboxes?.sandboxes.lendingCrm?.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    try {
      const { status, body } = await gw.query<CombinedView>(DEFAULT_QUERY, {
        email: SHOWCASE_EMAIL,
      });
      expect(status).toBe(200);
      const [person] = body.data?.findPeople ?? [];
      expect(person?.financialProfile).toBeNull();
      expect(person?.leads.length).toBeGreaterThan(0);
      expect(person?.creditReports.length).toBeGreaterThan(0);
      expect(person?.applications.length).toBeGreaterThan(0);
      expect(person?.policies.length).toBeGreaterThan(0);
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'LENDING_CRM',
      });
      expect(body.errors?.[0]?.message).not.toMatch(/http|127\.0\.0\.1|@/);
      expect(JSON.stringify(body.errors?.[0]?.extensions?.paths)).toContain('financialProfile');
    } finally {
      gw.sandboxes?.sandboxes.lendingCrm?.admin.clearFaults();
    }
  });

  it('refuses a search that cannot run, with the field path and no vendor call', async () => {
    const { body } = await gw.query('{ findPeople(match: { lastName: "Rivera" }) { id } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          path: ['match', 'dateOfBirth'],
          message: expect.stringContaining('required with lastName') as unknown,
        },
      ],
    });
    const calls = Object.values(gw.sandboxes?.sandboxes ?? {}).reduce(
      (sum, sandbox) => sum + sandbox.admin.calls().total,
      0,
    );
    expect(calls).toBe(0);
  });
});
