import type { CreditProsAuth } from '../auth';
import type { CreditProsStore } from '../store';

/**
 * Shape of the two client lists:
 * - `documented` (default): as the doc's samples show them: `GET /clients` double-wrapped
 *   (`data[0]` is itself a paginator) and `POST /clients/search` a top-level array holding one
 *   paginator;
 * - `flat`: the plain Laravel paginator `{data, links, meta}` the live API most likely sends
 *   (credit-pros.md §4.1). Clients of the vendor should accept both.
 */
export type ClientListShape = 'documented' | 'flat';

/** What every route module needs. */
export interface RouteDeps {
  store: CreditProsStore;
  auth: CreditProsAuth;
  /** Milliseconds since the epoch (the sandbox clock). */
  clock: () => number;
  clientListShape: ClientListShape;
}

/** A path id as the vendor's integer route parameters take it; undefined when not one. */
export function parsePathId(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

/** ISO date-time in the vendor's `2019-08-24T14:15:22Z` form (no milliseconds). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
