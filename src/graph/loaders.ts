import DataLoader from 'dataloader';
import type {
  AgencyZoomCustomerRecord,
  AgencyZoomLeadRecord,
} from '../../datasources/agencyzoom/types';
import { groupLeadsByPhone } from '../../datasources/agencyzoom/mappers';
import type { AmericorEnrollmentModel, AmericorLeadModel } from '../../datasources/americor/models';
import type { CallContext } from '../../datasources/http/context';
import { vendorErrors } from '../../datasources/http/errors';
import type { LendingCrmClientModel } from '../../datasources/lending-crm/models';
import type { ApplicationModel, CreditReportModel, PersonRecordModel } from '../domain/models';
import type { VendorId } from '../domain/vendor';
import type { IdentityService, PersonEntry, RecordSnapshot } from '../identity/service';
import type { VendorClients } from '../vendor-clients';

/**
 * Per-request DataLoaders, one per vendor and access path. Each batch function keeps the
 * DataLoader contract: one result per key, in key order, an `Error` for each key that failed
 * (a key the vendor does not know gets NOT_FOUND), so one bad key never fails the others.
 */
export interface Loaders {
  person: DataLoader<string, PersonEntry | null>;
  snapshot: DataLoader<string, RecordSnapshot | null>;
  creditProsClient: DataLoader<string, PersonRecordModel>;
  creditReportsByClient: DataLoader<string, CreditReportModel[]>;
  creditReport: DataLoader<string, CreditReportModel>;
  lendingCrmClient: DataLoader<string, LendingCrmClientModel>;
  agencyZoomCustomer: DataLoader<string, AgencyZoomCustomerRecord>;
  agencyZoomLead: DataLoader<string, AgencyZoomLeadRecord>;
  /** Leads whose phone is the key (E.164): one list call for every phone of the request. */
  agencyZoomLeadsByPhone: DataLoader<string, AgencyZoomLeadRecord[]>;
  americorLead: DataLoader<string, AmericorLeadModel>;
  americorEnrollment: DataLoader<string, AmericorEnrollmentModel | null>;
  apitureApplication: DataLoader<string, ApplicationModel>;
  apitureApplicationsByContact: DataLoader<string, ApplicationModel[]>;
}

/** One result per key from a map: missing keys are NOT_FOUND errors of `vendor`. */
function inOrder<T>(
  keys: readonly string[],
  found: Map<string, T | Error>,
  vendor: VendorId,
  what: string,
): (T | Error)[] {
  return keys.map((key) =>
    found.has(key) ? (found.get(key) as T | Error) : vendorErrors.notFound(vendor, what),
  );
}

export interface LoaderOptions {
  /**
   * Batch and dedupe per request (default). Off, every key is its own call with no per-request
   * cache: the naive resolvers the benchmark compares against.
   */
  batching?: boolean;
}

export function createLoaders(
  clients: VendorClients,
  identity: IdentityService,
  call: CallContext,
  options: LoaderOptions = {},
): Loaders {
  const batching = options.batching ?? true;
  /** Caches per request; batches keys of the same tick into one call of `batch`. */
  const loader = <V>(
    batch: (keys: readonly string[]) => Promise<(V | Error)[]>,
  ): DataLoader<string, V> =>
    new DataLoader<string, V>(
      batch,
      batching ? { maxBatchSize: 100 } : { batch: false, cache: false },
    );
  return {
    person: loader((ids) => identity.getPeople(ids)),
    snapshot: loader(async (refs) =>
      Promise.all(
        refs.map((ref) => {
          const at = ref.indexOf(':');
          return identity.snapshot({ vendor: ref.slice(0, at) as VendorId, id: ref.slice(at + 1) });
        }),
      ),
    ),
    creditProsClient: loader(async (ids) =>
      inOrder(ids, await clients.creditPros.getClients([...ids], call), 'CREDIT_PROS', 'client'),
    ),
    creditReportsByClient: loader(async (ids) =>
      inOrder(
        ids,
        await clients.creditPros.getCreditReportsForClients([...ids], call),
        'CREDIT_PROS',
        'client',
      ),
    ),
    creditReport: loader(async (ids) =>
      Promise.all(
        ids.map((id) =>
          clients.creditPros.getCreditReport(id, call).catch((error: Error) => error),
        ),
      ),
    ),
    lendingCrmClient: loader(async (ids) =>
      inOrder(ids, await clients.lendingCrm.getClients([...ids], call), 'LENDING_CRM', 'client'),
    ),
    agencyZoomCustomer: loader(async (ids) =>
      inOrder(ids, await clients.agencyZoom.getCustomers([...ids], call), 'AGENCYZOOM', 'customer'),
    ),
    agencyZoomLead: loader(async (ids) =>
      inOrder(ids, await clients.agencyZoom.getLeads([...ids], call), 'AGENCYZOOM', 'lead'),
    ),
    agencyZoomLeadsByPhone: loader(async (phones) => {
      const grouped = groupLeadsByPhone(
        await clients.agencyZoom.searchLeadsByPhones([...phones], call),
        phones,
      );
      return phones.map((phone) => grouped.get(phone) ?? []);
    }),
    americorLead: loader(async (uuids) =>
      inOrder(uuids, await clients.americor.getLeads([...uuids], call), 'AMERICOR', 'lead'),
    ),
    americorEnrollment: loader(async (uuids) => {
      const found = await clients.americor.getEnrollments([...uuids], call);
      // Customers who are not enrolled are absent: that is a null enrollment, not an error.
      return uuids.map((uuid) =>
        found.has(uuid) ? (found.get(uuid) as AmericorEnrollmentModel | Error) : null,
      );
    }),
    apitureApplication: loader(async (ids) =>
      inOrder(ids, await clients.apiture.getApplications([...ids], call), 'APITURE', 'application'),
    ),
    apitureApplicationsByContact: loader(async (contacts) =>
      Promise.all(
        contacts.map((contact) =>
          clients.apiture.applicationsForContact(contact, call).catch((error: Error) => error),
        ),
      ),
    ),
  };
}
