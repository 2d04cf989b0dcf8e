import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { NO_FAULTS, parseFaultUpdate } from './faults';
import type { FaultSettings, FaultUpdate } from './faults';
import { FixedWindowLimiter, constantPolicy } from './rate-limit';
import type { RateLimitPolicy, RateLimitRule } from './rate-limit';
import { TokenStore } from './tokens';

/** The admin API lives under this prefix on every sandbox; it is never counted, faulted or limited. */
export const ADMIN_PREFIX = '/__admin';

/** Requests kept in the request log (oldest dropped first). */
const REQUEST_LOG_CAPACITY = 10_000;

export interface CallCounts {
  total: number;
  /** Keyed by method and path template, e.g. `GET /clients/{id}`. */
  byEndpoint: Record<string, number>;
  /** Keyed by status code; calls still hanging are not listed. */
  byStatus: Record<string, number>;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  /** Endpoint key as in `CallCounts.byEndpoint`. */
  endpoint: string;
  /** null while the call hangs or when the client went away first. */
  status: number | null;
  /** ISO time the call arrived (sandbox clock). */
  time: string;
  durationMs: number | null;
}

export interface SandboxOptions {
  /** Short vendor name used in logs and the admin API, e.g. `agencyzoom`. */
  name: string;
  /** Milliseconds since the epoch; inject to test time-dependent rules (token expiry, night limits). */
  clock?: () => number;
  /** Vendor call limit; omitted or null means no limit (the default for every vendor but AgencyZoom). */
  rateLimit?: RateLimitPolicy | RateLimitRule | null;
  /** The vendor's body for a 429 (real or injected). */
  rateLimitBody?: (retryAfterS: number) => unknown;
  /** The vendor's body for an injected 5xx. */
  errorBody?: (status: number) => unknown;
  /** Source of randomness for fault injection (error rate, jitter, malformed bodies). */
  random?: () => number;
}

