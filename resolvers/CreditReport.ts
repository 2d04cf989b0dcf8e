import type { CreditReportResolvers } from '../src/__generated__/resolvers-types';
import { globalId, personOfRecord } from '../src/graph/nodes';

export const CreditReport: CreditReportResolvers = {
  id: (report) => globalId.creditReport(report),
  vendor: (report) => report.ref.vendor,
  person: (report, _args, ctx) => personOfRecord(report.subject, ctx),
};
