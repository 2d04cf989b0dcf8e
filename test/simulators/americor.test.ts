import type { Sandbox } from '../../simulators/kit/sandbox';
import { generatePopulation, peopleIn, SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { americorStoreOf, createAmericorSandbox } from '../../simulators/americor/server';
import { americorSeedLinks, FIRST_CUSTOMER_ID, seedAmericor } from '../../simulators/americor/seed';
import { validateBudget, validateCreditor, validateLead } from '../../simulators/americor/schemas';
import type { CustomerRecord } from '../../simulators/americor/types';

/** Contract tests of the Americor sandbox over real HTTP (reference: vendor-docs/americor.md). */

const population = generatePopulation({ size: 60 });
const START_MS = Date.parse('2025-03-01T12:00:00Z');
let nowMs = START_MS;
const clock = (): number => nowMs;

let sandbox: Sandbox;
let baseUrl: string;
let token: string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FORBIDDEN_KEYS = ['code', 'message', 'name', 'status'];
const NOT_FOUND_KEYS = ['code', 'message', 'name', 'status', 'type'];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  /** Bearer token; `null` sends no Authorization header. Default: the suite's token. */
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  url?: string;
}

async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const bearer = options.token === undefined ? token : options.token;
  const response = await fetch(`${options.url ?? baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...options.headers,
    },
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

async function login(
  url = baseUrl,
  credentials = { username: 'sandbox', publicKey: 'sandbox' },
): Promise<{ token: string; lifetime: number }> {
  const answer = await call('POST', '/v1/authentication/token', {
    body: credentials,
    token: null,
    url,
  });
  expect(answer.status).toBe(200);
  return answer.json as { token: string; lifetime: number };
}

function store() {
  return americorStoreOf(sandbox);
}

function customer(id: number): CustomerRecord {
  const found = store().find({ kind: 'id', id });
  if (!found) throw new Error(`no customer ${id}`);
  return found;
}

const seeded = seedAmericor(population);
const showcase = seeded.customers[0];
const notEnrolled = seeded.customers.find((c) => c.enrollment === null) as CustomerRecord;

const validLead = {
  firstName: 'John',
  lastName: 'Doe',
  middleName: 'Michael',
  phoneMobile: '+18889990031',
  phoneHome: '+18889990032',
  email: 'john.doe@fake.mail',
  noEmail: false,
  state: 'WA',
  ssn: '123-45-6789',
  dob: '1970-01-01',
  address: '123 Hickle Fields Apt. 456',
  city: 'Olympia',
  zip: 12345,
  clientEstimatedDebt: 3457.82,
  source: 'Digital - 1',
  leadOrigin: 'Lead origin',
  externalId: '018ebd24-306f-73d4-9b68-8a1066e66188',
};

const validCreditor = {
  creditorName: 'CHASE CARD',
  creditorMemberCode: '026QK001',
  accountNumber: 12345678,
  accountHolder: 1,
  cardholderName: 'John Doe',
  openedDate: '1970-01-01',
  debtType: '18',
  originalBalance: 1000.0,
  monthlyPayment: 100.0,
  lastPayment: '1970-01-01',
  creditLimit: 1200.0,
  included: true,
};

const validBudget = {
  netMonthlyIncome: 12000.0,
  cashReserves: 5000.0,
  otherDebt: 50.0,
  otherDebtDescription: 'Some description',
  housingType: 2,
  housingPayment: 0.0,
  housingPaymentDescription: 'Some description',
  cableTvSatellite: 15.0,
  telephone: 10.0,
  utilities: 10.0,
  autoLoans: 10.0,
  autoInsurance: 0.0,
  autoInsuranceDescription: 'Some description',
  food: 10.0,
  hardshipReason: 3,
  hardshipReasonDetailed: 'Some description',
};

const validAch = {
  accountName: 'John Doe',
  accountProcessor: 1,
  routingNumber: '123456789',
  bankAccountNumber: 1234567890,
  bankAccountType: 1,
  bankName: 'CENTRAL PACIFIC BANK',
  bankPhoneNumber: '+18085445530',
  bankAddress: '222 NORTH SCHOOL STREET',
  bankCity: 'Honolulu',
  bankState: 'HI',
  bankZip: 96817,
  nonPrimaryApplicant: false,
};

beforeAll(async () => {
  sandbox = createAmericorSandbox({ population, clock });
  baseUrl = await sandbox.listen(0);
  token = (await login()).token;
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(async () => {
  nowMs = START_MS;
  await fetch(`${baseUrl}/__admin/faults`, { method: 'DELETE' });
});

describe('authentication', () => {
  it('issues a JWT-shaped token with the documented lifetime and an exp claim', async () => {
    const answer = await login();
    expect(answer.lifetime).toBe(604800);
    const parts = answer.token.split('.');
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
      exp: number;
    };
    expect(payload.exp).toBe(Math.floor(START_MS / 1000) + 604800);
    expect((await call('GET', `/v1/leads/${showcase.uuid}`, { token: answer.token })).status).toBe(
      200,
    );
  });

  it('refuses wrong credentials with 401 and the Forbidden body', async () => {
    const answer = await call('POST', '/v1/authentication/token', {
      body: { username: 'sandbox', publicKey: 'wrong' },
      token: null,
    });
    expect(answer.status).toBe(401);
    expect(Object.keys(answer.json as object).sort()).toEqual(FORBIDDEN_KEYS);
    expect(answer.json).toMatchObject({ name: 'Forbidden', code: 0, status: 403 });
  });

  it('answers 422 form A for a token request with missing fields', async () => {
    const answer = await call('POST', '/v1/authentication/token', { body: {}, token: null });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      name: 'Unprocessable entity',
      message: 'Validation Error',
      code: 0,
      status: 422,
      errors: [
        { username: ['Username cannot be blank.'], publicKey: ['Public Key cannot be blank.'] },
      ],
    });
  });

  it('gives 401 with no body when the token is missing, unknown or not Bearer', async () => {
    const path = `/v1/leads/${showcase.uuid}`;
    for (const options of [
      { token: null },
      { token: 'not-a-token' },
      { token: null, headers: { authorization: `Basic ${token}` } },
    ]) {
      const answer = await call('GET', path, options);
      expect(answer.status).toBe(401);
      expect(answer.text).toBe('');
    }
  });

  it('gives 401 with the Forbidden JSON on leads and prospects creation', async () => {
    for (const path of ['/v1/leads', '/v1/prospects']) {
      const answer = await call('POST', path, { body: validLead, token: null });
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ name: 'Forbidden', code: 0, status: 403 });
    }
  });

  it('expires tokens after `lifetime` seconds on the sandbox clock; a new login works', async () => {
    const { token: fresh } = await login();
    nowMs = START_MS + 604_799_000;
    expect((await call('GET', `/v1/leads/${showcase.uuid}`, { token: fresh })).status).toBe(200);
    nowMs = START_MS + 604_800_000;
    const expired = await call('GET', `/v1/leads/${showcase.uuid}`, { token: fresh });
    expect(expired.status).toBe(401);
    expect(expired.text).toBe('');
    const again = await login();
    expect((await call('GET', `/v1/leads/${showcase.uuid}`, { token: again.token })).status).toBe(
      200,
    );
  });

  it('honours configured credentials and token lifetime', async () => {
    const custom = createAmericorSandbox({
      population,
      clock,
      credentials: { username: 'partner', publicKey: 'pk-123' },
      tokenLifetimeS: 60,
    });
    const url = await custom.listen(0);
    try {
      const refused = await call('POST', '/v1/authentication/token', {
        body: { username: 'sandbox', publicKey: 'sandbox' },
        token: null,
        url,
      });
      expect(refused.status).toBe(401);
      const issued = await login(url, { username: 'partner', publicKey: 'pk-123' });
      expect(issued.lifetime).toBe(60);
      nowMs = START_MS + 60_000;
      const expired = await call('GET', `/v1/leads/${showcase.uuid}`, { token: issued.token, url });
      expect(expired.status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('leads', () => {
  it('creates a lead (200 {id, uuid}) and reads back only status, phase and rep', async () => {
    const created = await call('POST', '/v1/leads', { body: validLead });
    expect(created.status).toBe(200);
    const { id, uuid } = created.json as { id: number; uuid: string };
    expect(Object.keys(created.json as object).sort()).toEqual(['id', 'uuid']);
    expect(Number.isInteger(id) && id >= FIRST_CUSTOMER_ID + seeded.customers.length).toBe(true);
    expect(uuid).toMatch(UUID);

    const read = await call('GET', `/v1/leads/${uuid}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ id, uuid, status: 0, salesPhase: -1, salesRep: null });
    expect(customer(id).lead).toEqual(validLead);
  });

  it('assigns the sales rep named by externalSalesRepId (integer or string)', async () => {
    for (const externalSalesRepId of [12345, '12346']) {
      const created = await call('POST', '/v1/leads', {
        body: { ...validLead, externalSalesRepId },
      });
      const { uuid } = created.json as { uuid: string };
      const read = (await call('GET', `/v1/leads/${uuid}`)).json as {
        salesRep: Record<string, unknown>;
      };
      expect(Object.keys(read.salesRep).sort()).toEqual(['email', 'id', 'name', 'phone', 'uuid']);
      expect(read.salesRep.name).toBe(
        externalSalesRepId === 12345 ? 'Kate Morrison' : 'Marcus Bell',
      );
    }
  });

  it('accepts noEmail instead of an email and a home phone instead of a mobile one', async () => {
    const body: Record<string, unknown> = { ...validLead, noEmail: true };
    delete body.email;
    delete body.phoneMobile;
    expect((await call('POST', '/v1/leads', { body })).status).toBe(200);
  });

  it('answers 422 form A naming every bad field', async () => {
    const answer = await call('POST', '/v1/leads', {
      body: {
        firstName: 'John',
        phoneMobile: '888-999-0031',
        dob: '01/01/1970',
        ssn: '123456789',
        source: 'Digital - 11',
        zip: '02134',
      },
    });
    expect(answer.status).toBe(422);
    const body = answer.json as { errors: Array<Record<string, string[]>> };
    expect(body).toMatchObject({ name: 'Unprocessable entity', code: 0, status: 422 });
    expect(body.errors).toHaveLength(1);
    expect(Object.keys(body.errors[0]).sort()).toEqual(
      ['dob', 'email', 'lastName', 'phoneMobile', 'source', 'ssn', 'state', 'zip'].sort(),
    );
    expect(body.errors[0].lastName).toEqual(['Last Name cannot be blank.']);
    for (const messages of Object.values(body.errors[0])) {
      expect(messages.every((m) => typeof m === 'string')).toBe(true);
    }
  });

  it('404s unknown uuids and the integer id (no deprecated variant of the lead read)', async () => {
    for (const path of [
      '/v1/leads/00000000-0000-4000-8000-000000000000',
      `/v1/leads/${showcase.id}`,
      '/v1/leads/not-an-id',
    ]) {
      const answer = await call('GET', path);
      expect(answer.status).toBe(404);
      expect(Object.keys(answer.json as object).sort()).toEqual(NOT_FOUND_KEYS);
      expect(answer.json).toMatchObject({
        name: 'Page Not Found',
        code: 0,
        status: 404,
        type: 'yii\\web\\NotFoundHttpException',
      });
    }
  });

  it('has no list endpoint and therefore no pagination (documented: none)', async () => {
    const answer = await call('GET', '/v1/leads');
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ name: 'Page Not Found', status: 404 });
  });

  it('answers 400 in the Yii envelope for a body that is not JSON', async () => {
    const answer = await call('POST', '/v1/leads', { rawBody: '{"firstName":' });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ name: 'Bad Request', code: 0, status: 400 });
  });

  it('finds duplicate lead writes by externalId, over HTTP and in process', async () => {
    const externalId = 'dup-check-1';
    for (let i = 0; i < 2; i++) {
      expect((await call('POST', '/v1/leads', { body: { ...validLead, externalId } })).status).toBe(
        200,
      );
    }
    const answer = await call('GET', `/__admin/leads?externalId=${externalId}`, { token: null });
    expect(answer.status).toBe(200);
    const body = answer.json as { count: number; leads: Array<{ id: number; uuid: string }> };
    expect(body.count).toBe(2);
    expect(body.leads).toEqual(store().findByExternalId(externalId));
    const seededLookup = await call('GET', `/__admin/leads?externalId=${showcase.externalId}`);
    expect(seededLookup.json).toEqual({
      count: 1,
      leads: [{ id: showcase.id, uuid: showcase.uuid }],
    });
    expect((await call('GET', '/__admin/leads')).status).toBe(400);
  });
});

