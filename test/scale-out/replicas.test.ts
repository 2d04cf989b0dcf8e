import { setTimeout as sleep } from 'node:timers/promises';
import { startSandboxes } from '../../simulators';
import type { RunningSandboxes } from '../../simulators';
import { startGatewayProcess, sandboxEnv } from '../helpers/gateway-process';
import type { GatewayProcess } from '../helpers/gateway-process';
import { startRedis } from '../helpers/redis';
import type { TestRedis } from '../helpers/redis';

/**
 * Three gateway processes on one Redis, against the sandboxes: they share AgencyZoom's budget (the
 * sandbox, at 30 calls per 3 s window, never answers 429 and never sees more than 30 in a window),
 * and one identity store (a person made through one replica has the same ID through the others).
 */

const WINDOW_MS = 3_000;
const LIMIT = 30;
/** Long enough to cover at least two whole windows whatever the phase. */
const LOAD_MS = 3 * WINDOW_MS;
const CLIENTS = 12;

const FIND = `query F($phone: PhoneNumber!) {
  findPeople(match: { phone: $phone }) { id leads { vendor } policies { id } }
}`;

describe('three replicas on one Redis', () => {
  let redis: TestRedis;
  let sandboxes: RunningSandboxes;
  let replicas: GatewayProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    sandboxes = await startSandboxes({
      size: 120,
      ports: { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 },
      rateLimits: { agencyZoom: { limit: LIMIT, windowMs: WINDOW_MS } },
    });
    const env = {
      ...sandboxEnv(sandboxes),
      REDIS_URL: redis.url,
      IDENTITY_HASH_KEY: 'replicas-test-identity-key-0123456789abcdef',
      AGENCYZOOM_RATE_LIMIT: String(LIMIT),
      AGENCYZOOM_RATE_WINDOW_MS: String(WINDOW_MS),
      // Every query reaches the vendors, so the budget is what holds the load back.
      CACHE: 'off',
      REQUEST_TIMEOUT_MS: '4000',
      LOG_LEVEL: 'warn',
    };
    replicas = await Promise.all([1, 2, 3].map(() => startGatewayProcess(env)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await sandboxes?.close();
    await redis?.stop();
  });

  it('gives a person made through one replica the same ID through the others', async () => {
    const created = await replicas[0].query<{
      createLead: { results: { status: string }[]; person: { id: string } | null };
    }>(
      `mutation { createLead(input: {
        idempotencyKey: "replicas-0001", vendors: [AMERICOR], firstName: "Robin", lastName: "Replica",
        email: "robin.replica@example.org", phone: "+13125550901",
        address: { line1: "1 Fleet St", city: "Chicago", state: "IL", postalCode: "60601" }
      }) { results { status } person { id } } }`,
    );
    expect(created.body.data?.createLead.results[0]?.status).toBe('CREATED');
    const id = created.body.data?.createLead.person?.id;
    expect(id).toBeDefined();

    const byId = await replicas[1].query<{
      person: { id: string; sources: { vendor: string }[] };
    }>('query P($id: ID!) { person(id: $id) { id sources { vendor } } }', { id });
    expect(byId.body.data?.person).toMatchObject({ id, sources: [{ vendor: 'AMERICOR' }] });
    const found = await replicas[2].query<{ findPeople: { id: string }[] }>(
      '{ findPeople(match: { email: "Robin.Replica@example.org" }) { id } }',
    );
    expect(found.body.data?.findPeople.map((p) => p.id)).toContain(id);
    // The idempotency record is shared too: a repeat through another replica writes nothing.
    const before = sandboxes.sandboxes.americor!.admin.calls().byEndpoint['POST /v1/leads'];
    await replicas[2].query(
      `mutation { createLead(input: {
        idempotencyKey: "replicas-0001", vendors: [AMERICOR], firstName: "Robin", lastName: "Replica",
        email: "robin.replica@example.org", phone: "+13125550901",
        address: { line1: "1 Fleet St", city: "Chicago", state: "IL", postalCode: "60601" }
      }) { results { status } } }`,
    );
    expect(sandboxes.sandboxes.americor!.admin.calls().byEndpoint['POST /v1/leads']).toBe(before);
  });

  it('keeps AgencyZoom under its limit in every window with the load spread over the replicas', async () => {
    const agencyZoom = sandboxes.sandboxes.agencyZoom!;
    // Start on a window boundary so the counts below cover whole windows.
    await sleep(WINDOW_MS - (Date.now() % WINDOW_MS));
    agencyZoom.admin.reset();
    const phones = sandboxes.population.people.map((person) => person.phone);
    const codes = new Map<string, number>();
    const started = Date.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (Date.now() - started < LOAD_MS) {
          const replica = replicas[(client + sent) % replicas.length];
          const phone = phones[(sent++ * 7919) % phones.length];
          const { body } = await replica.query(FIND, { phone });
          for (const error of body.errors ?? []) {
            const code = String(error.extensions?.code);
            codes.set(code, (codes.get(code) ?? 0) + 1);
          }
        }
      }),
    );
    // Calls still queued when the load stopped finish within their deadline.
    await sleep(4_000);

    const calls = agencyZoom.admin.requests();
    const perWindow = new Map<number, number>();
    for (const call of calls) {
      const window = Math.floor(Date.parse(call.time) / WINDOW_MS);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    expect(calls.filter((call) => call.status === 429)).toHaveLength(0);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(LIMIT);
    // The load asked for more than the budget: at least two windows were used up, and the
    // clients were told so rather than kept waiting.
    expect(
      [...perWindow.values()].filter((count) => count >= LIMIT * 0.9).length,
    ).toBeGreaterThanOrEqual(2);
    expect(codes.get('VENDOR_RATE_LIMITED') ?? 0).toBeGreaterThan(0);
    expect(replicas.map((replica) => replica.exitCode())).toEqual([null, null, null]);
  });
});
