import type { LeadResolvers } from '../src/__generated__/resolvers-types';
import { globalId, personOfRecord } from '../src/graph/nodes';
import { settle } from '../src/graph/partial';

export const Lead: LeadResolvers = {
  id: (lead) => globalId.lead(lead),
  vendor: (lead) => lead.ref.vendor,
  vendorRef: (lead) => lead.ref,
  enrollment: (lead, _args, ctx, info) => {
    if (lead.enrollment || lead.ref.vendor !== 'AMERICOR') return lead.enrollment;
    return settle(ctx.partial, info, null, () => ctx.loaders.americorEnrollment.load(lead.ref.id));
  },
  person: (lead, _args, ctx) => personOfRecord(lead.subject, ctx),
};
