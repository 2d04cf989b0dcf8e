import { agencyZoomStoreOf } from '../../simulators/agencyzoom/server';
import { encodePersonId } from '../../src/domain/global-id';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/**
 * A burst of ten times AgencyZoom's budget (scaled to a 2-second window of 10 calls): the sandbox
 * never answers 429, and each client gets its data or VENDOR_RATE_LIMITED with retryAfterMs.
 */
describe('AgencyZoom under ten times its budget', () => {
  let gw: TestGateway;
  const WINDOW_MS = 2_000;
  const LIMIT = 10;

  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        AGENCYZOOM_RATE_LIMIT: String(LIMIT),
        AGENCYZOOM_RATE_WINDOW_MS: String(WINDOW_MS),
        REQUEST_TIMEOUT_MS: '1500',
      },
      sandboxes: { size: 400, rateLimits: { agencyZoom: { limit: LIMIT, windowMs: WINDOW_MS } } },
    });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('never pushes the vendor into 429 and answers every client with data or a retry time', async () => {
    const sandbox = gw.sandboxes?.sandboxes.agencyZoom;
    const customers = [
      ...agencyZoomStoreOf(sandbox as never)
        .policiesByCustomer()
        .keys(),
    ].slice(0, LIMIT * 10);
    expect(customers).toHaveLength(LIMIT * 10);
    const people = await Promise.all(
      customers.map((id) =>
        gw.app.identity.link({ vendor: 'AGENCYZOOM', id: `customer:${id}` }, null),
      ),
    );
    sandbox?.admin.reset();
    const responses = await Promise.all(
      people.map((id) =>
        gw.query<{ person: { policies: { id: string }[] } }>(
          'query P($id: ID!) { person(id: $id) { policies { id } } }',
          {
            id: encodePersonId(id),
          },
        ),
      ),
    );
    const calls = sandbox?.admin.calls();
    expect(calls?.byStatus['429'] ?? 0).toBe(0);
    let served = 0;
    let limited = 0;
    for (const { body } of responses) {
      if (!body.errors) {
        expect(body.data?.person.policies.length).toBeGreaterThan(0);
        served += 1;
        continue;
      }
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]?.extensions).toMatchObject({
        code: 'VENDOR_RATE_LIMITED',
        vendor: 'AGENCYZOOM',
      });
      expect(body.errors[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
      limited += 1;
    }
    expect(served + limited).toBe(LIMIT * 10);
    // Some clients got data and the rest a retry time; how much of the budget is used is the
    // benchmark's measure (S4), not this test's: it depends on timing.
    expect(served).toBeGreaterThan(0);
    expect(limited).toBeGreaterThan(0);
    expect(calls?.total).toBeLessThanOrEqual(LIMIT * 2);
  });
});
