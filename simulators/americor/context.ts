import type { SandboxAdmin } from '../kit/sandbox';
import type { SandboxCredentials } from '../kit/vendor';
import type { AmericorStore } from './store';

/** What every Americor route needs; built once per sandbox. */
export interface AmericorContext {
  store: AmericorStore;
  admin: SandboxAdmin;
  /** Milliseconds since the epoch (the sandbox clock). */
  clock: () => number;
  credentials: SandboxCredentials['americor'];
  /** Lifetime of issued tokens in seconds. */
  tokenLifetimeS: number;
}
