import { NO_VENDOR_ENV, startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

describe('gateway HTTP surface', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it('answers POST /graphql', async () => {
    const { status, body } = await gw.query(
      'query Health { vendors { vendor state mode circuit } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      vendors: ['AMERICOR', 'CREDIT_PROS', 'LENDING_CRM', 'APITURE', 'AGENCYZOOM'].map(
        (vendor) => ({
          vendor,
          state: 'READY',
          mode: 'REMOTE',
          circuit: 'CLOSED',
        }),
      ),
    });
  });

  it('answers GET /graphql with a query string', async () => {
    const response = await fetch(
      `${gw.url}/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`,
      {
        // CSRF prevention refuses simple GETs; real clients send this header (or a JSON content type).
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { vendors: unknown[] } };
    expect(body.data.vendors).toHaveLength(5);
  });

  it('serves GraphiQL to browsers with every asset from our own origin', async () => {
    const response = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('renderYogaGraphiQL');
    expect(html).toContain('jordan.rivera@example.com');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) expect(reference).toMatch(/^\/graphiql\//);
    expect(html).not.toMatch(/https?:\/\//);
    for (const reference of references) {
      const asset = await fetch(`${gw.url}${reference}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('compresses and revalidates the GraphiQL bundle', async () => {
    const first = await fetch(`${gw.url}/graphiql/graphiql.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    await first.arrayBuffer();
    const again = await fetch(`${gw.url}/graphiql/graphiql.js`, {
      headers: { 'if-none-match': etag as string },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${gw.url}/graphiql/nope.js`)).status).toBe(404);
  });

  it('reports liveness and readiness with each vendor state', async () => {
    expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      status: string;
      vendors: { vendor: string; state: string }[];
    };
    expect(body.status).toBe('ready');
    expect(body.vendors.map((v) => v.vendor)).toEqual([
      'AMERICOR',
      'CREDIT_PROS',
      'LENDING_CRM',
      'APITURE',
      'AGENCYZOOM',
    ]);
  });

  it('exposes Prometheus metrics with GraphQL requests by operation and outcome', async () => {
    await gw.query('query MetricsProbe { vendors { vendor } }');
    await gw.query('query MetricsProbe { nope }');
    const response = await fetch(`${gw.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/graphql_requests_total\{operation="MetricsProbe",outcome="success"\} 1/);
    expect(text).toMatch(/graphql_requests_total\{operation="MetricsProbe",outcome="invalid"\} 1/);
    expect(text).toContain('graphql_request_duration_seconds_bucket');
    expect(text).toContain('# TYPE vendor_calls_total counter');
    expect(text).toContain('# TYPE vendor_call_duration_seconds histogram');
    expect(text).toContain('# TYPE vendor_errors_total counter');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('writes one log line per request with operation, duration and outcome, and no credentials', async () => {
    const before = gw.logs.lines.length;
    await gw.query('query LogProbe { vendors { vendor } }', undefined, {
      authorization: 'Bearer secret-token-value',
      'x-request-id': 'probe-request-0001',
    });
    const lines = gw.logs
      .entries()
      .slice(before)
      .filter((entry) => entry.msg === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      requestId: 'probe-request-0001',
      method: 'POST',
      route: '/graphql',
      status: 200,
      operation: 'LogProbe',
      outcome: 'success',
    });
    expect(typeof lines[0]?.durationMs).toBe('number');
    expect(gw.logs.text()).not.toContain('secret-token-value');
  });

  it('answers malformed JSON with 400 and without quoting the body', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ vendors { vendor } }", "variables": {"ssn": "123-45-6789"',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('123-45-6789');
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('rejects a bad scalar without echoing the value', async () => {
    const { body } = await gw.query(
      'query Find($email: EmailAddress!) { findPeople(match: { email: $email }) { id } }',
      {
        email: 'jordan.rivera-at-example',
      },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toBe(
      'Variable "$email" has an invalid value: EmailAddress must be an email address',
    );
  });
});

describe('gateway readiness', () => {
  it('is not ready while a vendor has nowhere to send calls', async () => {
    const { AMERICOR_BASE_URL: _omit, ...env } = NO_VENDOR_ENV;
    const gw = await startTestGateway({ env: { ...env, SANDBOX: 'off' } });
    try {
      const response = await fetch(`${gw.url}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as {
        status: string;
        vendors: { vendor: string; mode: string; state: string }[];
      };
      expect(body.status).toBe('not_ready');
      expect(body.vendors.find((v) => v.vendor === 'AMERICOR')).toMatchObject({
        mode: 'UNCONFIGURED',
        state: 'UNAVAILABLE',
      });
    } finally {
      await gw.close();
    }
  });

  it('finishes in-flight requests on close and then refuses new connections', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A held response stands in for a GraphQL request waiting on a vendor.
    const gw = await startTestGateway({
      beforeListen: (gateway) => {
        gateway.app.addHook('onSend', async () => {
          await held;
        });
      },
    });
    const inFlight = fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ vendors { vendor } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = gw.close();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closed;
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
  });
});
