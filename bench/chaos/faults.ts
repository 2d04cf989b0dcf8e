import type { FaultUpdate } from '../../simulators/kit/faults';
import type { SandboxAdmin } from '../lib/sandboxes';
import { BENCH_VENDORS } from '../lib/vendors';
import type { BenchVendor } from '../lib/vendors';
import type { ChaosPlan, FaultSpec } from './plan';
import type { Relay } from './relay-control';

/** Vendors whose token comes from a login, so a revoked one is healed by logging in again. */
const LOGIN_VENDORS = new Set<BenchVendor['id']>(['AMERICOR', 'AGENCYZOOM']);

export function benchVendorOf(id: BenchVendor['id']): BenchVendor {
  const vendor = BENCH_VENDORS.find((v) => v.id === id);
  if (!vendor) throw new Error(`no vendor ${id}`);
  return vendor;
}

/** What a fault does at the sandbox or the relay, in words, for the report. */
export function describeFault(fault: FaultSpec, plan: ChaosPlan): string {
  switch (fault.kind) {
    case 'down':
      return 'the relay stops listening on the vendor port and drops open connections (connection refused)';
    case 'slow':
      return `every answer waits ${plan.slowLatencyMs} ms + up to ${plan.slowJitterMs} ms (\`latencyMs\`, \`jitterMs\`)`;
    case 'burst5xx':
      return `${Math.round(plan.burstErrorRate * 100)} % of calls answered ${plan.burstStatuses.join(' / ')} in turn, ${plan.burstStepMs / 1000} s each (\`errorRate\`, \`errorStatus\`)`;
    case 'storm429':
      return `every call answered 429 with \`Retry-After: ${plan.retryAfterS}\` (\`rateLimited: true\`)`;
    case 'revoked':
      return LOGIN_VENDORS.has(fault.vendor)
        ? `every issued token revoked at the start and every ${plan.revokeEveryMs / 1000} s (\`revokeTokens\`); new logins work`
        : 'the static credential refused for the whole fault (`revokeTokens`)';
    case 'malformed':
      return `${Math.round(plan.malformedRate * 100)} % of JSON answers cut short (\`malformedRate\`)`;
  }
}

export interface ActiveFault {
  /** Ends the fault: the vendor answers as before (latency of the run included). */
  clear(): Promise<void>;
}

/** Starts a fault; timers that vary it during the window stop on `clear`. */
export async function startFault(
  fault: FaultSpec,
  plan: ChaosPlan,
  admin: SandboxAdmin,
  relay: Relay,
): Promise<ActiveFault> {
  const vendor = benchVendorOf(fault.vendor);
  const set = (update: FaultUpdate) => admin.setFaults(vendor, update);
  let timer: NodeJS.Timeout | null = null;
  let step: Promise<unknown> = Promise.resolve();
  const every = (ms: number, run: () => Promise<void>): void => {
    timer = setInterval(() => {
      step = step.then(run).catch(() => undefined);
    }, ms);
  };

  switch (fault.kind) {
    case 'down':
      await relay.down(vendor);
      return { clear: () => relay.up(vendor) };
    case 'slow':
      await set({ latencyMs: plan.slowLatencyMs, jitterMs: plan.slowJitterMs });
      break;
    case 'burst5xx': {
      let index = 0;
      const status = () => plan.burstStatuses[index % plan.burstStatuses.length] ?? 500;
      await set({ errorRate: plan.burstErrorRate, errorStatus: status() });
      every(plan.burstStepMs, async () => {
        index += 1;
        await set({ errorStatus: status() });
      });
      break;
    }
    case 'storm429':
      await set({ rateLimited: true, retryAfterS: plan.retryAfterS });
      break;
    case 'revoked':
      await set({ revokeTokens: true });
      if (LOGIN_VENDORS.has(fault.vendor)) {
        // Setting it anew revokes the tokens issued since (the sandbox revokes on false -> true).
        every(plan.revokeEveryMs, async () => {
          await set({ revokeTokens: false });
          await set({ revokeTokens: true });
        });
      }
      break;
    case 'malformed':
      await set({ malformedRate: plan.malformedRate });
      break;
  }
  return {
    async clear() {
      if (timer) clearInterval(timer);
      await step;
      await admin.clearFaults(vendor);
    },
  };
}
