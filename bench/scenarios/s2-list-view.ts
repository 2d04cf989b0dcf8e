import { isDeepStrictEqual } from 'node:util';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import type { PersonSeed } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import type { BenchContext } from '../lib/context';
import { removeDir } from '../lib/data-dir';
import { startGateway } from '../lib/gateway';
import type { GatewayProcess, GraphQLResult } from '../lib/gateway';
import { log, tick } from '../lib/progress';
import { countCalls, isIndexerCall } from '../lib/sandboxes';
import { round } from '../lib/stats';
import { perVendor, sumOf } from '../lib/vendors';
import type { PerVendor } from '../lib/vendors';

/**
 * S2, a list view: people with their leads, policies and latest credit report per bureau, in one
 * `nodes(ids)` query. Vendor calls per vendor, counted by the sandboxes, for
 * - the gateway (batching and the shared cache on: the defaults),
 * - the same gateway with both off (`BATCHING=off CACHE=off`: naive resolvers, one call per key),
 * - the minimum the vendors' reads allow, computed below from what the list holds.
 *
 * Both gateways start cold: their data directory is a copy of the one `findPeople` filled with the
 * people's IDs (not counted), without the response cache. Each first loads the showcase person's
 * combined view (not in the list) so that logins and reference data, paid once per process and
 * not per list, are behind them; then the counters are reset and the list is read once.
 */

export const LIST_QUERY = `query ListView($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on Person {
      fullName
      sources { vendor id }
      leads { id vendor status }
      policies { id policyNumber status }
      creditReports(latestPerBureau: true) { id bureau reportDate }
    }
  }
}`;

interface ListPerson {
  id: string;
  fullName: string | null;
  sources: { vendor: string; id: string }[];
  leads: { id: string; vendor: string }[];
  policies: { id: string }[];
  creditReports: { id: string }[];
}

interface ListView {
  nodes: (ListPerson | null)[];
}

export interface S2Result {
  people: number;
  /** Vendor calls of the list on the gateway, in all and per vendor. */
  calls: number;
  callsByVendor: PerVendor;
  minimumCalls: number;
  minimumByVendor: PerVendor;
  /** How each vendor's minimum was reached (the reads counted). */
  minimumReasons: PerVendor<string>;
  naiveCalls: number;
  naiveCallsByVendor: PerVendor;
  /** Wall time of the list query, in ms. */
  gatewayMs: number;
  naiveMs: number;
  /** Errors in the two answers, and whether both returned the same data. */
  gatewayErrors: number;
  naiveErrors: number;
  sameData: boolean;
  /** Gateway calls per vendor by endpoint (method and path template). */
  callsByEndpoint: PerVendor<Record<string, number>>;
  /** What the list held: records per vendor. */
  records: {
    creditProsClients: number;
    lendingCrmClients: number;
    agencyZoomCustomers: number;
    americorLeads: number;
    leads: number;
    policies: number;
    creditReports: number;
  };
}

/** Records one `POST /clients/search` at The Credit Pros may OR together (its page size). */
const CREDIT_PROS_IDS_PER_SEARCH = 100;
/** GUIDs per lending CRM `$filter=id in (...)` read, keeping the URL near 2 KB (vendor notes). */
const LENDING_CRM_IDS_PER_READ = 50;
/** Phones per AgencyZoom `POST /v1/api/leads/list` (`customerPhoneList`, pages of 100). */
const AGENCYZOOM_PHONES_PER_SEARCH = 100;

/**
 * The fewest vendor calls that can return this list, vendor by vendor (tokens already held):
 * - The Credit Pros: reports have no multi-client read, so one `GET /clients/{id}/credit-report-
 *   master-schemas` per client (newest first, up to 100 per page: bureau, date and id of every
 *   report, which is all the list asks). Each listed report embeds its client, so only clients
 *   without any report need the client search, one `POST /clients/search` OR-ing up to 100 ids.
 * - lending CRM (names): one OData `$filter=id in (...)` read per 50 clients.
 * - AgencyZoom: no read by many ids, so one customer detail per customer (it embeds the
 *   policies); leads are found by phone, one `leads/list` for up to 100 phones of the people.
 * - Americor: no batch read and no search: one `GET /v1/leads/{uuid}` per lead.
 * - Apiture: nothing in the list comes from it (identity comes from the index): no call.
 */
