import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context';
import type { LeadModel, LeadStatusModel, VendorRefModel } from '../domain/models';
import type { VendorId } from '../domain/vendor';
import { isAppError } from '../errors';
import { encodeCursor } from './connections';
import { pathOf } from './partial';

/** Leads scanned at most for one filtered page (the filter runs on fresh vendor data). */
const MAX_SCAN = 200;

/** Reads one lead record through the request's loaders. */
export async function loadLead(ref: VendorRefModel, ctx: GatewayContext): Promise<LeadModel> {
  if (ref.vendor === 'AMERICOR') return ctx.loaders.americorLead.load(ref.id);
  return (await ctx.loaders.agencyZoomLead.load(ref.id.replace(/^lead:/, ''))).lead;
}

/**
 * `leads(...)`: the leads the gateway has linked (created through it, found by a search, or
 * imported), newest first, read fresh from their vendors. Filters apply to fresh data, so a
 * filtered page may scan further than `first` (at most `MAX_SCAN` records per page).
 */
export async function listLeads(
  args: { first: number; offset: number; vendor: VendorId | null; status: LeadStatusModel | null },
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
) {
  const edges: { cursor: string; node: LeadModel }[] = [];
  let offset = args.offset;
  let total = 0;
  let scanned = 0;
  while (edges.length < args.first && scanned < MAX_SCAN) {
    const page = await ctx.identity.leadRefs(offset, args.first - edges.length);
    total = page.total;
    if (page.refs.length === 0) break;
    const wanted = page.refs.filter((ref) => !args.vendor || ref.vendor === args.vendor);
    const leads = await Promise.all(
      wanted.map((ref) =>
        loadLead(ref, ctx).catch((error: unknown) => {
          if (isAppError(error) && error.code === 'NOT_FOUND') return null;
          if (isAppError(error) && error.vendor) {
            ctx.partial.add(error, pathOf(info));
            return null;
          }
          throw error;
        }),
      ),
    );
    const byRef = new Map(wanted.map((ref, i) => [`${ref.vendor}:${ref.id}`, leads[i]]));
    for (const ref of page.refs) {
      offset += 1;
      scanned += 1;
      const lead = byRef.get(`${ref.vendor}:${ref.id}`);
      if (lead && (!args.status || lead.status === args.status))
        edges.push({ cursor: encodeCursor(offset), node: lead });
    }
  }
  return {
    edges,
    pageInfo: {
      hasNextPage: offset < total,
      hasPreviousPage: args.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: encodeCursor(offset),
    },
  };
}
