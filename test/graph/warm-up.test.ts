import { startSandboxes } from '../../simulators';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';
import { waitFor } from '../helpers/wait';

/**
 * Start-up warm-up: the gateway logs in to Americor and AgencyZoom and reads AgencyZoom's carriers
 * before any request, so the first combined view waits for none of them.
 */

const AMERICOR_LOGIN = 'POST /v1/authentication/token';
const AGENCYZOOM_LOGIN = 'POST /v1/api/auth/login';
const AGENCYZOOM_CARRIERS = 'GET /v1/api/carriers';

const logged = (gw: TestGateway, msg: string) => gw.logs.entries().find((e) => e.msg === msg);

describe('vendor warm-up at start', () => {
  let gw: TestGateway | undefined;

  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('logs in and reads the carriers before the first request, which then makes neither call', async () => {
    const running = await startSandboxes({
      size: 60,
      ports: { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 },
      rateLimits: { agencyZoom: null },
    });
    try {
      // A slow AgencyZoom login: the warm-up is still under way when the gateway listens.
      running.sandboxes.agencyZoom?.admin.setFaults({ latencyMs: 500 });
      gw = await startTestGateway({ existingSandboxes: running, warmUp: true });
      const readiness = async () => {
        const response = await fetch(`${gw?.url}/readyz`);
        return {
          code: response.status,
          status: ((await response.json()) as { status: string }).status,
        };
      };
      expect(await readiness()).toEqual({ code: 503, status: 'warming_up' });
      const current = gw;
      await waitFor(
        () => logged(current, 'vendors warmed up') !== undefined,
        10_000,
        'the warm-up',
      );
      expect(await readiness()).toEqual({ code: 200, status: 'ready' });
      running.sandboxes.agencyZoom?.admin.clearFaults();

      const sandboxes = gw.sandboxes?.sandboxes;
      const calls = (vendor: 'americor' | 'agencyZoom', endpoint: string) =>
        sandboxes?.[vendor]?.admin.calls().byEndpoint[endpoint] ?? 0;
      expect(calls('americor', AMERICOR_LOGIN)).toBe(1);
      expect(calls('agencyZoom', AGENCYZOOM_LOGIN)).toBe(1);
      expect(calls('agencyZoom', AGENCYZOOM_CARRIERS)).toBe(1);

      const { body } = await gw.query<{ findPeople: { policies: { carrier: unknown }[] }[] }>(
        DEFAULT_QUERY,
        { email: SHOWCASE_EMAIL },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.findPeople[0]?.policies.length).toBeGreaterThan(0);
      expect(calls('americor', AMERICOR_LOGIN)).toBe(1);
      expect(calls('agencyZoom', AGENCYZOOM_LOGIN)).toBe(1);
      expect(calls('agencyZoom', AGENCYZOOM_CARRIERS)).toBe(1);
    } finally {
      await gw?.close();
      gw = undefined;
      await running.close();
    }
  });

  it('logs which vendor could not be warmed up and why, without its credentials, and goes on', async () => {
    gw = await startTestGateway({
      sandboxes: { size: 60, rateLimits: { agencyZoom: null } },
      warmUp: true,
      env: { AMERICOR_PUBLIC_KEY: 'not-the-key-4417' },
    });
    const current = gw;
    await waitFor(
      () => logged(current, 'vendor warm-up incomplete') !== undefined,
      10_000,
      'the warm-up',
    );
    expect(logged(current, 'vendor warm-up incomplete')?.failed).toEqual([
      { vendor: 'AMERICOR', code: 'VENDOR_AUTH_FAILED' },
    ]);
    expect(gw.logs.text()).not.toContain('not-the-key-4417');
    expect(gw.sandboxes?.sandboxes.agencyZoom?.admin.calls().byEndpoint[AGENCYZOOM_LOGIN]).toBe(1);
    const { status } = await gw.query(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
    expect(status).toBe(200);
  });
});
