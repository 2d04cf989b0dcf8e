import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController } from 'fastify';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { GatewayContext, RequestInfo } from './context';
import { AppError, ErrorCode } from './errors';
import { formatError, internalErrorsPlugin } from './format-error';
import { GRAPHIQL_ASSET_PREFIX, registerGraphiqlAssets, renderGraphiqlPage } from './graphiql';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { observabilityPlugin } from './observability';
import type { Authenticate } from './auth/authenticate';
import type { Caller } from './auth/scopes';
import type { SharedReads } from './cache/shared-reads';
import type { LeadSubmissions } from './submissions/service';
import { stalePlugin } from './cache/stale-plugin';
import { createLoaders } from './graph/loaders';
import { queryLimitsPlugin } from './graph/limits';
import { documentHash } from './persisted/documents';
import type { DocumentRegistry, PersistedQueryCache } from './persisted/documents';
import { PartialErrors, partialErrorsPlugin } from './graph/partial';
import type { IdentityService } from './identity/service';
import { buildSchema } from './schema';
import { buildSubgraph } from './federation/subgraph';
import type { VendorClients } from './vendor-clients';
import type { VendorRegistry } from './vendor-registry';

export const GRAPHQL_PATH = '/graphql';
/** The schema as a Federation 2 subgraph, for a supergraph router (`SUBGRAPH=on`). */
export const SUBGRAPH_PATH = '/subgraph';

/** Largest request body accepted, in bytes. */
const BODY_LIMIT_BYTES = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** Filled by the GraphQL layer for the request log line; null for other routes. */
    graphql: RequestInfo | null;
    /** The authenticated caller of a GraphQL request. */
    caller: Caller | null;
  }
}

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  vendors: VendorRegistry;
  clients: VendorClients;
  identity: IdentityService;
  /** The process's shared cache and coalescing of vendor reads. */
  shared: SharedReads;
  /** Lead submissions (`createLead`, `leadSubmission`). */
  leads: LeadSubmissions;
  /** Persisted queries: registered documents and APQ. */
  persisted: PersistedQueryCache;
  /** Trusted documents, checked before Apollo when only registered documents may run. */
  documents: DocumentRegistry;
  /** Who is asking: checked before Apollo; failures are 401. */
  authenticate: Authenticate;
  metrics?: Metrics;
  /** The shared stores' backend and whether they answer now (for `/readyz`). */
  store?: () => { backend: 'sqlite' | 'redis'; ready: boolean };
  /** True while the start-up vendor warm-up runs (`/readyz` says `warming_up`, 503). */
  warmingUp?: () => boolean;
}

export interface Gateway {
  readonly app: FastifyInstance;
  readonly metrics: Metrics;
  /** Starts listening on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /**
   * Stops accepting requests, lets in-flight ones finish within `config.shutdownTimeoutMs`, then
   * closes Apollo and the vendor clients. Safe to call more than once.
   */
  close(): Promise<void>;
}

/** How long an automatic persisted query stays registered, in seconds. */
const APQ_TTL_S = 7 * 24 * 60 * 60;

/** A browser asking for the GraphiQL page (no operation in the URL) needs no credentials. */
function wantsLandingPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const query = request.query as Record<string, unknown> | null;
  return (
    !query?.query && !query?.extensions && /text\/html/.test(String(request.headers.accept ?? ''))
  );
}

/**
 * Authenticates every GraphQL request before Apollo sees it; a caller who cannot be identified
 * gets 401 with the reason and nothing else happens (no parsing, no vendor call).
 */
