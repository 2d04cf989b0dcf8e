import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type Keyv from 'keyv';

/** The hash clients send for a document: SHA-256 of its exact text, hex (Apollo's APQ hash). */
export function documentHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export interface RegisteredDocument {
  body: string;
  /** The client the document was registered for, e.g. `mobile-ios`. */
  client: string;
  registeredAt: string;
}

/**
 * Trusted documents: the operations a client (a mobile app) was built with, registered ahead of
 * time. Kept in the durable identity store (not the cache), so they survive restarts and every
 * replica sees them.
 */
export class DocumentRegistry {
  constructor(private readonly store: Keyv) {}

  async register(client: string, body: string): Promise<{ hash: string; added: boolean }> {
    const hash = documentHash(body);
    const key = `doc:${hash}`;
    const existing = await this.store.get<RegisteredDocument>(key);
    if (existing) return { hash, added: false };
    await this.store.set(key, {
      body,
      client,
      registeredAt: new Date().toISOString(),
    } satisfies RegisteredDocument);
    return { hash, added: true };
  }

  async lookup(hash: string): Promise<RegisteredDocument | undefined> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
    return this.store.get<RegisteredDocument>(`doc:${hash}`);
  }
}

/**
 * Apollo's persisted-query cache: registered documents first, then automatic persisted queries
 * in the shared cache (so every replica knows a hash one replica learned). In persisted-only
 * mode nothing new is learned: only registered documents run.
 */
export class PersistedQueryCache implements KeyValueCache<string> {
  constructor(
    private readonly registry: DocumentRegistry,
    private readonly apq: Keyv,
    private readonly persistedOnly: boolean,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const hash = key.replace(/^apq:/, '');
    const registered = await this.registry.lookup(hash);
    if (registered) return registered.body;
    if (this.persistedOnly) return undefined;
    return this.apq.get<string>(`apq:${hash}`);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (this.persistedOnly) return;
    const hash = key.replace(/^apq:/, '');
    await this.apq.set(`apq:${hash}`, value, options?.ttl ? options.ttl * 1000 : undefined);
  }

  async delete(key: string): Promise<boolean | void> {
    await this.apq.delete(`apq:${key.replace(/^apq:/, '')}`);
  }
}