describe('creditors', () => {
  it('adds a creditor with 201 through both path variants and removes it with {}', async () => {
    const byId = await call('POST', `/v1/leads/${notEnrolled.id}/creditor`, {
      body: validCreditor,
    });
    expect(byId.status).toBe(201);
    const byUuid = await call('POST', `/v1/leads/${notEnrolled.uuid}/creditor`, {
      body: validCreditor,
    });
    expect(byUuid.status).toBe(201);
    const first = (byId.json as { id: number }).id;
    const second = (byUuid.json as { id: number }).id;
    expect(Number.isInteger(first) && Number.isInteger(second) && first !== second).toBe(true);
    expect(customer(notEnrolled.id).creditors.map((c) => c.id)).toEqual(
      expect.arrayContaining([first, second]),
    );

    const removed = await call('DELETE', `/v1/leads/${notEnrolled.uuid}/creditor/${first}`);
    expect(removed.status).toBe(200);
    expect(removed.json).toEqual({});
    const removedById = await call('DELETE', `/v1/leads/${notEnrolled.id}/creditor/${second}`);
    expect(removedById.json).toEqual({});
    const again = await call('DELETE', `/v1/leads/${notEnrolled.uuid}/creditor/${first}`);
    expect(again.status).toBe(404);
    expect(again.json).toMatchObject({ name: 'Page Not Found', message: 'Creditor not found.' });
  });

  it("404s another customer's creditor and unknown customers", async () => {
    const otherCreditor = showcase.creditors[0].id;
    expect(
      (await call('DELETE', `/v1/leads/${notEnrolled.uuid}/creditor/${otherCreditor}`)).status,
    ).toBe(404);
    expect(
      (await call('POST', '/v1/leads/999999999/creditor', { body: validCreditor })).status,
    ).toBe(404);
    expect(
      (await call('DELETE', '/v1/leads/00000000-0000-4000-8000-000000000000/creditor/1')).status,
    ).toBe(404);
  });

  it('validates creditors against the Experian codes (the docs example CC is refused)', async () => {
    const answer = await call('POST', `/v1/leads/${notEnrolled.uuid}/creditor`, {
      body: { ...validCreditor, debtType: 'CC', accountHolder: 4, cardholderName: undefined },
    });
    expect(answer.status).toBe(422);
    const errors = (answer.json as { errors: Array<Record<string, string[]>> }).errors[0];
    expect(Object.keys(errors).sort()).toEqual(['accountHolder', 'cardholderName', 'debtType']);
  });
});

