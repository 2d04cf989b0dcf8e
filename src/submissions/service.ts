import { setTimeout as sleep } from 'node:timers/promises';
import type { CallContext } from '../../datasources/http/context';
import { isVendorError } from '../../datasources/http/errors';
import type { CreateLeadInput } from '../__generated__/resolvers-types';
import type { SharedReads } from '../cache/shared-reads';
import type { LeadModel, PersonModel, PersonRecordModel } from '../domain/models';
import { VENDORS } from '../domain/vendor';
import type { VendorId } from '../domain/vendor';
import { AppError, ErrorCode, isAppError } from '../errors';
import {
  canFindSentLead,
  findSentLead,
  sendLead,
  sha256,
  validateCreateLead,
} from '../graph/create-lead';
import type { Delivered } from '../graph/create-lead';
import { toPersonModel } from '../graph/people';
import type { IdentityService } from '../identity/service';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { VendorClients } from '../vendor-clients';
import { LocalLocker } from '../shared/locker';
import type { Locker } from '../shared/locker';
import type { Delivery, StoredError, Submission, SubmissionStore } from './store';

/** What one vendor did with a `createLead`, as answered and kept for idempotent repeats. */
export interface LeadResult {
  vendor: VendorId;
  status: 'CREATED' | 'FAILED' | 'PENDING';
  lead: LeadModel | null;
  error: StoredError | null;
  submissionId: string | null;
}

export interface CreateLeadPayloadModel {
  results: LeadResult[];
  person: PersonModel | null;
}

interface IdempotencyRecord {
  fingerprint: string;
  state: 'in_progress' | 'done';
  startedAt: string;
  results: LeadResult[];
  personId: string | null;
}

export interface LeadSubmissionOptions {
  /**
   * Per-attempt timeout of a lead write in ms (`LEAD_WRITE_TIMEOUT_MS`). Longer than reads: a write
   * given up on after it reached the vendor leaves its outcome unknown.
   */
  writeTimeoutMs: number;
  /** A delivery still pending after this many ms is given up as FAILED (`LEAD_DELIVERY_MAX_AGE_MS`). */
  maxAgeMs: number;
  /** Backoff between delivery attempts, first and cap in ms (half to full, jittered). */
  backoffInitialMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SUBMISSION_OPTIONS: LeadSubmissionOptions = {
  writeTimeoutMs: 30_000,
  maxAgeMs: 86_400_000,
  backoffInitialMs: 1_000,
  backoffMaxMs: 60_000,
};

export interface LeadSubmissionDeps {
  clients: VendorClients;
  identity: IdentityService;
  shared: SharedReads;
  store: SubmissionStore;
  logger: Logger;
  metrics?: Metrics;
  /** Serialises each vendor's deliveries (across replicas when the store is shared). */
  locker?: Locker;
  options?: Partial<LeadSubmissionOptions>;
}

/** What one attempt at one vendor came to. */
type Outcome =
  | { kind: 'delivered'; delivered: Delivered }
  | { kind: 'failed'; error: StoredError }
  /** Worth another attempt later; `verify`: look for the lead first, an earlier call may have made it. */
  | { kind: 'retry'; error: StoredError; retryAfterMs: number; verify: boolean };

/** How a vendor stands for one `createLead` when the response must go. */
type Answer =
  | { vendor: VendorId; state: 'done'; outcome: Outcome }
  /** Earlier submissions wait for this vendor: this one waits behind them. */
  | { vendor: VendorId; state: 'queued' }
  /** The call is still out; it settles the submission when it ends. */
  | { vendor: VendorId; state: 'sending'; sending: Promise<Outcome> };

/** Time kept back from the request's deadline to answer it, in ms. */
const ANSWER_MARGIN_MS = 250;
/** After a call's own deadline, how long before it is surely over, in ms. */
const SENDING_MARGIN_MS = 5_000;
/**
 * The longest a lead write made while its client waits may wait for the vendor's budget or a
 * `Retry-After`, in ms: past it, the lead is kept and answered PENDING at once (the worker waits
 * instead of the client).
 */
const REQUEST_WRITE_MAX_WAIT_MS = 1_000;

const storedError = (error: AppError, outcomeUnknown = false): StoredError => ({
  code: error.code,
  message: error.message,
  fields: error.fields,
  outcomeUnknown,
});

/**
 * Lead submissions: `createLead` and the delivery of what a vendor could not take at once.
 *
 * A vendor that cannot take a lead now (down, circuit open, budget spent, refused credentials, a
 * 503) gets it later: the submission is kept, sealed, in the identity store and delivered by the
 * worker, per vendor in the order accepted. A write is never sent twice: after a call that may have
 * reached the vendor (a timeout, another 5xx, an unreadable answer), AgencyZoom is searched for the
 * lead's marker before sending again, and Americor (which cannot be searched) is reported FAILED
 * with `outcomeUnknown`. A call still out when the response must go keeps running and settles the
 * submission itself.
 */
export class LeadSubmissions {
  readonly options: LeadSubmissionOptions;
  /** Called when a submission is queued (the worker wakes). */
  onQueued: () => void = () => undefined;
  private readonly inFlight = new Map<string, Promise<CreateLeadPayloadModel>>();
  private readonly settling = new Set<Promise<unknown>>();
  private readonly locker: Locker;

