import type { Config, VendorConfig } from './config';
import type { VendorHealthModel } from './domain/models';
import { VENDOR_IDS } from './domain/vendor';
import type { VendorId } from './domain/vendor';

/**
 * What the gateway needs from every vendor client, whatever the vendor: its health for `/readyz`
 * and the `vendors` query, and a way to release its connections on shutdown.
 */
export interface VendorClientLike {
  readonly vendor: VendorId;
  health(): Promise<VendorHealthModel>;
  /** Calls allowed per rate window now; null when not limited. */
  budgetPerWindow(): number | null;
  close(): Promise<void>;
}

/**
 * A vendor known only from configuration: usable when it has somewhere to send calls. Stands in
 * until the vendor's client is registered.
 */
class ConfiguredVendor implements VendorClientLike {
  constructor(private readonly config: VendorConfig) {}

  get vendor(): VendorId {
    return this.config.id;
  }

  async health(): Promise<VendorHealthModel> {
    const usable = this.config.mode !== 'unconfigured' && this.config.baseUrl !== null;
    return {
      vendor: this.config.id,
      state: usable ? 'READY' : 'UNAVAILABLE',
      mode:
        this.config.mode === 'sandbox'
          ? 'SANDBOX'
          : this.config.mode === 'remote'
            ? 'REMOTE'
            : 'UNCONFIGURED',
      circuit: 'CLOSED',
      remainingBudget: null,
      lastErrorCode: null,
    };
  }

  budgetPerWindow(): null {
    return null;
  }

  async close(): Promise<void> {}
}

/** The process-wide set of vendor clients, shared by every request. */
export class VendorRegistry {
  private readonly clients = new Map<VendorId, VendorClientLike>();

  constructor(config: Config, clients: Partial<Record<VendorId, VendorClientLike>> = {}) {
    for (const id of VENDOR_IDS)
      this.clients.set(id, clients[id] ?? new ConfiguredVendor(config.vendors[id]));
  }

  health(): Promise<VendorHealthModel[]> {
    return Promise.all(VENDOR_IDS.map((id) => this.get(id).health()));
  }

  /** Calls a vendor allows per rate window now; null when not limited. */
  budgetPerWindow(id: VendorId): number | null {
    return this.get(id).budgetPerWindow();
  }

  get(id: VendorId): VendorClientLike {
    const client = this.clients.get(id);
    if (!client) throw new Error(`no client registered for vendor ${id}`);
    return client;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.clients.values()].map((client) => client.close()));
  }
}
