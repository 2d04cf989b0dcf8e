import { getIntrospectionQuery } from 'graphql';
import { mintToken } from '../../src/auth/mint';
import { NO_VENDOR_ENV, startTestGateway } from '../helpers/gateway';

describe('NODE_ENV=production', () => {
  it('refuses introspection (unless INTROSPECTION=on) and shows no stack traces', async () => {
    const secret = 'production-secret-0123456789-abcdefghijk';
    const gw = await startTestGateway({
      env: { ...NO_VENDOR_ENV, NODE_ENV: 'production', JWT_SECRET: secret },
    });
    try {
      const token = await mintToken(
        { jwtSecret: secret, jwtIssuer: 'vendor-graph', jwtAudience: 'vendor-graph-clients' },
        { subject: 'p', scopes: ['people:read'], ttlSeconds: 60 },
      );
      const headers = { authorization: `Bearer ${token}` };
      const introspection = await gw.query(getIntrospectionQuery(), undefined, headers);
      expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
      // An unreachable vendor: the error says which vendor and why, with no stack and no URL.
      const { body } = await gw.query(
        '{ findPeople(match: { email: "a@example.com" }) { id } }',
        undefined,
        headers,
      );
      const text = JSON.stringify(body.errors);
      expect(text).not.toMatch(/stack|127\.0\.0\.1|at [A-Za-z]+ \(/);
    } finally {
      await gw.close();
    }
  });
});
