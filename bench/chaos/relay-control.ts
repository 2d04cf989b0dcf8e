import path from 'node:path';
import { baseEnv, startChild } from '../lib/processes';
import type { Child } from '../lib/processes';
import { perVendor } from '../lib/vendors';
import type { BenchVendor, PerVendor } from '../lib/vendors';

/** The vendor relay child (`relay.ts`): the gateway's vendor URLs, and a switch per vendor. */
export interface Relay {
  child: Child;
  /** Base URL of each vendor as the gateway sees it (through the relay). */
  urls: PerVendor<string>;
  /** Stops listening on the vendor's port and drops its open connections: connection refused. */
  down(vendor: BenchVendor): Promise<void>;
  /** Listens on the vendor's port again. */
  up(vendor: BenchVendor): Promise<void>;
}

/** Starts the relay in front of the sandboxes (`targets`: each sandbox's base URL). */
export async function startRelay(logDir: string, targets: PerVendor<string>): Promise<Relay> {
  const child = await startChild({
    name: 'relay',
    args: ['--import', 'tsx', 'bench/chaos/relay.ts'],
    env: { ...baseEnv(), RELAY_TARGETS: JSON.stringify(targets) },
    logFile: path.join(logDir, 'relay.log'),
    ready: /relay ready (\{[^\n]*\})/,
  });
  const ready = JSON.parse(child.match[1] ?? '{}') as {
    control: string;
    urls: Record<string, string>;
  };
  const urls = perVendor((vendor) => {
    const url = ready.urls[vendor.sandbox];
    if (!url) throw new Error(`the relay has no port for ${vendor.name}`);
    return url;
  });
  const send = async (action: 'up' | 'down', vendor: BenchVendor): Promise<void> => {
    const response = await fetch(`${ready.control}/${action}/${vendor.sandbox}`, {
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok)
      throw new Error(
        `relay: ${action} ${vendor.name} -> ${response.status} ${await response.text()}`,
      );
  };
  return {
    child,
    urls,
    down: (vendor) => send('down', vendor),
    up: (vendor) => send('up', vendor),
  };
}
