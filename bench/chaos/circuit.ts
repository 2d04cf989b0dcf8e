import { setTimeout as sleep } from 'node:timers/promises';
import type { GraphQLBody } from '../lib/gateway';
import type { GatewayTarget } from './load';

/** A circuit state as `vendors` reports it, or `UNREACHABLE` when the gateway did not answer. */
export type CircuitReading = 'CLOSED' | 'OPEN' | 'HALF_OPEN' | 'UNREACHABLE';

/** One reading of every vendor's circuit (epoch ms). */
export interface CircuitPoll {
  at: number;
  circuits: Record<string, CircuitReading>;
}

const VENDORS_QUERY = '{ vendors { vendor state circuit } }';
/** A poll waits this long for the gateway at most, in ms. */
const POLL_TIMEOUT_MS = 2_000;

export interface CircuitPoller {
  polls: CircuitPoll[];
  /** The latest reading of a vendor's circuit. */
  latest(vendor: string): CircuitReading | undefined;
  stop(): Promise<void>;
}

/** Reads `{ vendors { circuit } }` every `everyMs` until stopped (one poll at a time). */
export function pollCircuits(
  target: GatewayTarget,
  vendorIds: readonly string[],
  everyMs: number,
): CircuitPoller {
  const polls: CircuitPoll[] = [];
  let stopped = false;
  const unreachable = (): Record<string, CircuitReading> =>
    Object.fromEntries(vendorIds.map((id) => [id, 'UNREACHABLE' as const]));

  const once = async (): Promise<void> => {
    const at = Date.now();
    try {
      const response = await fetch(`${target.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: VENDORS_QUERY }),
        signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
      });
      const body = (await response.json()) as GraphQLBody<{
        vendors: { vendor: string; circuit: CircuitReading }[];
      }>;
      const circuits = unreachable();
      for (const v of body.data?.vendors ?? []) circuits[v.vendor] = v.circuit;
      polls.push({ at, circuits });
    } catch {
      polls.push({ at, circuits: unreachable() });
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await once();
      await sleep(Math.max(everyMs - (performance.now() - started), 0));
    }
  })();
  return {
    polls,
    latest: (vendor) => polls[polls.length - 1]?.circuits[vendor],
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
