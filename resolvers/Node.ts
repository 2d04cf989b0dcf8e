import type { NodeResolvers } from '../src/__generated__/resolvers-types';
import { nodeType } from '../src/graph/nodes';

export const Node: NodeResolvers = {
  __resolveType: (node) => nodeType(node),
};
