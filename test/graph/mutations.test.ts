import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { externalIdFor } from '../../src/graph/create-lead';
import { createLogger } from '../../src/logger';
import { openStores } from '../../src/stores';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

const UNLIMITED = {
  ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }),
  tuning: { maxAttempts: 1 },
};

const CREATE = `mutation Create($input: CreateLeadInput!) {
  createLead(input: $input) {
    results { vendor status submissionId lead { id status vendorRef { vendor id } } error { code message fields { path message } } }
    person { id sources { vendor id } }
  }
}`;

interface CreatePayload {
  createLead: {
    results: {
      vendor: string;
      status: string;
      submissionId: string | null;
      lead: { id: string; vendorRef: { id: string } } | null;
      error: { code: string } | null;
    }[];
    person: { id: string; sources: { vendor: string; id: string }[] } | null;
  };
}

const input = (key: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: key,
  vendors: ['AMERICOR', 'AGENCYZOOM'],
  firstName: 'Casey',
  lastName: 'Morgan',
  email: 'Casey.Morgan@example.org',
  phone: '(312) 555-0177',
  dateOfBirth: '1979-05-06',
  ssn: '078-05-1120',
  address: { line1: '12 Lake St', city: 'Chicago', state: 'IL', postalCode: '60601' },
  estimatedDebt: { amount: '18250.00', currency: 'USD' },
  source: 'Digital - 1',
  ...overrides,
});

