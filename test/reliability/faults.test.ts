import Keyv from 'keyv';
import { startSandboxes } from '../../simulators';
import type { RunningSandboxes } from '../../simulators';
import type { FaultUpdate } from '../../simulators/kit/faults';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { SANDBOX_OF } from '../../src/embedded';
import { VENDOR_IDS } from '../../src/domain/vendor';
import type { VendorId } from '../../src/domain/vendor';
import { DEFAULT_QUERY } from '../../src/graphiql';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/**
 * Each fault the chaos run plays, at each vendor in turn, through the combined view: the faulty
 * vendor costs only its own fields, with the error code a client can act on, and the other four
 * vendors' data arrives whole.
 */

interface View {
  findPeople: {
    financialProfile: { fico: number | null } | null;
    leads: { vendor: string }[];
    creditReports: unknown[];
    applications: unknown[];
    policies: unknown[];
  }[];
}
type Person = View['findPeople'][number];

/** Whether a vendor's part of the showcase person's view arrived. */
const PRESENT: Record<VendorId, (person: Person) => boolean> = {
  AMERICOR: (p) => p.leads.some((l) => l.vendor === 'AMERICOR'),
  CREDIT_PROS: (p) => p.creditReports.length > 0,
  LENDING_CRM: (p) => p.financialProfile !== null,
  APITURE: (p) => p.applications.length > 0,
  AGENCYZOOM: (p) => p.policies.length > 0,
};

/** Vendors whose credentials are static (configured), so a revocation cannot be healed by logging in again. */
const STATIC_CREDENTIALS = new Set<VendorId>(['CREDIT_PROS', 'LENDING_CRM', 'APITURE']);

interface Fault {
  name: string;
  faults: FaultUpdate;
  /** The code the faulty vendor's fields carry, or null when the gateway heals it unseen. */
  code: (vendor: VendorId) => string | null;
}

const FAULTS: Fault[] = [
  {
    name: 'down (503)',
    faults: { errorRate: 1, errorStatus: 503 },
    code: () => 'VENDOR_UNAVAILABLE',
  },
  { name: 'slow past the timeout', faults: { latencyMs: 600 }, code: () => 'VENDOR_TIMEOUT' },
  {
    name: 'a burst of 500s',
    faults: { errorRate: 1, errorStatus: 500 },
    code: () => 'VENDOR_UNAVAILABLE',
  },
  {
    name: '429 storm with Retry-After',
    faults: { rateLimited: true, retryAfterS: 1 },
    code: () => 'VENDOR_RATE_LIMITED',
  },
  {
    name: 'token revoked',
    faults: { revokeTokens: true },
    code: (vendor) => (STATIC_CREDENTIALS.has(vendor) ? 'VENDOR_AUTH_FAILED' : null),
  },
  {
    name: 'malformed JSON bodies',
    faults: { malformedRate: 1 },
    code: () => 'VENDOR_UNAVAILABLE',
  },
];

describe('vendor faults through the combined view', () => {
  let sandboxes: RunningSandboxes;
  const identityStore = new Keyv();

  /** A fresh gateway (no open circuit, pause or cached token carried over), sharing the identity store. */
  const gateway = () =>
    startTestGateway({
      env: { CACHE: 'off', REQUEST_TIMEOUT_MS: '4000' },
      existingSandboxes: sandboxes,
      identityStore,
      clientDeps: {
        ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }),
        tuning: { timeoutMs: 300, backoffInitialMs: 20, backoffMaxMs: 100, breakerFailures: 1_000 },
      },
    });
  const sandboxOf = (vendor: VendorId) => sandboxes.sandboxes[SANDBOX_OF[vendor]]!;

  beforeAll(async () => {
    sandboxes = await startSandboxes({
      size: 40,
      ports: { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 },
      rateLimits: { agencyZoom: null },
    });
    // The Apiture index (kept in the shared identity store) finds the showcase applications.
    const first = await gateway();
    while (!(await first.app.indexer.runOnce()).sweepDone);
    await first.close();
  });
  afterAll(() => sandboxes.close());

  const cases = FAULTS.flatMap((fault) =>
    VENDOR_IDS.map((vendor) => [fault.name, vendor, fault] as const),
  );

  it.each(cases)('%s at %s', async (_name, vendor, fault) => {
    const gw: TestGateway = await gateway();
    try {
      // Tokens first, so a revocation hits credentials already in use ("mid-run").
      await gw.query(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
      sandboxOf(vendor).admin.setFaults(fault.faults);
      const { status, body } = await gw.query<View>(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
      expect(status).toBe(200);
      const [person] = body.data?.findPeople ?? [];
      expect(person).toBeDefined();
      for (const other of VENDOR_IDS.filter((v) => v !== vendor))
        expect([other, PRESENT[other](person)]).toEqual([other, true]);
      const expected = fault.code(vendor);
      if (expected === null) {
        expect(body.errors).toBeUndefined();
        expect(PRESENT[vendor](person)).toBe(true);
        return;
      }
      expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.vendor])).toEqual([
        [expected, vendor],
      ]);
      expect(PRESENT[vendor](person)).toBe(false);
      if (expected === 'VENDOR_RATE_LIMITED')
        expect(body.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
    } finally {
      sandboxOf(vendor).admin.clearFaults();
      await gw.close();
    }
  });
});
