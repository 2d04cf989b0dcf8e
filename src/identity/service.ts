import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import type { PersonRecordModel, VendorRefModel } from '../domain/models';
import { isVendorId } from '../domain/vendor';
import { AppError, ErrorCode } from '../errors';
import { MemoryLru } from '../cache/memory-lru';
import { LocalLocker } from '../shared/locker';
import type { Locker } from '../shared/locker';
import { StoreUnavailableError, isStoreUnavailable } from '../shared/errors';
import { keysOfMatch, keysOfRecord, refKey } from './match-keys';
import type { MatchInput, SsnHasher } from './match-keys';

/** A person as stored: the vendor records linked to it and the match keys it owns. */
export interface PersonEntry {
  id: string;
  /** `VENDOR:id` of every linked record. */
  links: string[];
  /** Match keys (`email:...`, `phone:...`, `ssn:<hash>`, `namedob:...`). */
  keys: string[];
  /** ISO time the person was first seen; the oldest survives a merge. */
  createdAt: string;
  /** Set when the person was merged into another: the ID keeps working and leads there. */
  mergedInto?: string;
}

/** Record fields kept for vendors whose records cannot be read back (Americor) or searched (Apiture). */
export type RecordSnapshot = Omit<PersonRecordModel, 'ssn'>;

const K = {
  person: (id: string) => `p:${id}`,
  link: (ref: string) => `l:${ref}`,
  key: (key: string) => `k:${key}`,
  pin: (ref: string) => `pin:${ref}`,
  block: (ref: string) => `block:${ref}`,
  snapshot: (ref: string) => `snap:${ref}`,
  meta: (name: string) => `meta:${name}`,
  leads: 'index:leads',
};

/** Records that are leads (Americor customers, AgencyZoom leads), listed by `leads(...)`. */
function isLeadRef(ref: string): boolean {
  return ref.startsWith('AMERICOR:') || ref.startsWith('AGENCYZOOM:lead:');
}

/** Merges never chain deeper than this; a longer chain means a corrupted store. */
const MAX_MERGE_HOPS = 32;

/**
 * How long an identity entry read or written by this process is answered from its memory, in
 * ms. This process's own writes update its memory at once; another replica's writes to a shared
 * store (Redis) are seen within this bound, a race the merge on the next resolution already
 * absorbs (see the class comment).
 */
const MEMORY_TTL_MS = 5_000;
/**
 * With a shared store, how long the last value read is kept to answer reads while the store is
 * away, in ms: a person seen lately stays readable through a Redis outage.
 */
const LAST_KNOWN_TTL_MS = 60 * 60_000;
/** Memory bounds: entries, and bytes (twice the JSON length of each). */
const MEMORY_MAX_ENTRIES = 100_000;
const MEMORY_MAX_BYTES = 32 * 1024 * 1024;
/** In memory: the JSON of the stored value, or this for "no value stored". */
const ABSENT = '';

export function parseRefKey(key: string): VendorRefModel {
  const at = key.indexOf(':');
  const vendor = key.slice(0, at);
  if (at < 0 || !isVendorId(vendor)) throw new Error(`not a record reference: ${key}`);
  return { vendor, id: key.slice(at + 1) };
}

/**
 * Who is the same person. Records join a person on shared match keys; a record that shares keys
 * with several people merges them into the oldest. Manual links pin a record to a person and
 * manual unlinks keep it from rejoining one. Everything lives in the identity store (keyv), so
 * person IDs survive restarts and replicas agree on them.
 *
 * Writes are serialised by the locker: in this process, and across replicas with a shared store
 * (Redis), where the reads inside a write section also skip this process's memory, so no replica
 * writes over another's change. With a shared store, reads outside write sections may be up to
 * `MEMORY_TTL_MS` old, and while the store is away they are answered from the last value read (up
 * to `LAST_KNOWN_TTL_MS`); writes then fail loudly rather than drop a link.
 */