function authenticationGuard(authenticate: Authenticate, mode: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS' || wantsLandingPage(request)) return undefined;
    try {
      request.caller = await authenticate(request.headers);
      return undefined;
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'Authentication failed';
      return reply
        .code(401)
        .header('www-authenticate', mode === 'apikey' ? 'ApiKey' : 'Bearer')
        .send({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
    }
  };
}

/**
 * Trusted-documents mode: a request runs only when its document is registered, whether it sends
 * the text or just the hash. Checked before Apollo, so nothing unregistered is parsed or learned.
 */
function persistedOnlyGuard(documents: DocumentRegistry) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS') return;
    const payload = (request.method === 'GET' ? request.query : request.body) as Record<
      string,
      unknown
    > | null;
    const refuse = (code: string, message: string) =>
      reply.code(400).send({ errors: [{ message, extensions: { code } }] });
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      return refuse('PERSISTED_QUERY_NOT_ALLOWED', 'Only registered operations are accepted');
    }
    let extensions = payload.extensions as
      { persistedQuery?: { sha256Hash?: unknown } } | string | undefined;
    if (typeof extensions === 'string') {
      try {
        extensions = JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } };
      } catch {
        extensions = undefined;
      }
    }
    const hash =
      typeof payload.query === 'string'
        ? documentHash(payload.query)
        : typeof extensions?.persistedQuery?.sha256Hash === 'string'
          ? extensions.persistedQuery.sha256Hash
          : null;
    if (!hash)
      return refuse('PERSISTED_QUERY_NOT_ALLOWED', 'Only registered operations are accepted');
    if (!(await documents.lookup(hash))) {
      return refuse(
        'PERSISTED_QUERY_NOT_ALLOWED',
        'This operation is not registered for this gateway',
      );
    }
    return undefined;
  };
}

/**
 * Responses with errors or stale parts are never cached: the next request should try the vendors
 * again. Runs after Apollo's cache control has set the header.
 */
function noStoreWhenIncomplete(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, extensions } = response.body.singleResult;
          if (errors?.length || extensions?.stale)
            response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/** A client-supplied request ID is echoed only when it is short and plain. */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function graphiqlPlugin(): ApolloServerPlugin<GatewayContext> {
  const html = renderGraphiqlPage({ endpoint: GRAPHQL_PATH });
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}

/** Safe client messages for errors the HTTP layer raises before GraphQL runs. */
function httpErrorMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `Request body is larger than ${BODY_LIMIT_BYTES} bytes`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Request body is empty';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Content-Length does not match the body';
    default:
      // JSON.parse messages quote the body; never echo them.
      return error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? 'Request body is not valid JSON'
        : 'Bad request';
  }
}

