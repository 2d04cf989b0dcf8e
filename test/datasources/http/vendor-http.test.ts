import { z } from 'zod';
import { TokenAuth, StaticAuth } from '../../../datasources/http/auth';
import type { CallContext } from '../../../datasources/http/context';
import { VendorRateLimiter } from '../../../datasources/http/rate-limit';
import { VendorHttp } from '../../../datasources/http/vendor-http';
import type { VendorHttpOptions } from '../../../datasources/http/vendor-http';
import { createLogger } from '../../../src/logger';
import { Metrics } from '../../../src/metrics';
import { createSandbox } from '../../../simulators/kit/sandbox';
import type { Sandbox } from '../../../simulators/kit/sandbox';
import { LogCapture } from '../../helpers/logs';

/**
 * The shared vendor HTTP layer against a real HTTP server (a bare sandbox with a few routes):
 * what is retried and what is not, the circuit, Retry-After, the deadline, credentials and logs.
 */

const SECRET = 'static-secret-key-123';
const ctx = (ms = 5_000): CallContext => ({ deadline: Date.now() + ms });

let sandbox: Sandbox;
let url: string;
let logs: LogCapture;
let logins = 0;

beforeAll(async () => {
  sandbox = createSandbox({ name: 'test' });
  const app = sandbox.app;
  app.post('/login', async () => {
    logins += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { token: sandbox.admin.tokens.issue('gateway', 3600) };
  });
  app.get('/protected', async (request, reply) => {
    const token = String(request.headers.authorization ?? '').replace('Bearer ', '');
    if (sandbox.admin.tokens.check(token) !== 'valid')
      return reply.code(401).send({ message: 'Unauthenticated' });
    return { ok: true };
  });
  app.get('/items/:id', async (request, reply) => {
    if (request.headers['x-api-key'] !== SECRET) return reply.code(401).send();
    const { id } = request.params as { id: string };
    if (id === 'missing') return reply.code(404).send({ message: 'not found' });
    return { id, name: 'Item' };
  });
  app.post('/items', async (request, reply) => {
    const body = request.body as { name?: string };
    if (!body?.name)
      return reply.code(422).send({ errors: { name: ['The name jane@example.com is invalid'] } });
    return reply.code(201).send({ id: '1' });
  });
  url = await sandbox.listen(0);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.admin.reset();
  logins = 0;
});

function client(overrides: Partial<VendorHttpOptions> = {}): VendorHttp {
  logs = new LogCapture();
  return new VendorHttp({
    vendor: 'CREDIT_PROS',
    baseUrl: url,
    auth: new StaticAuth({ 'x-api-key': SECRET }),
    limiter: new VendorRateLimiter({
      vendor: 'CREDIT_PROS',
      credential: SECRET,
      policy: () => ({ limit: 1000, windowMs: 60_000 }),
    }),
    logger: createLogger({ level: 'debug', destination: logs }),
    metrics: new Metrics(),
    backoffInitialMs: 10,
    backoffMaxMs: 50,
    timeoutMs: 500,
    halfOpenAfterMs: 300,
    breakerFailures: 3,
    readError: (_status, body) => {
      const errors = (body as { errors?: Record<string, string[]> } | null)?.errors ?? {};
      return {
        fields: Object.entries(errors).map(([field, messages]) => ({
          field,
          message: messages[0] ?? '',
        })),
      };
    },
    ...overrides,
  });
}

const item = z.object({ id: z.string(), name: z.string() });
const getItem = (id: string) => ({
  endpoint: 'GET /items/{id}',
  method: 'GET' as const,
  path: `/items/${id}`,
  idempotent: true,
  resource: 'item',
});