describe('budget, ACH and calculator', () => {
  it('stores a budget through both variants and answers {}', async () => {
    for (const ref of [notEnrolled.id, notEnrolled.uuid]) {
      const answer = await call('PUT', `/v1/leads/${ref}/budget`, { body: validBudget });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({});
    }
    expect(customer(notEnrolled.id).budget).toEqual(validBudget);
  });

  it('applies the conditional budget rules', async () => {
    const answer = await call('PUT', `/v1/leads/${notEnrolled.uuid}/budget`, {
      body: {
        ...validBudget,
        otherDebtDescription: undefined,
        housingPaymentDescription: undefined,
        netMonthlyIncome: 10,
        food: 500,
      },
    });
    expect(answer.status).toBe(422);
    const errors = (answer.json as { errors: Array<Record<string, string[]>> }).errors[0];
    expect(Object.keys(errors).sort()).toEqual(
      ['groundsOfExemption', 'housingPaymentDescription', 'otherDebtDescription'].sort(),
    );
  });

  it('stores ACH data; 422 is form B on the current variant and form A on the deprecated one', async () => {
    expect(
      (await call('PUT', `/v1/leads/${notEnrolled.uuid}/ach`, { body: validAch })).json,
    ).toEqual({});
    expect(customer(notEnrolled.id).ach).toEqual(validAch);

    const bad = { ...validAch, bankName: undefined, routingNumber: '12345' };
    const current = await call('PUT', `/v1/leads/${notEnrolled.uuid}/ach`, { body: bad });
    expect(current.status).toBe(422);
    expect((current.json as { errors: unknown }).errors).toEqual([
      { field: 'routingNumber', message: 'Routing Number must be exactly 9 digits.' },
      { field: 'bankName', message: 'This field is required' },
    ]);
    const deprecated = await call('PUT', `/v1/leads/${notEnrolled.id}/ach`, { body: bad });
    expect(deprecated.status).toBe(422);
    expect((deprecated.json as { errors: unknown }).errors).toEqual([
      {
        routingNumber: ['Routing Number must be exactly 9 digits.'],
        bankName: ['Bank Name cannot be blank.'],
      },
    ]);
  });

  it('checks the calculator date rules against the sandbox clock', async () => {
    const path = `/v1/leads/${notEnrolled.uuid}/calculator`;
    const soon = { payFrequency: 1, nextPayDate: '2025-03-08' };
    expect((await call('PUT', path, { body: soon })).json).toEqual({});
    const late = await call('PUT', path, { body: { payFrequency: 1, nextPayDate: '2025-03-20' } });
    expect(late.status).toBe(422);
    expect(late.json).toMatchObject({
      errors: [{ fundingDepositDate: ['Funding Deposit Date cannot be blank.'] }],
    });
    const noAmount = await call('PUT', path, {
      body: { payFrequency: 1, nextPayDate: '2025-03-20', fundingDepositDate: '2025-03-05' },
    });
    expect(noAmount.json).toMatchObject({
      errors: [{ fundingDeposit: ['Funding Deposit cannot be blank.'] }],
    });
    const full = {
      payFrequency: 2,
      nextPayDate: '2025-03-20',
      fundingDeposit: 128.9,
      fundingDepositDate: '2025-03-05',
    };
    expect(
      (await call('PUT', `/v1/leads/${notEnrolled.id}/calculator`, { body: full })).status,
    ).toBe(200);
    expect(customer(notEnrolled.id).calculator).toEqual(full);
    // Six days later (the token is still valid), 2025-03-15 is within the 10-day horizon.
    const laterBody = { payFrequency: 0, nextPayDate: '2025-03-15' };
    expect((await call('PUT', path, { body: laterBody })).status).toBe(422);
    nowMs = Date.parse('2025-03-07T12:00:00Z');
    expect((await call('PUT', path, { body: laterBody })).status).toBe(200);
  });

  it('404s unknown customers on every PUT variant', async () => {
    for (const ref of ['999999999', '00000000-0000-4000-8000-000000000000']) {
      for (const [suffix, body] of [
        ['budget', validBudget],
        ['ach', validAch],
        ['calculator', { payFrequency: 0, nextPayDate: '2025-03-02' }],
      ] as const) {
        const answer = await call('PUT', `/v1/leads/${ref}/${suffix}`, { body });
        expect(answer.status).toBe(404);
        expect(answer.json).toMatchObject({
          name: 'Page Not Found',
          message: 'Customer not found.',
        });
      }
    }
  });
});

