import { loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createGateway } from '../../src/server';
import type { Gateway } from '../../src/server';
import { VendorRegistry } from '../../src/vendor-registry';
import { LogCapture } from './logs';

export interface TestGateway {
  url: string;
  config: Config;
  gateway: Gateway;
  logs: LogCapture;
  /** POSTs a GraphQL operation and returns the parsed body and the response. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }>;
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

/**
 * Starts a gateway in this process on a free loopback port. `env` is the whole environment the
 * configuration is read from (nothing from the real process environment leaks in).
 */
export async function startTestGateway(
  env: Record<string, string> = NO_VENDOR_ENV,
  beforeListen?: (gateway: Gateway) => void,
): Promise<TestGateway> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  const logs = new LogCapture();
  const logger = createLogger({ level: config.logLevel, destination: logs });
  const gateway = await createGateway({ config, logger, vendors: new VendorRegistry(config) });
  beforeListen?.(gateway);
  const url = await gateway.listen();
  return {
    url,
    config,
    gateway,
    logs,
    async query(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    close: () => gateway.close(),
  };
}
