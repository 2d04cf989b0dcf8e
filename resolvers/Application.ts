import type { ApplicationResolvers } from '../src/__generated__/resolvers-types';
import { globalId, personOfRecord } from '../src/graph/nodes';

export const Application: ApplicationResolvers = {
  id: (application) => globalId.application(application),
  vendor: (application) => application.ref.vendor,
  person: (application, _args, ctx) =>
    application.subject ? personOfRecord(application.subject, ctx) : null,
};
