import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
} from 'cockatiel';
import type { BulkheadPolicy, CircuitBreakerPolicy, IRetryBackoffContext } from 'cockatiel';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { ZodType } from 'zod';
import type { VendorHealthModel } from '../../src/domain/models';
import { VENDORS } from '../../src/domain/vendor';
import type { VendorId } from '../../src/domain/vendor';
import type { FieldProblem } from '../../src/errors';
import type { Logger, RequestLogger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import type { VendorAuth } from './auth';
import type { CallContext } from './context';
import { VendorError, isVendorError, sanitizeVendorMessage, vendorErrors } from './errors';
import type { VendorRateLimiter } from './rate-limit';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface VendorRequest {
  /** Method and path template, for metrics and logs: `GET /clients/{id}`. Never the real path. */
  endpoint: string;
  method: HttpMethod;
  /** Path below the base URL, already encoded, without the query. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Safe to send again: reads and idempotent writes. Calls that are not are repeated only when the
   * vendor cannot have acted on them (connection refused, 429, refused credentials).
   */
  idempotent: boolean;
  /** Statuses handed back to the caller instead of thrown (e.g. 404 for an optional read, 304). */
  accept?: readonly number[];
  /** Send the client's credentials (default); false for the login call itself. */
  auth?: boolean;
  /** Our input path for each vendor field name, to map field validation errors. */
  fieldMap?: Record<string, string[]>;
  /** What a 404 means, for the NOT_FOUND message: `lead`, `client`, ... */
  resource?: string;
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text ('' when empty). */
  text: string;
}

/** A vendor's reading of an error answer: a different code, or field errors by vendor field name. */
export interface VendorErrorReading {
  code?: 'NOT_FOUND' | 'CONFLICT' | 'VENDOR_REJECTED' | 'VENDOR_AUTH_FAILED';
  fields?: { field: string; message: string }[];
}

export interface VendorHttpOptions {
  vendor: VendorId;
  baseUrl: string;
  /**
   * Whether `baseUrl` is the embedded sandbox or the vendor's API (reported by `health`);
   * `UNCONFIGURED` refuses every call with VENDOR_UNAVAILABLE and makes none.
   */
  mode?: 'SANDBOX' | 'REMOTE' | 'UNCONFIGURED';
  auth: VendorAuth;
  limiter: VendorRateLimiter;
  /** Statuses that mean "credentials refused" (default 401). */
  authFailureStatuses?: readonly number[];
  /** Reads a vendor's error body (the vendor's own shapes). */
  readError?: (status: number, body: unknown) => VendorErrorReading;
  /** Test seam: an undici dispatcher (e.g. MockAgent) instead of the client's own pool. */
  dispatcher?: Dispatcher;
  /** Per-attempt timeout in ms (default 5000); the caller's deadline may cut it shorter. */
  timeoutMs?: number;
  /** Concurrent calls in flight to this vendor (default 8); more wait in a queue of `maxQueue`. */
  maxConcurrency?: number;
  maxQueue?: number;
  /** Attempts of a retryable call, first included (default 3). */
  maxAttempts?: number;
  /** Backoff: first delay and cap in ms (defaults 100 and 2000), with full jitter. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Consecutive failures that open the circuit (default 5) and ms before a half-open probe (default 10000). */
  breakerFailures?: number;
  halfOpenAfterMs?: number;
  /** Largest body read, in bytes (default 10 MiB). */
  maxBodyBytes?: number;
  logger: Logger;
  metrics?: Metrics;
}

/** Errors of the network layer that prove the request never reached the vendor. */

function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}

