import type { AgencyZoomClient } from '../datasources/agencyzoom/client';
import { createAgencyZoomClient } from '../datasources/agencyzoom/client';
import type { AmericorClient } from '../datasources/americor/client';
import { createAmericorClient } from '../datasources/americor/client';
import type { ApitureClient } from '../datasources/apiture/client';
import { createApitureClient } from '../datasources/apiture/client';
import type { CreditProsClient } from '../datasources/credit-pros/client';
import { createCreditProsClient } from '../datasources/credit-pros/client';
import type { VendorClientDeps } from '../datasources/http/deps';
import type { LendingCrmClient } from '../datasources/lending-crm/client';
import { createLendingCrmClient } from '../datasources/lending-crm/client';
import type { Config } from './config';
import type { VendorId } from './domain/vendor';
import type { VendorClientLike } from './vendor-registry';

/** One client per vendor, shared by every request of the process. */
export interface VendorClients {
  americor: AmericorClient;
  creditPros: CreditProsClient;
  lendingCrm: LendingCrmClient;
  apiture: ApitureClient;
  agencyZoom: AgencyZoomClient;
}

export type SharedDeps = Omit<VendorClientDeps, 'config'>;

/** Builds the five clients from configuration (after embedded sandboxes have set their URLs). */
export function createVendorClients(config: Config, shared: SharedDeps): VendorClients {
  const deps = (id: VendorId): VendorClientDeps => ({ ...shared, config: config.vendors[id] });
  return {
    americor: createAmericorClient(deps('AMERICOR')),
    creditPros: createCreditProsClient(deps('CREDIT_PROS')),
    lendingCrm: createLendingCrmClient(deps('LENDING_CRM')),
    apiture: createApitureClient(deps('APITURE')),
    agencyZoom: createAgencyZoomClient(deps('AGENCYZOOM')),
  };
}

/** The clients keyed by vendor, for the registry (health, shutdown). */
export function clientsByVendor(clients: VendorClients): Record<VendorId, VendorClientLike> {
  return {
    AMERICOR: clients.americor,
    CREDIT_PROS: clients.creditPros,
    LENDING_CRM: clients.lendingCrm,
    APITURE: clients.apiture,
    AGENCYZOOM: clients.agencyZoom,
  };
}
