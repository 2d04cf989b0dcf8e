import { randomUUID } from 'node:crypto';
import { PROFILES } from './constants';
import type { JsonObject, JsonValue } from './types';

/** Where the error types are described (`_error._links.describedby`, §3.5). */
const ERROR_DOCS = 'https://api.apiture.com/errors/';

/** One problem, as the top-level `_error` or as an item of `_error._embedded.errors` (§3.5). */
export interface ApitureProblem {
  /** HTTP status this problem alone would produce. */
  statusCode: number;
  /** Error code in Apiture's camelCase style, e.g. `positiveNumberRequired`. */
  type: string;
  message: string;
  attributes?: JsonObject;
  remediation?: string;
}

/**
 * Thrown by handlers; rendered by the route scope's error handler as an `errorResponse` with the
 * problem's status. `errors` become `_error._embedded.errors`.
 */
export class ApitureError extends Error {
  constructor(
    readonly problem: ApitureProblem,
    readonly errors: readonly ApitureProblem[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.message);
    this.name = 'ApitureError';
  }

  get statusCode(): number {
    return this.problem.statusCode;
  }
}

function errorObject(problem: ApitureProblem, occurredAt: string): JsonObject {
  return {
    _id: randomUUID(),
    message: problem.message,
    statusCode: problem.statusCode,
    type: problem.type,
    attributes: problem.attributes ?? {},
    ...(problem.remediation ? { remediation: problem.remediation } : {}),
    occurredAt,
    _links: { describedby: { href: `${ERROR_DOCS}${problem.type}` } },
  };
}

/** The `errorResponse` body of §3.5; `occurredAt` comes from the sandbox clock. */
export function errorResponse(
  problem: ApitureProblem,
  nested: readonly ApitureProblem[],
  nowMs: number,
): JsonObject {
  const occurredAt = new Date(nowMs).toISOString();
  const errors: JsonValue[] = nested.map((item) => errorObject(item, occurredAt));
  return {
    _profile: PROFILES.errorResponse,
    _error: { ...errorObject(problem, occurredAt), _embedded: { errors } },
  };
}

/**
 * Several field problems become one error: a single problem is reported as itself (like the
 * reference's `positiveNumberRequired` example), several under a summary. The status is 400 when
 * any problem is a malformed value, else 422.
 */
export function validationError(problems: readonly ApitureProblem[]): ApitureError {
  const statusCode = problems.some((p) => p.statusCode === 400) ? 400 : 422;
  if (problems.length === 1) return new ApitureError({ ...problems[0], statusCode });
  return new ApitureError(
    {
      statusCode,
      type: statusCode === 400 ? 'malformedRequest' : 'invalidRequest',
      message: `The request has ${problems.length} problems; see the nested errors.`,
      remediation: 'Correct each field named in the nested errors and retry.',
    },
    problems,
  );
}

export function notFound(kind: 'application' | 'enrollment', id: string): ApitureError {
  const param = kind === 'application' ? 'applicationId' : 'enrollmentId';
  return new ApitureError({
    statusCode: 404,
    type: 'notFound',
    message: `There is no such ${kind} resource at the specified {${param}}.`,
    attributes: { [param]: id },
  });
}

export function preconditionFailed(ifMatch: string, current: string): ApitureError {
  return new ApitureError({
    statusCode: 412,
    type: 'preconditionFailed',
    message:
      'The supplied If-Match header value does not match the most recent ETag response header value. The resource has changed in the interim.',
    attributes: { ifMatch, currentETag: current },
    remediation: 'Fetch the resource again and retry with its current ETag.',
  });
}

/** Missing `If-Match` where the reference marks it required (inferred: 428, see §3.4). */
export function preconditionRequired(): ApitureError {
  return new ApitureError({
    statusCode: 428,
    type: 'ifMatchRequired',
    message: 'This operation requires an If-Match request header with the resource ETag.',
    remediation: 'Fetch the resource and pass its ETag in If-Match.',
  });
}
