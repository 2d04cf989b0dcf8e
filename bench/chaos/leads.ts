import { setTimeout as sleep } from 'node:timers/promises';
import { externalIdFor } from '../../src/graph/create-lead';
import type { GraphQLBody } from '../lib/gateway';
import type { SandboxAdmin } from '../lib/sandboxes';
import type { DeliverySeen } from './analysis';
import { benchVendorOf } from './faults';
import type { GatewayTarget, SubmissionSeen } from './load';

/** Submissions read per `leadSubmission` query (aliases; the gateway allows 30). */
const PER_QUERY = 25;
/** Sandbox admin reads at once while counting leads. */
const ADMIN_CONCURRENCY = 8;

/** The submission IDs of results `createLead` answered PENDING. */
export function pendingIds(submissions: readonly SubmissionSeen[]): string[] {
  return [
    ...new Set(
      submissions.flatMap((s) =>
        s.results.flatMap((r) =>
          r.status === 'PENDING' && r.submissionId ? [r.submissionId] : [],
        ),
      ),
    ),
  ];
}

type Deliveries = Record<string, DeliverySeen>;

interface SubmissionData {
  deliveries: {
    vendor: string;
    status: DeliverySeen['status'];
    error: { code: string; outcomeUnknown: boolean } | null;
  }[];
}

/**
 * Reads where each submission stands (`leadSubmission`), by ID then vendor. An ID the gateway
 * did not answer for is missing from the map.
 */
export async function readDeliveries(
  target: GatewayTarget,
  ids: readonly string[],
): Promise<Map<string, Deliveries>> {
  const out = new Map<string, Deliveries>();
  for (let start = 0; start < ids.length; start += PER_QUERY) {
    const chunk = ids.slice(start, start + PER_QUERY);
    const query = `query Drain(${chunk.map((_, i) => `$i${i}: ID!`).join(', ')}) {\n${chunk
      .map(
        (_, i) =>
          `  s${i}: leadSubmission(id: $i${i}) { deliveries { vendor status error { code outcomeUnknown } } }`,
      )
      .join('\n')}\n}`;
    const variables = Object.fromEntries(chunk.map((id, i) => [`i${i}`, id]));
    try {
      const response = await fetch(`${target.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as GraphQLBody<Record<string, SubmissionData | null>>;
      chunk.forEach((id, i) => {
        const submission = body.data?.[`s${i}`];
        if (!submission) return;
        out.set(
          id,
          Object.fromEntries(
            submission.deliveries.map((d) => [
              d.vendor,
              {
                status: d.status,
                code: d.error?.code ?? null,
                outcomeUnknown: d.error?.outcomeUnknown ?? false,
              },
            ]),
          ),
        );
      });
    } catch {
      // The gateway did not answer: these stay unknown for this round.
    }
  }
  return out;
}

const stillPending = (deliveries: Deliveries | undefined): boolean =>
  !deliveries || Object.values(deliveries).some((d) => d.status === 'PENDING');

export interface Drain {
  /** The last reading of every submission that was answered PENDING. */
  deliveries: Map<string, Deliveries>;
  /** Seconds until nothing was pending; null when something still was at `maxMs`. */
  drainedAfterS: number | null;
  /** Submissions with a delivery still pending (or never read) at the end. */
  stillPending: number;
}

/**
 * Waits, at most `maxMs`, until no submission answered PENDING is pending any more, reading
 * them about once a second; `onRound` hears how many still are.
 */
export async function drainPending(
  target: GatewayTarget,
  submissions: readonly SubmissionSeen[],
  maxMs: number,
  onRound: (pending: number, elapsedS: number) => void,
): Promise<Drain> {
  const started = performance.now();
  const deliveries = new Map<string, Deliveries>();
  let open = pendingIds(submissions);
  for (;;) {
    const read = await readDeliveries(target, open);
    for (const [id, d] of read) deliveries.set(id, d);
    open = open.filter((id) => stillPending(deliveries.get(id)));
    const elapsedS = (performance.now() - started) / 1000;
    onRound(open.length, elapsedS);
    if (open.length === 0)
      return { deliveries, drainedAfterS: Math.round(elapsedS * 10) / 10, stillPending: 0 };
    if (elapsedS * 1000 >= maxMs)
      return { deliveries, drainedAfterS: null, stillPending: open.length };
    await sleep(1_000);
  }
}

/** How many submissions of `ids` are still pending at some vendor now. */
export async function countPending(target: GatewayTarget, ids: readonly string[]): Promise<number> {
  const read = await readDeliveries(target, ids);
  return ids.filter((id) => stillPending(read.get(id))).length;
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * The leads each submission left at the sandboxes, by vendor: Americor by the external ID the
 * gateway derives from the idempotency key, AgencyZoom by the submission's unique email.
 */
export async function sandboxCounts(
  admin: SandboxAdmin,
  submissions: readonly SubmissionSeen[],
): Promise<Map<number, Record<string, number>>> {
  const americor = benchVendorOf('AMERICOR');
  const agencyZoom = benchVendorOf('AGENCYZOOM');
  const out = new Map<number, Record<string, number>>();
  await eachLimited(submissions, ADMIN_CONCURRENCY, async (s) => {
    const [atAmericor, atAgencyZoom] = await Promise.all([
      admin.get<{ count: number }>(
        americor,
        `leads?externalId=${encodeURIComponent(externalIdFor(s.idempotencyKey, 'AMERICOR'))}`,
      ),
      admin.get<{ count: number }>(agencyZoom, `leads?email=${encodeURIComponent(s.email)}`),
    ]);
    out.set(s.n, { AMERICOR: atAmericor.count, AGENCYZOOM: atAgencyZoom.count });
  });
  return out;
}
