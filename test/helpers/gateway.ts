import Keyv from 'keyv';
import { startSandboxes } from '../../simulators';
import type { RunningSandboxes, StartSandboxesOptions } from '../../simulators';
import { createApp } from '../../src/app';
import type { App, AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { SANDBOX_OF } from '../../src/embedded';
import { VENDOR_IDS } from '../../src/domain/vendor';
import { createLogger } from '../../src/logger';
import type { Gateway } from '../../src/server';
import { LogCapture } from './logs';

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  url: string;
  config: Config;
  app: App;
  gateway: Gateway;
  logs: LogCapture;
  /** The sandboxes, when the gateway was started with them. */
  sandboxes: RunningSandboxes | null;
  /** POSTs a GraphQL operation and returns the status and the parsed body. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLBody<T> }>;
  close(): Promise<void>;
}

/** Every vendor pointed at an address nothing listens on: for tests that make no vendor call. */
export const NO_VENDOR_ENV: Record<string, string> = {
  AMERICOR_BASE_URL: 'http://127.0.0.1:9',
  AMERICOR_USERNAME: 'test-user',
  AMERICOR_PUBLIC_KEY: 'test-americor-public-key',
  CREDITPROS_BASE_URL: 'http://127.0.0.1:9',
  CREDITPROS_API_KEY: 'test-creditpros-key',
  LENDINGCRM_BASE_URL: 'http://127.0.0.1:9',
  LENDINGCRM_TOKEN: 'test-lendingcrm-token',
  APITURE_BASE_URL: 'http://127.0.0.1:9',
  APITURE_API_KEY: 'test-apiture-key',
  APITURE_ACCESS_TOKEN: 'test-apiture-token',
  AGENCYZOOM_BASE_URL: 'http://127.0.0.1:9',
  AGENCYZOOM_USERNAME: 'test-user',
  AGENCYZOOM_PASSWORD: 'test-agencyzoom-password',
};

export interface TestGatewayOptions {
  /** The whole environment the configuration is read from (nothing leaks in from the process). */
  env?: Record<string, string>;
  /** Start the five sandboxes (on free ports) and point the vendors at them. */
  sandboxes?: StartSandboxesOptions | false;
  /** Use sandboxes already running (a gateway restart against the same vendors); not closed with the gateway. */
  existingSandboxes?: RunningSandboxes;
  /** Called before listening (to add hooks). */
  beforeListen?: (gateway: Gateway) => void;
  /** The identity store; default a fresh in-memory one. */
  identityStore?: Keyv;
  /** The shared cache store; default a fresh in-memory one. */
  cacheStore?: Keyv;
  apitureIndex?: AppOptions['apitureIndex'];
  clientDeps?: AppOptions['clientDeps'];
  cacheClock?: AppOptions['cacheClock'];
  /** Lead delivery settings; default the worker off (tests drive `app.deliveries.runOnce()`). */
  submissions?: AppOptions['submissions'];
  /** Log in and read reference data at start, as `npm start` does; default off. */
  warmUp?: boolean;
}

/** Starts a gateway in this process on a free loopback port. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  let sandboxes: RunningSandboxes | null = options.existingSandboxes ?? null;
  let env = options.env ?? NO_VENDOR_ENV;
  if (sandboxes) env = { ...options.env };
  if (options.sandboxes && !sandboxes) {
    sandboxes = await startSandboxes({
      size: 60,
      ports: { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 },
      ...options.sandboxes,
    });
    env = { ...options.env };
  }
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  if (sandboxes) {
    for (const id of VENDOR_IDS)
      config.vendors[id].baseUrl = sandboxes.urls[SANDBOX_OF[id]] ?? null;
  }
  const logs = new LogCapture();
  const logger = createLogger({ level: config.logLevel, destination: logs });
  const app = await createApp({
    config,
    logger,
    identityStore: options.identityStore ?? new Keyv(),
    cacheStore: options.cacheStore ?? new Keyv(),
    population: sandboxes?.population,
    apitureIndex: options.apitureIndex ?? false,
    clientDeps: options.clientDeps,
    cacheClock: options.cacheClock,
    submissions: options.submissions ?? { worker: false },
    warmUp: options.warmUp,
  });
  options.beforeListen?.(app.gateway);
  const url = await app.gateway.listen();
  return {
    url,
    config,
    app,
    gateway: app.gateway,
    logs,
    sandboxes,
    async query(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async close() {
      await app.close();
      if (!options.existingSandboxes) await sandboxes?.close();
    },
  };
}