export class IdentityService {
  private readonly locker: Locker;
  private readonly shared: boolean;
  /** Write sections running: their reads go to the store when it is shared. */
  private writing = 0;
  private readonly clock: () => number;
  /** Recently read or written entries (see `MEMORY_TTL_MS`), as JSON so each read gets its own copy. */
  private readonly memory = new MemoryLru<string>({
    maxEntries: MEMORY_MAX_ENTRIES,
    maxBytes: MEMORY_MAX_BYTES,
  });
  /** With a shared store: the last value read of each key, for reads while the store is away. */
  private readonly lastKnown = new MemoryLru<string>({
    maxEntries: MEMORY_MAX_ENTRIES,
    maxBytes: MEMORY_MAX_BYTES,
  });
  /** Bumped by every write: a store read that a write overtook is not remembered. */
  private generation = 0;
  /** Match keys of frozen (cached, shared) records. */
  private readonly recordKeys = new WeakMap<PersonRecordModel, string[]>();
  /** The person each record was last resolved to, with its match keys and the generation then. */
  private readonly resolved = new MemoryLru<{
    signature: string;
    personId: string;
    generation: number;
  }>({ maxEntries: MEMORY_MAX_ENTRIES, maxBytes: MEMORY_MAX_BYTES });

  constructor(
    private readonly store: Keyv,
    private readonly hashSsn: SsnHasher,
    options: { clock?: () => number; locker?: Locker; shared?: boolean } = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.locker = options.locker ?? new LocalLocker();
    this.shared = options.shared ?? false;
  }

  /** Runs a write section under the identity lock. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.locker.run('identity', async () => {
      this.writing += 1;
      try {
        return await fn();
      } finally {
        this.writing -= 1;
      }
    });
  }

  /** Links each record to a person (creating or merging people as the keys say); returns person ID by record key. */
  resolve(records: PersonRecordModel[]): Promise<Map<string, string>> {
    return this.exclusive(async () => {
      const result = new Map<string, string>();
      for (const record of records) {
        const ref = refKey(record.ref);
        const keys = this.keysOf(record);
        const signature = keys.join('\n');
        // Resolving the same record again with the same keys, the store unchanged since, gives
        // the same person and writes nothing: the answer is remembered instead.
        const known = this.resolved.get(ref);
        if (known && known.signature === signature && known.generation === this.generation) {
          result.set(ref, known.personId);
          continue;
        }
        const personId = await this.resolveOne(record.ref, keys);
        result.set(ref, personId);
        this.resolved.set(
          ref,
          { signature, personId, generation: this.generation },
          MEMORY_TTL_MS,
          2 * (ref.length + signature.length + personId.length),
        );
      }
      return result;
    });
  }

  /**
   * `resolve` for a read (findPeople): while the store cannot take writes (a shared store away),
   * the people the records are already linked to, as far as they can still be read; records
   * never linked wait until it is back, rather than the whole read failing.
   */
  async resolveForRead(records: PersonRecordModel[]): Promise<Map<string, string>> {
    try {
      return await this.resolve(records);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      const known = new Map<string, string>();
      for (const record of records) {
        const personId = await this.personOf(record.ref).catch(() => null);
        if (personId) known.set(refKey(record.ref), personId);
      }
      return known;
    }
  }

  /** IDs of the people owning any of the keys of a search (no vendor call). */
  async findByMatch(match: MatchInput): Promise<string[]> {
    const keys = keysOfMatch(match, this.hashSsn);
    const ids = new Set<string>();
    for (const key of keys) {
      const id = await this.read<string>(K.key(key));
      if (id) {
        const person = await this.getPerson(id);
        if (person) ids.add(person.id);
      }
    }
    return [...ids];
  }

  /** The person by ID, following merges; null when unknown. */
  async getPerson(id: string): Promise<PersonEntry | null> {
    let current = await this.read<PersonEntry>(K.person(id));
    for (let hops = 0; current?.mergedInto && hops < MAX_MERGE_HOPS; hops++) {
      current = await this.read<PersonEntry>(K.person(current.mergedInto));
    }
    return current && !current.mergedInto ? current : null;
  }

  async getPeople(ids: readonly string[]): Promise<(PersonEntry | null)[]> {
    return Promise.all(ids.map((id) => this.getPerson(id)));
  }

  /** The person a record is linked to, or null. */
  async personOf(ref: VendorRefModel): Promise<string | null> {
    const id = await this.read<string>(K.link(refKey(ref)));
    if (!id) return null;
    return (await this.getPerson(id))?.id ?? null;
  }

