import { agencyZoomStoreOf } from '../../simulators/agencyzoom/server';
import { mintToken } from '../../src/auth/mint';
import { encodePersonId } from '../../src/domain/global-id';
import { startTestGateway } from '../helpers/gateway';

/** One caller cannot spend a vendor's whole budget: with FAIR_SHARE=0.5, half of it is left for the others. */
describe('fair share of a vendor budget', () => {
  it('stops one caller at its share and serves another from the rest', async () => {
    const secret = 'fair-share-secret-0123456789-abcdefghijk';
    const gw = await startTestGateway({
      env: {
        AUTH_MODE: 'jwt',
        JWT_SECRET: secret,
        FAIR_SHARE: '0.5',
        AGENCYZOOM_RATE_LIMIT: '10',
        AGENCYZOOM_RATE_WINDOW_MS: '60000',
        REQUEST_TIMEOUT_MS: '2000',
      },
      sandboxes: { size: 200, rateLimits: { agencyZoom: null } },
    });
    try {
      const tokenOf = (subject: string) =>
        mintToken(
          { jwtSecret: secret, jwtIssuer: 'vendor-graph', jwtAudience: 'vendor-graph-clients' },
          { subject, scopes: ['people:read'], ttlSeconds: 600 },
        );
      const customers = [
        ...agencyZoomStoreOf(gw.sandboxes?.sandboxes.agencyZoom as never)
          .policiesByCustomer()
          .keys(),
      ].slice(0, 12);
      const people = await Promise.all(
        customers.map((id) =>
          gw.app.identity.link({ vendor: 'AGENCYZOOM', id: `customer:${id}` }, null),
        ),
      );
      const ask = async (subject: string, ids: string[]) => {
        const headers = { authorization: `Bearer ${await tokenOf(subject)}` };
        return Promise.all(
          ids.map((id) =>
            gw.query(
              'query P($id: ID!) { person(id: $id) { policies { id } } }',
              { id: encodePersonId(id) },
              headers,
            ),
          ),
        );
      };
      const greedy = await ask('greedy-client', people.slice(0, 8));
      const refused = greedy.filter((r) =>
        r.body.errors?.some((e) => e.extensions?.code === 'VENDOR_RATE_LIMITED'),
      );
      expect(refused.length).toBeGreaterThanOrEqual(3);
      expect(refused[0]?.body.errors?.[0]?.message).toMatch(
        /This caller's share of AgencyZoom's call budget is spent/,
      );
      expect(refused[0]?.body.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
      const polite = await ask('polite-client', people.slice(8, 11));
      for (const response of polite) expect(response.body.errors).toBeUndefined();
      expect(gw.sandboxes?.sandboxes.agencyZoom?.admin.calls().total).toBeLessThanOrEqual(10);
    } finally {
      await gw.close();
    }
  });
});
