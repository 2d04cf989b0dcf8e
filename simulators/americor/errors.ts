import type { FastifyReply } from 'fastify';

/**
 * Americor's error bodies (reference §3): the Yii2 envelope `{name, message, code, status[, type]}`.
 * The documented ones are the 401 "Forbidden" body, the 404 and the two 422 forms; the others
 * (400, 429, 5xx) follow the same envelope (inferred: the reference expects undocumented errors in it).
 */
export interface YiiError {
  name: string;
  message: string;
  code: number;
  status: number;
  type?: string;
}

/** One validation problem, before it is written in form A or form B. */
export interface ValidationIssue {
  field: string;
  /** Yii-style text, e.g. `First Name cannot be blank.` */
  message: string;
  /** A missing required value; form B words it `This field is required`, as documented. */
  required: boolean;
}

/** Form A: `errors: [{ attribute: [messages] }]` (one object wrapped in an array). */
export interface ValidationErrorFormA extends YiiError {
  errors: [Record<string, string[]>];
}

/** Form B (current ACH endpoint only): `errors: [{ field, message }]`, one item per problem. */
export interface ValidationErrorFormB extends YiiError {
  errors: Array<{ field: string; message: string }>;
}

export type ValidationForm = 'A' | 'B';

/** The 401 body of the token endpoint, `POST /v1/leads` and `POST /v1/prospects` (sic: 403 inside). */
export function forbiddenBody(message: string): YiiError {
  return { name: 'Forbidden', message, code: 0, status: 403 };
}

export function notFoundBody(message: string): YiiError {
  return {
    name: 'Page Not Found',
    message,
    code: 0,
    status: 404,
    type: 'yii\\web\\NotFoundHttpException',
  };
}

export function validationBody(
  issues: readonly ValidationIssue[],
  form: ValidationForm,
): ValidationErrorFormA | ValidationErrorFormB {
  const head = { name: 'Unprocessable entity', message: 'Validation Error', code: 0, status: 422 };
  if (form === 'B') {
    return {
      ...head,
      errors: issues.map((issue) => ({
        field: issue.field,
        message: issue.required ? 'This field is required' : issue.message,
      })),
    };
  }
  const byField: Record<string, string[]> = {};
  for (const issue of issues) (byField[issue.field] ??= []).push(issue.message);
  return { ...head, errors: [byField] };
}

/** 400 for a body that is not JSON (inferred: Yii's JsonParser error). */
export function badRequestBody(message: string): YiiError {
  return {
    name: 'Bad Request',
    message,
    code: 0,
    status: 400,
    type: 'yii\\web\\BadRequestHttpException',
  };
}

/** 429 (inferred: no rate limit is documented; Yii's RateLimiter answers with this). */
export function rateLimitBody(): YiiError {
  return {
    name: 'Too Many Requests',
    message: 'Rate limit exceeded.',
    code: 0,
    status: 429,
    type: 'yii\\web\\TooManyRequestsHttpException',
  };
}

const SERVER_ERRORS: Record<number, { name: string; type: string }> = {
  500: { name: 'Internal Server Error', type: 'yii\\web\\ServerErrorHttpException' },
  502: { name: 'Bad Gateway', type: 'yii\\web\\HttpException' },
  503: { name: 'Service Unavailable', type: 'yii\\web\\ServiceUnavailableHttpException' },
  504: { name: 'Gateway Timeout', type: 'yii\\web\\HttpException' },
};

/** Injected 5xx (inferred envelope). */
export function serverErrorBody(status: number): YiiError {
  const known = SERVER_ERRORS[status] ?? { name: 'Server Error', type: 'yii\\web\\HttpException' };
  return {
    name: known.name,
    message: 'An internal server error occurred.',
    code: 0,
    status,
    type: known.type,
  };
}

export function sendNotFound(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(404).send(notFoundBody(message));
}

export function sendValidationError(
  reply: FastifyReply,
  issues: readonly ValidationIssue[],
  form: ValidationForm = 'A',
): FastifyReply {
  return reply.code(422).send(validationBody(issues, form));
}
