import type { PolicyResolvers } from '../src/__generated__/resolvers-types';
import { globalId, personOfRecord } from '../src/graph/nodes';

export const Policy: PolicyResolvers = {
  id: (policy) => globalId.policy(policy),
  vendor: (policy) => policy.ref.vendor,
  person: (policy, _args, ctx) => personOfRecord(policy.subject, ctx),
};
