import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { Logger } from './logger';

/**
 * The process's persistent stores, on keyv. Embedded mode keeps SQLite files under `DATA_DIR`
 * (identity links must survive restarts); Redis arrives with the scaled-out mode.
 */
export interface Stores {
  /** Identity links, match keys, snapshots, idempotency records. Never loses data on purpose. */
  identity: Keyv;
  /** The shared cache of vendor reads: losing it costs only vendor calls. */
  cache: Keyv;
  close(): Promise<void>;
}

function sqlite(file: string, namespace: string, logger: Logger): Keyv {
  const keyv = new Keyv({
    store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 }),
    namespace,
  });
  // keyv emits store errors as events; an unhandled 'error' event would end the process.
  keyv.on('error', (error: unknown) =>
    logger.error({ store: namespace, err: { type: (error as Error)?.name } }, 'store error'),
  );
  return keyv;
}

export function openStores(dataDir: string, logger: Logger): Stores {
  mkdirSync(dataDir, { recursive: true });
  const identity = sqlite(path.join(dataDir, 'identity.sqlite'), 'identity', logger);
  const cache = sqlite(path.join(dataDir, 'cache.sqlite'), 'cache', logger);
  return {
    identity,
    cache,
    async close() {
      await Promise.all([identity.disconnect(), cache.disconnect()]);
    },
  };
}

/**
 * The secret SSNs are hashed under. From `IDENTITY_HASH_KEY` when set; otherwise generated once
 * and kept in `DATA_DIR/identity-hash.key` (mode 0600), since the stored hashes are only useful
 * with the same key.
 */
export function identityHashKey(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'identity-hash.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
