import type { GraphQLResolveInfo } from 'graphql';
import type { PersonResolvers } from '../src/__generated__/resolvers-types';
import type { GatewayContext } from '../src/context';
import type {
  ApplicationModel,
  CreditReportModel,
  LeadModel,
  PersonModel,
  PolicyModel,
} from '../src/domain/models';
import { creditReportsLoader } from '../src/graph/loaders';
import { globalId } from '../src/graph/nodes';
import { agencyZoomLeadsOf, combine, loadAll, recordsOf } from '../src/graph/people';
import type { PersonFields } from '../src/graph/people';
import { gather, settle } from '../src/graph/partial';
import { selects } from '../src/graph/selection';

/** Fields combined from the person's records, computed once per person per request. */
const fieldsOf = new WeakMap<PersonModel, Promise<PersonFields>>();

function fields(
  person: PersonModel,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<PersonFields> {
  let found = fieldsOf.get(person);
  if (!found) {
    found = recordsOf(person, ctx, info).then(combine);
    fieldsOf.set(person, found);
  }
  return found;
}

const idsAt = (person: PersonModel, vendor: PersonModel['links'][number]['vendor'], prefix = '') =>
  person.links
    .filter((ref) => ref.vendor === vendor && ref.id.startsWith(prefix))
    .map((ref) => ref.id.slice(prefix.length));

const newestFirst =
  <T>(value: (item: T) => string | null) =>
  (a: T, b: T) =>
    (value(b) ?? '').localeCompare(value(a) ?? '');

export const Person: PersonResolvers = {
  id: (person) => globalId.person(person),
  firstName: async (person, _args, ctx, info) => (await fields(person, ctx, info)).firstName,
  middleName: async (person, _args, ctx, info) => (await fields(person, ctx, info)).middleName,
  lastName: async (person, _args, ctx, info) => (await fields(person, ctx, info)).lastName,
  fullName: async (person, _args, ctx, info) => {
    const { firstName, middleName, lastName } = await fields(person, ctx, info);
    const name = [firstName, middleName, lastName].filter(Boolean).join(' ');
    return name || null;
  },
  emails: async (person, _args, ctx, info) => (await fields(person, ctx, info)).emails,
  phones: async (person, _args, ctx, info) => (await fields(person, ctx, info)).phones,
  dateOfBirth: async (person, _args, ctx, info) => (await fields(person, ctx, info)).dateOfBirth,
  ssnLast4: async (person, _args, ctx, info) =>
    (await fields(person, ctx, info)).ssn?.slice(-4) ?? null,
  ssn: async (person, _args, ctx, info) => (await fields(person, ctx, info)).ssn,
  addresses: async (person, _args, ctx, info) => (await fields(person, ctx, info)).addresses,
  sources: (person) => person.links,

  leads: async (person, _args, ctx, info): Promise<LeadModel[]> => {
    const { loaders } = ctx;
    const leads = await gather<LeadModel>(ctx.partial, info, [
      async () => loadAll(loaders.americorLead, idsAt(person, 'AMERICOR')),
      // One list call finds every AgencyZoom lead of every person in the request by phone.
      async () => (await agencyZoomLeadsOf(person, ctx)).map((record) => record.lead),
    ]);
    return leads.sort(newestFirst((lead) => lead.createdAt));
  },

  creditReports: async (
    person,
    { bureau, latestPerBureau },
    ctx,
    info,
  ): Promise<CreditReportModel[]> => {
    // Negative items cost one more vendor call per client, a score one more per report: read
    // them only when asked for, and scores only of the reports returned.
    const loader = creditReportsLoader(ctx.loaders, {
      negativeItems: selects(info, 'negativeItems'),
    });
    return settle(ctx.partial, info, [], async () => {
      const reports = (await loadAll(loader, idsAt(person, 'CREDIT_PROS')))
        .flatMap((read) => read.reports)
        .filter((report) => !bureau || report.bureau === bureau)
        .sort(newestFirst((r) => r.reportDate));
      const latest = new Map<string, CreditReportModel>();
      for (const report of reports)
        if (!latest.has(report.bureau)) latest.set(report.bureau, report);
      const wanted = latestPerBureau ? [...latest.values()] : reports;
      if (!selects(info, 'score')) return wanted;
      const scores = await ctx.loaders.creditReportScore.loadMany(
        wanted.map((report) => report.ref.id),
      );
      return wanted.map((report, i) => {
        const score = scores[i];
        if (score instanceof Error) throw score;
        return { ...report, score: score ?? null };
      });
    });
  },

  applications: async (person, { state }, ctx, info): Promise<ApplicationModel[]> => {
    const applications = await settle(ctx.partial, info, [], async () =>
      (
        await loadAll(
          ctx.loaders.apitureApplicationsByContact,
          idsAt(person, 'APITURE', 'contact:'),
        )
      ).flat(),
    );
    const unique = new Map(applications.map((application) => [application.ref.id, application]));
    return [...unique.values()]
      .filter((application) => !state || application.state === state)
      .sort(newestFirst((application) => application.updatedAt ?? application.createdAt));
  },

  policies: async (person, { status }, ctx, info): Promise<PolicyModel[]> => {
    const customers = await settle(ctx.partial, info, [], () =>
      loadAll(ctx.loaders.agencyZoomCustomer, idsAt(person, 'AGENCYZOOM', 'customer:')),
    );
    return customers
      .flatMap((customer) => customer.policies)
      .filter((policy) => !status || policy.status === status)
      .sort(newestFirst((policy) => policy.effectiveDate));
  },

  financialProfile: (person, _args, ctx, info) =>
    settle(ctx.partial, info, null, async () => {
      const [client] = await loadAll(ctx.loaders.lendingCrmClient, idsAt(person, 'LENDING_CRM'));
      return client?.financial ?? null;
    }),
};
