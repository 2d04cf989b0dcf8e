import { GraphQLError } from 'graphql';
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

export interface GatewayErrorOptions {
  vendor?: VendorId;
  /** Extra client-safe extension fields (never vendor bodies or personal values). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An error with a stable code, safe to show a client: its message and extensions hold no vendor
 * body, URL, token or personal value. `cause` is kept for logs of the error class only.
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly vendor: VendorId | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.vendor ? { vendor: options.vendor } : {}),
        ...options.extensions,
      },
      originalError: options.cause instanceof Error ? options.cause : undefined,
    });
    this.name = 'GatewayError';
    this.code = code;
    this.vendor = options.vendor;
  }
}
