import type { VendorId } from '../domain/vendor';
import { LEAD_VENDORS } from '../graph/create-lead';
import type { Logger } from '../logger';
import type { LeadSubmissions } from './service';

export interface DeliveryWorkerOptions {
  /** How often to look for due deliveries, in ms (a new submission wakes it at once). */
  pollMs?: number;
}

/**
 * Delivers kept lead submissions in the background: per vendor one at a time, oldest first, each
 * vendor independent of the others. Stops between steps; a call out when it stops settles or is
 * found out after a restart.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly submissions: LeadSubmissions,
    private readonly logger: Logger,
    private readonly options: DeliveryWorkerOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.submissions.onQueued = () => this.wake();
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1_000);
    this.timer.unref();
    this.wake();
  }

  /** Stops polling and waits for the step in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    this.submissions.onQueued = () => undefined;
    this.again = false;
    await this.running;
  }

  /** Delivers everything due now, the vendors in parallel; resolves when each vendor must wait. */
  runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = Promise.all(LEAD_VENDORS.map((vendor) => this.drain(vendor)))
      .then(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.again && this.timer) {
          this.again = false;
          this.wake();
        }
      });
    return this.running;
  }

  private wake(): void {
    void this.runOnce();
  }

  private async drain(vendor: VendorId): Promise<void> {
    try {
      while (!this.stopped && (await this.submissions.deliverHead(vendor)));
    } catch (error) {
      // The store failed; the next round tries again.
      this.logger.error(
        { vendor, err: { type: (error as Error)?.name } },
        'lead delivery round failed',
      );
    }
  }
}