function minimumOf(
  people: ListPerson[],
  phones: number,
): { byVendor: PerVendor; reasons: PerVendor<string>; records: S2Result['records'] } {
  const ids = (vendor: string, prefix = '') =>
    new Set(
      people.flatMap((p) =>
        p.sources.filter((s) => s.vendor === vendor && s.id.startsWith(prefix)).map((s) => s.id),
      ),
    );
  const creditPros = ids('CREDIT_PROS');
  const withReports = people.filter((p) => p.creditReports.length > 0);
  const clientsWithReports = new Set(
    withReports.flatMap((p) =>
      p.sources.filter((s) => s.vendor === 'CREDIT_PROS').map((s) => s.id),
    ),
  );
  const clientsWithoutReports = creditPros.size - clientsWithReports.size;
  const lendingCrm = ids('LENDING_CRM').size;
  const customers = ids('AGENCYZOOM', 'customer:').size;
  const americorLeads = ids('AMERICOR').size;
  const searches = Math.ceil(clientsWithoutReports / CREDIT_PROS_IDS_PER_SEARCH);
  const phoneSearches = people.length > 0 ? Math.ceil(phones / AGENCYZOOM_PHONES_PER_SEARCH) : 0;
  const byVendor: PerVendor = {
    creditPros: creditPros.size + searches,
    lendingCrm: Math.ceil(lendingCrm / LENDING_CRM_IDS_PER_READ),
    agencyZoom: customers + phoneSearches,
    americor: americorLeads,
    apiture: 0,
  };
  return {
    byVendor,
    reasons: {
      creditPros: `${creditPros.size} report lists (one per client) + ${searches} client search${searches === 1 ? '' : 'es'} for ${clientsWithoutReports} client(s) without reports`,
      lendingCrm: `${lendingCrm} clients in reads of up to ${LENDING_CRM_IDS_PER_READ}`,
      agencyZoom: `${customers} customer details (policies embedded) + ${phoneSearches} lead search by ${phones} phones`,
      americor: `${americorLeads} lead reads (no batch read)`,
      apiture: 'no Apiture field in the list',
    },
    records: {
      creditProsClients: creditPros.size,
      lendingCrmClients: lendingCrm,
      agencyZoomCustomers: customers,
      americorLeads,
      leads: people.reduce((n, p) => n + p.leads.length, 0),
      policies: people.reduce((n, p) => n + p.policies.length, 0),
      creditReports: people.reduce((n, p) => n + p.creditReports.length, 0),
    },
  };
}

/** The list with every record list in a stable order, to compare two answers. */
function normalized(view: ListView | null | undefined): unknown {
  const byId = <T extends { id: string }>(items: T[]) =>
    [...items].sort((a, b) => a.id.localeCompare(b.id));
  return (view?.nodes ?? []).map((node) =>
    node === null
      ? null
      : {
          ...node,
          sources: [...node.sources].sort((a, b) =>
            `${a.vendor}:${a.id}`.localeCompare(`${b.vendor}:${b.id}`),
          ),
          leads: byId(node.leads),
          policies: byId(node.policies),
          creditReports: byId(node.creditReports),
        },
  );
}

/** The list: the first people after the showcase who hold both policies and credit reports. */
function chooseSeeds(ctx: BenchContext): PersonSeed[] {
  return ctx.population.people
    .filter((p) => p.index > 0 && p.in.agencyZoom && p.in.creditPros)
    .slice(0, ctx.plan.s2People);
}