describe('enrollment', () => {
  it('returns the showcase enrollment information and status', async () => {
    const info = await call('GET', `/v1/enrollment/${showcase.uuid}`);
    expect(info.status).toBe(200);
    expect(Object.keys(info.json as object).sort()).toEqual(
      [
        'clientUuid',
        'clientStatus',
        'clientName',
        'enrolledDebtAmount',
        'currentDebtAmount',
        'enrolledDate',
        'salesRep',
        'initialDepositDate',
        'initialDepositStatus',
        'initialDepositClearedDate',
      ].sort(),
    );
    expect(info.json).toMatchObject({
      clientUuid: showcase.uuid,
      clientStatus: 6,
      clientName: 'Jordan Rivera',
      salesRep: 'Kate Morrison',
    });
    expect((info.json as { enrolledDate: string }).enrolledDate).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/,
    );
    const status = await call('GET', `/v1/enrollment/${showcase.id}/status`);
    expect(status.json).toEqual({ status: 6, statusText: 'Active' });
  });

  it('404s customers not in enrollment and the undocumented path variants', async () => {
    for (const path of [
      `/v1/enrollment/${notEnrolled.id}/status`,
      `/v1/enrollment/${notEnrolled.uuid}`,
      `/v1/enrollment/${showcase.uuid}/status`,
      `/v1/enrollment/${showcase.id}`,
      '/v1/enrollment/999999999/status',
    ]) {
      const answer = await call('GET', path);
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ name: 'Page Not Found', status: 404 });
    }
  });
});

