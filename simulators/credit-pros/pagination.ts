import type { FastifyRequest } from 'fastify';
import type { PageRequest } from './validation';

/**
 * The Laravel paginator envelope in its fully expanded form (credit-pros.md §3.1). The doc shows
 * `links`/`meta` as empty objects on most lists; the sandbox always sends the full shape.
 */

export interface PaginationLinks {
  first: string;
  last: string;
  prev: string | null;
  next: string | null;
}

export interface PaginationMetaLink {
  url: string | null;
  label: string;
  active: boolean;
}

export interface PaginationMeta {
  current_page: number;
  /** 1-based position of the first item on the page; null on an empty page. */
  from: number | null;
  last_page: number;
  links: PaginationMetaLink[];
  /** The list URL without query string. */
  path: string;
  per_page: number;
  to: number | null;
  total: number;
}

export interface LaravelPage<T> {
  data: T[];
  links: PaginationLinks;
  meta: PaginationMeta;
}

/** Where a list lives, for the page URLs: path plus the query parameters to keep (all but `page`). */
export interface PageUrl {
  path: string;
  query: URLSearchParams;
}

/** The request's own URL, as Laravel's `withQueryString()` paginator links repeat it. */
export function pageUrlOf(request: FastifyRequest): PageUrl {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  url.searchParams.delete('page');
  return { path: `${url.origin}${url.pathname}`, query: url.searchParams };
}

function urlFor(base: PageUrl, page: number): string {
  const query = new URLSearchParams(base.query);
  query.set('page', String(page));
  return `${base.path}?${query.toString()}`;
}

/** Pages shown in `meta.links`: all when few, else both ends and three either side of the current. */
function pageWindow(current: number, last: number): (number | null)[] {
  if (last < 14) return Array.from({ length: last }, (_, i) => i + 1);
  const shown = new Set<number>([1, 2, last - 1, last]);
  for (let p = current - 3; p <= current + 3; p++) if (p >= 1 && p <= last) shown.add(p);
  const pages = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  pages.forEach((page, i) => {
    if (i > 0 && page - pages[i - 1] > 1) out.push(null);
    out.push(page);
  });
  return out;
}

export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  url: PageUrl,
): LaravelPage<T> {
  const total = items.length;
  const lastPage = Math.max(Math.ceil(total / request.perPage), 1);
  const current = request.page;
  const start = (current - 1) * request.perPage;
  const data = items.slice(start, start + request.perPage);
  const prev = current > 1 ? urlFor(url, current - 1) : null;
  const next = current < lastPage ? urlFor(url, current + 1) : null;
  return {
    data,
    links: { first: urlFor(url, 1), last: urlFor(url, lastPage), prev, next },
    meta: {
      current_page: current,
      from: data.length > 0 ? start + 1 : null,
      last_page: lastPage,
      links: [
        { url: prev, label: '&laquo; Previous', active: false },
        ...pageWindow(current, lastPage).map((page) =>
          page === null
            ? { url: null, label: '...', active: false }
            : { url: urlFor(url, page), label: String(page), active: page === current },
        ),
        { url: next, label: 'Next &raquo;', active: false },
      ],
      path: url.path,
      per_page: request.perPage,
      to: data.length > 0 ? start + data.length : null,
      total,
    },
  };
}

export function mapPage<T, U>(page: LaravelPage<T>, render: (item: T) => U): LaravelPage<U> {
  return { ...page, data: page.data.map(render) };
}
