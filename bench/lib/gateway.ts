import path from 'node:path';
import { copyDataDir, removeDir } from './data-dir';
import { baseEnv, startChild } from './processes';
import type { Child } from './processes';
import { BENCH_VENDORS, SANDBOX_CREDENTIAL } from './vendors';
import type { PerVendor } from './vendors';

/** A GraphQL response as the bench reads it. */
export interface GraphQLBody<T = unknown> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLResult<T> {
  status: number;
  body: GraphQLBody<T>;
  /** Wall time of the round trip as the client sees it, in ms. */
  ms: number;
}

/** The stable `extensions.code` of a GraphQL error, `UNKNOWN` when it has none. */
export function errorCode(error: { extensions?: Record<string, unknown> }): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/** POSTs one GraphQL operation (JSON over HTTP, as a mobile app would). */
export async function postGraphql<T = unknown>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  return { status: response.status, body, ms: performance.now() - started };
}

/**
 * A vendor budget far above anything the bench sends (the largest `<VENDOR>_RATE_LIMIT` the
 * configuration accepts), for the scenarios that measure latency, calls and throughput rather
 * than budgets: queued or refused calls would measure the limiter instead. S4 sets real ones.
 */
export const LIFTED_RATE_LIMIT = '100000';

export interface GatewayOptions {
  /** Unique label: names the log file and the data directory. */
  name: string;
  /** Where the log file and the data directory go (the run's work directory). */
  logDir: string;
  /** Base URL of each vendor's sandbox. */
  sandboxUrls: PerVendor<string>;
  /** The prepared DATA_DIR (see `prepareTemplateDataDir`); the gateway gets its own copy. */
  templateDir: string;
  /**
   * A DATA_DIR to use as it is instead of a copy of `templateDir`: a restart on the directory of
   * a gateway that stopped (or crashed), as a supervisor would restart it.
   */
  dataDir?: string;
  /** Variables added to (or replacing) the defaults below. */
  env?: Record<string, string>;
  /** `node` flags before `--import tsx` (e.g. `--expose-gc`). */
  nodeFlags?: string[];
  /** Modules imported after tsx, before the gateway (e.g. the GC preload of S5). */
  preload?: string[];
}

export interface GatewayProcess {
  readonly name: string;
  readonly url: string;
  readonly child: Child;
  /** Its private DATA_DIR. */
  readonly dataDir: string;
  query<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** The Prometheus text of `/metrics`. */
  metrics(): Promise<string>;
  /** Stops the process and removes its data directory unless `keepDataDir`. */
  stop(options?: { keepDataDir?: boolean }): Promise<void>;
}

/** The gateway's environment: every vendor pointed at its sandbox, budgets lifted, info logs. */
export function gatewayEnv(
  sandboxUrls: PerVendor<string>,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const vendors = Object.fromEntries(
    BENCH_VENDORS.flatMap((vendor): [string, string][] => [
      [`${vendor.envPrefix}_BASE_URL`, sandboxUrls[vendor.sandbox]],
      [`${vendor.envPrefix}_RATE_LIMIT`, LIFTED_RATE_LIMIT],
      ...vendor.credentials.map((suffix): [string, string] => [
        `${vendor.envPrefix}_${suffix}`,
        SANDBOX_CREDENTIAL,
      ]),
    ]),
  );
  return {
    ...baseEnv(),
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // The production default: one JSON line per request, written to a file by the bench.
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...vendors,
    ...extra,
  };
}

/**
 * Starts `node --import tsx src/main.ts` as a child, waits for "gateway listening", then for
 * `/readyz` to leave `warming_up` (the vendor logins at start), as a load balancer would.
 */
export async function startGateway(options: GatewayOptions): Promise<GatewayProcess> {
  const dataDir =
    options.dataDir ?? (await copyDataDir(options.templateDir, options.name, options.logDir));
  let child: Child;
  try {
    child = await startChild({
      name: options.name,
      args: [
        ...(options.nodeFlags ?? []),
        '--import',
        'tsx',
        ...(options.preload ?? []).flatMap((module) => ['--import', module]),
        'src/main.ts',
      ],
      env: gatewayEnv(options.sandboxUrls, dataDir, options.env),
      logFile: path.join(options.logDir, `${options.name}.log`),
      ready: /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"gateway listening"/,
    });
  } catch (error) {
    if (!options.dataDir) await removeDir(dataDir);
    throw error;
  }
  const url = child.match[1];
  await untilWarm(url);
  return {
    name: options.name,
    url,
    child,
    dataDir,
    query: (query, variables) => postGraphql(url, query, variables),
    async metrics() {
      const response = await fetch(`${url}/metrics`);
      return response.text();
    },
    async stop(stopOptions = {}) {
      await child.stop();
      if (!stopOptions.keepDataDir) await removeDir(dataDir);
    },
  };
}

/** How long a gateway may stay `warming_up` before the run goes on anyway, in ms. */
const WARM_UP_WAIT_MS = 35_000;

async function untilWarm(url: string): Promise<void> {
  const end = Date.now() + WARM_UP_WAIT_MS;
  while (Date.now() < end) {
    const response = await fetch(`${url}/readyz`);
    const { status } = (await response.json()) as { status?: string };
    if (status !== 'warming_up') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A sample's value in Prometheus text, summed over the series whose labels include `labels`. */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`)))
      total += Number(match[3]);
  }
  return total;
}

/** GraphQL requests the gateway counted by outcome (`success`, `partial`, `error`, ...). */
export function graphqlOutcomes(metricsText: string): Record<string, number> {
  const outcomes: Record<string, number> = {};
  for (const match of metricsText.matchAll(
    /^graphql_requests_total\{[^}]*outcome="([^"]+)"[^}]*\}\s+(\S+)/gm,
  )) {
    const outcome = match[1];
    outcomes[outcome] = (outcomes[outcome] ?? 0) + Number(match[2]);
  }
  return outcomes;
}
