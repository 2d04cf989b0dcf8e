import type { FastifyError, FastifyInstance } from 'fastify';
import { createSandbox } from '../kit/sandbox';
import type { Sandbox } from '../kit/sandbox';
import type { SandboxCredentials, VendorSandboxFactory, VendorSandboxOptions } from '../kit/vendor';
import { apitureAuthHook } from './auth';
import { BASE_PATH, MEDIA_TYPE } from './constants';
import { ApitureError, errorResponse } from './errors';
import type { ApitureProblem } from './errors';
import { registerApplicationActionRoutes } from './routes/application-actions';
import { registerApplicationRoutes } from './routes/applications';
import type { RouteContext } from './routes/context';
import { registerEnrollmentActionRoutes } from './routes/enrollment-actions';
import { registerEnrollmentRoutes } from './routes/enrollments';
import { seedApiture } from './seed';
import { ApitureStore } from './store';

/**
 * The Apiture Account Applications sandbox: the 21 operations of the reference under
 * `/accountApplications`, so a client's base URL is `<sandbox url>/accountApplications`.
 */

export type ApitureCredentials = SandboxCredentials['apiture'];

export const DEFAULT_APITURE_CREDENTIALS: Readonly<ApitureCredentials> = Object.freeze({
  apiKey: 'sandbox',
  accessToken: 'sandbox',
});

export interface ApitureSandboxOptions extends VendorSandboxOptions<ApitureCredentials> {
  /**
   * Answer 428 when PUT/PATCH (applications, enrollments) or DELETE of an application comes
   * without `If-Match`, which the reference marks required (default true). False accepts them.
   */
  requireIfMatch?: boolean;
}

/** Body of every 429, real or injected, in the `errorResponse` shape. */
function rateLimitProblem(retryAfterS: number): ApitureProblem {
  return {
    statusCode: 429,
    type: 'tooManyRequests',
    message: 'Too many requests; retry after the Retry-After interval.',
    attributes: { retryAfterSeconds: retryAfterS },
  };
}

function serverProblem(status: number): ApitureProblem {
  return {
    statusCode: status,
    type: status === 503 ? 'serviceUnavailable' : 'internalServerError',
    message:
      status === 503
        ? 'The service is temporarily unavailable.'
        : 'The service failed to process the request.',
    remediation: 'Retry later.',
  };
}

/** Fastify's own errors (bad JSON, unsupported media type, body too large) as Apiture problems. */
function problemOf(error: FastifyError): ApitureProblem {
  const status = error.statusCode ?? 500;
  if (status === 415) {
    return {
      statusCode: 415,
      type: 'unsupportedMediaType',
      message: 'Send request bodies as application/hal+json.',
    };
  }
  if (status >= 400 && status < 500) {
    return { statusCode: status, type: 'malformedRequest', message: error.message };
  }
  return serverProblem(500);
}

function registerScope(
  scope: FastifyInstance,
  context: RouteContext,
  credentials: ApitureCredentials,
  sandbox: Sandbox,
): void {
  // Every body-bearing call sends `Content-Type: application/hal+json` (§1.4); empty bodies are allowed.
  scope.addContentTypeParser(MEDIA_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(
        new ApitureError({
          statusCode: 400,
          type: 'malformedRequestBody',
          message: 'The request body is not valid JSON.',
        }),
        undefined,
      );
    }
  });

  scope.setErrorHandler<FastifyError>((error, _request, reply) => {
    const apiture = error instanceof ApitureError ? error : null;
    const problem = apiture ? apiture.problem : problemOf(error);
    for (const [name, value] of Object.entries(apiture?.headers ?? {})) reply.header(name, value);
    return reply
      .code(problem.statusCode)
      .type(MEDIA_TYPE)
      .send(errorResponse(problem, apiture?.errors ?? [], context.clock()));
  });

  scope.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(MEDIA_TYPE)
      .send(
        errorResponse(
          {
            statusCode: 404,
            type: 'notFound',
            message: `There is no resource at ${request.method} ${request.url.split('?')[0]}.`,
          },
          [],
          context.clock(),
        ),
      ),
  );

  scope.addHook('onRequest', apitureAuthHook(credentials, sandbox.admin));
  registerApplicationRoutes(scope, context);
  registerApplicationActionRoutes(scope, context);
  registerEnrollmentRoutes(scope, context);
  registerEnrollmentActionRoutes(scope, context);
}

/** The factory with the Apiture-only options (`requireIfMatch`). */
export function createApitureSandboxWith(options: ApitureSandboxOptions): Sandbox {
  const clock = options.clock ?? Date.now;
  const credentials = options.credentials ?? DEFAULT_APITURE_CREDENTIALS;
  const sandbox = createSandbox({
    name: 'apiture',
    clock,
    // The reference states no rate limit (§3.7): none unless configured.
    rateLimit: options.rateLimit ?? null,
    rateLimitBody: (retryAfterS) => errorResponse(rateLimitProblem(retryAfterS), [], clock()),
    errorBody: (status) => errorResponse(serverProblem(status), [], clock()),
    random: options.random,
  });
  const context: RouteContext = {
    store: new ApitureStore(seedApiture(options.population), options.population.seed),
    clock,
    requireIfMatch: options.requireIfMatch ?? true,
  };
  void sandbox.app.register(async (scope) => registerScope(scope, context, credentials, sandbox), {
    prefix: BASE_PATH,
  });
  return sandbox;
}

export const createApitureSandbox: VendorSandboxFactory<SandboxCredentials['apiture']> = (
  options,
) => createApitureSandboxWith(options);
