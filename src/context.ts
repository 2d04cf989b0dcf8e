import type { RequestLogger } from './logger';
import type { GraphqlOutcome } from './metrics';
import type { VendorRegistry } from './vendor-registry';

/** What the GraphQL layer learns about a request, for the request log line and metrics. */
export interface RequestInfo {
  operationName: string | null;
  outcome: GraphqlOutcome | null;
}

/**
 * Per-request state handed to every resolver. Built fresh for each request: loaders and caller
 * state never cross requests; shared objects (vendor clients, stores) hang off `vendors`.
 */
export interface GatewayContext {
  requestId: string;
  /** Request-scoped logger; lines carry the request ID. */
  logger: RequestLogger;
  /** Time (ms since the epoch) by which the whole request must be answered. */
  deadline: number;
  vendors: VendorRegistry;
  info: RequestInfo;
}
