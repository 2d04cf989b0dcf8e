import DataLoader from 'dataloader';
import type {
  AgencyZoomCustomerRecord,
  AgencyZoomLeadRecord,
} from '../../datasources/agencyzoom/types';
import { groupLeadsByPhone } from '../../datasources/agencyzoom/mappers';
import type { AmericorEnrollmentModel, AmericorLeadModel } from '../../datasources/americor/models';
import type { ClientReports } from '../../datasources/credit-pros/client';
import type { CallContext } from '../../datasources/http/context';
import { vendorErrors } from '../../datasources/http/errors';
import type { LendingCrmClientModel } from '../../datasources/lending-crm/models';
import type { ApplicationModel, CreditReportModel, PersonRecordModel } from '../domain/models';
import type { VendorId } from '../domain/vendor';
import type { FetchLimits, SharedReads } from '../cache/shared-reads';
import type { CacheKind } from '../cache/ttl';
import type { MatchInput } from '../identity/match-keys';
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
  /**
   * Credit Pros clients: taken from the report lists this request reads anyway (each embeds its
   * client) when the same request asks for those clients' reports, else one search per 100.
   */
  creditProsClient: DataLoader<string, PersonRecordModel>;
  /**
   * A client's reports (scores null) with the client its report list embeds: the list alone (1
   * call a client), or with negative items (one more call a client); see `creditReportsLoader`.
   */
  creditReportList: DataLoader<string, ClientReports>;
  creditReportsWithItems: DataLoader<string, ClientReports>;
  /** A report's score by report id (one content read each), for the reports a field returns. */
  creditReportScore: DataLoader<string, number | null>;
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
  /** findPeople's searches, keyed by the JSON of the normalised match. */
  creditProsSearch: SearchLoader<PersonRecordModel>;
  lendingCrmSearch: SearchLoader<LendingCrmClientModel>;
  agencyZoomCustomerSearch: SearchLoader<PersonRecordModel>;
}

export interface LoaderOptions {
  /** The process's shared cache and coalescing of vendor reads. */
  shared: SharedReads;
  /**
   * Batch and dedupe per request (default). Off, every key is its own call with no per-request
   * cache: the naive resolvers the benchmark compares against.
   */
  batching?: boolean;
}

/** A search of one vendor, as a cacheable read keyed by the normalised match. */
export type SearchLoader<V> = DataLoader<string, V[]>;

/** The report loader that reads what a field needs: negative items only when selected. */
export function creditReportsLoader(
  loaders: Loaders,
  read: { negativeItems: boolean },
): DataLoader<string, ClientReports> {
  return read.negativeItems ? loaders.creditReportsWithItems : loaders.creditReportList;
}

/** A DataLoader that tells `onLoad` of every key loaded through it, with the value's promise. */
class WatchedLoader<V> extends DataLoader<string, V> {
  constructor(
    batch: DataLoader.BatchLoadFn<string, V>,
    options: DataLoader.Options<string, V>,
    private readonly onLoad: (key: string, value: Promise<V>) => void,
  ) {
    super(batch, options);
  }

  override load(key: string): Promise<V> {
    const value = super.load(key);
    this.onLoad(key, value);
    return value;
  }
}

const asMap = async <V>(
  keys: readonly string[],
  read: (key: string) => Promise<V>,
): Promise<Map<string, V | Error>> => {
  const values = await Promise.all(keys.map((key) => read(key).catch((error: Error) => error)));
  return new Map(keys.map((key, i) => [key, values[i] as V | Error]));
};

/** The request's call context, bounded further by a fetch's limits. */
function within(call: CallContext, limits: FetchLimits | undefined): CallContext {
  return limits ? { ...call, ...limits } : call;
}

