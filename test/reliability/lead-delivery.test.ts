import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Keyv from 'keyv';
import { startSandboxes } from '../../simulators';
import type { RunningSandboxes } from '../../simulators';
import { americorStoreOf } from '../../simulators/americor/server';
import { externalIdFor } from '../../src/graph/create-lead';
import { createLogger } from '../../src/logger';
import { openStores } from '../../src/stores';
import { Sealer } from '../../src/submissions/seal';
import { SubmissionStore } from '../../src/submissions/store';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway, TestGatewayOptions } from '../helpers/gateway';

/**
 * Durable lead submission through the schema, against the sandboxes: a vendor that cannot take a
 * lead now gets it later, in order and once; a write whose answer was lost is never sent twice;
 * kept submissions outlive the process.
 */

const HASH_KEY = 'lead-delivery-test-identity-key-0123456789';
/** Short write timeout and backoff, so faults and recoveries fit in a test. */
const SUBMISSIONS = { worker: false, writeTimeoutMs: 400, backoffInitialMs: 20, backoffMaxMs: 40 };
const CLIENT_DEPS = {
  ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }),
  tuning: { maxAttempts: 1, breakerFailures: 1_000 },
};

const CREATE = `mutation Create($input: CreateLeadInput!) {
  createLead(input: $input) {
    results { vendor status submissionId lead { id vendorRef { id } } error { code outcomeUnknown } }
    person { id sources { vendor id } }
  }
}`;

const SUBMISSION = `query S($id: ID!) {
  leadSubmission(id: $id) {
    id
    deliveries { vendor status attempts nextAttemptAt lead { vendorRef { id } } error { code message outcomeUnknown } }
  }
}`;

interface Result {
  vendor: string;
  status: string;
  submissionId: string | null;
  lead: { id: string; vendorRef: { id: string } } | null;
  error: { code: string; outcomeUnknown: boolean } | null;
}
interface CreatePayload {
  createLead: { results: Result[]; person: { id: string; sources: { vendor: string }[] } | null };
}
interface Delivery {
  vendor: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lead: { vendorRef: { id: string } } | null;
  error: { code: string; message: string; outcomeUnknown: boolean } | null;
}
interface SubmissionPayload {
  leadSubmission: { id: string; deliveries: Delivery[] } | null;
}

let serial = 0;
/** A lead of a new person each time (distinct email and phone). */
function lead(vendors: string[], key = `lead-delivery-${++serial}-${Date.now()}`) {
  const n = String(serial).padStart(4, '0');
  return {
    idempotencyKey: key,
    vendors,
    firstName: 'Jordan',
    lastName: `Delivery${n}`,
    email: `jordan.delivery${n}@example.org`,
    phone: `+1312555${n}`,
    dateOfBirth: '1981-04-05',
    ssn: '078-05-1120',
    address: { line1: '9 Pier Rd', city: 'Chicago', state: 'IL', postalCode: '60611' },
    estimatedDebt: { amount: '9100.00', currency: 'USD' },
  };
}