export interface Sandbox {
  readonly name: string;
  readonly app: FastifyInstance;
  readonly admin: SandboxAdmin;
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:4105`. */
  listen(port?: number, host?: string): Promise<string>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

/**
 * The in-process admin API of a sandbox, the same operations as `/__admin` over HTTP.
 */
export class SandboxAdmin {
  readonly tokens: TokenStore;
  private counts: CallCounts = { total: 0, byEndpoint: {}, byStatus: {} };
  private log: RequestLogEntry[] = [];
  private current: FaultSettings = { ...NO_FAULTS };
  private readonly limiter: FixedWindowLimiter;
  private readonly hanging = new Set<FastifyRequest>();

  constructor(
    readonly clock: () => number,
    private defaultPolicy: RateLimitPolicy | null,
  ) {
    this.tokens = new TokenStore(clock);
    this.limiter = new FixedWindowLimiter(defaultPolicy);
  }

  calls(): CallCounts {
    return structuredClone(this.counts);
  }

  requests(): RequestLogEntry[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /** Clears counters, the request log, faults and rate-limit windows (issued tokens stay valid). */
  reset(): void {
    this.counts = { total: 0, byEndpoint: {}, byStatus: {} };
    this.log = [];
    this.clearFaults();
    this.limiter.reset();
  }

  faults(): FaultSettings {
    return { ...this.current };
  }

  setFaults(update: FaultUpdate): FaultSettings {
    if (update.revokeTokens && !this.current.revokeTokens) this.tokens.revokeAll();
    this.current = { ...this.current, ...update };
    if (update.hang === false) this.releaseHanging();
    return this.faults();
  }

  clearFaults(): void {
    this.current = { ...NO_FAULTS };
    this.releaseHanging();
  }

  /** Replaces the rate-limit rule (null: no limit) and starts a fresh window. */
  setRateLimit(rule: RateLimitPolicy | RateLimitRule | null): void {
    this.defaultPolicy = toPolicy(rule);
    this.limiter.setPolicy(this.defaultPolicy);
  }

  /** True while static credentials (API keys, configured bearer tokens) must be refused. */
  staticCredentialsRevoked(): boolean {
    return this.current.revokeTokens;
  }

  // ---- used by the request hooks ----

  /** @internal */
  record(entry: RequestLogEntry): void {
    this.counts.total += 1;
    this.counts.byEndpoint[entry.endpoint] = (this.counts.byEndpoint[entry.endpoint] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_CAPACITY) this.log.shift();
  }

  /** @internal */
  recordStatus(entry: RequestLogEntry, status: number, durationMs: number): void {
    entry.status = status;
    entry.durationMs = durationMs;
    const key = String(status);
    this.counts.byStatus[key] = (this.counts.byStatus[key] ?? 0) + 1;
  }

  /** @internal */
  takeRateLimit(): ReturnType<FixedWindowLimiter['take']> {
    return this.limiter.take(this.clock());
  }

  /** @internal Consumes one injected 429 if any is due. */
  takeInjected429(): boolean {
    const r = this.current.rateLimited;
    if (r === true) return true;
    if (typeof r === 'number' && r > 0) {
      this.current.rateLimited = r - 1 === 0 ? false : r - 1;
      return true;
    }
    return false;
  }

  /** @internal */
  hang(request: FastifyRequest): Promise<never> {
    this.hanging.add(request);
    return new Promise<never>(() => undefined);
  }

  private releaseHanging(): void {
    // A hung call is dropped, as a vendor's load balancer would after its own timeout.
    for (const request of this.hanging) request.raw.socket?.destroy();
    this.hanging.clear();
  }

  /** @internal */
  forgetHanging(request: FastifyRequest): void {
    this.hanging.delete(request);
  }
}

function toPolicy(
  rule: RateLimitPolicy | RateLimitRule | null | undefined,
): RateLimitPolicy | null {
  if (!rule) return null;
  return typeof rule === 'function' ? rule : constantPolicy(rule);
}

/** `/clients/:id` -> `/clients/{id}`, the notation of the vendor docs. */
function templateOf(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  if (!url) return '(unmatched)';
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

interface CallState {
  entry: RequestLogEntry;
  startedAt: number;
}

const callState = new WeakMap<FastifyRequest, CallState>();

/**
 * Creates a sandbox: a Fastify app with the admin API, counters, faults and the rate limiter
 * installed as hooks. The vendor module adds its own routes to `sandbox.app` before `listen`.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const admin = new SandboxAdmin(clock, toPolicy(options.rateLimit));
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 5 * 1024 * 1024 });
  const rateLimitBody = options.rateLimitBody ?? (() => ({ message: 'Too Many Requests' }));
  const errorBody =
    options.errorBody ?? ((status: number) => ({ message: `Server error ${status}` }));

  // Vendors send `Content-Type: application/json` on bodiless GETs and DELETEs; accept an empty body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = new Error('Request body is not valid JSON') as Error & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });

  const isAdmin = (request: FastifyRequest): boolean => request.url.startsWith(ADMIN_PREFIX);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isAdmin(request)) return;
    const [path = '', query = ''] = request.url.split('?', 2);
    const entry: RequestLogEntry = {
      method: request.method,
      path,
      query,
      endpoint: `${request.method} ${templateOf(request)}`,
      status: null,
      time: new Date(clock()).toISOString(),
      durationMs: null,
    };
    admin.record(entry);
    callState.set(request, { entry, startedAt: performance.now() });

    const faults = admin.faults();
    if (faults.hang) return admin.hang(request);

    const decision = admin.takeRateLimit();
    if (decision && !decision.allowed) {
      const retryAfterS = Math.max(Math.ceil(decision.resetInMs / 1000), 1);
      return reply
        .code(429)
        .header('retry-after', String(retryAfterS))
        .send(rateLimitBody(retryAfterS));
    }
    if (admin.takeInjected429()) {
      return reply
        .code(429)
        .header('retry-after', String(faults.retryAfterS))
        .send(rateLimitBody(faults.retryAfterS));
    }
    if (faults.errorRate > 0 && random() < faults.errorRate) {
      return reply.code(faults.errorStatus).send(errorBody(faults.errorStatus));
    }
    return undefined;
  });

  // Latency comes after the work, before the answer: like a real vendor, a write is done even when
  // the caller stopped waiting for its answer (a hang, above, is a request never worked on).
  app.addHook('onSend', async (request, reply, payload) => {
    if (isAdmin(request)) return payload;
    const { malformedRate, latencyMs, jitterMs } = admin.faults();
    const delay = latencyMs + (jitterMs > 0 ? random() * jitterMs : 0);
    if (delay > 0) await sleep(delay);
    const type = String(reply.getHeader('content-type') ?? '');
    if (malformedRate > 0 && type.includes('json') && random() < malformedRate) {
      const text = typeof payload === 'string' ? payload : '';
      // Cut the body short and leave an unterminated string: never valid JSON.
      return `${text.slice(0, Math.floor(text.length / 2))}{"truncated":"`;
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const state = callState.get(request);
    if (!state) return;
    admin.recordStatus(state.entry, reply.statusCode, performance.now() - state.startedAt);
  });

  app.addHook('onRequestAbort', async (request) => {
    admin.forgetHanging(request);
  });

  registerAdminRoutes(app, admin);

  let url: string | undefined;
  return {
    name: options.name,
    app,
    admin,
    get url() {
      return url;
    },
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address() as AddressInfo;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      return url;
    },
    async close() {
      admin.clearFaults();
      await app.close();
    },
  };
}

function registerAdminRoutes(app: FastifyInstance, admin: SandboxAdmin): void {
  app.get(`${ADMIN_PREFIX}/calls`, async () => admin.calls());
  app.get(`${ADMIN_PREFIX}/requests`, async () => ({ requests: admin.requests() }));
  app.post(`${ADMIN_PREFIX}/reset`, async (_request, reply) => {
    admin.reset();
    return reply.code(204).send();
  });
  app.get(`${ADMIN_PREFIX}/faults`, async () => admin.faults());
  app.post(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const parsed = parseFaultUpdate(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.message });
    return admin.setFaults(parsed.value);
  });
  app.delete(`${ADMIN_PREFIX}/faults`, async (_request, reply) => {
    admin.clearFaults();
    return reply.code(204).send();
  });
  app.put(`${ADMIN_PREFIX}/rate-limit`, async (request, reply) => {
    const body = (request.body ?? {}) as { limit?: unknown; windowMs?: unknown };
    if (body.limit === null) {
      admin.setRateLimit(null);
      return reply.code(204).send();
    }
    const limit = body.limit;
    const windowMs = body.windowMs ?? 60_000;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
      return reply
        .code(400)
        .send({ error: 'limit must be a positive integer, or null for no limit' });
    }
    if (typeof windowMs !== 'number' || !Number.isInteger(windowMs) || windowMs < 1) {
      return reply.code(400).send({ error: 'windowMs must be a positive integer' });
    }
    admin.setRateLimit({ limit, windowMs });
    return reply.code(204).send();
  });
  app.get(`${ADMIN_PREFIX}/health`, async () => ({ ok: true }));
}
