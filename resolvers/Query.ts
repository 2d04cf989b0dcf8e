import type { QueryResolvers } from '../src/__generated__/resolvers-types';

export const Query: QueryResolvers = {
  vendors: (_parent, _args, { vendors }) => vendors.health(),
};