  /**
   * Pins a record to a person (manual override of matching). Without `personId` the record
   * becomes a person of its own. Returns the person ID.
   */
  link(ref: VendorRefModel, personId: string | null): Promise<string> {
    return this.exclusive(async () => {
      const key = refKey(ref);
      let target: PersonEntry;
      if (personId) {
        const found = await this.getPerson(personId);
        if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No person has that ID');
        target = found;
      } else {
        target = this.newPerson();
      }
      await this.detach(key);
      target.links = [...new Set([...target.links, key])];
      await this.write(K.person(target.id), target);
      await this.write(K.link(key), target.id);
      await this.write(K.pin(key), target.id);
      const blocked = (await this.read<string[]>(K.block(key))) ?? [];
      await this.write(
        K.block(key),
        blocked.filter((id) => id !== target.id),
      );
      return target.id;
    });
  }

  /**
   * Detaches a record from a person; it becomes a person of its own and automatic matching will
   * not join it to that person again. Returns the record's new person ID.
   */
  unlink(ref: VendorRefModel, personId: string): Promise<string> {
    return this.exclusive(async () => {
      const key = refKey(ref);
      const current = await this.read<string>(K.link(key));
      const person = current ? await this.getPerson(current) : null;
      const owner = await this.getPerson(personId);
      if (!person || !owner || person.id !== owner.id) {
        throw new AppError(ErrorCode.NOT_FOUND, 'That record is not linked to that person');
      }
      await this.detach(key);
      const own = this.newPerson();
      own.links = [key];
      await this.write(K.person(own.id), own);
      await this.write(K.link(key), own.id);
      await this.write(K.pin(key), own.id);
      const blocked = (await this.read<string[]>(K.block(key))) ?? [];
      await this.write(K.block(key), [...new Set([...blocked, person.id])]);
      return own.id;
    });
  }

  /**
   * Lead records linked so far, newest first: `total` and the page from `offset`. The list is
   * one stored array, fine for the tens of thousands of leads a gateway links; a larger
   * deployment would move it to a sorted set.
   */
  async leadRefs(
    offset: number,
    limit: number,
  ): Promise<{ total: number; refs: VendorRefModel[] }> {
    const leads = (await this.read<string[]>(K.leads)) ?? [];
    const newestFirst = leads.slice().reverse();
    return {
      total: leads.length,
      refs: newestFirst.slice(offset, offset + limit).map(parseRefKey),
    };
  }

  /** Keeps the identity fields of a record that cannot be read back from its vendor. */
  async saveSnapshot(record: PersonRecordModel): Promise<void> {
    const { ssn: _ssn, ...snapshot } = record;
    await this.write(K.snapshot(refKey(record.ref)), snapshot);
  }

  async snapshot(ref: VendorRefModel): Promise<RecordSnapshot | null> {
    return (await this.read<RecordSnapshot>(K.snapshot(refKey(ref)))) ?? null;
  }

  async getMeta<T>(name: string): Promise<T | undefined> {
    return this.read<T>(K.meta(name));
  }

  async setMeta(name: string, value: unknown): Promise<void> {
    await this.write(K.meta(name), value);
  }

  /**
   * A record's match keys. Records served from the shared cache's memory tier are frozen and the
   * same object for every request, so their keys (an HMAC for the SSN) are computed once.
   */
  private keysOf(record: PersonRecordModel): string[] {
    if (!Object.isFrozen(record)) return keysOfRecord(record, this.hashSsn);
    let keys = this.recordKeys.get(record);
    if (!keys) {
      keys = keysOfRecord(record, this.hashSsn);
      this.recordKeys.set(record, keys);
    }
    return keys;
  }

  // ---- the store, through the memory ----

  private async read<T>(key: string): Promise<T | undefined> {
    const parse = (text: string) => (text === ABSENT ? undefined : (JSON.parse(text) as T));
    const fresh = this.shared && this.writing > 0;
    const known = fresh ? undefined : this.memory.get(key);
    if (known !== undefined) return parse(known);
    const generation = this.generation;
    let value: T | undefined;
    try {
      value = await this.store.get<T>(key);
    } catch (error) {
      const last = fresh ? undefined : this.lastKnown.get(key);
      if (last !== undefined) return parse(last);
      throw new StoreUnavailableError(error);
    }
    if (generation === this.generation)
      this.remember(key, value === undefined ? ABSENT : JSON.stringify(value));
    return value;
  }

