import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { mintToken } from '../../src/auth/mint';
import { SCOPES } from '../../src/auth/scopes';
import { startTestGateway } from '../helpers/gateway';

/**
 * A run of requests carrying SSNs, dates of birth, emails, phones, tokens and vendor
 * credentials, with debug logging and vendor faults: none of those values appears in any log
 * line or in any error a client sees.
 */
const SECRET = 'log-capture-jwt-secret-0123456789-abcdefgh';
const CREDENTIALS = {
  americor: { username: 'americor-user-7731', publicKey: 'americor-public-key-secret-4410' },
  creditPros: { apiKey: 'creditpros-api-key-secret-9932' },
  lendingCrm: { token: 'lendingcrm-token-secret-1187' },
  apiture: {
    apiKey: 'apiture-api-key-secret-5521',
    accessToken: 'apiture-access-token-secret-3390',
  },
  agencyZoom: { username: 'agencyzoom-user-2208', password: 'agencyzoom-password-secret-6671' },
};

const PERSONAL = {
  ssn: '078-05-1120',
  ssnDigits: '078051120',
  dob: '1979-05-06',
  email: 'casey.private@example.org',
  phone: '+13125550166',
  phoneFormatted: '(312) 555-0166',
  street: '77 Secret Garden Ln',
};

describe('logs and errors carry no personal value, token or credential', () => {
  it('after lookups, writes, bad input, bad tokens and vendor faults', async () => {
    const gw = await startTestGateway({
      env: {
        AUTH_MODE: 'jwt',
        JWT_SECRET: SECRET,
        LOG_LEVEL: 'trace',
        AMERICOR_USERNAME: CREDENTIALS.americor.username,
        AMERICOR_PUBLIC_KEY: CREDENTIALS.americor.publicKey,
        CREDITPROS_API_KEY: CREDENTIALS.creditPros.apiKey,
        LENDINGCRM_TOKEN: CREDENTIALS.lendingCrm.token,
        APITURE_API_KEY: CREDENTIALS.apiture.apiKey,
        APITURE_ACCESS_TOKEN: CREDENTIALS.apiture.accessToken,
        AGENCYZOOM_USERNAME: CREDENTIALS.agencyZoom.username,
        AGENCYZOOM_PASSWORD: CREDENTIALS.agencyZoom.password,
      },
      sandboxes: { size: 60, credentials: CREDENTIALS, rateLimits: { agencyZoom: null } },
      clientDeps: {
        ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }),
        tuning: { maxAttempts: 1 },
      },
    });
    const token = await mintToken(
      { jwtSecret: SECRET, jwtIssuer: 'vendor-graph', jwtAudience: 'vendor-graph-clients' },
      { subject: 'auditor', scopes: SCOPES, ttlSeconds: 600 },
    );
    const auth = {
      authorization: `Bearer ${token}`,
      'x-api-key': 'some-api-key-secret-8812',
      cookie: 'session=cookie-secret-2291',
    };
    const seen: string[] = [];
    const ask = async (
      query: string,
      variables?: Record<string, unknown>,
      headers: Record<string, string> = auth,
    ) => {
      const response = await gw.query(query, variables, headers);
      seen.push(JSON.stringify(response.body.errors ?? []));
      return response;
    };
    try {
      const person = `{ id fullName emails phones ssn dateOfBirth addresses { line1 } financialProfile { fico } creditReports { score } policies { id } leads { id } }`;
      await ask(`query F($m: PersonMatchInput!) { findPeople(match: $m) ${person} }`, {
        m: { email: SHOWCASE_EMAIL },
      });
      await ask(`query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }`, {
        m: { phone: PERSONAL.phoneFormatted },
      });
      await ask(`query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }`, {
        m: { ssn: PERSONAL.ssn },
      });
      await ask(`query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }`, {
        m: { lastName: 'Private', dateOfBirth: PERSONAL.dob },
      });
      const input = {
        idempotencyKey: 'log-capture-0001',
        vendors: ['AMERICOR', 'AGENCYZOOM'],
        firstName: 'Casey',
        lastName: 'Private',
        email: PERSONAL.email,
        phone: PERSONAL.phoneFormatted,
        dateOfBirth: PERSONAL.dob,
        ssn: PERSONAL.ssn,
        address: { line1: PERSONAL.street, city: 'Chicago', state: 'IL', postalCode: '60601' },
      };
      await ask(
        'mutation C($i: CreateLeadInput!) { createLead(input: $i) { results { status error { message } } } }',
        { i: input },
      );
      // Bad input that carries the values.
      await ask('query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }', {
        m: { email: `${PERSONAL.ssn}@@${PERSONAL.email}` },
      });
      await ask('query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }', {
        m: { phone: `call ${PERSONAL.phone} now` },
      });
      await ask(
        'mutation C($i: CreateLeadInput!) { createLead(input: $i) { results { status } } }',
        {
          i: {
            ...input,
            idempotencyKey: 'log-capture-0002',
            address: { ...input.address, state: PERSONAL.ssn },
          },
        },
      );
      await ask('query { findPeople(match: { ssn: "' + PERSONAL.ssnDigits + 'x" }) { id } }');
      // Bad tokens.
      await ask('{ vendors { vendor } }', undefined, {
        authorization: `Bearer ${token.slice(0, -4)}abcd`,
      });
      await ask('{ vendors { vendor } }', undefined, { authorization: `Bearer ${PERSONAL.email}` });
      // Vendor faults: errors, timeouts, refused credentials, unreadable bodies.
      gw.sandboxes?.sandboxes.creditPros?.admin.setFaults({ errorRate: 1, errorStatus: 500 });
      gw.sandboxes?.sandboxes.lendingCrm?.admin.setFaults({ revokeTokens: true });
      gw.sandboxes?.sandboxes.agencyZoom?.admin.setFaults({ malformedRate: 1 });
      await gw.app.identity.resolve([]);
      await ask(`query F($m: PersonMatchInput!) { findPeople(match: $m) ${person} }`, {
        m: { email: PERSONAL.email },
      });
      await ask(`query F($m: PersonMatchInput!) { findPeople(match: $m) { id } }`, {
        m: { phone: PERSONAL.phone },
      });
    } finally {
      await gw.close();
    }

    const logs = gw.logs.text();
    expect(gw.logs.lines.length).toBeGreaterThan(20);
    expect(logs).toContain('vendor call');
    const forbidden = [
      ...Object.values(PERSONAL),
      SHOWCASE_EMAIL,
      'Jordan.Rivera@Example.com',
      '045-62-1187',
      '45621187',
      '1986-04-12',
      '+16175550142',
      token,
      SECRET,
      'some-api-key-secret-8812',
      'cookie-secret-2291',
      ...Object.values(CREDENTIALS).flatMap((c) => Object.values(c)),
    ];
    for (const value of forbidden) {
      expect({ value, inLogs: logs.includes(value) }).toEqual({ value, inLogs: false });
      expect({ value, inErrors: seen.join('\n').includes(value) }).toEqual({
        value,
        inErrors: false,
      });
    }
  });
});
