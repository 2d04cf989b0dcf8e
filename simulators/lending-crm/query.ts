import { ODataSyntaxError, parseFilter, parseOrderBy, parseSelect } from './odata';
import type { EdmType } from './odata';
import { compileFilter, compileOrderBy, ODataBindError } from './odata-eval';
import type { EntityType } from './odata-eval';
import type { FieldErrors } from './problem';
import { CLIENT_FIELDS, isUuid } from './types';
import type { Client, ClientField } from './types';
import type { ValidationResult } from './validation';

/**
 * The query parameters of `GET /clients`: `ownerId`, `searchText` and the OData options
 * `$filter`, `$select`, `$orderby`, `$skip`, `$top`. Parsing is separate from running so that
 * every bad parameter is reported before any client is read.
 */

/** Documented default of `$top`. */
export const DEFAULT_TOP = 50;
/** Largest `$top` accepted; the vendor states none, larger values get a 400 (inferred). */
export const MAX_TOP = 1000;

/** The Client entity type as the vendor's OData layer sees it. */
export const CLIENT_ENTITY_TYPE: EntityType = {
  name: 'Client',
  properties: {
    externalId: 'Edm.String',
    source: 'Edm.String',
    ownerId: 'Edm.Guid',
    referredById: 'Edm.Guid',
    email: 'Edm.String',
    homePhone: 'Edm.String',
    workPhone: 'Edm.String',
    mobilePhone: 'Edm.String',
    fax: 'Edm.String',
    isSilenced: 'Edm.Boolean',
    isArchived: 'Edm.Boolean',
    createdOn: 'Edm.DateTimeOffset',
    updatedOn: 'Edm.DateTimeOffset',
    fico: 'Edm.Int32',
    totalIncome: 'Edm.Double',
    totalDebtPayments: 'Edm.Double',
    firstTimeBuyer: 'Edm.Boolean',
    loginToken: 'Edm.String',
    id: 'Edm.Guid',
    firstName: 'Edm.String',
    lastName: 'Edm.String',
  } satisfies Record<ClientField, EdmType>,
};

type ClientComparator = (a: Client, b: Client) => number;

export interface ClientQuery {
  /** Lower-case uuid: only this owner's clients. */
  ownerId: string | null;
  /** Case-insensitive text looked up in names, email, phones and externalId (inferred). */
  searchText: string | null;
  filter: ((client: Client) => boolean) | null;
  /** `$orderby` keys, then `id` ascending as the tie-breaker. */
  order: ClientComparator;
  skip: number;
  top: number;
  /** Properties to return, in schema order; null: all. */
  select: ClientField[] | null;
}

const OPTIONS = ['$filter', '$select', '$orderby', '$skip', '$top'] as const;
const PARAMETERS = ['ownerId', 'searchText', ...OPTIONS] as const;
type Parameter = (typeof PARAMETERS)[number];

const INVALID_QUERY = 'The query specified in the URI is not valid.';

const byId: ClientComparator = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Validates the raw query string object. Without `$orderby`, clients come ordered by `id`, and
 * `id` breaks ties after the `$orderby` keys: the stable order ASP.NET OData's `EnableQuery` adds
 * for paging (inferred). Unknown parameters without `$` are ignored; other `$` options (e.g.
 * `$expand`, `$count`) are refused, since the vendor documents none (inferred).
 */
