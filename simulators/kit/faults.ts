/**
 * Runtime fault settings of one sandbox, switchable through `POST /__admin/faults` or in process.
 * Every knob is off by default; a partial update changes only the keys it names.
 */
export interface FaultSettings {
  /** Added before every answer, after the work is done (a write is made even if the caller stops waiting), in ms. */
  latencyMs: number;
  /** Extra random latency in [0, jitterMs) ms on top of `latencyMs`. */
  jitterMs: number;
  /** Share of calls (0..1) answered with `errorStatus` instead of being handled. */
  errorRate: number;
  /** The 5xx status used by `errorRate`. */
  errorStatus: number;
  /** Accept the request and never answer it (until faults are cleared or the sandbox closes). */
  hang: boolean;
  /** `true`: answer every call 429; a number n: answer the next n calls 429. */
  rateLimited: boolean | number;
  /** `Retry-After` seconds sent with injected 429s (a real limit sends the seconds to its window's end). */
  retryAfterS: number;
  /**
   * Setting it revokes every token issued so far (logins made afterwards work again), and while
   * it stays set, static credentials (API keys, configured bearer tokens) are refused.
   */
  revokeTokens: boolean;
  /** Share of JSON answers (0..1) whose body is cut short into malformed JSON. */
  malformedRate: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorStatus: 503,
  hang: false,
  rateLimited: false,
  retryAfterS: 1,
  revokeTokens: false,
  malformedRate: 0,
});

export type FaultUpdate = Partial<FaultSettings>;

/**
 * Validates an untrusted fault update (from the admin API). Returns the update or a message that
 * names the offending key and what it expected.
 */
export function parseFaultUpdate(
  body: unknown,
): { ok: true; value: FaultUpdate } | { ok: false; message: string } {
  if (body == null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, message: 'expected a JSON object of fault settings' };
  }
  const out: FaultUpdate = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    switch (key) {
      case 'latencyMs':
      case 'jitterMs':
      case 'retryAfterS':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          return { ok: false, message: `${key} must be a number >= 0` };
        }
        out[key] = value;
        break;
      case 'errorRate':
      case 'malformedRate':
        if (typeof value !== 'number' || value < 0 || value > 1) {
          return { ok: false, message: `${key} must be a number between 0 and 1` };
        }
        out[key] = value;
        break;
      case 'errorStatus':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 500 || value > 599) {
          return { ok: false, message: 'errorStatus must be an integer 5xx status' };
        }
        out.errorStatus = value;
        break;
      case 'hang':
      case 'revokeTokens':
        if (typeof value !== 'boolean') return { ok: false, message: `${key} must be a boolean` };
        out[key] = value;
        break;
      case 'rateLimited':
        if (
          typeof value === 'boolean' ||
          (typeof value === 'number' && Number.isInteger(value) && value >= 0)
        ) {
          out.rateLimited = value;
          break;
        }
        return { ok: false, message: 'rateLimited must be a boolean or a call count' };
      default:
        return { ok: false, message: `unknown fault setting "${key}"` };
    }
  }
  return { ok: true, value: out };
}
