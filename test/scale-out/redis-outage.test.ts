import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandboxes } from '../../simulators';
import type { RunningSandboxes } from '../../simulators';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { startGatewayProcess, sandboxEnv } from '../helpers/gateway-process';
import type { GatewayProcess } from '../helpers/gateway-process';
import { startRedis } from '../helpers/redis';
import type { TestRedis } from '../helpers/redis';

/**
 * Redis killed under a running gateway: no crash, `/readyz` says it is degraded, reads of people seen before
 * go on, writes are refused rather than lost; when Redis is back, everything recovers by itself.
 */

const VIEW = `query V($email: EmailAddress!) {
  findPeople(match: { email: $email }) { id fullName leads { vendor } policies { id } }
}`;
const PERSON = 'query P($id: ID!) { person(id: $id) { id fullName sources { vendor } } }';

interface View {
  findPeople: { id: string; fullName: string; leads: unknown[]; policies: unknown[] }[];
}

describe('Redis stopped mid-run', () => {
  let redisDir: string;
  let redis: TestRedis;
  let sandboxes: RunningSandboxes;
  let gateway: GatewayProcess;

  const readiness = async () => {
    const response = await fetch(`${gateway.url}/readyz`);
    return {
      status: response.status,
      body: (await response.json()) as {
        status: string;
        store: { backend: string; ready: boolean };
      },
    };
  };
  const until = async (check: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await sleep(100);
    }
  };

  beforeAll(async () => {
    redisDir = mkdtempSync(path.join(tmpdir(), 'redis-outage-'));
    redis = await startRedis({ dataDir: redisDir });
    sandboxes = await startSandboxes({
      size: 60,
      ports: { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 },
      rateLimits: { agencyZoom: null },
    });
    gateway = await startGatewayProcess({
      ...sandboxEnv(sandboxes),
      REDIS_URL: redis.url,
      IDENTITY_HASH_KEY: 'redis-outage-test-identity-key-0123456789ab',
      REQUEST_TIMEOUT_MS: '4000',
      LOG_LEVEL: 'warn',
    });
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    await sandboxes?.close();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('keeps answering reads, reports it, refuses writes, and recovers when Redis returns', async () => {
    await until(async () => (await readiness()).body.status === 'ready', 10_000);
    const before = await gateway.query<View>(VIEW, { email: SHOWCASE_EMAIL });
    const person = before.body.data?.findPeople[0];
    expect(person?.id).toBeDefined();

    await redis.stop();
    await until(async () => (await readiness()).body.status === 'degraded', 10_000);
    // Still in rotation (reads go on), and saying why.
    expect(await readiness()).toMatchObject({
      status: 200,
      body: { status: 'degraded', store: { backend: 'redis', ready: false } },
    });

    // Reads of a person seen before go on, with the same ID and the vendors' data.
    const during = await gateway.query<View>(VIEW, { email: SHOWCASE_EMAIL });
    expect(during.status).toBe(200);
    expect(during.body.data?.findPeople.map((p) => p.id)).toEqual([person?.id]);
    expect(during.body.data?.findPeople[0]?.policies.length).toBeGreaterThan(0);
    const byId = await gateway.query<{ person: { id: string } }>(PERSON, { id: person?.id });
    expect(byId.body.data?.person.id).toBe(person?.id);

    // A write is refused up front: nothing reaches a vendor that could not be recorded.
    const leadsBefore =
      sandboxes.sandboxes.americor!.admin.calls().byEndpoint['POST /v1/leads'] ?? 0;
    const write = await gateway.query(
      `mutation { createLead(input: {
        idempotencyKey: "outage-0001", vendors: [AMERICOR], firstName: "Olive", lastName: "Outage",
        email: "olive.outage@example.org", phone: "+13125550931",
        address: { line1: "2 Dock St", city: "Chicago", state: "IL", postalCode: "60601" }
      }) { results { status } } }`,
    );
    expect(write.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(sandboxes.sandboxes.americor!.admin.calls().byEndpoint['POST /v1/leads'] ?? 0).toBe(
      leadsBefore,
    );
    expect(gateway.exitCode()).toBeNull();

    await redis.start();
    await until(async () => (await readiness()).body.status === 'ready', 15_000);
    const after = await gateway.query<View>(VIEW, { email: SHOWCASE_EMAIL });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.findPeople.map((p) => p.id)).toEqual([person?.id]);
    const retried = await gateway.query<{ createLead: { results: { status: string }[] } }>(
      `mutation { createLead(input: {
        idempotencyKey: "outage-0001", vendors: [AMERICOR], firstName: "Olive", lastName: "Outage",
        email: "olive.outage@example.org", phone: "+13125550931",
        address: { line1: "2 Dock St", city: "Chicago", state: "IL", postalCode: "60601" }
      }) { results { status } } }`,
    );
    expect(retried.body.data?.createLead.results[0]?.status).toBe('CREATED');
    expect(gateway.exitCode()).toBeNull();
  });
});
