import type { FastifyError, FastifyInstance } from 'fastify';
import { ADMIN_PREFIX, createSandbox } from '../kit/sandbox';
import type { SandboxCredentials, VendorSandboxFactory } from '../kit/vendor';
import { bearerAuth } from './auth';
import { PROBLEM_CONTENT_TYPE, problem, sendProblem, sendValidationProblem } from './problem';
import { registerClientRoutes } from './routes';
import { seedLendingCrmClients } from './seed';
import { ClientStore } from './store';

/**
 * The lending CRM sandbox: the documented `/clients` resource over an in-memory store seeded
 * from the shared population, behind the configured bearer token. No rate limit unless one is
 * given (the vendor states none).
 */

export const LENDING_CRM_SANDBOX_NAME = 'lending-crm';

const DEFAULT_CREDENTIALS: SandboxCredentials['lendingCrm'] = { token: 'sandbox' };

/** Media types ASP.NET's JSON input formatter accepts besides `application/json` (e.g. merge-patch). */
const JSON_SUFFIX_MEDIA_TYPE = /^application\/[\w.-]+\+json(?:\s*;.*)?$/i;

export const createLendingCrmSandbox: VendorSandboxFactory<SandboxCredentials['lendingCrm']> = (
  options,
) => {
  const clock = options.clock ?? Date.now;
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const sandbox = createSandbox({
    name: LENDING_CRM_SANDBOX_NAME,
    clock,
    rateLimit: options.rateLimit ?? null,
    rateLimitBody: () => problem(429),
    errorBody: (status) => problem(status),
    random: options.random,
  });
  const { app, admin } = sandbox;
  acceptOnlyJsonBodies(app);
  installErrorHandling(app);
  registerClientRoutes(app, {
    store: new ClientStore(seedLendingCrmClients(options.population), options.population.seed),
    clock,
    authenticate: bearerAuth({ token: credentials.token, admin }),
  });
  return sandbox;
};

function isAdminUrl(url: string): boolean {
  return url.startsWith(ADMIN_PREFIX);
}

/**
 * Bodies are JSON only, as ASP.NET's JSON input formatter reads them: `application/json` (the
 * kit's parser) and `application/*+json` such as `merge-patch+json`; any other media type
 * (`text/plain` included) is a 415.
 */
function acceptOnlyJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    JSON_SUFFIX_MEDIA_TYPE,
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(Object.assign(new Error('Request body is not valid JSON'), { statusCode: 400 }));
      }
    },
  );
}

/**
 * Vendor-shaped answers for what the routes do not produce themselves: unparseable bodies and
 * other framework errors become problem details, unknown paths an empty 404 (as ASP.NET routing
 * answers), and the kit's injected 429/5xx bodies get the problem+json media type.
 */
function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (isAdminUrl(request.url)) return reply.code(status).send({ error: error.message });
    if (status === 400) {
      return sendValidationProblem(reply, { $: [error.message] });
    }
    return sendProblem(reply, status);
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send());

  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (
      reply.statusCode >= 400 &&
      !isAdminUrl(request.url) &&
      type.startsWith('application/json')
    ) {
      reply.type(PROBLEM_CONTENT_TYPE);
    }
    return payload;
  });
}
