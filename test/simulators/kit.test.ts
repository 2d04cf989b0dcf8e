import { createSandbox } from '../../simulators/kit/sandbox';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { FixedWindowLimiter, hourIn } from '../../simulators/kit/rate-limit';
import { TokenStore } from '../../simulators/kit/tokens';

/**
 * The admin API every sandbox shares, over HTTP, on a bare sandbox with two routes: counters,
 * the request log, reset, every fault knob, the rate-limit endpoint and input validation.
 */

let sandbox: Sandbox;
let url: string;

const admin = (path: string, init?: RequestInit) => fetch(`${url}/__admin${path}`, init);
const setFaults = (body: unknown) =>
  admin('/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  sandbox = createSandbox({
    name: 'kit',
    errorBody: (status) => ({ error: 'vendor says no', status }),
    rateLimitBody: (retryAfterS) => ({ error: 'slow down', retryAfterS }),
  });
  sandbox.app.get('/things/:id', async (request) => ({
    id: (request.params as { id: string }).id,
  }));
  sandbox.app.post('/things', async () => ({ created: true }));
  url = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await admin('/reset', { method: 'POST' });
});

describe('sandbox admin API', () => {
  it('counts calls by endpoint template and status, keeps a request log, and resets', async () => {
    await fetch(`${url}/things/1`);
    await fetch(`${url}/things/2?x=1`);
    await fetch(`${url}/things`, { method: 'POST' });
    await fetch(`${url}/nowhere`);
    const calls = (await (await admin('/calls')).json()) as Record<string, unknown>;
    expect(calls).toEqual({
      total: 4,
      byEndpoint: { 'GET /things/{id}': 2, 'POST /things': 1, 'GET (unmatched)': 1 },
      byStatus: { '200': 3, '404': 1 },
    });
    const { requests } = (await (await admin('/requests')).json()) as {
      requests: { path: string; query: string; status: number }[];
    };
    expect(requests.map((r) => [r.path, r.query, r.status])).toEqual([
      ['/things/1', '', 200],
      ['/things/2', 'x=1', 200],
      ['/things', '', 200],
      ['/nowhere', '', 404],
    ]);
    expect((await admin('/reset', { method: 'POST' })).status).toBe(204);
    expect(await (await admin('/calls')).json()).toEqual({
      total: 0,
      byEndpoint: {},
      byStatus: {},
    });
  });

  it('injects 5xx at the chosen rate and status in the vendor shape', async () => {
    await setFaults({ errorRate: 1, errorStatus: 502 });
    const response = await fetch(`${url}/things/1`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'vendor says no', status: 502 });
    await admin('/faults', { method: 'DELETE' });
    expect((await fetch(`${url}/things/1`)).status).toBe(200);
  });

  it('adds latency plus jitter', async () => {
    await setFaults({ latencyMs: 150, jitterMs: 50 });
    const started = performance.now();
    await fetch(`${url}/things/1`);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('hangs calls until faults are cleared', async () => {
    await setFaults({ hang: true });
    await expect(fetch(`${url}/things/1`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const pending = fetch(`${url}/things/2`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin('/faults', { method: 'DELETE' });
    // The dropped call fails on the client side (fetch's own error).
    expect(await pending).toHaveProperty('message', 'fetch failed');
    expect((await fetch(`${url}/things/3`)).status).toBe(200);
  });

  it('answers 429 bursts with Retry-After, for a count or until cleared', async () => {
    await setFaults({ rateLimited: 2, retryAfterS: 7 });
    const first = await fetch(`${url}/things/1`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toEqual({ error: 'slow down', retryAfterS: 7 });
    expect((await fetch(`${url}/things/1`)).status).toBe(429);
    expect((await fetch(`${url}/things/1`)).status).toBe(200);
    await setFaults({ rateLimited: true });
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/things/1`)).status).toBe(429);
  });

  it('cuts JSON bodies short at the malformed rate', async () => {
    await setFaults({ malformedRate: 1 });
    const text = await (await fetch(`${url}/things/1`)).text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('revokes issued tokens once and refuses static credentials while set', async () => {
    const token = sandbox.admin.tokens.issue('gateway', 3600);
    expect(sandbox.admin.staticCredentialsRevoked()).toBe(false);
    await setFaults({ revokeTokens: true });
    expect(sandbox.admin.tokens.check(token)).toBe('revoked');
    expect(sandbox.admin.staticCredentialsRevoked()).toBe(true);
    const fresh = sandbox.admin.tokens.issue('gateway', 3600);
    expect(sandbox.admin.tokens.check(fresh)).toBe('valid');
    await admin('/faults', { method: 'DELETE' });
    expect(sandbox.admin.staticCredentialsRevoked()).toBe(false);
  });

  it('refuses unknown or bad fault settings with a message naming them', async () => {
    const bad = await setFaults({ errorRate: 3 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'errorRate must be a number between 0 and 1' });
    expect(await (await setFaults({ nope: 1 })).json()).toEqual({
      error: 'unknown fault setting "nope"',
    });
    expect(await (await setFaults({ errorStatus: 404 })).json()).toEqual({
      error: 'errorStatus must be an integer 5xx status',
    });
    expect((await (await admin('/faults')).json()) as Record<string, unknown>).toMatchObject({
      errorRate: 0,
    });
  });

  it('enforces a configured call limit per window and lifts it', async () => {
    const put = (body: unknown) =>
      admin('/rate-limit', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ limit: 2, windowMs: 60_000 })).status).toBe(204);
    expect((await fetch(`${url}/things/1`)).status).toBe(200);
    expect((await fetch(`${url}/things/1`)).status).toBe(200);
    const refused = await fetch(`${url}/things/1`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await put({ limit: 0 })).status).toBe(400);
    expect((await put({ limit: null })).status).toBe(204);
    expect((await fetch(`${url}/things/1`)).status).toBe(200);
  });
});

describe('kit building blocks', () => {
  it('counts fixed windows aligned to the window length', () => {
    const limiter = new FixedWindowLimiter(() => ({ limit: 2, windowMs: 60_000 }));
    const minute = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(limiter.take(minute + 59_000)?.allowed).toBe(true);
    expect(limiter.take(minute + 59_500)?.allowed).toBe(true);
    expect(limiter.take(minute + 59_900)).toMatchObject({ allowed: false, resetInMs: 100 });
    expect(limiter.take(minute + 60_000)?.allowed).toBe(true);
  });

  it('reads the hour in a time zone, DST included', () => {
    expect(hourIn('America/Chicago', Date.UTC(2026, 0, 15, 4, 30))).toBe(22); // CST, UTC-6
    expect(hourIn('America/Chicago', Date.UTC(2026, 6, 15, 3, 30))).toBe(22); // CDT, UTC-5
  });

  it('expires tokens against the injected clock', () => {
    let now = 1_000_000;
    const tokens = new TokenStore(() => now);
    const token = tokens.issue('x', 10);
    expect(tokens.check(token)).toBe('valid');
    now += 10_000;
    expect(tokens.check(token)).toBe('expired');
    expect(tokens.check('nope')).toBe('unknown');
  });
});
