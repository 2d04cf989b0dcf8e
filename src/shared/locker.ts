import { Mutex } from 'async-mutex';

export interface LockOptions {
  /** How long the holder may keep the lock before it lapses (a holder that died), in ms. */
  ttlMs?: number;
  /** How long to wait for it before giving up with an error, in ms. */
  waitMs?: number;
}

/**
 * Critical sections by name: one holder at a time in this process and, with a shared store,
 * across the replicas. Identity writes, the submission queue and the per-vendor delivery use it.
 */
export interface Locker {
  /** Runs `fn` holding `name`, waiting for it up to `waitMs`. */
  run<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
  /** Runs `fn` holding `name` if it is free now; `{ ran: false }` when someone else holds it. */
  tryRun<T>(
    name: string,
    fn: () => Promise<T>,
    options?: LockOptions,
  ): Promise<{ ran: true; value: T } | { ran: false }>;
}

/** One process: an in-process mutex per name. */
export class LocalLocker implements Locker {
  private readonly mutexes = new Map<string, Mutex>();

  run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex(name).runExclusive(fn);
  }

  async tryRun<T>(
    name: string,
    fn: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const mutex = this.mutex(name);
    if (mutex.isLocked()) return { ran: false };
    return { ran: true, value: await mutex.runExclusive(fn) };
  }

  protected mutex(name: string): Mutex {
    let mutex = this.mutexes.get(name);
    if (!mutex) {
      mutex = new Mutex();
      this.mutexes.set(name, mutex);
    }
    return mutex;
  }
}
