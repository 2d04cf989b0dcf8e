import type { SandboxCredentials } from '../kit/vendor';
import type { SandboxAdmin } from '../kit/sandbox';
import { agencyDate, agencyDateTime } from './dates';
import type { AgencyZoomStore } from './store';

/** What every AgencyZoom route needs: the data, the sandbox clock and the auth settings. */
export interface AgencyZoomContext {
  readonly store: AgencyZoomStore;
  /** Milliseconds since the epoch (the sandbox clock: injectable in tests). */
  readonly clock: () => number;
  readonly admin: SandboxAdmin;
  readonly credentials: SandboxCredentials['agencyZoom'];
  /** Lifetime of a login token, in seconds. */
  readonly tokenLifetimeS: number;
}

/** The agency's current day, `yyyy-MM-dd`. */
export function today(context: AgencyZoomContext): string {
  return agencyDate(context.clock());
}

/** The agency's current time, `yyyy-MM-dd HH:mm:ss`. */
export function now(context: AgencyZoomContext): string {
  return agencyDateTime(context.clock());
}
