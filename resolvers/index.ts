import type { Resolvers } from '../src/__generated__/resolvers-types';
import { Query } from './Query';
import { scalars } from './scalars';

/** Every resolver of the schema, one file per GraphQL type. */
export const resolvers: Resolvers = {
  ...scalars,
  Query,
};
