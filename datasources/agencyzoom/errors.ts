import type { VendorErrorReading } from '../http';

/**
 * How AgencyZoom's error answers are read. The docs show no error body (doc quirk 2); the sandbox
 * answers `{ message, id: 0, result: false }` with 400 messages `Invalid request parameter(s):
 * <problem>; <problem>` (the reference's suggestion, inferred). Any other body, JSON or not, still
 * maps by status alone. Vendor text never reaches a client except sanitised field messages.
 */

/** The login 400 text (§2.1), copied onto other auth endpoints. */
const INVALID_CREDENTIALS = /invalid user name and\/or password/i;

/** An unknown id: the vendor answers 400, not 404 (§4.4). */
const UNKNOWN_RECORD =
  /^(?:ams\s+)?(?:lead|customer|policy|file|task|opportunity|quote|driver|vehicle)\s+\d+\s+(?:does not exist|not found)\b/i;

/** The vendor field a problem names first: `firstname`, `leadDataRequests[2].email`, ... */
const LEADING_FIELD = /^([A-Za-z_]\w*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*)(?=\s|$)/;

function messageOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : null;
}

/** The problems listed after the colon of a 400 message, in order. */
export function vendorProblems(message: string | null): string[] {
  if (message === null) return [];
  const colon = message.indexOf(':');
  if (colon < 0) return [];
  return message
    .slice(colon + 1)
    .split(';')
    .map((problem) => problem.trim())
    .filter((problem) => problem !== '');
}

/**
 * `readError` of the shared HTTP layer: refused login credentials are VENDOR_AUTH_FAILED; a 400
 * whose every problem is an unknown record is NOT_FOUND; otherwise each problem becomes a field
 * error under the vendor field it starts with (the request's `fieldMap` turns those into our
 * input paths).
 */
export function readAgencyZoomError(_status: number, body: unknown): VendorErrorReading {
  const message = messageOf(body);
  if (message !== null && INVALID_CREDENTIALS.test(message)) return { code: 'VENDOR_AUTH_FAILED' };
  const problems = vendorProblems(message);
  if (problems.length > 0 && problems.every((problem) => UNKNOWN_RECORD.test(problem))) {
    return { code: 'NOT_FOUND' };
  }
  return {
    fields: problems.map((problem) => ({
      field: LEADING_FIELD.exec(problem)?.[1] ?? '',
      message: problem,
    })),
  };
}
