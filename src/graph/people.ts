import type { GraphQLResolveInfo } from 'graphql';
import type { AgencyZoomLeadRecord } from '../../datasources/agencyzoom/types';
import type {
  AddressModel,
  PersonModel,
  PersonRecordModel,
  VendorRefModel,
} from '../domain/models';
import type { VendorId } from '../domain/vendor';
import type { GatewayContext } from '../context';
import { parseRefKey } from '../identity/service';
import type { PersonEntry } from '../identity/service';
import { refKey } from '../identity/match-keys';
import { gather } from './partial';

/** Vendors in the order their identity fields are preferred (the most complete records first). */
const FIELD_PREFERENCE: readonly VendorId[] = [
  'APITURE',
  'LENDING_CRM',
  'AGENCYZOOM',
  'CREDIT_PROS',
  'AMERICOR',
];

export function toPersonModel(entry: PersonEntry): PersonModel {
  return { id: entry.id, links: entry.links.map(parseRefKey) };
}

/** Phones a person is known by, from the match keys (no vendor call needed). */
export function phonesOf(entry: PersonEntry): string[] {
  return entry.keys
    .filter((key) => key.startsWith('phone:'))
    .map((key) => key.slice('phone:'.length));
}

/**
 * Fresh identity records of every record linked to a person, read through the request's
 * loaders (so a list of people costs each vendor one batched read). Records that cannot be read
 * back (Americor) or searched (Apiture) come from the snapshot kept when they were linked.
 * A failing vendor is recorded as a partial error and its records left out.
 */
export async function recordsOf(
  person: PersonModel,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<PersonRecordModel[]> {
  const { loaders } = ctx;
  const byVendor = (vendor: VendorId) => person.links.filter((ref) => ref.vendor === vendor);
  const linked = new Set(person.links.map(refKey));
  const snapshots = (refs: VendorRefModel[]) => async () =>
    (await loaders.snapshot.loadMany(refs.map(refKey))).filter(
      (snapshot): snapshot is PersonRecordModel =>
        snapshot !== null && !(snapshot instanceof Error),
    );
  const lists = await gather(ctx.partial, info, [
    async () =>
      loadAll(
        loaders.creditProsClient,
        byVendor('CREDIT_PROS').map((ref) => ref.id),
      ),
    async () =>
      (
        await loadAll(
          loaders.lendingCrmClient,
          byVendor('LENDING_CRM').map((ref) => ref.id),
        )
      ).map((c) => c.record),
    async () => {
      const customers = byVendor('AGENCYZOOM').filter((ref) => ref.id.startsWith('customer:'));
      const records = await loadAll(
        loaders.agencyZoomCustomer,
        customers.map((ref) => ref.id.slice('customer:'.length)),
      );
      return records.map((record) => record.person);
    },
    async () =>
      (await agencyZoomLeadsOf(person, ctx))
        .filter((record) => linked.has(refKey(record.person.ref)))
        .map((r) => r.person),
    snapshots([...byVendor('AMERICOR'), ...byVendor('APITURE')]),
  ]);
  return lists;
}

/**
 * AgencyZoom leads of a person: found by the person's phones (one list call for every person of
 * the request), plus linked leads no phone found (one read each).
 */
export async function agencyZoomLeadsOf(
  person: PersonModel,
  ctx: GatewayContext,
): Promise<AgencyZoomLeadRecord[]> {
  const { loaders } = ctx;
  const entry = await loaders.person.load(person.id);
  const byPhone = (
    await loadAll(loaders.agencyZoomLeadsByPhone, entry ? phonesOf(entry) : [])
  ).flat();
  const found = new Map(byPhone.map((record) => [record.lead.ref.id, record]));
  const missing = person.links
    .filter((ref) => ref.vendor === 'AGENCYZOOM' && ref.id.startsWith('lead:'))
    .map((ref) => ref.id.slice('lead:'.length))
    .filter((id) => !found.has(id));
  for (const record of await loadAll(loaders.agencyZoomLead, missing))
    found.set(record.lead.ref.id, record);
  return [...found.values()];
}

/**
 * Loads keys, ignoring keys the vendor no longer knows (a deleted record is not an error of the
 * person) and throwing the first other error (it fails the vendor's part of the field).
 */
export async function loadAll<V>(
  loader: { loadMany(keys: readonly string[]): Promise<(V | Error)[]> },
  keys: readonly string[],
): Promise<V[]> {
  if (keys.length === 0) return [];
  const results = await loader.loadMany(keys);
  const values: V[] = [];
  for (const result of results) {
    if (result instanceof Error) {
      if ((result as { code?: string }).code === 'NOT_FOUND') continue;
      throw result;
    }
    values.push(result);
  }
  return values;
}

function preferred(records: readonly PersonRecordModel[]): PersonRecordModel[] {
  return [...records].sort(
    (a, b) => FIELD_PREFERENCE.indexOf(a.ref.vendor) - FIELD_PREFERENCE.indexOf(b.ref.vendor),
  );
}

/** A name as people write it: a mixed-case value wins over SHOUTING or lower case. */
function bestName(values: readonly (string | null)[]): string | null {
  const present = values.filter((v): v is string => !!v && v.trim() !== '');
  const mixed = present.find((v) => v !== v.toUpperCase() && v !== v.toLowerCase());
  const chosen = mixed ?? present[0];
  if (!chosen) return null;
  if (mixed) return mixed;
  return chosen
    .toLowerCase()
    .replace(
      /(^|[\s'-])(\p{L})/gu,
      (_m, sep: string, letter: string) => `${sep}${letter.toUpperCase()}`,
    );
}

/** Values most records agree on first. */
function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
}

export interface PersonFields {
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  emails: string[];
  phones: string[];
  dateOfBirth: string | null;
  ssn: string | null;
  addresses: AddressModel[];
}

/** The person's fields, combined from their vendor records. */
export function combine(records: readonly PersonRecordModel[]): PersonFields {
  const ordered = preferred(records);
  const addresses = new Map<string, AddressModel>();
  for (const address of ordered.flatMap((r) => r.addresses)) {
    const key = `${(address.line1 ?? '').toLowerCase().replace(/\W/g, '')}|${address.postalCode ?? ''}`;
    if (key !== '|' && !addresses.has(key)) addresses.set(key, address);
  }
  return {
    firstName: bestName(ordered.map((r) => r.firstName)),
    middleName: bestName(ordered.map((r) => r.middleName)),
    lastName: bestName(ordered.map((r) => r.lastName)),
    emails: byFrequency(ordered.flatMap((r) => r.emails)),
    phones: byFrequency(ordered.flatMap((r) => r.phones)),
    dateOfBirth:
      byFrequency(ordered.flatMap((r) => (r.dateOfBirth ? [r.dateOfBirth] : [])))[0] ?? null,
    ssn: ordered.find((r) => r.ssn)?.ssn ?? null,
    addresses: [...addresses.values()],
  };
}