async function measure(
  ctx: BenchContext,
  gateway: GatewayProcess,
  ids: string[],
): Promise<{
  result: GraphQLResult<ListView>;
  calls: PerVendor;
  byEndpoint: PerVendor<Record<string, number>>;
}> {
  await gateway.query(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
  await ctx.sandboxes.admin.reset();
  const result = await gateway.query<ListView>(LIST_QUERY, { ids });
  const logs = await ctx.sandboxes.admin.requests();
  const byEndpoint = perVendor((v) => {
    const counts: Record<string, number> = {};
    for (const call of logs[v.sandbox].filter((c) => !isIndexerCall(c)))
      counts[call.endpoint] = (counts[call.endpoint] ?? 0) + 1;
    return counts;
  });
  return { result, calls: countCalls(logs), byEndpoint };
}

export async function runS2(ctx: BenchContext): Promise<S2Result> {
  const { sandboxes } = ctx;
  await sandboxes.admin.removeRateLimits();
  const seeds = chooseSeeds(ctx);
  const started: GatewayProcess[] = [];
  try {
    const finder = await startGateway({
      name: 's2-ids',
      logDir: ctx.workDir,
      sandboxUrls: sandboxes.urls,
      templateDir: ctx.templateDir,
    });
    started.push(finder);
    const ids: string[] = [];
    for (const [i, seed] of seeds.entries()) {
      tick('S2', `finding the list's people: ${i + 1} / ${seeds.length}`);
      const found = await finder.query<{ findPeople: { id: string }[] }>(
        'query Find($email: EmailAddress!) { findPeople(match: { email: $email }) { id } }',
        { email: seed.email },
      );
      const id = found.body.data?.findPeople?.[0]?.id;
      if (id && !ids.includes(id)) ids.push(id);
    }
    await finder.stop({ keepDataDir: true });
    started.pop();

    tick('S2', 'starting the gateway and the naive gateway');
    const [gateway, naive] = await Promise.all([
      startGateway({
        name: 's2-gateway',
        logDir: ctx.workDir,
        sandboxUrls: sandboxes.urls,
        templateDir: finder.dataDir,
      }),
      startGateway({
        name: 's2-naive',
        logDir: ctx.workDir,
        sandboxUrls: sandboxes.urls,
        templateDir: finder.dataDir,
        env: { BATCHING: 'off', CACHE: 'off' },
      }),
    ]);
    started.push(gateway, naive);
    await removeDir(finder.dataDir);

    tick('S2', `gateway: ${ids.length} people`);
    const batched = await measure(ctx, gateway, ids);
    tick('S2', `naive gateway: ${ids.length} people`);
    const unbatched = await measure(ctx, naive, ids);
    log('S2', 'done');

    const people = (batched.result.body.data?.nodes ?? []).filter(
      (node): node is ListPerson => node !== null,
    );
    const phones = new Set(
      seeds.flatMap((seed) => [seed.phone, ...(seed.homePhone ? [seed.homePhone] : [])]),
    ).size;
    const minimum = minimumOf(people, phones);
    return {
      people: ids.length,
      calls: sumOf(batched.calls),
      callsByVendor: batched.calls,
      minimumCalls: sumOf(minimum.byVendor),
      minimumByVendor: minimum.byVendor,
      minimumReasons: minimum.reasons,
      naiveCalls: sumOf(unbatched.calls),
      naiveCallsByVendor: unbatched.calls,
      gatewayMs: round(batched.result.ms),
      naiveMs: round(unbatched.result.ms),
      gatewayErrors: batched.result.body.errors?.length ?? 0,
      naiveErrors: unbatched.result.body.errors?.length ?? 0,
      sameData: isDeepStrictEqual(
        normalized(batched.result.body.data),
        normalized(unbatched.result.body.data),
      ),
      callsByEndpoint: batched.byEndpoint,
      records: minimum.records,
    };
  } finally {
    await Promise.allSettled(started.map((gateway) => gateway.stop()));
  }
}

/** Per-vendor calls over the minimum (0 where the gateway is at or under it). */
export function overMinimum(result: S2Result): PerVendor {
  return perVendor((v) =>
    Math.max(result.callsByVendor[v.sandbox] - result.minimumByVendor[v.sandbox], 0),
  );
}
