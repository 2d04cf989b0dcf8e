import type { ValidationErrors } from './errors';
import type { ClientRecord } from './types';
import type { Query, SortRequest } from './validation';
import { readSort, readString, sortBy } from './validation';

/**
 * Free-text search and sorting of the client lists (`GET /clients`, `POST /clients/search`).
 */

export const CLIENT_SORT_COLUMNS = [
  'id',
  'FirstName',
  'MiddleName',
  'LastName',
  'Email',
  'MobilePhone',
  'Phone',
  'HomePhone',
] as const;
export type ClientSortColumn = (typeof CLIENT_SORT_COLUMNS)[number];

/** (inferred) Database order when no sort is asked for. */
const DEFAULT_SORT: SortRequest<ClientSortColumn> = { field: 'id', direction: 'asc' };

function sortKey(column: ClientSortColumn): (client: ClientRecord) => string | number | null {
  if (column === 'id') return (client) => client.id;
  return (client) => {
    const value = client.attributes[column];
    return value === undefined || value === null ? null : String(value);
  };
}

export function sortClients(
  clients: readonly ClientRecord[],
  query: Query,
  errors: ValidationErrors,
): ClientRecord[] {
  const sort = readSort(query, CLIENT_SORT_COLUMNS, DEFAULT_SORT, errors);
  return sortBy(clients, sortKey(sort.field), sort.direction, (client) => client.id);
}

/** The texts `search` looks in: names, both emails and every phone, as stored. */
function searchableTexts(client: ClientRecord): string[] {
  const a = client.attributes;
  return [
    a.FirstName,
    a.MiddleName,
    a.LastName,
    a.Email,
    client.email,
    a.MobilePhone,
    client.mobile_phone,
    a.Phone,
    a.HomePhone,
  ].flatMap((value) => (typeof value === 'string' ? [value.toLowerCase()] : []));
}

/**
 * `search`: a case-insensitive substring of any name, email or phone (documented fields).
 * Phones match as stored, e.g. `555-0142` finds `(617) 555-0142` but `6175550142` does not.
 */
export function filterClients(
  clients: readonly ClientRecord[],
  query: Query,
  errors: ValidationErrors,
): ClientRecord[] {
  const term = readString(query, 'search', errors)?.trim().toLowerCase();
  if (!term) return [...clients];
  return clients.filter((client) => searchableTexts(client).some((text) => text.includes(term)));
}
