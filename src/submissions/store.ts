import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { CreateLeadInput } from '../__generated__/resolvers-types';
import type { LeadModel } from '../domain/models';
import type { VendorId } from '../domain/vendor';
import type { FieldProblem } from '../errors';
import { LocalLocker } from '../shared/locker';
import type { Locker } from '../shared/locker';
import type { Sealer } from './seal';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** A vendor's error as kept and shown (`VendorError` in the schema). */
export interface StoredError {
  code: string;
  message: string;
  fields: FieldProblem[];
  /** The vendor may have acted although it never confirmed it. */
  outcomeUnknown: boolean;
}

/** One vendor's part of a submission. */
export interface Delivery {
  vendor: VendorId;
  status: DeliveryStatus;
  attempts: number;
  /** ISO time of the last change. */
  updatedAt: string;
  /** Earliest next attempt, ms since the epoch. */
  nextAttemptAt: number;
  /**
   * While a call is out, when it will have ended for sure (ms since the epoch); a delivery still
   * marked after that lost its call to a stop of the gateway, and its outcome is unknown.
   */
  sendingUntil: number | null;
  /**
   * The last attempt may have reached the vendor (a timeout, a 5xx): before sending again, look
   * for the lead at the vendor, so a lead is never written twice.
   */
  verify: boolean;
  lead: LeadModel | null;
  error: StoredError | null;
}

/** A lead submission some vendor could not take right away. */
export interface Submission {
  id: string;
  /** The API caller that made it: only it may read it. */
  caller: string;
  createdAt: string;
  deliveries: Delivery[];
}

interface StoredSubmission extends Submission {
  /** The `CreateLeadInput`, sealed (it carries personal data until delivered). */
  input: string;
}

/** How long a finished submission stays readable, in ms. */
const FINISHED_TTL_MS = 30 * 86_400_000;

const K = {
  submission: (id: string) => `sub:${id}`,
  queue: (vendor: VendorId) => `subq:${vendor}`,
};

/**
 * Pending lead submissions in the identity store's backend (durable: SQLite, or Redis when
 * scaled out), with a first-in-first-out queue per vendor. Writes are serialised by the locker
 * (across replicas when the store is shared).
 */
export class SubmissionStore {
  constructor(
    private readonly store: Keyv,
    private readonly sealer: Sealer,
    private readonly locker: Locker = new LocalLocker(),
  ) {}

  /** Records a submission pending at `vendors` and queues it behind earlier ones. */
  create(input: CreateLeadInput, caller: string, deliveries: Delivery[]): Promise<Submission> {
    return this.locker.run('submissions', async () => {
      const submission: StoredSubmission = {
        id: `sub_${randomUUID()}`,
        caller,
        createdAt: new Date().toISOString(),
        deliveries,
        input: this.sealer.seal(input),
      };
      await this.store.set(K.submission(submission.id), submission);
      for (const delivery of deliveries) {
        if (delivery.status !== 'PENDING') continue;
        const queue = (await this.store.get<string[]>(K.queue(delivery.vendor))) ?? [];
        queue.push(submission.id);
        await this.store.set(K.queue(delivery.vendor), queue);
      }
      return this.public(submission);
    });
  }

  async get(id: string): Promise<Submission | null> {
    const stored = await this.store.get<StoredSubmission>(K.submission(id));
    return stored ? this.public(stored) : null;
  }

  async input(id: string): Promise<CreateLeadInput | null> {
    const stored = await this.store.get<StoredSubmission>(K.submission(id));
    return stored ? this.sealer.open<CreateLeadInput>(stored.input) : null;
  }

  /** The oldest submission still pending at `vendor`, or null. */
  async head(vendor: VendorId): Promise<Submission | null> {
    const queue = (await this.store.get<string[]>(K.queue(vendor))) ?? [];
    for (const id of queue) {
      const submission = await this.get(id);
      if (submission?.deliveries.some((d) => d.vendor === vendor && d.status === 'PENDING'))
        return submission;
    }
    return null;
  }

  /** Submissions pending anywhere, per vendor (for metrics and the chaos report). */
  async pendingCount(vendor: VendorId): Promise<number> {
    return ((await this.store.get<string[]>(K.queue(vendor))) ?? []).length;
  }

  /** Changes one vendor's delivery; a delivery that is no longer pending leaves the vendor's queue. */
  update(id: string, vendor: VendorId, change: Partial<Delivery>): Promise<Submission | null> {
    return this.locker.run('submissions', async () => {
      const stored = await this.store.get<StoredSubmission>(K.submission(id));
      if (!stored) return null;
      stored.deliveries = stored.deliveries.map((d) =>
        d.vendor === vendor ? { ...d, ...change, updatedAt: new Date().toISOString() } : d,
      );
      // Once nothing is pending, the personal data is no longer needed, and the record is kept
      // only so long as a client may still ask about it.
      const finished = stored.deliveries.every((d) => d.status !== 'PENDING');
      if (finished) stored.input = this.sealer.seal(null);
      await this.store.set(K.submission(id), stored, finished ? FINISHED_TTL_MS : undefined);
      if (change.status && change.status !== 'PENDING') {
        const queue = (await this.store.get<string[]>(K.queue(vendor))) ?? [];
        await this.store.set(
          K.queue(vendor),
          queue.filter((queued) => queued !== id),
        );
      }
      return this.public(stored);
    });
  }

  private public(stored: StoredSubmission): Submission {
    const { input: _sealed, ...submission } = stored;
    return submission;
  }
}
