import { findPeople, validateMatch } from '../src/graph/find-people';
import { loadNode } from '../src/graph/nodes';
import type { NodeModel } from '../src/graph/nodes';
import { pathOf } from '../src/graph/partial';
import { decodeCursor, encodeCursor, pageSize } from '../src/graph/connections';
import { listLeads } from '../src/graph/leads';
import { AppError, ErrorCode, isAppError } from '../src/errors';
import type {
  ApplicationModel,
  CreditReportModel,
  LeadModel,
  PersonModel,
  PolicyModel,
} from '../src/domain/models';
import type { QueryResolvers } from '../src/__generated__/resolvers-types';

export const Query: QueryResolvers = {
  node: (_parent, { id }, ctx) => loadNode(id, ctx),

  nodes: async (_parent, { ids }, ctx, info) => {
    if (ids.length > 100)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'nodes takes at most 100 IDs');
    return Promise.all(
      ids.map((id, index) =>
        loadNode(id, ctx).catch((error: unknown): NodeModel | null => {
          // One unreadable node costs only its own entry.
          if (isAppError(error) && error.vendor) {
            ctx.partial.add(error, [...pathOf(info), index]);
            return null;
          }
          throw error;
        }),
      ),
    );
  },

  person: async (_parent, { id }, ctx) => (await loadNode(id, ctx, 'Person')) as PersonModel | null,

  findPeople: (_parent, { match }, ctx, info) => findPeople(validateMatch(match), ctx, info),

  lead: async (_parent, { id }, ctx) => (await loadNode(id, ctx, 'Lead')) as LeadModel | null,

  leads: (_parent, args, ctx, info) =>
    listLeads(
      {
        first: pageSize(args.first),
        offset: decodeCursor(args.after),
        vendor: args.vendor ?? null,
        status: args.status ?? null,
      },
      ctx,
      info,
    ),

  creditReport: async (_parent, { id }, ctx) =>
    (await loadNode(id, ctx, 'CreditReport')) as CreditReportModel | null,

  application: async (_parent, { id }, ctx) =>
    (await loadNode(id, ctx, 'Application')) as ApplicationModel | null,

  applications: async (_parent, args, ctx) => {
    const first = pageSize(args.first);
    const start = decodeCursor(args.after);
    const page = await ctx.clients.apiture.listApplications(
      { start, limit: first, state: args.state ?? undefined, newestFirst: true },
      ctx.call,
    );
    const applications = await ctx.loaders.apitureApplication.loadMany(
      page.items.map((item) => item.ref.id),
    );
    const edges = applications.flatMap((application, index) => {
      if (application instanceof Error) {
        if (isAppError(application) && application.code === 'NOT_FOUND') return [];
        throw application;
      }
      return [{ cursor: encodeCursor(start + index + 1), node: application }];
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: page.nextStart !== null,
        hasPreviousPage: start > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor:
          page.nextStart !== null ? encodeCursor(page.nextStart) : (edges.at(-1)?.cursor ?? null),
      },
    };
  },

  policy: async (_parent, { id }, ctx) => (await loadNode(id, ctx, 'Policy')) as PolicyModel | null,

  leadSubmission: (_parent, { id }, ctx) => ctx.leads.submission(id, ctx.caller.id),

  vendors: async (_parent, _args, { vendors, shared }) =>
    (await vendors.health()).map((health) => ({ ...health, ...shared.stats(health.vendor) })),
};