  constructor(private readonly deps: LeadSubmissionDeps) {
    this.options = { ...DEFAULT_SUBMISSION_OPTIONS, ...deps.options };
    this.locker = deps.locker ?? new LocalLocker();
  }

  /**
   * Creates the lead at each vendor named, in parallel; records the identity links (an Americor
   * link is written before the payload returns: it can never be read back), and keeps the outcome
   * under the caller's idempotency key so a repeat returns it, brought up to date, without writing.
   */
  async createLead(
    input: CreateLeadInput,
    caller: string,
    call: CallContext,
  ): Promise<CreateLeadPayloadModel> {
    validateCreateLead(input);
    const key = `idem:${sha256(`${caller}\n${input.idempotencyKey}`)}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const run = this.submit(input, key, caller, call).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** A submission of `caller`'s, or null (unknown, or another caller's). */
  async submission(id: string, caller: string): Promise<Submission | null> {
    const submission = await this.deps.store.get(id);
    return submission?.caller === caller ? submission : null;
  }

  /**
   * One step of the delivery of `vendor`'s oldest pending submission. True when it moved on (the
   * next one may go now); false when the head must wait (a call out, backoff, circuit open),
   * nothing is pending, or another replica is delivering this vendor's queue.
   */
  async deliverHead(vendor: VendorId): Promise<boolean> {
    const step = await this.locker.tryRun(`deliver:${vendor}`, () => this.deliverHeadNow(vendor), {
      ttlMs: this.options.writeTimeoutMs + SENDING_MARGIN_MS,
    });
    return step.ran && step.value;
  }

  private async deliverHeadNow(vendor: VendorId): Promise<boolean> {
    const { store } = this.deps;
    const head = await store.head(vendor);
    const delivery = head?.deliveries.find((d) => d.vendor === vendor);
    if (!head || !delivery) return false;
    const now = Date.now();
    if (delivery.sendingUntil !== null) {
      if (delivery.sendingUntil > now) return false;
      // The gateway stopped while the call was out: whether it arrived is unknown.
      const lost = new AppError(
        ErrorCode.VENDOR_TIMEOUT,
        `The gateway stopped before ${VENDORS[vendor].displayName} answered`,
        { vendor },
      );
      await this.settle(head.id, vendor, null, this.afterUnknown(vendor, lost), delivery.attempts);
      return true;
    }
    if (Date.parse(head.createdAt) + this.options.maxAgeMs < now) {
      const hours = Math.round(this.options.maxAgeMs / 3_600_000);
      const last = delivery.error;
      await this.settle(
        head.id,
        vendor,
        null,
        {
          kind: 'failed',
          error: {
            code: last?.code ?? ErrorCode.VENDOR_UNAVAILABLE,
            message: `Not delivered within ${hours} h${last ? `; last: ${last.message}` : ''}`,
            fields: [],
            outcomeUnknown: delivery.verify,
          },
        },
        delivery.attempts,
      );
      return true;
    }
    if (delivery.nextAttemptAt > now) return false;
    if ((await this.clientOf(vendor).health()).circuit === 'OPEN') return false;
    const input = await store.input(head.id);
    if (!input) return false;
    const call = this.writeCall();
    const attempts = delivery.attempts + 1;
    // Marked before the call, so a stop of the gateway mid-call is seen after a restart.
    await store.update(head.id, vendor, {
      attempts,
      sendingUntil: call.deadline + SENDING_MARGIN_MS,
    });
    const outcome = await this.attempt(vendor, input, delivery.verify, call);
    await this.settle(head.id, vendor, input, outcome, attempts);
    return outcome.kind !== 'retry';
  }

  /** Waits (at most `maxMs`) for calls still out from `createLead` to settle their submissions. */
  async drain(maxMs: number): Promise<void> {
    if (this.settling.size === 0) return;
    await Promise.race([
      Promise.allSettled([...this.settling]),
      sleep(maxMs, undefined, { ref: false }),
    ]);
  }

  private async submit(
    input: CreateLeadInput,
    key: string,
    caller: string,
    call: CallContext,
  ): Promise<CreateLeadPayloadModel> {
    const { identity, store } = this.deps;
    const { idempotencyKey: _key, ...rest } = input;
    const fingerprint = sha256(JSON.stringify(rest));
    const existing = await identity.getMeta<IdempotencyRecord>(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          'This idempotencyKey was already used with different input',
          {
            fields: [
              {
                path: ['input', 'idempotencyKey'],
                message: 'was already used with different input',
              },
            ],
          },
        );
      }
      if (existing.state === 'done') return this.replay(existing);
      throw new AppError(
        ErrorCode.CONFLICT,
        'A request with this idempotencyKey is still in progress; retry shortly',
      );
    }
    const startedAt = new Date().toISOString();
    await identity.setMeta(key, {
      fingerprint,
      state: 'in_progress',
      startedAt,
      results: [],
      personId: null,
    } satisfies IdempotencyRecord);

    const writeCall = this.writeCall(call);
    const answerBy = call.deadline - ANSWER_MARGIN_MS;
    const answers = await Promise.all(
      input.vendors.map(async (vendor): Promise<Answer> => {
        // Earlier submissions wait for this vendor: keep the order.
        if ((await store.pendingCount(vendor)) > 0) return { vendor, state: 'queued' };
        const sending = this.attempt(vendor, input, false, writeCall);
        const outcome = await Promise.race([
          sending,
          sleep(Math.max(answerBy - Date.now(), 0), null, { ref: false }),
        ]);
        return outcome ? { vendor, state: 'done', outcome } : { vendor, state: 'sending', sending };
      }),
    );

    let submission: Submission | null = null;
    if (answers.some((a) => a.state !== 'done' || a.outcome.kind === 'retry')) {
      submission = await store.create(
        input,
        caller,
        answers.map((answer) => this.deliveryOf(answer, writeCall.deadline)),
      );
      const id = submission.id;
      for (const answer of answers) {
        if (answer.state !== 'sending') continue;
        const settled = answer.sending
          .then((outcome) => this.settle(id, answer.vendor, input, outcome, 1))
          .catch((error: unknown) =>
            this.deps.logger.error(
              { submissionId: id, vendor: answer.vendor, err: { type: (error as Error)?.name } },
              'lead delivery could not be recorded',
            ),
          )
          .finally(() => this.settling.delete(settled));
        this.settling.add(settled);
      }
      this.deps.logger.info(
        {
          submissionId: id,
          pending: answers
            .filter((a) => a.state !== 'done' || a.outcome.kind === 'retry')
            .map((a) => a.vendor),
        },
        'lead submission kept for delivery',
      );
      this.onQueued();
    }
    const delivered = answers.flatMap((a) =>
      a.state === 'done' && a.outcome.kind === 'delivered'
        ? [{ vendor: a.vendor, delivered: a.outcome.delivered }]
        : [],
    );
    const personId = await this.recordDelivered(delivered, input.phone);
    const results = answers.map((answer) => this.resultOf(answer, submission?.id ?? null));
    for (const answer of answers)
      this.count(answer.vendor, answer.state === 'done' ? answer.outcome.kind : answer.state);
    await identity.setMeta(key, {
      fingerprint,
      state: 'done',
      startedAt,
      results,
      personId,
    } satisfies IdempotencyRecord);
    const entry = personId ? await identity.getPerson(personId) : null;
    return { results, person: entry ? toPersonModel(entry) : null };
  }

  /** A repeat: the results kept, with pending ones brought up to date from their submission. */
  private async replay(record: IdempotencyRecord): Promise<CreateLeadPayloadModel> {
    const results = await Promise.all(
      record.results.map(async (result): Promise<LeadResult> => {
        if (result.status !== 'PENDING' || !result.submissionId) return result;
        const delivery = (await this.deps.store.get(result.submissionId))?.deliveries.find(
          (d) => d.vendor === result.vendor,
        );
        if (!delivery) return result;
        return {
          ...result,
          status:
            delivery.status === 'DELIVERED'
              ? 'CREATED'
              : delivery.status === 'FAILED'
                ? 'FAILED'
                : 'PENDING',
          lead: delivery.lead,
          error: delivery.status === 'DELIVERED' ? null : delivery.error,
        };
      }),
    );
    let personId = record.personId;
    for (const result of results) {
      if (personId || !result.lead) continue;
      personId = await this.deps.identity.personOf(result.lead.subject);
    }
    const entry = personId ? await this.deps.identity.getPerson(personId) : null;
    return { results, person: entry ? toPersonModel(entry) : null };
  }

  /** One attempt: look for a lead an earlier call may have made (when told to), else send it. */
  private async attempt(
    vendor: VendorId,
    input: CreateLeadInput,
    verify: boolean,
    call: CallContext,
  ): Promise<Outcome> {
    const { clients } = this.deps;
    let unchecked = verify;
    try {
      if (unchecked) {
        const found = await findSentLead(vendor, input, clients, call);
        if (found) return { kind: 'delivered', delivered: found };
        unchecked = false;
      }
      return { kind: 'delivered', delivered: await sendLead(vendor, input, clients, call) };
    } catch (error) {
      if (!isAppError(error)) {
        // A bug of ours, maybe after the vendor acted: never send again blindly.
        this.deps.logger.error(
          { vendor, err: { type: (error as Error)?.name } },
          'lead delivery failed unexpectedly',
        );
        const internal = new AppError(
          ErrorCode.INTERNAL_SERVER_ERROR,
          'The lead could not be sent',
        );
        return { kind: 'failed', error: storedError(internal, true) };
      }
      if (isVendorError(error) && error.notSent) {
        return {
          kind: 'retry',
          error: storedError(error),
          retryAfterMs: error.retryAfterMs ?? 0,
          verify: unchecked,
        };
      }
      if (error.code === ErrorCode.VENDOR_TIMEOUT || error.code === ErrorCode.VENDOR_UNAVAILABLE)
        return this.afterUnknown(vendor, error);
      return { kind: 'failed', error: storedError(error) };
    }
  }

  /** After a call that may have reached the vendor: look before sending again, or give up honestly. */
  private afterUnknown(vendor: VendorId, error: AppError): Outcome {
    if (canFindSentLead(vendor)) {
      // The vendor may still be working on it: give it as long as the call had before looking.
      return {
        kind: 'retry',
        error: storedError(error, true),
        retryAfterMs: this.options.writeTimeoutMs,
        verify: true,
      };
    }
    return {
      kind: 'failed',
      error: {
        ...storedError(error, true),
        message: `${error.message}. ${VENDORS[vendor].displayName} may have created the lead; it was not sent again, so that it is not created twice`,
      },
    };
  }

  /** Records an outcome on the submission and, for a delivery, links the person. */
  private async settle(
    id: string,
    vendor: VendorId,
    input: CreateLeadInput | null,
    outcome: Outcome,
    attempts: number,
  ): Promise<void> {
    const change: Partial<Delivery> = { attempts, sendingUntil: null };
    if (outcome.kind === 'delivered') {
      Object.assign(change, {
        status: 'DELIVERED',
        lead: outcome.delivered.lead,
        error: null,
        verify: false,
      });
    } else if (outcome.kind === 'failed') {
      Object.assign(change, { status: 'FAILED', error: outcome.error });
    } else {
      Object.assign(change, {
        error: outcome.error,
        verify: outcome.verify,
        nextAttemptAt: Date.now() + this.delayMs(attempts, outcome.retryAfterMs),
      });
    }
    await this.deps.store.update(id, vendor, change);
    if (outcome.kind === 'delivered' && input)
      await this.recordDelivered([{ vendor, delivered: outcome.delivered }], input.phone);
    this.count(vendor, outcome.kind);
    this.deps.logger.info(
      {
        submissionId: id,
        vendor,
        outcome: outcome.kind,
        attempts,
        code: outcome.kind === 'delivered' ? undefined : outcome.error.code,
      },
      'lead delivery attempt',
    );
  }

  /** Identity links of what the vendors created, and the cache entries our write made stale. */
  private async recordDelivered(
    delivered: { vendor: VendorId; delivered: Delivered }[],
    phone: string,
  ): Promise<string | null> {
    const { identity, shared } = this.deps;
    if (delivered.some((d) => d.vendor === 'AGENCYZOOM')) {
      await shared.invalidate({ kind: 'agencyZoom.leadsByPhone', vendor: 'AGENCYZOOM' }, [phone]);
    }
    const records = delivered.flatMap((d): PersonRecordModel[] =>
      d.delivered.record ? [d.delivered.record] : [],
    );
    const resolved = await identity.resolve(records);
    // Americor records cannot be read back, so their identity fields are kept too.
    for (const record of records)
      if (record.ref.vendor === 'AMERICOR') await identity.saveSnapshot(record);
    return resolved.values().next().value ?? null;
  }

  private deliveryOf(answer: Answer, sendingDeadline: number): Delivery {
    const now = Date.now();
    const base: Delivery = {
      vendor: answer.vendor,
      status: 'PENDING',
      attempts: 0,
      updatedAt: new Date(now).toISOString(),
      nextAttemptAt: now,
      sendingUntil: null,
      verify: false,
      lead: null,
      error: null,
    };
    if (answer.state === 'queued') return base;
    if (answer.state === 'sending')
      return { ...base, attempts: 1, sendingUntil: sendingDeadline + SENDING_MARGIN_MS };
    const { outcome } = answer;
    switch (outcome.kind) {
      case 'delivered':
        return { ...base, attempts: 1, status: 'DELIVERED', lead: outcome.delivered.lead };
      case 'failed':
        return { ...base, attempts: 1, status: 'FAILED', error: outcome.error };
      default:
        return {
          ...base,
          attempts: 1,
          error: outcome.error,
          verify: outcome.verify,
          nextAttemptAt: now + this.delayMs(1, outcome.retryAfterMs),
        };
    }
  }

  private resultOf(answer: Answer, submissionId: string | null): LeadResult {
    const result = { vendor: answer.vendor, lead: null, error: null, submissionId };
    if (answer.state !== 'done') return { ...result, status: 'PENDING' };
    const { outcome } = answer;
    if (outcome.kind === 'delivered')
      return { ...result, status: 'CREATED', lead: outcome.delivered.lead, submissionId: null };
    if (outcome.kind === 'failed')
      return { ...result, status: 'FAILED', error: outcome.error, submissionId: null };
    return { ...result, status: 'PENDING', error: outcome.error };
  }

  /** Backoff before attempt `attempts + 1`, in ms: exponential, jittered, at least `floorMs`. */
  private delayMs(attempts: number, floorMs: number): number {
    const { backoffInitialMs, backoffMaxMs } = this.options;
    const exponential = Math.min(backoffMaxMs, backoffInitialMs * 2 ** (attempts - 1));
    return Math.max(exponential / 2 + (Math.random() * exponential) / 2, floorMs);
  }

  /**
   * A call context for a lead write: its own deadline, not the caller's, and no abort when the
   * caller goes. A write for a waiting client (`call`) waits at most `REQUEST_WRITE_MAX_WAIT_MS`
   * for budget; the worker's wait up to their deadline.
   */
  private writeCall(call?: CallContext): CallContext {
    const { writeTimeoutMs } = this.options;
    return {
      deadline: Date.now() + writeTimeoutMs,
      attemptTimeoutMs: writeTimeoutMs,
      ...(call ? { maxWaitMs: REQUEST_WRITE_MAX_WAIT_MS } : {}),
      caller: call?.caller,
      logger: call?.logger,
    };
  }

  private clientOf(vendor: VendorId) {
    return vendor === 'AMERICOR' ? this.deps.clients.americor : this.deps.clients.agencyZoom;
  }

  private count(vendor: VendorId, outcome: string): void {
    this.deps.metrics?.leadDeliveries.inc({ vendor: VENDORS[vendor].label, outcome });
  }
}
