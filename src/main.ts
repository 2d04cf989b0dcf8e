/**
 * `npm start`: loads the configuration, starts the embedded vendor sandboxes for vendors without
 * a base URL, then the gateway. SIGTERM/SIGINT drain in-flight requests and close everything.
 */
import { loadConfig } from './config';
import type { Config } from './config';
import { VENDORS, VENDOR_IDS } from './domain/vendor';
import { startEmbeddedSandboxes } from './embedded';
import { createLogger } from './logger';
import { createApp } from './app';
import { mintToken } from './auth/mint';
import { SCOPES } from './auth/scopes';
import { GRAPHQL_PATH } from './server';

/** How to call the gateway with the configured authentication; a ready token in development. */
async function authBanner(config: Config): Promise<string> {
  const { auth } = config;
  if (auth.mode === 'none') {
    return [
      '  Auth       none (development): every scope but pii:read and pii:ssn, so dates of birth,',
      '             full addresses and full SSNs stay masked. For them: AUTH_MODE=jwt JWT_SECRET=<32+ chars>.',
    ].join('\n');
  }
  if (auth.mode === 'jwt' && auth.jwtSecret && !config.production) {
    const token = await mintToken(auth, {
      subject: 'developer',
      scopes: SCOPES,
      ttlSeconds: 12 * 3600,
    });
    return `  Auth       jwt. A development token with every scope, valid 12 h (GraphiQL: Headers tab):\n  {"Authorization": "Bearer ${token}"}\n`;
  }
  return `  Auth       ${auth.mode}`;
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    const problems = error instanceof AggregateError ? error.errors : [error];
    for (const problem of problems) {
      process.stderr.write(
        `config: ${problem instanceof Error ? problem.message : String(problem)}\n`,
      );
    }
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const started = performance.now();

  const sandboxes = await startEmbeddedSandboxes(config);
  const app = await createApp({ config, logger, population: sandboxes?.population, warmUp: true });
  const url = await app.gateway.listen();

  logger.info(
    {
      url,
      startupMs: Math.round(performance.now() - started),
      vendors: Object.fromEntries(VENDOR_IDS.map((id) => [id, config.vendors[id].mode])),
      sandboxPopulation: sandboxes ? config.sandboxPopulation : undefined,
    },
    'gateway listening',
  );
  const lines = [
    '',
    `  GraphiQL   ${url}${GRAPHQL_PATH}`,
    `  Health     ${url}/healthz   ${url}/readyz   ${url}/metrics`,
    ...VENDOR_IDS.map((id) => {
      const vendor = config.vendors[id];
      const where =
        vendor.mode === 'sandbox'
          ? `sandbox ${vendor.baseUrl}`
          : vendor.mode === 'remote'
            ? 'remote'
            : 'not configured';
      return `  ${VENDORS[id].displayName.padEnd(16)} ${where}`;
    }),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${await authBanner(config)}\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info(
      { signal, timeoutMs: config.shutdownTimeoutMs },
      'shutting down: draining in-flight requests',
    );
    void (async () => {
      try {
        await app.close();
        await sandboxes?.close();
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
