import { cp, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Population } from '../../simulators/population/generate';
import { loadConfig } from '../../src/config';
import { ApitureIndexer } from '../../src/identity/apiture-index';
import { createSsnHasher } from '../../src/identity/match-keys';
import { seedAmericorLinks } from '../../src/identity/seed';
import { IdentityService } from '../../src/identity/service';
import { createLogger } from '../../src/logger';
import { identityHashKey, openStores } from '../../src/stores';
import { clientsByVendor, createVendorClients } from '../../src/vendor-clients';

/** Items per Apiture index page while preparing (the gateway's own pacing does not apply here). */
const INDEX_PAGE_SIZE = 100;

/**
 * Makes a DATA_DIR holding what a long-running gateway would already have in its identity store,
 * so that every gateway of the run starts from the same, realistic state:
 * - the links of the sandbox's Americor leads (Americor cannot be searched; the embedded mode
 *   seeds the same links on first start, but a gateway pointed at sandboxes by URL does not);
 * - a finished first sweep of the Apiture index (Apiture cannot be searched by email or phone;
 *   the gateway builds this index in the background at 60 calls a minute, which takes minutes).
 * Both are written by the gateway's own code (`seedAmericorLinks`, `ApitureIndexer`), never by
 * hand. No vendor read is cached here: the response cache starts empty.
 *
 * `env` is the gateway environment (vendor base URLs and credentials). Returns the directory,
 * made under `parentDir`.
 */
export async function prepareTemplateDataDir(
  env: Record<string, string>,
  population: Population,
  parentDir: string,
): Promise<string> {
  const dir = await mkdtemp(path.join(parentDir, 'data-template-'));
  const config = loadConfig({ ...env, DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const logger = createLogger({ level: 'silent' });
  const stores = openStores(dir, logger);
  const clients = createVendorClients(config, {
    logger,
    // Preparation is not measured: no budget applies to it.
    ratePolicy: () => ({ limit: 1_000_000, windowMs: 60_000 }),
  });
  try {
    const identity = new IdentityService(
      stores.identity,
      createSsnHasher(identityHashKey(config.identityHashKey, dir)),
    );
    await seedAmericorLinks(identity, population);
    const indexer = new ApitureIndexer(clients.apiture, identity, logger, {
      pageSize: INDEX_PAGE_SIZE,
    });
    while (!(await indexer.runOnce()).sweepDone);
  } finally {
    await Promise.allSettled(
      Object.values(clientsByVendor(clients)).map((client) => client.close()),
    );
    await stores.close();
  }
  return dir;
}

/**
 * A private copy of a data directory for one gateway process, removed with `removeDir`. The
 * response cache (`cache*` files) is never copied: every gateway of the run starts cold, whatever
 * the source directory has seen.
 */
export async function copyDataDir(
  source: string,
  label: string,
  parentDir: string,
): Promise<string> {
  const dir = await mkdtemp(path.join(parentDir, `data-${label}-`));
  await cp(source, dir, {
    recursive: true,
    filter: (file) => file === source || !path.basename(file).startsWith('cache'),
  });
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