describe('VendorHttp', () => {
  it('reads and validates JSON', async () => {
    const http = client();
    const { data } = await http.sendJson(getItem('7'), item, ctx());
    expect(data).toEqual({ id: '7', name: 'Item' });
    await http.close();
  });

  it('retries a read on 5xx, then gives up with VENDOR_UNAVAILABLE', async () => {
    const http = client();
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    await expect(http.send(getItem('7'), ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      vendor: 'CREDIT_PROS',
    });
    expect(sandbox.admin.calls().byEndpoint['GET /items/{id}']).toBe(3);
    await http.close();
  });

  it('never repeats a POST that may have reached the vendor (5xx, timeout)', async () => {
    const http = client({ breakerFailures: 100 });
    const post = {
      endpoint: 'POST /items',
      method: 'POST' as const,
      path: '/items',
      body: { name: 'x' },
      idempotent: false,
    };
    sandbox.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(http.send(post, ctx())).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(sandbox.admin.calls().byEndpoint['POST /items']).toBe(1);
    sandbox.admin.setFaults({ errorRate: 0, latencyMs: 800 });
    await expect(http.send(post, ctx())).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT' });
    expect(sandbox.admin.calls().byEndpoint['POST /items']).toBe(2);
    await http.close();
  });

  it('honours Retry-After on 429 and succeeds afterwards', async () => {
    const http = client();
    sandbox.admin.setFaults({ rateLimited: 1, retryAfterS: 1 });
    const started = Date.now();
    const { data } = await http.sendJson(getItem('8'), item, ctx());
    expect(data.id).toBe('8');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.admin.calls().byStatus).toEqual({ '200': 1, '429': 1 });
    await http.close();
  });

  it('answers VENDOR_RATE_LIMITED with retryAfterMs when Retry-After is past the deadline', async () => {
    const http = client();
    sandbox.admin.setFaults({ rateLimited: true, retryAfterS: 30 });
    await expect(http.send(getItem('8'), ctx(2_000))).rejects.toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      extensions: expect.objectContaining({ retryAfterMs: 30_000 }) as unknown,
    });
    expect(sandbox.admin.calls().total).toBe(1);
    await http.close();
  });

  it('opens the circuit after repeated failures, fails fast, and closes after a good probe', async () => {
    const http = client({ maxAttempts: 1 });
    sandbox.admin.setFaults({ errorRate: 1 });
    for (let i = 0; i < 3; i++)
      await expect(http.send(getItem('1'), ctx())).rejects.toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
      });
    expect((await http.health()).circuit).toBe('OPEN');
    await expect(http.send(getItem('1'), ctx())).rejects.toThrow(/circuit open/);
    expect(sandbox.admin.calls().total).toBe(3);
    sandbox.admin.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(http.send(getItem('1'), ctx())).resolves.toMatchObject({ status: 200 });
    expect((await http.health()).circuit).toBe('CLOSED');
    await http.close();
  });

  it('maps 404 to NOT_FOUND and 422 to VENDOR_REJECTED with our field names and no personal values', async () => {
    const http = client();
    await expect(http.send(getItem('missing'), ctx())).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The Credit Pros has no such item',
    });
    const error = await http
      .send(
        {
          endpoint: 'POST /items',
          method: 'POST',
          path: '/items',
          body: {},
          idempotent: false,
          fieldMap: { name: ['input', 'firstName'] },
        },
        ctx(),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VENDOR_REJECTED',
      fields: [{ path: ['input', 'firstName'], message: 'The name … is invalid' }],
    });
    await http.close();
  });

  it('treats an unreadable body as unavailable and retries reads', async () => {
    const http = client();
    sandbox.admin.setFaults({ malformedRate: 1 });
    await expect(http.sendJson(getItem('1'), item, ctx())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    await http.close();
  });

  it('fails with VENDOR_TIMEOUT without calling when the deadline has passed', async () => {
    const http = client();
    await expect(http.send(getItem('1'), { deadline: Date.now() - 1 })).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
    expect(sandbox.admin.calls().total).toBe(0);
    await http.close();
  });

  it('logs in once for 20 concurrent calls, and once more after the token is revoked', async () => {
    const auth = new TokenAuth({
      login: async (c) => {
        const { data } = await http.sendJson(
          {
            endpoint: 'POST /login',
            method: 'POST',
            path: '/login',
            body: {},
            idempotent: false,
            auth: false,
          },
          z.object({ token: z.string() }),
          c,
        );
        return { token: data.token, expiresAtMs: Date.now() + 3_600_000 };
      },
    });
    const http = client({ auth, maxConcurrency: 4 });
    const protectedCall = {
      endpoint: 'GET /protected',
      method: 'GET' as const,
      path: '/protected',
      idempotent: true,
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => http.send(protectedCall, ctx())),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(logins).toBe(1);
    sandbox.admin.setFaults({ revokeTokens: true });
    await expect(http.send(protectedCall, ctx())).resolves.toMatchObject({ status: 200 });
    expect(logins).toBe(2);
    expect(logs.text()).not.toContain(SECRET);
    await http.close();
  });

  it('reports VENDOR_AUTH_FAILED when static credentials are refused, without logging them', async () => {
    const http = client({ auth: new StaticAuth({ 'x-api-key': 'wrong-key-456' }) });
    await expect(http.send(getItem('1'), ctx())).rejects.toMatchObject({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(logs.text()).not.toContain('wrong-key-456');
    expect(logs.text()).toContain('GET /items/{id}');
    expect(logs.text()).not.toContain('/items/1');
    await http.close();
  });
});

describe('VendorRateLimiter', () => {
  it('lets no more than the limit through in a window and queues the rest into the next', async () => {
    const limiter = new VendorRateLimiter({
      vendor: 'AGENCYZOOM',
      credential: 'c',
      policy: () => ({ limit: 5, windowMs: 1_000 }),
    });
    const stamps: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.take(ctx(5_000)).then(() => stamps.push(Date.now())),
      ),
    );
    const perWindow = new Map<number, number>();
    for (const t of stamps)
      perWindow.set(Math.floor(t / 1_000), (perWindow.get(Math.floor(t / 1_000)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
    expect(stamps).toHaveLength(12);
  });

  it('refuses at once, with retryAfterMs, a caller the queue cannot serve before its deadline', async () => {
    const limiter = new VendorRateLimiter({
      vendor: 'AGENCYZOOM',
      credential: 'c',
      policy: () => ({ limit: 2, windowMs: 60_000 }),
    });
    await limiter.take(ctx());
    await limiter.take(ctx());
    const started = Date.now();
    await expect(limiter.take(ctx(1_000))).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(Date.now() - started).toBeLessThan(100);
    expect(await limiter.remaining()).toBe(0);
  });

  it('refuses a caller that may wait less than its turn needs (maxWaitMs), though its deadline would allow', async () => {
    const limiter = new VendorRateLimiter({
      vendor: 'AGENCYZOOM',
      credential: 'c',
      policy: () => ({ limit: 1, windowMs: 10_000 }),
    });
    await limiter.take(ctx());
    await expect(limiter.take({ ...ctx(60_000), maxWaitMs: 1_000 })).rejects.toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      notSent: true,
    });
    expect(await limiter.remaining()).toBe(0);
  });

  it('counts a call made at the very end of a window against the next window too', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0) + 950;
    const limiter = new VendorRateLimiter({
      vendor: 'AGENCYZOOM',
      credential: 'c',
      policy: () => ({ limit: 2, windowMs: 1_000 }),
      clock: () => now,
    });
    await limiter.take(ctx());
    now += 50; // the next window
    expect(await limiter.remaining()).toBe(1);
  });
});

