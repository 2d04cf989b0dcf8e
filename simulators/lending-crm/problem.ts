import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Error bodies of the lending CRM sandbox. The vendor documents none (only an empty 405), so the
 * sandbox answers as the ASP.NET Core stack its docs suggest would (inferred): RFC 7807 problem
 * details with `type`, `title`, `status`, `traceId`, plus `errors` (field -> messages) on a 400.
 * Every 400 (body validation, bad path or query parameter, bad OData) uses that one shape; the
 * keys of `errors` are the wire names (`email`, `$filter`, `id`), `$` for the body as a whole.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  /** W3C trace context id of the failed call, e.g. `00-<32 hex>-<16 hex>-00`. */
  traceId: string;
  /** Only on 400: messages per offending field or query option. */
  errors?: Record<string, string[]>;
}

export type FieldErrors = Record<string, string[]>;

/** RFC 9110 section of each status the sandbox answers with, as ASP.NET links them. */
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
  502: 'https://tools.ietf.org/html/rfc9110#section-15.6.3',
  503: 'https://tools.ietf.org/html/rfc9110#section-15.6.4',
  504: 'https://tools.ietf.org/html/rfc9110#section-15.6.5',
};

const TITLE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'One or more validation errors occurred.',
  404: 'Not Found',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

/** The problem body for `status`; 5xx statuses share ASP.NET's generic server-error title. */
export function problem(status: number, errors?: FieldErrors): ProblemDetails {
  const body: ProblemDetails = {
    type: TYPE_BY_STATUS[status] ?? 'about:blank',
    title:
      TITLE_BY_STATUS[status] ??
      (status >= 500 ? 'An error occurred while processing your request.' : 'Error'),
    status,
    traceId: traceId(),
  };
  if (errors) body.errors = errors;
  return body;
}

/** Sends a problem body with the problem+json media type. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  errors?: FieldErrors,
): FastifyReply {
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem(status, errors));
}

/** A 400 with field errors. */
export function sendValidationProblem(reply: FastifyReply, errors: FieldErrors): FastifyReply {
  return sendProblem(reply, 400, errors);
}