export function createLoaders(
  clients: VendorClients,
  identity: IdentityService,
  call: CallContext,
  options: LoaderOptions,
): Loaders {
  const batching = options.batching ?? true;
  const { shared } = options;
  /** When these loaders were made (the request's start), ms since the epoch. */
  const createdAt = Date.now();
  /** Report lists this request asked for, by client id (any variant: each embeds the client). */
  const reportLists = new Map<string, Promise<ClientReports>>();
  const loaderOptions = batching ? { maxBatchSize: 100 } : { batch: false, cache: false };
  /** Caches per request; batches keys of the same tick into one call of `batch`. */
  const loader = <V>(
    batch: (keys: readonly string[]) => Promise<(V | Error)[]>,
  ): DataLoader<string, V> => new DataLoader<string, V>(batch, loaderOptions);
  /**
   * A loader over the shared cache: fresh cached values, reads in flight for other requests, then
   * one batch fetch of the rest. A key the vendor does not know is NOT_FOUND (or `absent`).
   */
  const cached = <V>(
    kind: CacheKind,
    vendor: VendorId,
    what: string,
    fetch: (keys: string[], limits?: FetchLimits) => Promise<Map<string, V | Error>>,
    absent: () => V | Error = () => vendorErrors.notFound(vendor, what),
  ): DataLoader<string, V> => loader<V>(sharedBatch(kind, vendor, what, fetch, absent));
  const sharedBatch =
    <V>(
      kind: CacheKind,
      vendor: VendorId,
      what: string,
      fetch: (keys: string[], limits?: FetchLimits) => Promise<Map<string, V | Error>>,
      absent: () => V | Error = () => vendorErrors.notFound(vendor, what),
    ) =>
    async (keys: readonly string[]): Promise<(V | Error)[]> =>
      (await shared.loadMany<V>({ kind, vendor, fetch }, keys)).map((value) =>
        value === undefined ? absent() : value,
      );
  /** A client's reports; with batching on, the lists it reads stand in for client reads. */
  const reports = (kind: CacheKind, read: { negativeItems: boolean }) =>
    new WatchedLoader<ClientReports>(
      sharedBatch(kind, 'CREDIT_PROS', 'client', (ids, limits) =>
        clients.creditPros.getClientReports(ids, within(call, limits), {
          ...read,
          scores: false,
        }),
      ),
      loaderOptions,
      (id, value) => {
        if (batching && !reportLists.has(id)) reportLists.set(id, value);
      },
    );
  /**
   * Credit Pros clients: those whose report list this request reads come from that list, if it
   * was read from the vendor during this request (so never older than a client read would be)
   * and embeds the client; the rest from one search per 100 ids. The report resolvers of a
   * request run in the same tick as its identity fields, so their lists are known by the time
   * this batch runs.
   */
  const creditProsClients = async (
    ids: string[],
    limits?: FetchLimits,
  ): Promise<Map<string, PersonRecordModel | Error>> => {
    const found = new Map<string, PersonRecordModel | Error>();
    const search = async (wanted: string[]): Promise<void> => {
      if (wanted.length === 0) return;
      try {
        for (const [id, record] of await clients.creditPros.getClients(
          wanted,
          within(call, limits),
        ))
          found.set(id, record);
      } catch (error) {
        for (const id of wanted) found.set(id, error as Error);
      }
    };
    const listed = ids.filter((id) => reportLists.has(id));
    const unlisted = search(ids.filter((id) => !reportLists.has(id)));
    const lists = await Promise.all(
      listed.map((id) => (reportLists.get(id) as Promise<ClientReports>).catch(() => null)),
    );
    const notEmbedded: string[] = [];
    listed.forEach((id, i) => {
      const list = lists[i];
      if (list?.client && list.readAt >= createdAt) found.set(id, list.client);
      else notEmbedded.push(id);
    });
    await Promise.all([unlisted, search(notEmbedded)]);
    return found;
  };
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
    creditProsClient: cached('creditPros.client', 'CREDIT_PROS', 'client', creditProsClients),
    creditReportList: reports('creditPros.reportList', { negativeItems: false }),
    creditReportsWithItems: reports('creditPros.clientReports', { negativeItems: true }),
    // A report without content is null, like a content without a score.
    creditReportScore: cached<number | null>(
      'creditPros.reportScore',
      'CREDIT_PROS',
      'credit report',
      (ids, limits) => clients.creditPros.getReportScores(ids, within(call, limits)),
      () => null,
    ),
    creditReport: cached('creditPros.report', 'CREDIT_PROS', 'credit report', (ids, limits) =>
      asMap(ids, (id) => clients.creditPros.getCreditReport(id, within(call, limits))),
    ),
    lendingCrmClient: cached('lendingCrm.client', 'LENDING_CRM', 'client', (ids, limits) =>
      clients.lendingCrm.getClients(ids, within(call, limits)),
    ),
    agencyZoomCustomer: cached('agencyZoom.customer', 'AGENCYZOOM', 'customer', (ids, limits) =>
      clients.agencyZoom.getCustomers(ids, within(call, limits)),
    ),
    agencyZoomLead: cached('agencyZoom.lead', 'AGENCYZOOM', 'lead', (ids, limits) =>
      clients.agencyZoom.getLeads(ids, within(call, limits)),
    ),
    agencyZoomLeadsByPhone: cached(
      'agencyZoom.leadsByPhone',
      'AGENCYZOOM',
      'lead',
      async (phones, limits) => {
        const grouped = groupLeadsByPhone(
          await clients.agencyZoom.searchLeadsByPhones(phones, within(call, limits)),
          phones,
        );
        return new Map(phones.map((phone) => [phone, grouped.get(phone) ?? []]));
      },
    ),
    americorLead: cached('americor.lead', 'AMERICOR', 'lead', (uuids, limits) =>
      clients.americor.getLeads(uuids, within(call, limits)),
    ),
    // Customers who are not enrolled are absent: a null enrollment, cached like any answer.
    americorEnrollment: cached<AmericorEnrollmentModel | null>(
      'americor.enrollment',
      'AMERICOR',
      'enrollment',
      async (uuids, limits) => {
        const found = await clients.americor.getEnrollments(uuids, within(call, limits));
        return new Map(uuids.map((uuid) => [uuid, found.get(uuid) ?? null]));
      },
    ),
    apitureApplication: cached('apiture.application', 'APITURE', 'application', (ids, limits) =>
      clients.apiture.getApplications(ids, within(call, limits)),
    ),
    apitureApplicationsByContact: cached(
      'apiture.applicationsByContact',
      'APITURE',
      'contact',
      (contacts, limits) =>
        asMap(contacts, (contact) =>
          clients.apiture.applicationsForContact(contact, within(call, limits)),
        ),
    ),
    creditProsSearch: cached('creditPros.search', 'CREDIT_PROS', 'search', (matches, limits) =>
      asMap(matches, (match) =>
        clients.creditPros.findClients(JSON.parse(match) as MatchInput, within(call, limits)),
      ),
    ),
    lendingCrmSearch: cached('lendingCrm.search', 'LENDING_CRM', 'search', (matches, limits) =>
      asMap(matches, (match) =>
        clients.lendingCrm.findClients(JSON.parse(match) as MatchInput, within(call, limits)),
      ),
    ),
    agencyZoomCustomerSearch: cached(
      'agencyZoom.customerSearch',
      'AGENCYZOOM',
      'search',
      (matches, limits) =>
        asMap(matches, (match) =>
          clients.agencyZoom.searchCustomers(JSON.parse(match) as MatchInput, within(call, limits)),
        ),
    ),
  };
}
