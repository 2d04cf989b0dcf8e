import Keyv from 'keyv';
import { createApitureClient } from '../../datasources/apiture/client';
import { createApitureSandbox } from '../../simulators/apiture/server';
import type { Sandbox } from '../../simulators/kit/sandbox';
import { SHOWCASE_EMAIL, generatePopulation } from '../../simulators/population/generate';
import { ApitureIndexer } from '../../src/identity/apiture-index';
import { createSsnHasher } from '../../src/identity/match-keys';
import { IdentityService } from '../../src/identity/service';
import { createLogger } from '../../src/logger';

/** The Apiture index: a full sweep, then sweeps of what changed since, within a share of the budget. */
describe('ApitureIndexer', () => {
  let sandbox: Sandbox;
  let url: string;

  beforeAll(async () => {
    sandbox = createApitureSandbox({ population: generatePopulation({ size: 40 }) });
    url = await sandbox.listen(0);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  function setup() {
    const logger = createLogger({ level: 'silent' });
    const client = createApitureClient({
      config: {
        id: 'APITURE',
        mode: 'sandbox',
        baseUrl: url,
        credentials: { API_KEY: 'sandbox', ACCESS_TOKEN: 'sandbox' },
        rateLimitPerMinute: null,
        sandboxPort: 0,
      },
      logger,
    });
    const identity = new IdentityService(
      new Keyv(),
      createSsnHasher('index-test-key-0123456789abcdef0123'),
    );
    return {
      client,
      identity,
      indexer: new ApitureIndexer(client, identity, logger, {
        pageSize: 10,
        callsPerMinute: 6_000,
        idleMs: 10,
      }),
    };
  }

  it('indexes every applicant on the first sweep, then reads only changes', async () => {
    const { client, identity, indexer } = setup();
    sandbox.admin.reset();
    let pages = 0;
    while (!(await indexer.runOnce()).sweepDone) pages += 1;
    expect(pages).toBeGreaterThan(0);
    const [person] = await identity.findByMatch({ email: SHOWCASE_EMAIL });
    expect(
      (await identity.getPerson(person))?.links.some((l) => l.startsWith('APITURE:contact:')),
    ).toBe(true);

    sandbox.admin.reset();
    await indexer.runOnce();
    const lists = sandbox.admin
      .requests()
      .filter((r) => r.endpoint === 'GET /accountApplications/applications');
    expect(lists).toHaveLength(1);
    expect(decodeURIComponent(lists[0]?.query ?? '')).toMatch(/updatedAt/);
    await client.close();
  });

  it('runs in the background within its share of the budget and stops cleanly', async () => {
    const { client, identity } = setup();
    const logger = createLogger({ level: 'silent' });
    // 12 calls a minute with pages of 10 items (11 calls): one page, then a pause of about a minute.
    const indexer = new ApitureIndexer(client, identity, logger, {
      pageSize: 10,
      callsPerMinute: 12,
      idleMs: 60_000,
    });
    sandbox.admin.reset();
    indexer.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await indexer.stop();
    expect(sandbox.admin.calls().total).toBeLessThanOrEqual(11);
    expect(sandbox.admin.calls().total).toBeGreaterThan(0);
    await client.close();
  });
});
