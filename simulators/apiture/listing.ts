import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './constants';
import { ApitureError } from './errors';
import { compileFilter } from './filter';
import type { FieldTable, Predicate } from './filter';
import type { PageLinks } from './hal';

/**
 * Paging, sorting, filtering and searching of the GET collections (§3.2, §3.3): `start` (0-based
 * offset, default 0) and `limit` (default 100), `sortBy=field1,-field2`, `filter` (see filter.ts)
 * and `q` (free text). Without `sortBy` items come oldest first (`createdAt`, then `_id`), so a
 * resource created while a client pages lands on the last page instead of shifting earlier ones.
 */

export type QueryParams = Record<string, unknown>;

/** One query parameter as a string; repeated parameters are malformed (400). */
export function singleParam(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new ApitureError({
      statusCode: 400,
      type: 'malformedQueryParameter',
      message: `The query parameter ${name} may appear only once.`,
      attributes: { parameter: name },
    });
  }
  return value;
}

function integerParam(query: QueryParams, name: string, fallback: number): number {
  const raw = singleParam(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    throw new ApitureError({
      statusCode: 400,
      type: 'malformedQueryParameter',
      message: `The query parameter ${name} must be a non-negative integer.`,
      attributes: { parameter: name, value: raw },
    });
  }
  return Number.parseInt(raw, 10);
}

export interface ListSpec<R> {
  /** Fields usable in `filter` and `sortBy`. */
  fields: FieldTable<R>;
  /** The texts `q` searches (case-insensitive substring; names only, never emails or phones). */
  searchText(record: R): string[];
  /** Tie-breaker and identity of a record. */
  idOf(record: R): string;
}

export interface Page<R> {
  start: number;
  limit: number;
  count: number;
  items: R[];
  links: PageLinks;
}

/** Names of the parameters carried over into the page links, in link order after start/limit. */
const CARRIED = ['sortBy', 'filter', 'q', 'state', 'name', 'applicant'];

function hrefOf(path: string, query: QueryParams, start: number, limit: number): string {
  const params = new URLSearchParams({ start: String(start), limit: String(limit) });
  for (const name of CARRIED) {
    const value = query[name];
    if (typeof value === 'string') params.set(name, value);
  }
  return `${path}?${params.toString()}`;
}

function sorter<R>(sortBy: string | undefined, spec: ListSpec<R>): (a: R, b: R) => number {
  const keys = (sortBy ?? 'createdAt')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '')
    .map((key) => {
      const descending = key.startsWith('-');
      const name = key.replace(/^[-+]/, '');
      const field = spec.fields[name];
      if (!field) {
        throw new ApitureError({
          statusCode: 422,
          type: 'invalidSortField',
          message: `The collection cannot be sorted by "${name}".`,
          attributes: { field: name, allowed: Object.keys(spec.fields).join(',') },
        });
      }
      return { field, descending };
    });
  return (a, b) => {
    for (const { field, descending } of keys) {
      const x = field.get(a);
      const y = field.get(b);
      if (x === y) continue;
      // Records without the field sort last in either direction.
      if (x === null) return 1;
      if (y === null) return -1;
      const order = String(x) < String(y) ? -1 : 1;
      return descending ? -order : order;
    }
    return spec.idOf(a) < spec.idOf(b) ? -1 : spec.idOf(a) > spec.idOf(b) ? 1 : 0;
  };
}

/**
 * Applies the common list parameters plus `extra` predicates (the view's state, `name`,
 * `applicant`) and cuts one page. `path` is the collection's root-relative path.
 */
export function listPage<R>(
  records: Iterable<R>,
  query: QueryParams,
  spec: ListSpec<R>,
  path: string,
  extra: readonly Predicate<R>[] = [],
): Page<R> {
  const start = integerParam(query, 'start', 0);
  const limit = integerParam(query, 'limit', DEFAULT_PAGE_LIMIT);
  if (limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new ApitureError({
      statusCode: 422,
      type: 'invalidLimit',
      message: `limit must be between 1 and ${MAX_PAGE_LIMIT}.`,
      attributes: { parameter: 'limit', value: String(limit) },
    });
  }
  const predicates = [...extra];
  const filter = singleParam(query, 'filter');
  if (filter !== undefined && filter.trim() !== '')
    predicates.push(compileFilter(filter, spec.fields));
  const q = singleParam(query, 'q')?.trim().toLowerCase();
  if (q) {
    predicates.push((record) =>
      spec.searchText(record).some((text) => text.toLowerCase().includes(q)),
    );
  }
  const compare = sorter(singleParam(query, 'sortBy'), spec);
  const matching = [...records].filter((record) => predicates.every((test) => test(record)));
  matching.sort(compare);
  const items = matching.slice(start, start + limit);
  const next = start + limit < matching.length;
  return {
    start,
    limit,
    count: matching.length,
    items,
    links: {
      self: { href: hrefOf(path, query, start, limit) },
      first: { href: hrefOf(path, query, 0, limit) },
      ...(next ? { next: { href: hrefOf(path, query, start + limit, limit) } } : {}),
      collection: { href: path },
    },
  };
}