async function readBody(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      throw new Error('response body too large');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP side every vendor client shares: one keep-alive pool, credentials, the rate limiter,
 * per-attempt timeouts bounded by the caller's deadline, retries with exponential backoff and
 * jitter for calls that are safe to repeat (honouring `Retry-After`), a circuit breaker, a
 * concurrency cap, error mapping to stable codes, metrics and logs without paths, bodies or
 * credentials.
 */
export class VendorHttp {
  readonly vendor: VendorId;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly label: string;
  private lastError: { code: string; at: number } | null = null;
  private closed = false;

  constructor(private readonly options: VendorHttpOptions) {
    this.vendor = options.vendor;
    this.label = VENDORS[options.vendor].label;
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, {
        connections: options.maxConcurrency ?? 8,
        keepAliveTimeout: 10_000,
        connect: { timeout: 5_000 },
      });
    this.breaker = circuitBreaker(
      handleWhen((error) => isVendorError(error) && error.countsAsFailure),
      {
        halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
        breaker: new ConsecutiveBreaker(options.breakerFailures ?? 5),
      },
    );
    this.breaker.onStateChange((state) => {
      options.logger.warn(
        { vendor: this.vendor, circuit: CircuitState[state] },
        'vendor circuit changed',
      );
    });
    this.bulkhead = bulkhead(options.maxConcurrency ?? 8, options.maxQueue ?? 1000);
  }

  get limiter(): VendorRateLimiter {
    return this.options.limiter;
  }

  /** Sends a request and returns the answer, or throws a `VendorError`. */
  send(request: VendorRequest, ctx: CallContext): Promise<VendorResponse> {
    return this.execute(request, ctx, (response) => response);
  }

  /**
   * Sends a request and validates its JSON body against `schema`. An unreadable body of a call that
   * is safe to repeat is retried like a 5xx.
   */
  async sendJson<T>(
    request: VendorRequest,
    schema: ZodType<T>,
    ctx: CallContext,
  ): Promise<{ status: number; headers: VendorResponse['headers']; data: T }> {
    return this.execute(request, ctx, (response) => ({
      status: response.status,
      headers: response.headers,
      data: this.parse(request, schema, response, ctx),
    }));
  }

  /** Parses and validates a body already received. */
  parse<T>(
    request: VendorRequest,
    schema: ZodType<T>,
    response: VendorResponse,
    ctx: CallContext,
  ): T {
    let json: unknown;
    try {
      json = response.text === '' ? null : JSON.parse(response.text);
    } catch {
      throw vendorErrors.malformed(this.vendor, request.idempotent);
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      // Paths and codes only: the values may be personal data.
      (ctx.logger ?? this.options.logger).warn(
        {
          vendor: this.vendor,
          endpoint: request.endpoint,
          issues: result.error.issues
            .slice(0, 5)
            .map((i) => ({ path: i.path.join('.'), code: i.code })),
        },
        'vendor response did not match the expected shape',
      );
      throw new VendorError(
        this.vendor,
        'VENDOR_UNAVAILABLE',
        `${VENDORS[this.vendor].displayName} returned an unexpected response`,
      );
    }
    return result.data;
  }

  private async execute<T>(
    request: VendorRequest,
    ctx: CallContext,
    read: (response: VendorResponse) => T,
  ): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    const initial = this.options.backoffInitialMs ?? 100;
    const cap = this.options.backoffMaxMs ?? 2_000;
    // Built per call: whether to retry depends on this call's deadline.
    const policy = retry(
      handleWhen((error) => this.shouldRetry(error, request, ctx)),
      {
        maxAttempts: maxAttempts - 1,
        backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) =>
          this.delayFor(context, initial, cap),
        ),
      },
    );
    try {
      return await policy.execute(async () => read(await this.attempt(request, ctx)));
    } catch (error) {
      throw this.finalError(error);
    }
  }

  async health(): Promise<VendorHealthModel> {
    const state = this.breaker.state;
    const circuit =
      state === CircuitState.Open || state === CircuitState.Isolated
        ? 'OPEN'
        : state === CircuitState.HalfOpen
          ? 'HALF_OPEN'
          : 'CLOSED';
    const recentError = this.lastError && Date.now() - this.lastError.at < 60_000;
    return {
      vendor: this.vendor,
      state:
        this.closed || circuit === 'OPEN' || this.options.mode === 'UNCONFIGURED'
          ? 'UNAVAILABLE'
          : circuit === 'HALF_OPEN' || recentError
            ? 'DEGRADED'
            : 'READY',
      mode: this.options.mode ?? 'REMOTE',
      circuit,
      remainingBudget: await this.options.limiter.remaining(),
      averageQueueWaitMs: this.options.limiter.averageWaitMs(),
      lastErrorCode: this.lastError?.code ?? null,
    };
  }

  /** Fetches credentials now when the client logs in (see `VendorAuth.warmUp`). */
  async warmUp(ctx: CallContext): Promise<void> {
    await this.options.auth.warmUp?.(ctx);
  }

  /** Closes the pool; safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private shouldRetry(error: Error, request: VendorRequest, ctx: CallContext): boolean {
    if (!isVendorError(error) || !error.retryable) return false;
    if (!request.idempotent && !this.notProcessed(error)) return false;
    const wait = error.retryAfterMs ?? 0;
    if (ctx.maxWaitMs !== undefined && wait > ctx.maxWaitMs) return false;
    return Date.now() + wait + 50 < ctx.deadline;
  }

  /** True when the vendor cannot have acted on the call. */
  private notProcessed(error: VendorError): boolean {
    return error.notSent;
  }

  private delayFor(context: IRetryBackoffContext<unknown>, initial: number, cap: number): number {
    const exponential = Math.min(cap, initial * 2 ** (context.attempt - 1));
    const jittered = Math.random() * exponential;
    const error = 'error' in context.result ? context.result.error : undefined;
    const retryAfter = isVendorError(error) ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, retryAfter);
  }

  /**
   * One attempt: credentials, budget, concurrency slot, circuit, HTTP. Refused credentials are
   * fetched anew and the call sent once more (the vendor did nothing with it). Credentials are
   * fetched outside the concurrency slot so a login never waits behind the calls waiting for it.
   */
  private async attempt(request: VendorRequest, ctx: CallContext): Promise<VendorResponse> {
    if (this.closed)
      throw vendorErrors.unavailable(this.vendor, 'the client is shut down', {
        retryable: false,
        notSent: true,
      });
    if (ctx.deadline - Date.now() <= 0) throw vendorErrors.deadline(this.vendor);
    if (request.auth === false) return this.guarded(request, {}, ctx);
    const headers = await this.options.auth.headers(ctx);
    const first = await this.guarded(request, headers, ctx);
    if (!this.isAuthFailure(first.status)) return first;
    if (!this.options.auth.invalidate(headers))
      throw this.remember(vendorErrors.authFailed(this.vendor, first.status));
    const second = await this.guarded(request, await this.options.auth.headers(ctx), ctx);
    if (this.isAuthFailure(second.status))
      throw this.remember(vendorErrors.authFailed(this.vendor, second.status));
    return second;
  }

  /** Budget, concurrency slot and circuit around one exchange; error statuses throw inside the circuit. */
  private async guarded(
    request: VendorRequest,
    headers: Record<string, string>,
    ctx: CallContext,
  ): Promise<VendorResponse> {
    await this.options.limiter.take(ctx);
    try {
      return await this.bulkhead.execute(() =>
        this.breaker.execute(async () => {
          const response = await this.exchange(request, headers, ctx);
          return request.auth !== false && this.isAuthFailure(response.status)
            ? response
            : this.checked(request, response);
        }),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw vendorErrors.unavailable(this.vendor, 'too many recent failures (circuit open)', {
          notSent: true,
          retryable: false,
        });
      }
      if (error instanceof BulkheadRejectedError) {
        throw vendorErrors.unavailable(this.vendor, 'too many calls waiting', {
          retryable: false,
          notSent: true,
        });
      }
      throw error;
    }
  }

  private isAuthFailure(status: number): boolean {
    return (this.options.authFailureStatuses ?? [401]).includes(status);
  }

  /** The HTTP exchange itself, timed and counted. Returns any status; network failures throw. */
  private async exchange(
    request: VendorRequest,
    authHeaders: Record<string, string>,
    ctx: CallContext,
  ): Promise<VendorResponse> {
    const now = Date.now();
    const budgetMs = Math.min(
      ctx.attemptTimeoutMs ?? this.options.timeoutMs ?? 5_000,
      ctx.deadline - now,
    );
    if (budgetMs <= 0) throw vendorErrors.deadline(this.vendor);
    const timeout = AbortSignal.timeout(budgetMs);
    const signal = ctx.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
    const started = performance.now();
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) search.set(key, String(value));
    const query = search.toString();
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...request.headers,
      ...authHeaders,
    };
    if (request.body !== undefined) headers['content-type'] ??= 'application/json';
    let outcome = 'ok';
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        path: `${this.prefix}${request.path}${query ? `?${query}` : ''}`,
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      const text = await readBody(response.body, this.options.maxBodyBytes ?? 10 * 1024 * 1024);
      outcome =
        response.statusCode < 400 || (request.accept ?? []).includes(response.statusCode)
          ? 'ok'
          : `http_${response.statusCode}`;
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      const mapped = timeout.aborted
        ? vendorErrors.timeout(this.vendor, budgetMs, { cause: error, retryable: true })
        : ctx.signal?.aborted
          ? vendorErrors.unavailable(this.vendor, 'the caller went away', {
              retryable: false,
              cause: error,
            })
          : vendorErrors.unavailable(this.vendor, 'the connection failed', { cause: error });
      outcome = mapped.code;
      this.remember(mapped);
      throw mapped;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.options.metrics?.observeVendorCall(this.label, request.endpoint, outcome, seconds);
      (ctx.logger ?? this.options.logger).debug(
        {
          vendor: this.vendor,
          endpoint: request.endpoint,
          outcome,
          durationMs: Math.round(seconds * 1000),
        },
        'vendor call',
      );
    }
  }

  /** Maps a non-accepted error status to a `VendorError`. */
  private checked(request: VendorRequest, response: VendorResponse): VendorResponse {
    const { status } = response;
    if (status < 400 || (request.accept ?? []).includes(status)) {
      return response;
    }
    const error = this.errorFor(request, response);
    this.remember(error);
    throw error;
  }

  private errorFor(request: VendorRequest, response: VendorResponse): VendorError {
    const { status } = response;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now()) ?? 1_000;
      this.options.limiter.pause(retryAfterMs);
      return vendorErrors.rateLimited(this.vendor, retryAfterMs, 429);
    }
    // 503 says the vendor did not take the request on (RFC 9110 15.6.4); other 5xx may come after it acted.
    if (status >= 500)
      return vendorErrors.unavailable(this.vendor, `it answered ${status}`, {
        status,
        notSent: status === 503,
      });
    let body: unknown = null;
    try {
      body = response.text ? JSON.parse(response.text) : null;
    } catch {
      body = null;
    }
    const reading = this.options.readError?.(status, body) ?? {};
    const code =
      reading.code ??
      (status === 404
        ? 'NOT_FOUND'
        : status === 409 || status === 412
          ? 'CONFLICT'
          : status === 403
            ? 'VENDOR_AUTH_FAILED'
            : 'VENDOR_REJECTED');
    switch (code) {
      case 'NOT_FOUND':
        return vendorErrors.notFound(this.vendor, request.resource ?? 'record');
      case 'CONFLICT':
        return vendorErrors.conflict(
          this.vendor,
          status === 412 ? 'the record changed since it was read' : 'the change is not allowed now',
          status,
        );
      case 'VENDOR_AUTH_FAILED':
        return vendorErrors.authFailed(this.vendor, status);
      default:
        return vendorErrors.rejected(
          this.vendor,
          status,
          this.mapFields(request, reading.fields ?? []),
        );
    }
  }

  private mapFields(
    request: VendorRequest,
    fields: { field: string; message: string }[],
  ): FieldProblem[] {
    return fields.map(({ field, message }) => ({
      path: request.fieldMap?.[field] ?? ['input'],
      message: sanitizeVendorMessage(message),
    }));
  }

  /** Keeps the last error that says something about the vendor's health (not a 404 or a 422). */
  private remember(error: VendorError): VendorError {
    if (error.code.startsWith('VENDOR_') && error.code !== 'VENDOR_REJECTED') {
      this.lastError = { code: error.code, at: Date.now() };
    }
    return error;
  }

  /** Errors from outside our mapping (a bug, an aborted retry) become a plain unavailability. */
  private finalError(error: unknown): VendorError {
    if (isVendorError(error)) return error;
    (this.options.logger as RequestLogger).error(
      { vendor: this.vendor, err: { type: (error as Error)?.name } },
      'unexpected vendor client failure',
    );
    return vendorErrors.unavailable(this.vendor, 'an unexpected error occurred', {
      retryable: false,
      cause: error,
    });
  }
}
