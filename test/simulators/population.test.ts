import { createHash } from 'node:crypto';
import { startSandboxes } from '../../simulators';
import type { RunningSandboxes } from '../../simulators';
import { seedAgencyZoom } from '../../simulators/agencyzoom/seed';
import { americorSeedLinks, seedAmericor } from '../../simulators/americor/seed';
import { seedApiture } from '../../simulators/apiture/seed';
import { seedCreditPros } from '../../simulators/credit-pros/seed';
import { seedLendingCrmClients } from '../../simulators/lending-crm/seed';
import { SHOWCASE_EMAIL, generatePopulation, peopleIn } from '../../simulators/population/generate';
import type { Population } from '../../simulators/population/generate';

/** Everything the five sandboxes are seeded with, as bytes. */
function seedBytes(population: Population): string {
  return JSON.stringify({
    population,
    americor: seedAmericor(population),
    creditPros: seedCreditPros(population),
    lendingCrm: seedLendingCrmClients(population),
    apiture: seedApiture(population),
    agencyZoom: seedAgencyZoom(population, '2026-11-01'),
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the shared population', () => {
  it('is deterministic: the same seed gives the same bytes in every sandbox', () => {
    const a = seedBytes(generatePopulation({ seed: 'determinism', size: 300 }));
    const b = seedBytes(generatePopulation({ seed: 'determinism', size: 300 }));
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(seedBytes(generatePopulation({ seed: 'another', size: 300 })))).not.toBe(
      sha256(a),
    );
  });

  it('has 1,000 people by default, many in several vendors, with unique emails and phones', () => {
    const population = generatePopulation();
    expect(population.people).toHaveLength(1000);
    const inThreeOrMore = population.people.filter(
      (p) => Object.values(p.in).filter(Boolean).length >= 3,
    );
    expect(inThreeOrMore.length).toBeGreaterThan(100);
    expect(new Set(population.people.map((p) => p.email)).size).toBe(1000);
    expect(new Set(population.people.map((p) => p.phone)).size).toBe(1000);
    expect(population.people.filter((p) => p.ssn.startsWith('0')).length).toBeGreaterThan(30);
    for (const vendor of [
      'americor',
      'creditPros',
      'lendingCrm',
      'apiture',
      'agencyZoom',
    ] as const) {
      expect(peopleIn(population, vendor).length).toBeGreaterThan(200);
    }
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => generatePopulation({ size: 0 })).toThrow(
      'population size must be a positive integer, got 0',
    );
  });
});

describe('the showcase person over HTTP in all five sandboxes', () => {
  let running: RunningSandboxes;
  const ports = { americor: 0, creditPros: 0, lendingCrm: 0, apiture: 0, agencyZoom: 0 };

  beforeAll(async () => {
    running = await startSandboxes({ size: 80, ports, rateLimits: { agencyZoom: null } });
  });
  afterAll(async () => {
    await running.close();
  });

  const json = async (response: Response): Promise<unknown> => {
    expect(response.status).toBe(200);
    return response.json();
  };

  it('Americor: the showcase lead reads back, enrolled', async () => {
    const base = running.urls.americor as string;
    const link = americorSeedLinks(running.population).find(
      (l) => l.email?.toLowerCase() === SHOWCASE_EMAIL,
    );
    expect(link).toBeDefined();
    const { token } = (await json(
      await fetch(`${base}/v1/authentication/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sandbox', publicKey: 'sandbox' }),
      }),
    )) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    await json(await fetch(`${base}/v1/leads/${link?.uuid}`, { headers }));
    const enrollment = (await json(
      await fetch(`${base}/v1/enrollment/${link?.uuid}`, { headers }),
    )) as { clientName: string };
    expect(enrollment.clientName.toLowerCase()).toContain('rivera');
  });

  it('The Credit Pros: found by email with three bureaus of reports', async () => {
    const base = running.urls.creditPros as string;
    const headers = { 'x-api-key': 'sandbox', 'content-type': 'application/json' };
    const body = {
      conditions: {
        combinator: 'AND',
        rules: [{ field: 'email', operator: '=', value: SHOWCASE_EMAIL }],
      },
    };
    const found = JSON.stringify(
      await json(
        await fetch(`${base}/clients/search`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        }),
      ),
    );
    expect(found.toLowerCase()).toContain(SHOWCASE_EMAIL);
    const id = /"id":(\d+)/.exec(found)?.[1];
    const reports = JSON.stringify(
      await json(await fetch(`${base}/clients/${id}/reports`, { headers })),
    );
    for (const bureau of ['equifax', 'experian', 'transunion'])
      expect(reports.toLowerCase()).toContain(bureau);
  });

  it('lending CRM: found by email with fico and income', async () => {
    const base = running.urls.lendingCrm as string;
    const filter = encodeURIComponent(`tolower(email) eq '${SHOWCASE_EMAIL}'`);
    const clients = (await json(
      await fetch(`${base}/clients?$filter=${filter}`, {
        headers: { authorization: 'Bearer sandbox' },
      }),
    )) as { fico: number | null; totalIncome: number | null }[];
    expect(clients).toHaveLength(1);
    expect(clients[0]?.fico).toBeGreaterThan(300);
    expect(clients[0]?.totalIncome).toBeGreaterThan(0);
  });

  it('Apiture: applications under the showcase name, one of them approved', async () => {
    const base = `${running.urls.apiture as string}/accountApplications`;
    const headers = { 'API-Key': 'sandbox', authorization: 'Bearer sandbox' };
    const list = (await json(
      await fetch(`${base}/applications?q=Rivera&limit=100`, { headers }),
    )) as {
      _embedded?: { items?: { _id: string; state: string }[] };
    };
    const items = list._embedded?.items ?? [];
    const mine: string[] = [];
    for (const item of items) {
      const application = JSON.stringify(
        await json(await fetch(`${base}/applications/${item._id}`, { headers })),
      );
      if (application.includes('Jordan')) mine.push(item.state);
    }
    expect(mine).toEqual(expect.arrayContaining(['approved', 'running']));
  });

  it('AgencyZoom: a customer by email with policies', async () => {
    const base = running.urls.agencyZoom as string;
    const { jwt } = (await json(
      await fetch(`${base}/v1/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sandbox', password: 'sandbox' }),
      }),
    )) as { jwt: string };
    const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
    const search = (await json(
      await fetch(`${base}/v1/api/customers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: SHOWCASE_EMAIL }),
      }),
    )) as { customers: { id: number }[] };
    expect(search.customers).toHaveLength(1);
    const detail = (await json(
      await fetch(`${base}/v1/api/customers/${search.customers[0]?.id}`, { headers }),
    )) as {
      policies: unknown[];
    };
    expect(detail.policies.length).toBeGreaterThanOrEqual(3);
  });
});
