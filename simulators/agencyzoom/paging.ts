import type { BodyReader } from './validation';

/**
 * AgencyZoom paging (reference §4.1): `page` (0-based, default 0), `pageSize` (default 20, maximum
 * per endpoint), `sort` (a field name) and `order` (`asc` | `desc`), all in the JSON body.
 */
export interface PageRequest {
  page: number;
  pageSize: number;
  /** As sent; each endpoint decides what an unknown or missing sort field means. */
  sort: string | null;
  order: 'asc' | 'desc' | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/**
 * Reads the paging fields. A `pageSize` above the endpoint's maximum is refused with 400 rather
 * than silently cut (inferred: the docs only state the maximum), as is a negative page.
 */
export function readPaging(body: BodyReader, maxPageSize: number): PageRequest {
  const page = body.integer('page', { min: 0 }) ?? 0;
  const pageSize = body.integer('pageSize', { min: 1, max: maxPageSize }) ?? DEFAULT_PAGE_SIZE;
  const sort = body.string('sort');
  const order = body.string('order');
  if (order !== null && order !== 'asc' && order !== 'desc') {
    body.problem('order must be "asc" or "desc"');
  }
  return {
    page,
    pageSize,
    sort: sort === null || sort.trim() === '' ? null : sort,
    order: order === 'asc' || order === 'desc' ? order : null,
  };
}

/**
 * The paged envelope `{ totalCount, page, pageSize, <collection> }`. `page` echoes the 0-based page
 * asked for (the docs' samples show 1 for every request; echoing the request is inferred).
 */
export function pageOf<T>(
  items: readonly T[],
  request: PageRequest,
): { totalCount: number; page: number; pageSize: number; items: T[] } {
  const start = request.page * request.pageSize;
  return {
    totalCount: items.length,
    page: request.page,
    pageSize: request.pageSize,
    items: items.slice(start, start + request.pageSize),
  };
}

/** Compares with `compare`, reversed for `desc`, ties broken by ascending id (stable pages). */
export function sortBy<T extends { id: number }>(
  items: T[],
  compare: (a: T, b: T) => number,
  order: 'asc' | 'desc',
): T[] {
  const sign = order === 'desc' ? -1 : 1;
  return items.sort((a, b) => sign * compare(a, b) || a.id - b.id);
}

/** Case-insensitive text order with nulls first. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}

/** Plain code-unit order with nulls first, for fixed-width date stamps. */
export function compareStamp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