describe('TokenAuth', () => {
  const MARGIN_MS = 60_000;
  let now = 1_000_000;
  let logins = 0;
  let release: (() => void) | null = null;
  const auth = (): TokenAuth =>
    new TokenAuth({
      clock: () => now,
      refreshMarginMs: MARGIN_MS,
      login: async () => {
        logins += 1;
        const token = `t${logins}`;
        await new Promise<void>((resolve) => (release = resolve));
        return { token, expiresAtMs: now + 600_000 };
      },
    });
  const bearer = (headers: Record<string, string>) => headers.authorization;
  const ctx = () => ({ deadline: Date.now() + 5_000 });

  beforeEach(() => {
    logins = 0;
    release = null;
  });

  it('logs in on warmUp, then renews in the background inside the margin while calls keep the token', async () => {
    const tokens = auth();
    const warming = tokens.warmUp(ctx());
    release?.();
    await warming;
    expect(logins).toBe(1);
    expect(bearer(await tokens.headers(ctx()))).toBe('Bearer t1');

    // Inside the margin: every call is answered at once with the old token; one renewal starts.
    now += 600_000 - MARGIN_MS + 1;
    const answers = await Promise.all([tokens.headers(ctx()), tokens.headers(ctx())]);
    expect(answers.map(bearer)).toEqual(['Bearer t1', 'Bearer t1']);
    expect(logins).toBe(2);
    release?.();
    await tokens.warmUp(ctx());
    expect(bearer(await tokens.headers(ctx()))).toBe('Bearer t2');
    expect(logins).toBe(2);
  });

  it('makes calls wait for a login once the token has expired', async () => {
    const tokens = auth();
    const warming = tokens.warmUp(ctx());
    release?.();
    await warming;
    now += 600_000;
    let answered = false;
    const call = tokens.headers(ctx()).then((h) => {
      answered = true;
      return h;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    release?.();
    expect(bearer(await call)).toBe('Bearer t2');
  });
});
