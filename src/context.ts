import type { CallContext } from '../datasources/http/context';
import type { Caller } from './auth/scopes';
import type { SharedReads } from './cache/shared-reads';
import type { Loaders } from './graph/loaders';
import type { PartialErrors } from './graph/partial';
import type { IdentityService } from './identity/service';
import type { LeadSubmissions } from './submissions/service';
import type { RequestLogger } from './logger';
import type { GraphqlOutcome } from './metrics';
import type { VendorClients } from './vendor-clients';
import type { VendorRegistry } from './vendor-registry';

/** What the GraphQL layer learns about a request, for the request log line and metrics. */
export interface RequestInfo {
  operationName: string | null;
  outcome: GraphqlOutcome | null;
}

/**
 * Per-request state handed to every resolver. Built fresh for each request: loaders and caller
 * state never cross requests; shared objects (vendor clients, identity store) are referenced.
 */
export interface GatewayContext {
  requestId: string;
  /** Who is asking (authenticated before GraphQL runs) and with which scopes. */
  caller: Caller;
  /** Request-scoped logger; lines carry the request ID. */
  logger: RequestLogger;
  /** Time (ms since the epoch) by which the whole request must be answered. */
  deadline: number;
  /** What every vendor call of this request carries: the deadline, the logger. */
  call: CallContext;
  vendors: VendorRegistry;
  clients: VendorClients;
  identity: IdentityService;
  /** The shared cache of vendor reads (for invalidation after our own writes). */
  shared: SharedReads;
  /** Lead submissions: `createLead` and the delivery of what a vendor could not take at once. */
  leads: LeadSubmissions;
  /** Per-request DataLoaders: dedupe and batch into each vendor's widest read. */
  loaders: Loaders;
  /** Vendor failures that cost only their own fields. */
  partial: PartialErrors;
  info: RequestInfo;
}
