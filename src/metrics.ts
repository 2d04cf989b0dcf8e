import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Outcome of one GraphQL request, as counted and logged. */
export type GraphqlOutcome = 'success' | 'partial' | 'error' | 'invalid' | 'rejected';

/** Distinct operation names kept as label values; later ones count as `other` (bounded cardinality). */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The gateway's Prometheus metrics, one registry per server so tests can run several servers in
 * one process. Durations are observed in seconds, as Prometheus expects.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly graphqlRequests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency in seconds, from receipt to response.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly vendorCalls = new Counter({
    name: 'vendor_calls_total',
    help: 'HTTP calls to vendors by vendor, endpoint and outcome (ok or an error code).',
    labelNames: ['vendor', 'endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly vendorDuration = new Histogram({
    name: 'vendor_call_duration_seconds',
    help: 'Vendor call latency in seconds, per attempt.',
    labelNames: ['vendor'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly vendorErrors = new Counter({
    name: 'vendor_errors_total',
    help: 'Vendor failures by vendor and gateway error code.',
    labelNames: ['vendor', 'code'] as const,
    registers: [this.registry],
  });

  readonly cacheReads = new Counter({
    name: 'vendor_cache_reads_total',
    help: 'Shared-cache lookups of vendor reads by vendor, kind and result (hit, miss, stale).',
    labelNames: ['vendor', 'kind', 'result'] as const,
    registers: [this.registry],
  });

  readonly vendorReadsCoalesced = new Counter({
    name: 'vendor_reads_coalesced_total',
    help: 'Vendor reads served by sharing an identical read already in flight for another request.',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  readonly budgetWait = new Histogram({
    name: 'vendor_budget_wait_seconds',
    help: 'Time calls waited in the vendor rate-limit queue before being sent, in seconds.',
    labelNames: ['vendor'] as const,
    buckets: [0, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly budgetRemaining = new Gauge({
    name: 'vendor_budget_remaining',
    help: 'Calls left in the current rate window per vendor, read at scrape time.',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  readonly leadDeliveries = new Counter({
    name: 'lead_delivery_attempts_total',
    help: 'Lead writes by vendor and outcome (delivered, failed, retry; queued and sending when a submission is kept).',
    labelNames: ['vendor', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly leadsPending = new Gauge({
    name: 'lead_submissions_pending',
    help: 'Lead submissions waiting for delivery per vendor, read at scrape time.',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Called at scrape time for values that are read rather than counted. */
  onCollect?: () => Promise<void>;

  /** The label value for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid_name';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  observeGraphql(
    operation: string | null | undefined,
    outcome: GraphqlOutcome,
    seconds: number,
  ): void {
    const label = this.operationLabel(operation);
    this.graphqlRequests.inc({ operation: label, outcome });
    this.graphqlDuration.observe({ operation: label }, seconds);
  }

  /** One vendor HTTP attempt; `outcome` is `ok` or the gateway error code it mapped to. */
  observeVendorCall(vendor: string, endpoint: string, outcome: string, seconds: number): void {
    this.vendorCalls.inc({ vendor, endpoint, outcome });
    this.vendorDuration.observe({ vendor }, seconds);
    if (outcome !== 'ok') this.vendorErrors.inc({ vendor, code: outcome });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    await this.onCollect?.();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
