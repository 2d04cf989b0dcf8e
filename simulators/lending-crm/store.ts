import { Rng } from '../kit/random';
import type { AuditRecord, Client, WritableClient } from './types';

/**
 * In-memory Clients keyed by their lower-case uuid, kept in insertion order (seeded clients
 * first, in population order). New ids are uuid v4 shapes drawn from a generator seeded by the
 * population seed, so a fresh sandbox hands out the same ids in the same order every run.
 * Records leave the store as copies: callers cannot change stored state by accident.
 */
export class ClientStore {
  private readonly clients = new Map<string, Client>();
  private readonly newIds: Rng;

  constructor(seeded: readonly Client[], idSeed: string) {
    for (const client of seeded) this.clients.set(client.id.toLowerCase(), { ...client });
    this.newIds = new Rng(`${idSeed}:lendingCrm:new-client-ids`);
  }

  /** Every client, in insertion order. */
  list(): Client[] {
    return Array.from(this.clients.values(), (client) => ({ ...client }));
  }

  /** The client with this uuid (any letter case), or undefined. */
  get(id: string): Client | undefined {
    const client = this.clients.get(id.toLowerCase());
    return client && { ...client };
  }

  /** Stores a new client created at `nowIso`; `updatedOn` stays null until the first update. */
  create(fields: WritableClient, nowIso: string): Client {
    const id = this.unusedId();
    const client: Client = { ...fields, id, createdOn: nowIso, updatedOn: null };
    this.clients.set(id, client);
    return { ...client };
  }

  /** Replaces every writable property; undefined when the id is unknown. */
  replace(id: string, fields: WritableClient, nowIso: string): Client | undefined {
    return this.update(id, fields, nowIso);
  }

  /** Overwrites only the properties given; undefined when the id is unknown. */
  merge(id: string, fields: Partial<WritableClient>, nowIso: string): Client | undefined {
    return this.update(id, fields, nowIso);
  }

  /** Removes the client; false when the id is unknown. */
  delete(id: string): boolean {
    return this.clients.delete(id.toLowerCase());
  }

  private update(id: string, fields: Partial<WritableClient>, nowIso: string): Client | undefined {
    const key = id.toLowerCase();
    const current = this.clients.get(key);
    if (!current) return undefined;
    const next: Client = {
      ...current,
      ...fields,
      id: current.id,
      createdOn: current.createdOn,
      updatedOn: nowIso,
    };
    this.clients.set(key, next);
    return { ...next };
  }

  private unusedId(): string {
    for (;;) {
      const id = this.newIds.uuid();
      if (!this.clients.has(id)) return id;
    }
  }
}

/** The audit record POST, PUT and PATCH answer with. */
export function auditRecordOf(client: Client): AuditRecord {
  return {
    id: client.id,
    type: 'Client',
    createdTimestamp: client.createdOn,
    updatedTimestamp: client.updatedOn,
  };
}
