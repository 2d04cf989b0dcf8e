import { AppError, ErrorCode } from '../errors';

/**
 * The shared state (the identity store, a lock) cannot be reached now. Clients see a plain
 * INTERNAL_SERVER_ERROR with the request ID; the log says which store.
 */
export class StoreUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(ErrorCode.INTERNAL_SERVER_ERROR, 'The shared store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailableError =>
  error instanceof StoreUnavailableError;