describe('durable lead submission', () => {
  let dataDir: string;
  let sandboxes: RunningSandboxes;
  let identityStore: Keyv;
  let gw: TestGateway;

  const start = async (extra: Partial<TestGatewayOptions> = {}) => {
    identityStore = openStores(dataDir, createLogger({ level: 'silent' })).identity;
    return startTestGateway({
      env: { IDENTITY_HASH_KEY: HASH_KEY },
      existingSandboxes: sandboxes,
      identityStore,
      clientDeps: CLIENT_DEPS,
      submissions: SUBMISSIONS,
      ...extra,
    });
  };
  const americor = () => sandboxes.sandboxes.americor!;
  const agencyZoom = () => sandboxes.sandboxes.agencyZoom!;
  const creates = () => ({
    americor: americor().admin.calls().byEndpoint['POST /v1/leads'] ?? 0,
    agencyZoom: agencyZoom().admin.calls().byEndpoint['POST /v1/api/leads/create'] ?? 0,
  });
  const atAgencyZoom = async (email: string) =>
    (await (await fetch(`${sandboxes.urls.agencyZoom}/__admin/leads?email=${email}`)).json()) as {
      count: number;
      leads: { id: number }[];
    };
  const atAmericor = async (key: string) =>
    (
      (await (
        await fetch(
          `${sandboxes.urls.americor}/__admin/leads?externalId=${externalIdFor(key, 'AMERICOR')}`,
        )
      ).json()) as { count: number }
    ).count;
  const submission = async (id: string) =>
    (await gw.query<SubmissionPayload>(SUBMISSION, { id })).body.data?.leadSubmission;
  /** Runs the worker until nothing more is due (backoffs here are tens of ms). */
  const deliverAll = async () => {
    for (let round = 0; round < 20; round++) {
      await gw.app.deliveries.runOnce();
      await sleep(60);
    }
  };

  /** A gateway whose clients are warm (tokens, AgencyZoom's pipelines and lead sources), so faults hit only the writes. */
  const startWarm = async () => {
    const started = await start();
    await started.query(CREATE, { input: lead(['AMERICOR', 'AGENCYZOOM']) });
    return started;
  };

  beforeAll(async () => {
    sandboxes = await startSandboxes({
      size: 40,
      ports: { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 },
      rateLimits: { agencyZoom: null },
    });
    dataDir = mkdtempSync(path.join(tmpdir(), 'lead-delivery-'));
    gw = await startWarm();
  });
  afterAll(async () => {
    await gw.close();
    await sandboxes.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    americor().admin.clearFaults();
    agencyZoom().admin.clearFaults();
  });

  it('keeps a lead a vendor cannot take, delivers it when the vendor is back, and a repeat shows it', async () => {
    agencyZoom().admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const input = lead(['AMERICOR', 'AGENCYZOOM']);
    const first = await gw.query<CreatePayload>(CREATE, { input });
    const [toAmericor, toAgencyZoom] = first.body.data?.createLead.results ?? [];
    expect(toAmericor).toMatchObject({ status: 'CREATED', submissionId: null });
    expect(toAgencyZoom).toMatchObject({
      status: 'PENDING',
      error: { code: 'VENDOR_UNAVAILABLE', outcomeUnknown: false },
    });
    const id = toAgencyZoom?.submissionId ?? '';
    expect(await submission(id)).toMatchObject({
      id,
      deliveries: [
        { vendor: 'AMERICOR', status: 'DELIVERED', nextAttemptAt: null },
        { vendor: 'AGENCYZOOM', status: 'PENDING', attempts: 1, lead: null },
      ],
    });
    // Still down: the worker tries, and it stays pending.
    await deliverAll();
    expect((await submission(id))?.deliveries[1]?.status).toBe('PENDING');
    expect((await atAgencyZoom(input.email)).count).toBe(0);

    agencyZoom().admin.clearFaults();
    await deliverAll();
    const delivered = (await submission(id))?.deliveries[1];
    expect(delivered).toMatchObject({ status: 'DELIVERED', error: null, nextAttemptAt: null });
    const stored = await atAgencyZoom(input.email);
    expect(stored.count).toBe(1);
    expect(delivered?.lead?.vendorRef.id).toBe(String(stored.leads[0]?.id));

    // The repeat writes nothing and reports where things stand now, with the person linked.
    const before = creates();
    const again = await gw.query<CreatePayload>(CREATE, { input });
    expect(again.body.data?.createLead.results[1]).toMatchObject({
      status: 'CREATED',
      lead: { vendorRef: { id: delivered?.lead?.vendorRef.id } },
    });
    expect(new Set(again.body.data?.createLead.person?.sources.map((s) => s.vendor))).toEqual(
      new Set(['AMERICOR', 'AGENCYZOOM']),
    );
    expect(creates()).toEqual(before);
  });

  it('answers PENDING after one 429 instead of holding the client through Retry-After, then delivers', async () => {
    // Retries on and the write timeout long, as in production: a call free to wait would wait
    // out the Retry-After and try again.
    await gw.close();
    gw = await start({
      clientDeps: { ...CLIENT_DEPS, tuning: { ...CLIENT_DEPS.tuning, maxAttempts: 3 } },
      submissions: { ...SUBMISSIONS, writeTimeoutMs: 10_000 },
    });
    try {
      await gw.query(CREATE, { input: lead(['AGENCYZOOM']) });
      // One 429 asking for 2 s: more than a client-held write waits, so the worker takes over.
      agencyZoom().admin.reset();
      agencyZoom().admin.setFaults({ rateLimited: 1, retryAfterS: 2 });
      const input = lead(['AGENCYZOOM']);
      const asked = Date.now();
      const { body } = await gw.query<CreatePayload>(CREATE, { input });
      const [result] = body.data?.createLead.results ?? [];
      expect(result).toMatchObject({ status: 'PENDING', error: { code: 'VENDOR_RATE_LIMITED' } });
      expect(agencyZoom().admin.calls().byStatus).toEqual({ '429': 1 });
      const id = result?.submissionId ?? '';
      const next = (await submission(id))?.deliveries[0]?.nextAttemptAt;
      // Not before the vendor's Retry-After.
      expect(Date.parse(next ?? '')).toBeGreaterThanOrEqual(asked + 2_000);

      await sleep(Math.max(Date.parse(next ?? '') - Date.now(), 0));
      await deliverAll();
      expect((await submission(id))?.deliveries[0]?.status).toBe('DELIVERED');
      expect((await atAgencyZoom(input.email)).count).toBe(1);
    } finally {
      await gw.close();
      gw = await startWarm();
    }
  });

  it('delivers in the order accepted, and later leads wait behind earlier ones without a call', async () => {
    americor().admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const inputs = [lead(['AMERICOR']), lead(['AMERICOR']), lead(['AMERICOR'])];
    const before = creates().americor;
    const ids: string[] = [];
    for (const input of inputs) {
      const { body } = await gw.query<CreatePayload>(CREATE, { input });
      expect(body.data?.createLead.results[0]?.status).toBe('PENDING');
      ids.push(body.data?.createLead.results[0]?.submissionId ?? '');
    }
    // Only the first was tried: the others queued behind it.
    expect(creates().americor - before).toBe(1);
    expect((await submission(ids[2] ?? ''))?.deliveries[0]).toMatchObject({
      status: 'PENDING',
      attempts: 0,
    });

    americor().admin.clearFaults();
    americor().admin.reset();
    await deliverAll();
    const order = americor()
      .admin.requests()
      .filter((r) => r.endpoint === 'POST /v1/leads')
      .map((r) => r.status);
    expect(order).toEqual([200, 200, 200]);
    const uuids = await Promise.all(
      ids.map(async (id) => (await submission(id))?.deliveries[0]?.lead?.vendorRef.id),
    );
    for (const [index, input] of inputs.entries()) {
      expect(await atAmericor(input.idempotencyKey)).toBe(1);
      expect(uuids[index]).toBeDefined();
    }
    // Americor numbers customers as it creates them: the ids follow the submission order.
    const customerIds = inputs.map(
      (input) =>
        americorStoreOf(americor()).findByExternalId(
          externalIdFor(input.idempotencyKey, 'AMERICOR'),
        )[0]?.id ?? 0,
    );
    expect([...customerIds].sort((a, b) => a - b)).toEqual(customerIds);
  });

  it('never writes an AgencyZoom lead twice after a timeout whose request reached the vendor', async () => {
    agencyZoom().admin.setFaults({ latencyMs: 700 });
    const input = lead(['AGENCYZOOM']);
    const { body } = await gw.query<CreatePayload>(CREATE, { input });
    expect(body.data?.createLead.results[0]).toMatchObject({
      status: 'PENDING',
      error: { code: 'VENDOR_TIMEOUT', outcomeUnknown: true },
    });
    const id = body.data?.createLead.results[0]?.submissionId ?? '';
    // The vendor finishes the write the gateway stopped waiting for.
    await sleep(500);
    agencyZoom().admin.clearFaults();
    expect((await atAgencyZoom(input.email)).count).toBe(1);

    const before = creates().agencyZoom;
    await deliverAll();
    const delivery = (await submission(id))?.deliveries[0];
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    const stored = await atAgencyZoom(input.email);
    expect(stored.count).toBe(1);
    expect(delivery?.lead?.vendorRef.id).toBe(String(stored.leads[0]?.id));
    // Found by its marker: not sent again.
    expect(creates().agencyZoom).toBe(before);
  });

  it('sends an AgencyZoom lead after a timeout once the search shows the first call never made it', async () => {
    agencyZoom().admin.setFaults({ hang: true });
    const input = lead(['AGENCYZOOM']);
    const { body } = await gw.query<CreatePayload>(CREATE, { input });
    const id = body.data?.createLead.results[0]?.submissionId ?? '';
    expect(body.data?.createLead.results[0]?.error?.code).toBe('VENDOR_TIMEOUT');
    agencyZoom().admin.clearFaults();
    await sleep(450);
    await deliverAll();
    expect((await submission(id))?.deliveries[0]?.status).toBe('DELIVERED');
    expect((await atAgencyZoom(input.email)).count).toBe(1);
  });

  it('reports an Americor lead FAILED with outcomeUnknown after such a timeout, and never resends it', async () => {
    americor().admin.setFaults({ latencyMs: 700 });
    const input = lead(['AMERICOR']);
    const before = creates().americor;
    const { body } = await gw.query<CreatePayload>(CREATE, { input });
    const result = body.data?.createLead.results[0];
    expect(result).toMatchObject({
      status: 'FAILED',
      submissionId: null,
      error: { code: 'VENDOR_TIMEOUT', outcomeUnknown: true },
    });
    await sleep(500);
    americor().admin.clearFaults();
    await deliverAll();
    expect(creates().americor - before).toBe(1);
    expect(await atAmericor(input.idempotencyKey)).toBe(1);
  });

  it('keeps pending submissions, sealed, across a restart, and delivers them afterwards', async () => {
    agencyZoom().admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const input = lead(['AGENCYZOOM']);
    const { body } = await gw.query<CreatePayload>(CREATE, { input });
    const id = body.data?.createLead.results[0]?.submissionId ?? '';
    expect(id).toMatch(/^sub_/);
    await gw.close();

    // Nothing personal in clear on disk while the lead waits.
    const files = readdirSync(dataDir).filter((f) => f.endsWith('.sqlite'));
    const disk = files.map((f) => readFileSync(path.join(dataDir, f)).toString('latin1')).join('');
    expect(disk).toContain(id);
    expect(disk).not.toContain(input.email);
    expect(disk).not.toContain(input.lastName);

    agencyZoom().admin.clearFaults();
    gw = await start({ submissions: { ...SUBMISSIONS, worker: true, pollMs: 50 } });
    for (let i = 0; i < 100 && (await submission(id))?.deliveries[0]?.status === 'PENDING'; i++)
      await sleep(50);
    expect((await submission(id))?.deliveries[0]?.status).toBe('DELIVERED');
    expect((await atAgencyZoom(input.email)).count).toBe(1);
  });

  it('after a stop mid-call, looks for the AgencyZoom lead and gives the Americor one up as unknown', async () => {
    const store = new SubmissionStore(identityStore, new Sealer(HASH_KEY));
    const input = lead(['AMERICOR', 'AGENCYZOOM']);
    const lost = {
      status: 'PENDING' as const,
      attempts: 1,
      updatedAt: new Date().toISOString(),
      nextAttemptAt: Date.now(),
      sendingUntil: Date.now() - 1,
      verify: false,
      lead: null,
      error: null,
    };
    const { id } = await store.create(input as never, 'anonymous', [
      { ...lost, vendor: 'AMERICOR' },
      { ...lost, vendor: 'AGENCYZOOM' },
    ]);
    const before = creates();
    await deliverAll();
    const [toAmericor, toAgencyZoom] = (await submission(id))?.deliveries ?? [];
    expect(toAmericor).toMatchObject({
      status: 'FAILED',
      error: { code: 'VENDOR_TIMEOUT', outcomeUnknown: true },
    });
    // Nothing found under its marker, so it was sent (once).
    expect(toAgencyZoom).toMatchObject({ status: 'DELIVERED' });
    expect(creates()).toEqual({ americor: before.americor, agencyZoom: before.agencyZoom + 1 });
  });

  it('shows a submission only to the caller that made it', async () => {
    const store = new SubmissionStore(identityStore, new Sealer(HASH_KEY));
    const { id } = await store.create(lead(['AMERICOR']) as never, 'someone-else', []);
    expect(await submission(id)).toBeNull();
    expect(await submission('sub_unknown')).toBeNull();
  });
});
