import { AppError, ErrorCode } from '../../src/errors';
import type { FieldProblem } from '../../src/errors';
import { VENDORS } from '../../src/domain/vendor';
import type { VendorId } from '../../src/domain/vendor';

/**
 * A failed vendor call, with a stable code and the vendor's name. Messages are ours, never the
 * vendor's body, URL or a personal value. `retryable` tells the resilience layer whether the same
 * call may be sent again; `countsAsFailure` whether it is evidence the vendor is unhealthy.
 */
export class VendorError extends AppError {
  readonly retryable: boolean;
  readonly countsAsFailure: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /**
   * True when the request certainly never reached the vendor, or was refused unprocessed (a 429, a
   * 503, refused credentials): a write may be sent again.
   */
  readonly notSent: boolean;

  constructor(
    vendor: VendorId,
    code: ErrorCode,
    message: string,
    options: {
      status?: number;
      retryable?: boolean;
      countsAsFailure?: boolean;
      retryAfterMs?: number;
      fields?: FieldProblem[];
      cause?: unknown;
      notSent?: boolean;
    } = {},
  ) {
    super(code, message, {
      vendor,
      fields: options.fields,
      cause: options.cause,
      extensions:
        options.retryAfterMs !== undefined ? { retryAfterMs: Math.ceil(options.retryAfterMs) } : {},
    });
    this.name = 'VendorError';
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.countsAsFailure = options.countsAsFailure ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.notSent = options.notSent ?? false;
  }
}

const name = (vendor: VendorId): string => VENDORS[vendor].displayName;

/** Network errors that prove the request never reached the vendor. */
export const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export const vendorErrors = {
  unavailable: (
    vendor: VendorId,
    why: string,
    options: { status?: number; retryable?: boolean; cause?: unknown; notSent?: boolean } = {},
  ) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_UNAVAILABLE,
      `${name(vendor)} is unavailable: ${why}`,
      {
        retryable: options.retryable ?? true,
        countsAsFailure: true,
        status: options.status,
        cause: options.cause,
        // A refused connection never carried the request.
        notSent:
          options.notSent ??
          NOT_SENT_CODES.has((options.cause as NodeJS.ErrnoException | undefined)?.code ?? ''),
      },
    ),
  timeout: (
    vendor: VendorId,
    afterMs: number,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_TIMEOUT,
      `${name(vendor)} did not answer within ${Math.round(afterMs)} ms`,
      {
        retryable: options.retryable ?? true,
        countsAsFailure: true,
        cause: options.cause,
      },
    ),
  deadline: (vendor: VendorId) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_TIMEOUT,
      `No time left in the request to call ${name(vendor)}`,
      {
        notSent: true,
      },
    ),
  rateLimited: (
    vendor: VendorId,
    retryAfterMs: number,
    status?: number,
    whose: 'vendor' | 'share' = 'vendor',
  ) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_RATE_LIMITED,
      whose === 'share'
        ? `This caller's share of ${name(vendor)}'s call budget is spent; retry after ${Math.ceil(retryAfterMs / 1000)} s`
        : `${name(vendor)}'s call budget is spent; retry after ${Math.ceil(retryAfterMs / 1000)} s`,
      // Our limiter never sent it; a 429 is a refusal before any work.
      { retryAfterMs, retryable: status === 429, status, notSent: true },
    ),
  authFailed: (vendor: VendorId, status?: number) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_AUTH_FAILED,
      `${name(vendor)} refused the gateway's credentials`,
      { status, notSent: true },
    ),
  rejected: (vendor: VendorId, status: number, fields: FieldProblem[]) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_REJECTED,
      fields.length > 0
        ? `${name(vendor)} rejected the input`
        : `${name(vendor)} rejected the request (status ${status})`,
      { status, fields },
    ),
  notFound: (vendor: VendorId, what: string) =>
    new VendorError(vendor, ErrorCode.NOT_FOUND, `${name(vendor)} has no such ${what}`, {
      status: 404,
    }),
  conflict: (vendor: VendorId, what: string, status?: number) =>
    new VendorError(vendor, ErrorCode.CONFLICT, `${name(vendor)}: ${what}`, { status }),
  malformed: (vendor: VendorId, retryable: boolean) =>
    new VendorError(
      vendor,
      ErrorCode.VENDOR_UNAVAILABLE,
      `${name(vendor)} returned a response the gateway cannot read`,
      {
        retryable,
        countsAsFailure: true,
      },
    ),
};

export function isVendorError(error: unknown): error is VendorError {
  return error instanceof VendorError;
}

/**
 * A vendor message about a field, with anything that could be a personal value (emails, digit
 * runs, quoted text) removed before it can reach a client.
 */
export function sanitizeVendorMessage(message: string): string {
  return message
    .replace(/[^\s@]+@[^\s@]+/g, '…')
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .replace(/\d{3,}/g, '…')
    .slice(0, 200);
}
