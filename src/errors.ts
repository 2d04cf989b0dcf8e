import type { VendorId } from './domain/vendor';

/** Every error a client can see carries one of these in `extensions.code` (ARCHITECTURE.md section 8). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  VENDOR_UNAVAILABLE: 'VENDOR_UNAVAILABLE',
  VENDOR_TIMEOUT: 'VENDOR_TIMEOUT',
  VENDOR_RATE_LIMITED: 'VENDOR_RATE_LIMITED',
  VENDOR_REJECTED: 'VENDOR_REJECTED',
  VENDOR_AUTH_FAILED: 'VENDOR_AUTH_FAILED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A problem with one input field, by our input's path (e.g. `["input", "address", "state"]`). */
export interface FieldProblem {
  path: string[];
  message: string;
}

export interface AppErrorOptions {
  vendor?: VendorId;
  /** Extra client-safe extension fields (never vendor bodies or personal values). */
  extensions?: Record<string, unknown>;
  /** Field problems (BAD_USER_INPUT, VENDOR_REJECTED). */
  fields?: FieldProblem[];
  cause?: unknown;
}

/**
 * An error with a stable code whose message and extensions are safe to show a client: they hold
 * no vendor body, URL, token or personal value. graphql-js copies `extensions` onto the
 * GraphQL error, so throwing one from anywhere below a resolver reaches the client as is.
 * `cause` stays in the process (for logs of its class and code only).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly vendor: VendorId | undefined;
  readonly fields: FieldProblem[];
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.vendor = options.vendor;
    this.fields = options.fields ?? [];
    this.extensions = {
      code,
      ...(options.vendor ? { vendor: options.vendor } : {}),
      ...(options.fields?.length ? { fields: options.fields } : {}),
      ...options.extensions,
    };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
