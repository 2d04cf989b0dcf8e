import { setTimeout as sleep } from 'node:timers/promises';
import { LocalLocker } from '../shared/locker';
import type { Locker } from '../shared/locker';
import type { ApitureClient } from '../../datasources/apiture/client';
import { backgroundContext } from '../../datasources/http/context';
import type { Logger } from '../logger';
import type { IdentityService } from './service';

/** Where the index stands, kept in the identity store so a restart resumes. */
interface IndexCursor {
  /** Offset in the current sweep. */
  start: number;
  /** Only records changed since this time (ISO); null in the first, full sweep. */
  updatedSince: string | null;
  /** When the current sweep began; the next sweep reads changes since then. */
  sweepStartedAt: string;
}

export interface ApitureIndexerOptions {
  /** Vendor calls per minute the index may spend (a share of Apiture's budget; default 60 of 120). */
  callsPerMinute?: number;
  /** Applications per page (each costs one more call). */
  pageSize?: number;
  /** Pause between sweeps once everything is indexed, in ms. */
  idleMs?: number;
  /** With replicas: only one indexes at a time, and the pace is the fleet's. */
  locker?: Locker;
}

const CURSOR = 'apiture-index';
/** When the next page may be read (ms since the epoch), shared by the replicas. */
const NEXT_RUN = 'apiture-index-next';

/**
 * Apiture cannot be searched by email, phone or SSN, so the identity store keeps an index of its
 * applicants' match keys: a first full sweep of the applications, then sweeps of what changed
 * since, spending at most `callsPerMinute` of Apiture's budget so interactive calls keep theirs.
 */
export class ApitureIndexer {
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly callsPerMinute: number;
  private readonly pageSize: number;
  private readonly idleMs: number;
  private readonly locker: Locker;

  constructor(
    private readonly apiture: ApitureClient,
    private readonly identity: IdentityService,
    private readonly logger: Logger,
    options: ApitureIndexerOptions = {},
  ) {
    this.callsPerMinute = options.callsPerMinute ?? 60;
    this.pageSize = options.pageSize ?? 25;
    this.idleMs = options.idleMs ?? 60_000;
    this.locker = options.locker ?? new LocalLocker();
  }

  /** Indexes one page; returns how many applicants it linked and whether the sweep ended. */
  async runOnce(): Promise<{ indexed: number; sweepDone: boolean }> {
    const cursor = (await this.identity.getMeta<IndexCursor>(CURSOR)) ?? {
      start: 0,
      updatedSince: null,
      sweepStartedAt: new Date().toISOString(),
    };
    const page = await this.apiture.applicantRecordsPage(
      {
        source: 'applications',
        start: cursor.start,
        limit: this.pageSize,
        updatedSince: cursor.updatedSince ?? undefined,
      },
      backgroundContext(60_000),
    );
    await this.identity.resolve(page.records);
    for (const record of page.records) await this.identity.saveSnapshot(record);
    const sweepDone = page.nextStart === null;
    await this.identity.setMeta(
      CURSOR,
      sweepDone
        ? {
            start: 0,
            updatedSince: cursor.sweepStartedAt,
            sweepStartedAt: new Date().toISOString(),
          }
        : { ...cursor, start: page.nextStart },
    );
    return { indexed: page.records.length, sweepDone };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      let pauseMs = this.idleMs;
      try {
        const step = await this.locker.tryRun('apiture-index', () => this.paced(), {
          ttlMs: 120_000,
        });
        // Another replica indexes now, or the fleet's pace says wait: look again soon.
        pauseMs = step.ran ? step.value : Math.min(this.idleMs, 5_000);
      } catch (error) {
        this.logger.warn(
          { vendor: 'APITURE', code: (error as { code?: string }).code ?? 'UNKNOWN' },
          'identity index paused after an error',
        );
      }
      await sleep(pauseMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** One page when the shared pace allows it; the ms to wait before the next look. */
  private async paced(): Promise<number> {
    const notBefore = (await this.identity.getMeta<number>(NEXT_RUN)) ?? 0;
    if (notBefore > Date.now()) return notBefore - Date.now();
    const started = Date.now();
    const { indexed, sweepDone } = await this.runOnce();
    this.logger.debug({ vendor: 'APITURE', indexed, sweepDone }, 'identity index page');
    // One list call plus one read per item, spread to stay within the share of the budget.
    const paced = ((this.pageSize + 1) / this.callsPerMinute) * 60_000 - (Date.now() - started);
    const pauseMs = sweepDone ? this.idleMs : Math.max(paced, 0);
    await this.identity.setMeta(NEXT_RUN, Date.now() + pauseMs);
    return pauseMs;
  }
}
