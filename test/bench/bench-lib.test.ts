import { metricValue, graphqlOutcomes } from '../../bench/lib/gateway';
import { isIndexerCall } from '../../bench/lib/sandboxes';
import type { LoggedCall } from '../../bench/lib/sandboxes';
import { percentile, summarize } from '../../bench/lib/stats';
import { timelineOf } from '../../bench/lib/timeline';

/**
 * The benchmark's own arithmetic, which its reports rest on: percentiles, reading Prometheus
 * text, telling the gateway's background index apart, and the critical path of a request. No
 * timing here: speed is measured by `npm run bench` only.
 */

const call = (endpoint: string, time: number, durationMs: number, query = ''): LoggedCall => ({
  method: endpoint.split(' ')[0] ?? 'GET',
  path: endpoint.split(' ')[1] ?? '/',
  query,
  endpoint,
  status: 200,
  time: new Date(time).toISOString(),
  durationMs,
});

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sample = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    const sorted = [...sample].sort((a, b) => a - b);
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize(sample)).toMatchObject({ n: 10, p50: 5, min: 1, max: 10, mean: 5.5 });
  });
});

describe('reading the gateway', () => {
  const text = [
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    'process_resident_memory_bytes 104857600',
    'graphql_requests_total{operation="CombinedView",outcome="success"} 12',
    'graphql_requests_total{operation="Policies",outcome="partial"} 3',
    'graphql_requests_total{operation="CombinedView",outcome="partial"} 1',
  ].join('\n');

  it('sums a metric over the series matching the labels', () => {
    expect(metricValue(text, 'process_resident_memory_bytes')).toBe(104_857_600);
    expect(metricValue(text, 'graphql_requests_total', { outcome: 'partial' })).toBe(4);
  });

  it('counts GraphQL requests by outcome', () => {
    expect(graphqlOutcomes(text)).toEqual({ success: 12, partial: 4 });
  });
});

describe('vendor call logs', () => {
  it("recognises the Apiture index's incremental sweep, and only it", () => {
    const list = 'GET /accountApplications/applications';
    expect(
      isIndexerCall(call(list, 0, 1, 'start=0&limit=25&filter=ge(updatedAt%2C2026-01-01)')),
    ).toBe(true);
    expect(isIndexerCall(call(list, 0, 1, 'start=0&limit=100&applicant=%2Fcontacts%2Fx'))).toBe(
      false,
    );
  });

  it('walks the critical path back from the last answer', () => {
    const sentAt = Date.parse('2026-01-01T00:00:00.000Z');
    const logs = {
      americor: [call('POST /v1/authentication/token', sentAt + 200, 50)],
      creditPros: [call('POST /clients/search', sentAt + 10, 60)],
      lendingCrm: [call('GET /clients', sentAt + 10, 40)],
      apiture: [],
      agencyZoom: [
        call('POST /v1/api/auth/login', sentAt + 10, 50),
        call('POST /v1/api/customers', sentAt + 61, 50),
      ],
    };
    const timeline = timelineOf(logs, sentAt);
    expect(timeline.criticalPath.map((c) => c.endpoint)).toEqual([
      'POST /v1/api/auth/login',
      'POST /v1/api/customers',
      'POST /v1/authentication/token',
    ]);
    expect(timeline.firstCallMs).toBe(10);
    expect(timeline.lastCallEndMs).toBe(250);
    // 10 ms before the login, 1 ms before the search, 89 ms before the token.
    expect(timeline.gatewayMsOnPath).toBe(100);
  });
});
