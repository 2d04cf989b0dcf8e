import type { FastifyReply } from 'fastify';

/**
 * Error bodies of The Credit Pros (credit-pros.md §3.4): always a JSON object with a `message`;
 * 422 adds `errors`, an object keyed by field name with lists of messages.
 */

export const MESSAGES = {
  /** The doc's verbatim 401 sample. */
  unauthenticated: 'Unauthenticated.',
  /** The doc's verbatim 404 sample. */
  notFound: 'Not Found. The resource you requested could not be located.',
  /** (inferred) Laravel's AuthorizationException text. */
  forbidden: 'This action is unauthorized.',
  /** (inferred) tymon/jwt-auth's text for an expired token; sent with 419 (session expired). */
  tokenExpired: 'Token has expired',
  /** (inferred) tymon/jwt-auth's text when the refresh window has passed too. */
  refreshExpired: 'Token has expired and can no longer be refreshed',
  accountDisabled: 'Your account has been disabled.',
  /** (inferred) Laravel's ThrottleRequests text; the doc states no rate limit. */
  tooManyAttempts: 'Too Many Attempts.',
  malformedJson: 'The request body is not valid JSON.',
} as const;

export interface MessageBody {
  message: string;
}

export interface ValidationBody {
  message: string;
  errors: Record<string, string[]>;
}

export function sendMessage(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ message } satisfies MessageBody);
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return sendMessage(reply, 404, MESSAGES.notFound);
}

/** Laravel's texts for the 5xx statuses the kit injects. */
const SERVER_ERROR_TEXT: Record<number, string> = {
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The body of an injected 5xx, as the vendor's Laravel error page renders it in JSON. */
export function serverErrorBody(status: number): MessageBody {
  return { message: SERVER_ERROR_TEXT[status] ?? 'Server Error' };
}

/** The body of a 429 (the kit adds `Retry-After`). */
export function rateLimitBody(): MessageBody {
  return { message: MESSAGES.tooManyAttempts };
}

/**
 * Collects Laravel-style validation errors. `message` is the first error, followed by
 * `(and N more error[s])` when there are several, as Laravel 10+ builds it.
 */
export class ValidationErrors {
  private readonly byField: Record<string, string[]> = {};
  private count = 0;

  add(field: string, message: string): void {
    (this.byField[field] ??= []).push(message);
    this.count += 1;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  toBody(): ValidationBody {
    const first = Object.values(this.byField)[0]?.[0] ?? 'The given data was invalid.';
    const more = this.count - 1;
    const message = more > 0 ? `${first} (and ${more} more error${more === 1 ? '' : 's'})` : first;
    return { message, errors: structuredClone(this.byField) };
  }
}

export function sendValidation(reply: FastifyReply, errors: ValidationErrors): FastifyReply {
  return reply.code(422).send(errors.toBody());
}