describe('mutations', () => {
  let dataDir: string;
  let gw: TestGateway;
  const total = () =>
    Object.values(gw.sandboxes?.sandboxes ?? {}).reduce((sum, s) => sum + s.admin.calls().total, 0);
  const reset = () => Object.values(gw.sandboxes?.sandboxes ?? {}).forEach((s) => s.admin.reset());

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'graph-'));
    gw = await startTestGateway({
      sandboxes: { size: 80, rateLimits: { agencyZoom: null } },
      identityStore: openStores(dataDir, createLogger({ level: 'silent' })).identity,
      clientDeps: UNLIMITED,
    });
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(reset);

  it('createLead writes once per vendor however often it is repeated with one idempotency key', async () => {
    const first = await gw.query<CreatePayload>(CREATE, { input: input('lead-0001-casey') });
    expect(first.body.errors).toBeUndefined();
    const results = first.body.data?.createLead.results ?? [];
    expect(results.map((r) => [r.vendor, r.status])).toEqual([
      ['AMERICOR', 'CREATED'],
      ['AGENCYZOOM', 'CREATED'],
    ]);
    const again = await Promise.all(
      [1, 2].map(() => gw.query<CreatePayload>(CREATE, { input: input('lead-0001-casey') })),
    );
    for (const repeat of again) expect(repeat.body.data).toEqual(first.body.data);
    const americor = gw.sandboxes?.sandboxes.americor?.admin.calls().byEndpoint ?? {};
    const agencyZoom = gw.sandboxes?.sandboxes.agencyZoom?.admin.calls().byEndpoint ?? {};
    expect(americor['POST /v1/leads']).toBe(1);
    expect(agencyZoom['POST /v1/api/leads/create']).toBe(1);
    const byExternalId = await fetch(
      `${gw.sandboxes?.urls.americor}/__admin/leads?externalId=${externalIdFor('lead-0001-casey', 'AMERICOR')}`,
    );
    expect(((await byExternalId.json()) as { count: number }).count).toBe(1);
    const person = first.body.data?.createLead.person;
    expect(new Set(person?.sources.map((s) => s.vendor))).toEqual(
      new Set(['AMERICOR', 'AGENCYZOOM']),
    );
  });

  it('refuses the same idempotency key with different input', async () => {
    const { body } = await gw.query(CREATE, {
      input: input('lead-0001-casey', { firstName: 'Kasey' }),
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(total()).toBe(0);
  });

  it('validates the whole input before any vendor call, naming every field', async () => {
    const { body } = await gw.query(CREATE, {
      input: input('short', {
        vendors: ['AMERICOR', 'APITURE'],
        lastName: '',
        address: { line1: '1 Main St', city: 'Nowhere', state: 'ZZ', postalCode: '1234' },
        estimatedDebt: { amount: '12.345', currency: 'USD' },
      }),
    });
    const fields = (body.errors?.[0]?.extensions?.fields as { path: string[] }[]).map((f) =>
      f.path.join('.'),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.idempotencyKey',
        'input.vendors.1',
        'input.lastName',
        'input.address.state',
        'input.address.postalCode',
        'input.estimatedDebt.amount',
      ]),
    );
    const badPhone = await gw.query(CREATE, {
      input: input('lead-0002-phone', { phone: 'call me maybe' }),
    });
    expect(badPhone.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(total()).toBe(0);
  });

  it("reports each vendor's outcome: one down does not stop the other, and its lead waits", async () => {
    gw.sandboxes?.sandboxes.agencyZoom?.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    try {
      const { body } = await gw.query<CreatePayload>(CREATE, {
        input: input('lead-0003-partial', {
          email: 'dana.partial@example.org',
          phone: '+13125550178',
          ssn: null,
        }),
      });
      const results = body.data?.createLead.results ?? [];
      expect(results.find((r) => r.vendor === 'AMERICOR')?.status).toBe('CREATED');
      expect(results.find((r) => r.vendor === 'AGENCYZOOM')).toMatchObject({
        status: 'PENDING',
        error: { code: 'VENDOR_UNAVAILABLE' },
        submissionId: expect.stringMatching(/^sub_/) as unknown,
      });
      expect(
        gw.sandboxes?.sandboxes.agencyZoom?.admin.calls().byEndpoint['POST /v1/api/leads/create'],
      ).toBe(1);
    } finally {
      gw.sandboxes?.sandboxes.agencyZoom?.admin.clearFaults();
    }
  });

  it('moves an application through the state machine and refuses a forbidden transition', async () => {
    while (!(await gw.app.indexer.runOnce()).sweepDone);
    const { body } = await gw.query<{
      findPeople: { applications: { id: string; state: string }[] }[];
    }>(`{ findPeople(match: { email: "${SHOWCASE_EMAIL}" }) { applications { id state } } }`);
    const running = body.data?.findPeople[0]?.applications.find((a) => a.state === 'RUNNING');
    expect(running).toBeDefined();
    const move = (action: string) =>
      gw.query<{
        transitionApplication: { application: { state: string; availableActions: string[] } };
      }>(
        `mutation M($id: ID!, $action: ApplicationAction!) { transitionApplication(id: $id, action: $action) { application { state availableActions } } }`,
        { id: running?.id, action },
      );
    const approved = await move('APPROVE');
    expect(approved.body.data?.transitionApplication.application).toEqual({
      state: 'APPROVED',
      availableActions: [],
    });
    const refused = await move('CANCEL');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      vendor: 'APITURE',
    });
    expect(refused.body.errors?.[0]?.message).toMatch(/APPROVED/);
  });

  it('unlinkRecord detaches a record for good and linkRecord puts it back', async () => {
    const find = () =>
      gw.query<{ findPeople: { id: string; sources: { vendor: string; id: string }[] }[] }>(
        `{ findPeople(match: { email: "${SHOWCASE_EMAIL}" }) { id sources { vendor id } } }`,
      );
    const before = (await find()).body.data?.findPeople ?? [];
    const jordan = before.find((p) => p.sources.length >= 4);
    const lending = jordan?.sources.find((s) => s.vendor === 'LENDING_CRM');
    const unlink = await gw.query<{ unlinkRecord: { person: { id: string } } }>(
      `mutation U($r: VendorRefInput!, $p: ID!) { unlinkRecord(record: $r, personId: $p) { person { id } } }`,
      { r: lending, p: jordan?.id },
    );
    expect(unlink.body.errors).toBeUndefined();
    const after = (await find()).body.data?.findPeople ?? [];
    expect(after.find((p) => p.id === jordan?.id)?.sources).not.toContainEqual(lending);
    expect(
      after.some((p) => p.id !== jordan?.id && p.sources.some((s) => s.id === lending?.id)),
    ).toBe(true);
    const link = await gw.query(
      `mutation L($r: VendorRefInput!, $p: ID) { linkRecord(record: $r, personId: $p) { person { id } } }`,
      {
        r: lending,
        p: jordan?.id,
      },
    );
    expect(link.body.errors).toBeUndefined();
    const relinked = (await find()).body.data?.findPeople.find((p) => p.id === jordan?.id);
    expect(relinked?.sources).toContainEqual(lending);
  });

  it('keeps person IDs and the Americor link across a restart of the gateway', async () => {
    const created = await gw.query<CreatePayload>(CREATE, {
      input: input('lead-0004-restart', {
        lastName: 'Quill',
        dateOfBirth: '1990-02-03',
        email: 'riley.restart@example.org',
        phone: '+13125550179',
        ssn: null,
        vendors: ['AMERICOR'],
      }),
    });
    const person = created.body.data?.createLead.person;
    const uuid = created.body.data?.createLead.results[0]?.lead?.vendorRef.id;
    expect(person?.id).toBeDefined();
    const sandboxes = gw.sandboxes ?? undefined;
    await gw.app.close();
    const restarted = await startTestGateway({
      existingSandboxes: sandboxes,
      identityStore: openStores(dataDir, createLogger({ level: 'silent' })).identity,
      clientDeps: UNLIMITED,
    });
    gw = {
      ...restarted,
      sandboxes: sandboxes ?? null,
      close: async () => {
        await restarted.close();
        await sandboxes?.close();
      },
    };
    const { body } = await gw.query<{
      person: {
        id: string;
        sources: { vendor: string; id: string }[];
        leads: { vendor: string; status: string }[];
      };
    }>(
      'query P($id: ID!) { person(id: $id) { id sources { vendor id } leads { vendor status } } }',
      { id: person?.id },
    );
    expect(body.data?.person.id).toBe(person?.id);
    expect(body.data?.person.sources).toEqual([{ vendor: 'AMERICOR', id: uuid }]);
    expect(body.data?.person.leads).toEqual([{ vendor: 'AMERICOR', status: 'NEW' }]);
    const found = await gw.query<{ findPeople: { id: string }[] }>(
      '{ findPeople(match: { email: "RILEY.restart@example.org" }) { id } }',
    );
    expect(found.body.data?.findPeople.map((p) => p.id)).toEqual([person?.id]);
  });
});