export async function createGateway({
  config,
  logger,
  vendors,
  clients,
  identity,
  shared,
  leads,
  persisted,
  documents,
  authenticate,
  metrics = new Metrics(),
  store = () => ({ backend: 'sqlite', ready: true }),
  warmingUp = () => false,
}: GatewayOptions): Promise<Gateway> {
  // Typed as Fastify's logger interface so the app is a plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    // Our own onResponse hook writes the one line per request.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.decorateRequest('graphql', null);
  app.decorateRequest('caller', null);

  let accepting = true;
  const graphqlPaths = new Set([GRAPHQL_PATH, ...(config.subgraph ? [SUBGRAPH_PATH] : [])]);

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // One log line per request: route, status, duration, and for GraphQL the operation and outcome.
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    const info = request.graphql;
    if (graphqlPaths.has(route) && info && info.outcome === null && request.method !== 'OPTIONS') {
      info.outcome = 'rejected';
      metrics.observeGraphql(info.operationName, 'rejected', reply.elapsedTime / 1000);
    }
    const line = {
      method: request.method,
      route,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...(info
        ? { operation: metrics.operationLabel(info.operationName), outcome: info.outcome }
        : {}),
    };
    const quiet =
      route === '/healthz' ||
      route === '/readyz' ||
      route === '/metrics' ||
      route.startsWith(GRAPHIQL_ASSET_PREFIX);
    if (quiet) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.code(status).send({
        errors: [{ message: httpErrorMessage(error), extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    request.log.error({ err: { type: error.name, code: error.code } }, 'unhandled HTTP error');
    return reply.code(500).send({
      errors: [
        {
          message: 'Internal server error',
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: request.id },
        },
      ],
    });
  });

  /** One Apollo Server per schema served; the same limits, error handling and metrics for each. */
  const apolloFor = (schema: GraphQLSchema, landingPage: boolean) =>
    new ApolloServer<GatewayContext>({
      schema,
      introspection: config.introspection,
      includeStacktraceInErrorResponses: false,
      // main.ts owns signals and drains HTTP first; Apollo's own handler would re-raise the signal.
      stopOnTerminationSignals: false,
      formatError,
      // Partial errors are folded into the response before the outcome is counted.
      persistedQueries: { cache: persisted, ttl: APQ_TTL_S },
      parseOptions: { maxTokens: config.maxTokens },
      plugins: [
        ApolloServerPluginCacheControl({ defaultMaxAge: 0 }),
        queryLimitsPlugin(
          {
            maxCost: config.maxQueryCost,
            maxDepth: config.maxQueryDepth,
            maxAliases: config.maxAliases,
          },
          (vendor) => vendors.budgetPerWindow(vendor),
        ),
        ...(landingPage ? [graphiqlPlugin()] : [ApolloServerPluginLandingPageDisabled()]),
        stalePlugin(),
        partialErrorsPlugin<GatewayContext>(),
        internalErrorsPlugin(),
        observabilityPlugin(metrics),
        // Last: it sees the errors and stale marks the plugins above added.
        noStoreWhenIncomplete(),
      ],
    });
  const apollo = apolloFor(buildSchema(), true);
  const subgraph = config.subgraph ? apolloFor(buildSubgraph(), false) : null;
  await apollo.start();
  await subgraph?.start();

  const context = async (request: FastifyRequest): Promise<GatewayContext> => {
    const info: RequestInfo = request.graphql ?? { operationName: null, outcome: null };
    request.graphql = info;
    const deadline = Date.now() + config.requestTimeoutMs;
    const caller = request.caller ?? (await authenticate(request.headers));
    const call = { deadline, logger: request.log, caller: caller.id };
    return {
      requestId: request.id,
      caller,
      logger: request.log,
      deadline,
      call,
      vendors,
      clients,
      identity,
      shared,
      leads,
      loaders: createLoaders(clients, identity, call, { shared, batching: config.batching }),
      partial: new PartialErrors(),
      info,
    };
  };
  app.route<{ Reply: string }>({
    url: GRAPHQL_PATH,
    method: ['GET', 'POST', 'OPTIONS'],
    onRequest: async (request) => {
      request.graphql = { operationName: null, outcome: null };
    },
    preHandler: [
      authenticationGuard(authenticate, config.auth.mode),
      ...(config.persistedOnly ? [persistedOnlyGuard(documents)] : []),
    ],
    handler: fastifyApolloHandler(apollo, { context }),
  });
  if (subgraph) {
    // For a router in front of us: authenticated like /graphql (the router forwards the caller's
    // credentials); its query plans are not registered documents, so PERSISTED_ONLY does not apply.
    app.route<{ Reply: string }>({
      url: SUBGRAPH_PATH,
      method: ['POST'],
      onRequest: async (request) => {
        request.graphql = { operationName: null, outcome: null };
      },
      preHandler: [authenticationGuard(authenticate, config.auth.mode)],
      handler: fastifyApolloHandler(subgraph, { context }),
    });
  }
  registerGraphiqlAssets(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const health = await vendors.health();
    const stores = store();
    const usable = health.every((vendor) => vendor.mode !== 'UNCONFIGURED');
    // A shared store away degrades the gateway without taking it out of rotation: reads go on
    // (and every replica would be out at once otherwise).
    const status = !accepting
      ? 'draining'
      : !usable
        ? 'not_ready'
        : warmingUp()
          ? 'warming_up'
          : stores.ready
            ? 'ready'
            : 'degraded';
    return reply
      .code(status === 'ready' || status === 'degraded' ? 200 : 503)
      .send({ status, store: stores, vendors: health });
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).send(body);
  });

  let closing: Promise<void> | undefined;
  return {
    app,
    metrics,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const { port } = app.server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    close() {
      closing ??= (async () => {
        accepting = false;
        const force = setTimeout(() => app.server.closeAllConnections(), config.shutdownTimeoutMs);
        force.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(force);
          await apollo.stop();
          await subgraph?.stop();
          await vendors.close();
        }
      })();
      return closing;
    },
  };
}
