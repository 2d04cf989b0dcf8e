/**
 * AgencyZoom's generic message body `{ message, id, result }` (reference §4.5) and the errors the
 * sandbox answers in the same shape with `result: false`. The vendor documents no error body at
 * all; this shape is the reference's suggestion (inferred).
 */

export interface GenericMessage {
  message: string;
  /** The created or affected record's id; 0 when there is none. */
  id: number;
  result: boolean;
}

/** The vendor's 400 text for data endpoints; details follow after a colon. */
export const INVALID_PARAMETERS = 'Invalid request parameter(s)';
/** The vendor's 400 text for bad login credentials. */
export const INVALID_CREDENTIALS = 'Invalid user name and/or password';
/** The vendor's 500 text. */
export const INTERNAL_ERROR = 'Internal processing error';

export function success(message: string, id = 0): GenericMessage {
  return { message, id, result: true };
}

export function failure(message: string): GenericMessage {
  return { message, id: 0, result: false };
}

/** Thrown by handlers; the sandbox's error handler turns it into `failure(message)` with `statusCode`. */
export class AgencyZoomError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'AgencyZoomError';
  }
}

/** 400 `Invalid request parameter(s): <problems joined by "; ">`. */
export function invalidParameters(...problems: string[]): AgencyZoomError {
  const detail = problems.length > 0 ? `: ${problems.join('; ')}` : '';
  return new AgencyZoomError(400, `${INVALID_PARAMETERS}${detail}`);
}

/** 401 for a missing, unknown, expired or revoked credential (no 401 is documented; inferred). */
export function unauthorized(message: string): AgencyZoomError {
  return new AgencyZoomError(401, message);
}