export function parseClientQuery(
  raw: Readonly<Record<string, unknown>>,
): ValidationResult<ClientQuery> {
  const errors: FieldErrors = {};
  const text: Partial<Record<Parameter, string>> = {};
  for (const [name, value] of Object.entries(raw)) {
    const known = (PARAMETERS as readonly string[]).includes(name);
    if (!known) {
      if (name.startsWith('$')) {
        errors[name] = [`${INVALID_QUERY} The query option '${name}' is not supported.`];
      }
      continue;
    }
    if (Array.isArray(value)) {
      errors[name] = [
        `Query option '${name}' was specified more than once, but it must be specified at most once.`,
      ];
      continue;
    }
    text[name as Parameter] = String(value);
  }

  const query: ClientQuery = {
    ownerId: null,
    searchText: text.searchText ?? null,
    filter: null,
    order: byId,
    skip: 0,
    top: DEFAULT_TOP,
    select: null,
  };
  const attempt = (name: Parameter, run: (value: string) => void): void => {
    const value = text[name];
    if (value === undefined || errors[name]) return;
    try {
      run(value);
    } catch (error) {
      if (!(error instanceof ODataSyntaxError || error instanceof ODataBindError)) throw error;
      errors[name] = [`${INVALID_QUERY} ${error.message}`];
    }
  };

  if (text.ownerId !== undefined) {
    if (isUuid(text.ownerId)) query.ownerId = text.ownerId.toLowerCase();
    else errors.ownerId = [`The value '${text.ownerId}' is not valid.`];
  }
  attempt('$filter', (value) => {
    query.filter = compileFilter(parseFilter(value), CLIENT_ENTITY_TYPE);
  });
  attempt('$orderby', (value) => {
    const keys = compileOrderBy(parseOrderBy(value), CLIENT_ENTITY_TYPE);
    query.order = (a, b) => keys(a, b) || byId(a, b);
  });
  attempt('$select', (value) => {
    query.select = selectedFields(parseSelect(value));
  });
  attempt('$skip', (value) => {
    query.skip = nonNegativeInteger('$skip', value);
  });
  attempt('$top', (value) => {
    const top = nonNegativeInteger('$top', value);
    if (top > MAX_TOP) {
      throw new ODataBindError(
        `The limit of '${MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${top}'.`,
      );
    }
    query.top = top;
  });

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: query };
}

function nonNegativeInteger(option: '$skip' | '$top', value: string): number {
  const trimmed = value.trim();
  const parsed = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(parsed)) {
    throw new ODataBindError(
      `Invalid value '${value}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`,
    );
  }
  return parsed;
}

function selectedFields(selection: '*' | string[]): ClientField[] | null {
  if (selection === '*') return null;
  for (const name of selection) {
    if (!(CLIENT_FIELDS as readonly string[]).includes(name)) {
      throw new ODataBindError(`Could not find a property named '${name}' on type 'Client'.`);
    }
  }
  return CLIENT_FIELDS.filter((field) => selection.includes(field));
}

function matchesSearchText(client: Client, searchText: string): boolean {
  const needle = searchText.trim().toLowerCase();
  if (needle === '') return true;
  const phones = [client.mobilePhone, client.homePhone, client.workPhone, client.fax];
  const texts = [
    client.firstName,
    client.lastName,
    `${client.firstName} ${client.lastName}`,
    client.email,
    client.externalId,
    ...phones,
  ];
  if (texts.some((text) => text?.toLowerCase().includes(needle))) return true;
  // A phone typed in another format still matches on its digits.
  const digits = needle.replace(/\D/g, '');
  if (digits.length < 4 || !/^[\d\s().+-]+$/.test(needle)) return false;
  return phones.some((phone) => phone?.replace(/\D/g, '').includes(digits));
}

function project(client: Client, select: readonly ClientField[] | null): Partial<Client> {
  if (select === null) return client;
  return Object.fromEntries(select.map((field) => [field, client[field]]));
}

/** Runs a parsed query over the clients: restrict, filter, order, skip, top, project. */
export function runClientQuery(clients: readonly Client[], query: ClientQuery): Partial<Client>[] {
  const { ownerId, searchText, filter } = query;
  return clients
    .filter((client) => ownerId === null || client.ownerId?.toLowerCase() === ownerId)
    .filter((client) => searchText === null || matchesSearchText(client, searchText))
    .filter((client) => filter === null || filter(client))
    .sort(query.order)
    .slice(query.skip, query.skip + query.top)
    .map((client) => project(client, query.select));
}
