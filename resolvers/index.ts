import type { Resolvers } from '../src/__generated__/resolvers-types';
import { Application } from './Application';
import { CreditReport } from './CreditReport';
import { Lead } from './Lead';
import { LeadDelivery } from './LeadDelivery';
import { Mutation } from './Mutation';
import { Node } from './Node';
import { Person } from './Person';
import { Policy } from './Policy';
import { Query } from './Query';
import { scalars } from './scalars';

/** Every resolver of the schema, one file per GraphQL type. */
export const resolvers: Resolvers = {
  ...scalars,
  Query,
  Mutation,
  Node,
  Person,
  Lead,
  LeadDelivery,
  CreditReport,
  Application,
  Policy,
};