  private remember(key: string, text: string): void {
    const bytes = 2 * (key.length + text.length);
    this.memory.set(key, text, MEMORY_TTL_MS, bytes);
    if (this.shared) this.lastKnown.set(key, text, LAST_KNOWN_TTL_MS, bytes);
  }

  /** Writes through to the store; a value the store is known to hold already is not written again. */
  private async write(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    if (this.memory.get(key) === text) return;
    this.generation += 1;
    this.remember(key, text);
    try {
      await this.store.set(key, value);
    } catch (error) {
      this.forget(key);
      throw new StoreUnavailableError(error);
    }
  }

  private async remove(key: string): Promise<void> {
    this.generation += 1;
    this.remember(key, ABSENT);
    try {
      await this.store.delete(key);
    } catch (error) {
      this.forget(key);
      throw new StoreUnavailableError(error);
    }
  }

  private forget(key: string): void {
    this.memory.delete(key);
    this.lastKnown.delete(key);
  }

  private newPerson(): PersonEntry {
    return {
      id: `p_${randomBytes(10).toString('hex')}`,
      links: [],
      keys: [],
      createdAt: new Date(this.clock()).toISOString(),
    };
  }

  /** Removes a record's link from its current person (the person stays, perhaps with no links). */
  private async detach(key: string): Promise<void> {
    const current = await this.read<string>(K.link(key));
    const person = current ? await this.getPerson(current) : null;
    if (!person) return;
    person.links = person.links.filter((link) => link !== key);
    await this.write(K.person(person.id), person);
    await this.remove(K.link(key));
  }

  private async resolveOne(record: VendorRefModel, keys: string[]): Promise<string> {
    const ref = refKey(record);
    const pinned = await this.read<string>(K.pin(ref));
    if (pinned) {
      const person = await this.getPerson(pinned);
      if (person) return this.claim(person, ref, keys);
    }
    const blocked = new Set((await this.read<string[]>(K.block(ref))) ?? []);
    const candidates = new Map<string, PersonEntry>();
    const linked = await this.read<string>(K.link(ref));
    const own = linked ? await this.getPerson(linked) : null;
    if (own) candidates.set(own.id, own);
    for (const key of keys) {
      const id = await this.read<string>(K.key(key));
      const person = id ? await this.getPerson(id) : null;
      if (person && !blocked.has(person.id)) candidates.set(person.id, person);
    }
    if (candidates.size === 0) return this.claim(this.newPerson(), ref, keys);
    const [survivor, ...others] = [...candidates.values()].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    let target = survivor;
    for (const other of others) target = await this.merge(target, other);
    return this.claim(target, ref, keys);
  }

  /** Attaches the record and its keys to the person (keys another person owns stay with it). */
  private async claim(person: PersonEntry, ref: string, keys: string[]): Promise<string> {
    const previous = await this.read<string>(K.link(ref));
    if (!previous && isLeadRef(ref)) {
      const leads = (await this.read<string[]>(K.leads)) ?? [];
      leads.push(ref);
      await this.write(K.leads, leads);
    }
    if (previous && previous !== person.id) await this.detach(ref);
    const fresh = await this.getPerson(person.id);
    const target = fresh ?? person;
    target.links = [...new Set([...target.links, ref])];
    for (const key of keys) {
      const owner = await this.read<string>(K.key(key));
      const live = owner ? await this.getPerson(owner) : null;
      if (!live || live.id === target.id) {
        await this.write(K.key(key), target.id);
        if (!target.keys.includes(key)) target.keys.push(key);
      }
    }
    await this.write(K.person(target.id), target);
    await this.write(K.link(ref), target.id);
    return target.id;
  }

  /** Folds `other` into `survivor`; `other`'s ID resolves to the survivor from now on. */
  private async merge(survivor: PersonEntry, other: PersonEntry): Promise<PersonEntry> {
    survivor.links = [...new Set([...survivor.links, ...other.links])];
    survivor.keys = [...new Set([...survivor.keys, ...other.keys])];
    for (const link of other.links) await this.write(K.link(link), survivor.id);
    for (const key of other.keys) await this.write(K.key(key), survivor.id);
    await this.write(K.person(other.id), {
      ...other,
      links: [],
      keys: [],
      mergedInto: survivor.id,
    });
    await this.write(K.person(survivor.id), survivor);
    return survivor;
  }
}
