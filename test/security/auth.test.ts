import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { mintToken } from '../../src/auth/mint';
import type { Scope } from '../../src/auth/scopes';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

const SECRET = 'test-jwt-secret-0123456789-abcdefghijklmnop';
const AUTH = { jwtSecret: SECRET, jwtIssuer: 'vendor-graph', jwtAudience: 'vendor-graph-clients' };
const token = (scopes: Scope[], overrides: Partial<typeof AUTH> = {}) =>
  mintToken({ ...AUTH, ...overrides }, { subject: 'tester', scopes, ttlSeconds: 600 });
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

const PERSON = `{ findPeople(match: { email: "${SHOWCASE_EMAIL}" }) {
  fullName ssnLast4 ssn dateOfBirth addresses { city } financialProfile { fico } creditReports { bureau }
} }`;

describe('AUTH_MODE=jwt', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { AUTH_MODE: 'jwt', JWT_SECRET: SECRET },
      sandboxes: { size: 60, rateLimits: { agencyZoom: null } },
      clientDeps: { ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }) },
    });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('shows each caller exactly what its scopes allow, with the rest of the response intact', async () => {
    type Person = {
      fullName: string;
      ssnLast4: string;
      ssn: string | null;
      dateOfBirth: string | null;
      addresses: unknown[] | null;
      financialProfile: unknown;
      creditReports: unknown[] | null;
    };
    const ask = async (scopes: Scope[]) =>
      gw.query<{ findPeople: Person[] }>(PERSON, undefined, bearer(await token(scopes)));

    const basic = await ask(['people:read']);
    const [person] = basic.body.data?.findPeople ?? [];
    expect(person).toMatchObject({
      fullName: 'Jordan Avery Rivera',
      ssnLast4: '1187',
      ssn: null,
      dateOfBirth: null,
      addresses: null,
      financialProfile: null,
      creditReports: null,
    });
    const forbidden = (basic.body.errors ?? []).map((e) => [
      e.path?.slice(-1)[0],
      e.extensions?.code,
      e.extensions?.scope,
    ]);
    expect(forbidden).toEqual(
      expect.arrayContaining([
        ['ssn', 'FORBIDDEN', 'pii:ssn'],
        ['dateOfBirth', 'FORBIDDEN', 'pii:read'],
        ['addresses', 'FORBIDDEN', 'pii:read'],
        ['financialProfile', 'FORBIDDEN', 'credit:read'],
        ['creditReports', 'FORBIDDEN', 'credit:read'],
      ]),
    );

    const full = await ask(['people:read', 'pii:read', 'pii:ssn', 'credit:read']);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data?.findPeople[0]).toMatchObject({
      ssn: '045-62-1187',
      dateOfBirth: '1986-04-12',
    });
    expect(full.body.data?.findPeople[0]?.creditReports?.length).toBeGreaterThan(0);

    const none = await ask([]);
    expect(none.body.data?.findPeople).toBeNull();
    expect(none.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      scope: 'people:read',
    });
  });

  it('guards writes with their own scopes', async () => {
    const mutation =
      'mutation { linkRecord(record: { vendor: CREDIT_PROS, id: "1001" }) { person { id } } }';
    const refused = await gw.query(mutation, undefined, bearer(await token(['people:read'])));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      scope: 'identity:write',
    });
  });

  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Bearer' }],
    ['a forged signature', 'forged'],
    ['the wrong audience', 'audience'],
    ['the wrong issuer', 'issuer'],
    ['an expired token', 'expired'],
    ['an unsigned token (alg none)', 'none'],
  ])('answers 401 UNAUTHENTICATED for %s, before any vendor call', async (_name, kind) => {
    let headers: Record<string, string> =
      typeof kind === 'object' ? (kind as Record<string, string>) : {};
    if (kind === 'forged')
      headers = bearer(
        await token(['people:read'], { jwtSecret: 'another-secret-0123456789-abcdefghijklmn' }),
      );
    if (kind === 'audience')
      headers = bearer(await token(['people:read'], { jwtAudience: 'someone-else' }));
    if (kind === 'issuer')
      headers = bearer(await token(['people:read'], { jwtIssuer: 'https://evil.example' }));
    if (kind === 'expired') {
      headers = bearer(
        await new SignJWT({ scope: 'people:read' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('tester')
          .setIssuer(AUTH.jwtIssuer)
          .setAudience(AUTH.jwtAudience)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(new TextEncoder().encode(SECRET)),
      );
    }
    if (kind === 'none') {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      headers = bearer(
        `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', scope: 'people:read pii:ssn', iss: AUTH.jwtIssuer, aud: AUTH.jwtAudience })}.`,
      );
    }
    Object.values(gw.sandboxes?.sandboxes ?? {}).forEach((s) => s.admin.reset());
    const { status, body } = await gw.query(PERSON, undefined, headers);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      Object.values(gw.sandboxes?.sandboxes ?? {}).reduce((n, s) => n + s.admin.calls().total, 0),
    ).toBe(0);
  });

  it('serves the GraphiQL page to a browser without a token', async () => {
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
  });
});

describe('AUTH_MODE=jwt with a JWKS URL', () => {
  it('accepts tokens signed by a key of the set and refuses others', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const gw = await startTestGateway({
      env: {
        AUTH_MODE: 'jwt',
        JWT_JWKS_URL: url,
        JWT_ISSUER: 'https://idp.example',
        JWT_AUDIENCE: 'graph',
      },
    });
    try {
      const signed = await new SignJWT({ scope: 'people:read' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('svc')
        .setIssuer('https://idp.example')
        .setAudience('graph')
        .setExpirationTime('5m')
        .sign(privateKey);
      const ok = await gw.query('{ vendors { vendor } }', undefined, bearer(signed));
      expect(ok.status).toBe(200);
      const other = await generateKeyPair('RS256');
      const foreign = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('svc')
        .setIssuer('https://idp.example')
        .setAudience('graph')
        .setExpirationTime('5m')
        .sign(other.privateKey);
      expect((await gw.query('{ vendors { vendor } }', undefined, bearer(foreign))).status).toBe(
        401,
      );
    } finally {
      await gw.close();
      jwks.close();
    }
  });
});

describe('AUTH_MODE=apikey', () => {
  it('accepts a configured key with its scopes and refuses an unknown one', async () => {
    const key = 'mobile-app-key-4f7d2c9a1e';
    const keys = [
      {
        name: 'mobile',
        sha256: createHash('sha256').update(key).digest('hex'),
        scopes: ['people:read'],
      },
    ];
    const gw = await startTestGateway({
      env: { AUTH_MODE: 'apikey', API_KEYS: JSON.stringify(keys) },
    });
    try {
      const ok = await gw.query('{ vendors { vendor } }', undefined, { 'x-api-key': key });
      expect(ok.status).toBe(200);
      const linked = await gw.query(
        'mutation { linkRecord(record: { vendor: CREDIT_PROS, id: "1" }) { person { id } } }',
        undefined,
        { authorization: `ApiKey ${key}` },
      );
      expect(linked.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        scope: 'identity:write',
      });
      const unknown = await gw.query('{ vendors { vendor } }', undefined, {
        'x-api-key': 'not-a-key',
      });
      expect(unknown.status).toBe(401);
      expect(gw.logs.text()).not.toContain(key);
    } finally {
      await gw.close();
    }
  });
});
