import { peopleIn } from '../../simulators/population/generate';
import type { SandboxVendor } from '../../simulators/population/generate';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/**
 * Vendor calls of list-shaped queries, counted by the sandboxes, against the minimum each
 * vendor's batch reads allow. The minimum per vendor, for the people and records involved:
 * - The Credit Pros: one rule-tree search OR-ing up to 100 client ids.
 * - lending CRM: one OData `id in (...)` read per 50 clients.
 * - AgencyZoom: no read by many ids: one customer detail per customer (it embeds the policies);
 *   leads: one `leads/list` with `customerPhoneList` for up to 100 phones.
 * - Americor: no batch read at all: one read per lead.
 * - Apiture: identity fields come from the index kept in the identity store: no call.
 * Node lookups: a credit report by id is its master schema plus its negative items (2 calls);
 * an application, a lead, one call each; policies, one customer detail per distinct customer.
 */

const UNLIMITED = { ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }) };
const SANDBOXES: SandboxVendor[] = [
  'americor',
  'creditPros',
  'lendingCrm',
  'apiture',
  'agencyZoom',
];

describe('batching of list queries', () => {
  let gw: TestGateway;
  const calls = () =>
    Object.fromEntries(
      SANDBOXES.map((name) => [name, gw.sandboxes?.sandboxes[name]?.admin.calls().total ?? 0]),
    ) as Record<SandboxVendor, number>;
  const reset = () => SANDBOXES.forEach((name) => gw.sandboxes?.sandboxes[name]?.admin.reset());

  beforeAll(async () => {
    gw = await startTestGateway({
      // Per-request batching alone: the shared cache (tested on its own) would hide the calls.
      env: { CACHE: 'off' },
      sandboxes: { size: 150, rateLimits: { agencyZoom: null } },
      clientDeps: UNLIMITED,
    });
    while (!(await gw.app.indexer.runOnce()).sweepDone);
  });
  afterAll(async () => {
    await gw.close();
  });

  async function personIds(count: number): Promise<string[]> {
    const people = peopleIn(
      gw.sandboxes?.population ?? { seed: '', size: 0, people: [] },
      'agencyZoom',
    ).slice(0, count);
    const ids: string[] = [];
    for (const person of people) {
      const { body } = await gw.query<{ findPeople: { id: string }[] }>(
        'query F($e: EmailAddress!) { findPeople(match: { email: $e }) { id } }',
        {
          e: person.email,
        },
      );
      ids.push(...(body.data?.findPeople ?? []).map((p) => p.id));
    }
    return [...new Set(ids)].slice(0, count);
  }

  it('a 20-person list with leads and policies costs each vendor no more than its batch reads allow', async () => {
    const ids = await personIds(20);
    expect(ids).toHaveLength(20);
    const query = `query List($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { id fullName sources { vendor id } leads { id status } policies { id status } } } }`;
    await gw.query(query, { ids }); // warm tokens and reference data (carriers): once per process, not per list
    reset();
    const { body } = await gw.query<{
      nodes: { sources: { vendor: string; id: string }[]; leads: unknown[] }[];
    }>(query, { ids });
    expect(body.errors).toBeUndefined();
    const sources = (body.data?.nodes ?? []).flatMap((node) => node.sources);
    const count = (vendor: string, prefix = '') =>
      sources.filter((s) => s.vendor === vendor && s.id.startsWith(prefix)).length;
    const minimum: Record<SandboxVendor, number> = {
      creditPros: count('CREDIT_PROS') > 0 ? 1 : 0,
      lendingCrm: Math.ceil(count('LENDING_CRM') / 50),
      agencyZoom: count('AGENCYZOOM', 'customer:') + 1,
      americor: count('AMERICOR'),
      apiture: 0,
    };
    expect(calls()).toEqual(minimum);
    expect(minimum.agencyZoom).toBeGreaterThan(1);
  });

  it('a list with credit reports reads each report list once and nothing it does not select', async () => {
    const ids = await personIds(25);
    const query = `query Reports($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { fullName sources { vendor id } creditReports(latestPerBureau: true) { id bureau reportDate } } } }`;
    await gw.query(query, { ids });
    reset();
    const { body } = await gw.query<{
      nodes: {
        fullName: string | null;
        sources: { vendor: string; id: string }[];
        creditReports: unknown[];
      }[];
    }>(query, { ids });
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.nodes ?? [];
    const clientsOf = (people: typeof nodes) =>
      new Set(
        people.flatMap((p) => p.sources.filter((s) => s.vendor === 'CREDIT_PROS').map((s) => s.id)),
      );
    const clients = clientsOf(nodes).size;
    const withoutReports = clientsOf(nodes.filter((p) => p.creditReports.length === 0)).size;
    expect(clients).toBeGreaterThan(0);
    const byEndpoint = gw.sandboxes?.sandboxes.creditPros?.admin.calls().byEndpoint ?? {};
    // One report list per client (it embeds the client: no search for those), a search only for
    // clients without reports, and no negative items or report contents (not selected).
    expect(byEndpoint).toEqual({
      'GET /clients/{client}/credit-report-master-schemas': clients,
      ...(withoutReports > 0 ? { 'POST /clients/search': 1 } : {}),
    });
    for (const person of nodes) expect(typeof person.fullName).toBe('string');
  });

  it('reads negative items and scores only when the query selects them', async () => {
    const ids = await personIds(10);
    const query = (fields: string) =>
      `query Reports($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { creditReports { ${fields} } } } }`;
    const endpoints = async (fields: string) => {
      await gw.query(query(fields), { ids });
      reset();
      const { body } = await gw.query(query(fields), { ids });
      expect(body.errors).toBeUndefined();
      return Object.keys(gw.sandboxes?.sandboxes.creditPros?.admin.calls().byEndpoint ?? {});
    };
    expect(await endpoints('id')).not.toContain('GET /negative-items');
    expect(await endpoints('id negativeItems { creditorName }')).toContain('GET /negative-items');
    const scored = await endpoints('id score');
    expect(scored).not.toContain('GET /negative-items');
    expect(scored).toContain('GET /credit-report-master-schemas/{id}');
  });

  it('nodes with 50 mixed IDs costs no more than the reads of each record kind', async () => {
    const ids = await personIds(25);
    const { body } = await gw.query<{
      nodes: {
        id: string;
        leads: { id: string; vendor: string }[];
        creditReports: { id: string }[];
        applications: { id: string }[];
        policies: { id: string }[];
      }[];
    }>(
      `query Collect($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { leads { id vendor } creditReports { id } applications { id } policies { id } } } }`,
      { ids },
    );
    const nodes = body.data?.nodes ?? [];
    const take = <T>(items: T[], n: number) => items.slice(0, n);
    const americorLeads = take(
      nodes.flatMap((n) => n.leads.filter((l) => l.vendor === 'AMERICOR')),
      8,
    );
    const agencyZoomLeads = take(
      nodes.flatMap((n) => n.leads.filter((l) => l.vendor === 'AGENCYZOOM')),
      8,
    );
    const reports = take(
      nodes.flatMap((n) => n.creditReports),
      8,
    );
    const applications = take(
      nodes.flatMap((n) => n.applications),
      8,
    );
    const policies = take(
      nodes.flatMap((n) => n.policies),
      8,
    );
    const people = take(
      nodes.map((n) => n.id),
      50 -
        americorLeads.length -
        agencyZoomLeads.length -
        reports.length -
        applications.length -
        policies.length,
    );
    const mixed = [
      ...people,
      ...americorLeads.map((l) => l.id),
      ...agencyZoomLeads.map((l) => l.id),
      ...reports.map((r) => r.id),
      ...applications.map((a) => a.id),
      ...policies.map((p) => p.id),
    ];
    expect(mixed).toHaveLength(50);
    const customersOfPolicies = new Set(
      policies.map(
        (p) =>
          Buffer.from(p.id, 'base64url')
            .toString('utf8')
            .split(':')
            .slice(2)
            .join(':')
            .split('/')[0],
      ),
    );
    reset();
    const { body: result } = await gw.query<{
      nodes: ({ id: string; __typename: string } | null)[];
    }>('query Mixed($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids: mixed });
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.map((n) => n?.id)).toEqual(mixed);
    expect(calls()).toEqual({
      americor: americorLeads.length,
      agencyZoom: agencyZoomLeads.length + customersOfPolicies.size,
      creditPros: reports.length * 2,
      apiture: applications.length,
      lendingCrm: 0,
    });
  });
});