describe('prospects', () => {
  it('creates a prospect from an empty body and answers {uuid}', async () => {
    const answer = await call('POST', '/v1/prospects', { body: {} });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json as object)).toEqual(['uuid']);
    const { uuid } = answer.json as { uuid: string };
    expect((await call('GET', `/v1/leads/${uuid}`)).json).toMatchObject({ uuid, status: 0 });
  });

  it('validates prospect field formats in form A', async () => {
    const answer = await call('POST', '/v1/prospects', {
      body: { email: 'string', phone: 'string', clientEstimatedDebt: 'string', zip: 123456 },
    });
    expect(answer.status).toBe(422);
    const errors = (answer.json as { errors: Array<Record<string, string[]>> }).errors[0];
    expect(Object.keys(errors).sort()).toEqual(['clientEstimatedDebt', 'email', 'phone', 'zip']);
  });
});

describe('faults', () => {
  const setFaults = async (faults: Record<string, unknown>): Promise<void> => {
    const answer = await call('POST', '/__admin/faults', { body: faults, token: null });
    expect(answer.status).toBe(200);
  };

  it('injects 5xx in the Yii envelope', async () => {
    await setFaults({ errorRate: 1, errorStatus: 503 });
    const answer = await call('GET', `/v1/leads/${showcase.uuid}`);
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ name: 'Service Unavailable', code: 0, status: 503 });
  });

  it('injects 429 with Retry-After, then recovers', async () => {
    await setFaults({ rateLimited: 2, retryAfterS: 7 });
    for (let i = 0; i < 2; i++) {
      const answer = await call('GET', `/v1/leads/${showcase.uuid}`);
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.json).toMatchObject({ name: 'Too Many Requests', status: 429 });
    }
    expect((await call('GET', `/v1/leads/${showcase.uuid}`)).status).toBe(200);
  });

  it('enforces a configured rate limit with Retry-After', async () => {
    const set = await call('PUT', '/__admin/rate-limit', { body: { limit: 2 }, token: null });
    expect(set.status).toBe(204);
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const answer = await call('GET', `/v1/leads/${showcase.uuid}`);
        statuses.push(answer.status);
        retryAfter = answer.headers.get('retry-after') ?? retryAfter;
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await call('PUT', '/__admin/rate-limit', { body: { limit: null }, token: null });
    }
  });

  it('revokeTokens ends issued tokens; a new login works while the fault is set', async () => {
    const { token: old } = await login();
    await setFaults({ revokeTokens: true });
    const refused = await call('GET', `/v1/leads/${showcase.uuid}`, { token: old });
    expect(refused.status).toBe(401);
    expect(refused.text).toBe('');
    const refusedCreate = await call('POST', '/v1/leads', { body: validLead, token: old });
    expect(refusedCreate.json).toMatchObject({ name: 'Forbidden', status: 403 });
    const { token: fresh } = await login();
    expect((await call('GET', `/v1/leads/${showcase.uuid}`, { token: fresh })).status).toBe(200);
    token = fresh;
  });

  it('malformedRate 1 gives unparseable JSON', async () => {
    await setFaults({ malformedRate: 1 });
    const answer = await call('GET', `/v1/leads/${showcase.uuid}`);
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
  });

  it('hang never answers: the client gives up on its own timeout', async () => {
    await setFaults({ hang: true });
    await expect(
      call('GET', `/v1/leads/${showcase.uuid}`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
  });

  it('adds latency', async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await call('GET', `/v1/leads/${showcase.uuid}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('admin counters', () => {
  it('counts calls by path template, deprecated and current variants apart, and resets', async () => {
    expect((await call('POST', '/__admin/reset', { token: null })).status).toBe(204);
    await call('GET', `/v1/leads/${showcase.uuid}`);
    await call('GET', `/v1/leads/${showcase.uuid}`);
    await call('GET', `/v1/enrollment/${showcase.id}/status`);
    await call('PUT', `/v1/leads/${notEnrolled.id}/budget`, { body: validBudget });
    await call('PUT', `/v1/leads/${notEnrolled.uuid}/budget`, { body: validBudget });
    const calls = (await call('GET', '/__admin/calls', { token: null })).json as {
      total: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
    };
    expect(calls.total).toBe(5);
    expect(calls.byEndpoint).toEqual({
      'GET /v1/leads/{customerUuid}': 2,
      'GET /v1/enrollment/{customerId}/status': 1,
      'PUT /v1/leads/{customerId}/budget': 1,
      'PUT /v1/leads/{customerUuid}/budget': 1,
    });
    expect(calls.byStatus).toEqual({ '200': 5 });
    await call('POST', '/__admin/reset', { token: null });
    expect(
      ((await call('GET', '/__admin/calls', { token: null })).json as { total: number }).total,
    ).toBe(0);
  });
});

describe('seed', () => {
  it('is deterministic: the same seed gives identical JSON, another seed differs', () => {
    const again = seedAmericor(generatePopulation({ size: 60 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(seeded));
    expect(JSON.stringify(americorSeedLinks(population))).toBe(
      JSON.stringify(americorSeedLinks(generatePopulation({ size: 60 }))),
    );
    const other = seedAmericor(generatePopulation({ size: 60, seed: 'another' }));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(seeded));
  });

  it('holds one lead per Americor person with consecutive ids and matching links', () => {
    const people = peopleIn(population, 'americor');
    const links = americorSeedLinks(population);
    expect(seeded.customers).toHaveLength(people.length);
    expect(links.map((link) => link.personKey)).toEqual(people.map((person) => person.key));
    seeded.customers.forEach((c, i) => {
      expect(c.id).toBe(FIRST_CUSTOMER_ID + i);
      expect(c.uuid).toMatch(UUID);
      expect(c.externalId).toMatch(UUID);
      expect(links[i]).toMatchObject({ id: c.id, uuid: c.uuid });
    });
    expect(links[0]).toEqual({
      personKey: 'P0000',
      id: FIRST_CUSTOMER_ID,
      uuid: showcase.uuid,
      firstName: 'Jordan',
      lastName: 'Rivera',
      email: SHOWCASE_EMAIL,
      phone: '+16175550142',
      dateOfBirth: '1986-04-12',
    });
  });

  it('gives the showcase person rich, valid data', () => {
    expect(showcase.status).toBe(57);
    expect(showcase.salesRepId).not.toBeNull();
    expect(showcase.enrollment?.clientStatus).toBe(6);
    expect(showcase.creditors.length).toBeGreaterThanOrEqual(3);
    expect(showcase.budget && showcase.ach && showcase.calculator).toBeTruthy();
    expect(showcase.lead?.zip).toBe(2108);
    expect(validateLead(showcase.lead).ok).toBe(true);
    expect(validateBudget(showcase.budget).ok).toBe(true);
    for (const creditor of showcase.creditors) expect(validateCreditor(creditor).ok).toBe(true);
  });

  it('mixes statuses, assignments and enrollments realistically, and every lead is valid', () => {
    const big = seedAmericor(generatePopulation({ size: 1000 }));
    const enrolled = big.customers.filter((c) => c.enrollment);
    const share = enrolled.length / big.customers.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
    expect(new Set(big.customers.map((c) => c.status)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(big.customers.map((c) => c.salesPhase)).size).toBeGreaterThanOrEqual(8);
    expect(big.customers.some((c) => c.salesRepId === null)).toBe(true);
    expect(new Set(enrolled.map((c) => c.enrollment?.clientStatus)).size).toBeGreaterThanOrEqual(8);
    expect(
      new Set(enrolled.map((c) => c.enrollment?.initialDepositStatus)).size,
    ).toBeGreaterThanOrEqual(6);
    for (const c of big.customers) {
      expect(validateLead(c.lead).ok).toBe(true);
      if (c.budget) expect(validateBudget(c.budget).ok).toBe(true);
    }
  });
});
