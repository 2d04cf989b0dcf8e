import type {
  ApplicationModel,
  CreditReportModel,
  LeadModel,
  PersonModel,
  PolicyModel,
} from '../domain/models';
import { decodeGlobalId, encodeEntityId, encodePersonId } from '../domain/global-id';
import type { EntityType } from '../domain/global-id';
import { forbidden } from '../auth/requires';
import { AppError, ErrorCode } from '../errors';
import type { GatewayContext } from '../context';
import { toPersonModel } from './people';

export type NodeModel =
  PersonModel | LeadModel | CreditReportModel | ApplicationModel | PolicyModel;

/** Global IDs of the entity types: `Policy` carries the customer, since AgencyZoom reads policies through customers. */
export const globalId = {
  person: (person: PersonModel) => encodePersonId(person.id),
  lead: (lead: LeadModel) => encodeEntityId('Lead', lead.ref.vendor, lead.ref.id),
  creditReport: (report: CreditReportModel) =>
    encodeEntityId('CreditReport', report.ref.vendor, report.ref.id),
  application: (application: ApplicationModel) =>
    encodeEntityId('Application', application.ref.vendor, application.ref.id),
  policy: (policy: PolicyModel) =>
    encodeEntityId('Policy', policy.ref.vendor, `${policy.subject.id}/${policy.ref.id}`),
};

/** Which schema type a node model is (domain models carry no type name). */
export function nodeType(node: NodeModel): 'Person' | EntityType {
  if ('links' in node) return 'Person';
  if ('bureau' in node) return 'CreditReport';
  if ('availableActions' in node) return 'Application';
  if ('policyNumber' in node) return 'Policy';
  return 'Lead';
}

const notFound = (error: unknown): null => {
  if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
  throw error;
};

/**
 * The object behind a global ID, read through the request's loaders; null when the ID is well
 * formed but names nothing (or a type the vendor does not hold). A malformed ID is
 * `BAD_USER_INPUT`; vendor failures are thrown for the caller to place.
 */
export async function loadNode(
  id: string,
  ctx: GatewayContext,
  expected?: 'Person' | EntityType,
): Promise<NodeModel | null> {
  const decoded = decodeGlobalId(id);
  if (!decoded)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Not a valid ID', {
      fields: [{ path: ['id'], message: 'is not a valid ID' }],
    });
  if (expected && decoded.type !== expected) return null;
  // Credit reports need their own scope, whichever field reached them.
  if (decoded.type === 'CreditReport' && !ctx.caller.scopes.has('credit:read'))
    throw forbidden('credit:read');
  const { loaders } = ctx;
  if (decoded.type === 'Person') {
    const entry = await loaders.person.load(decoded.personId);
    return entry ? toPersonModel(entry) : null;
  }
  const { vendor, vendorId } = decoded;
  switch (`${decoded.type}:${vendor}`) {
    case 'Lead:AMERICOR':
      return loaders.americorLead.load(vendorId).catch(notFound);
    case 'Lead:AGENCYZOOM':
      return loaders.agencyZoomLead.load(vendorId).then((record) => record.lead, notFound);
    case 'CreditReport:CREDIT_PROS':
      return loaders.creditReport.load(vendorId).catch(notFound);
    case 'Application:APITURE':
      return loaders.apitureApplication.load(vendorId).catch(notFound);
    case 'Policy:AGENCYZOOM': {
      const slash = vendorId.lastIndexOf('/');
      const customer = vendorId.slice(0, slash);
      if (slash < 0 || !customer.startsWith('customer:')) return null;
      const record = await loaders.agencyZoomCustomer
        .load(customer.slice('customer:'.length))
        .catch(notFound);
      return record?.policies.find((policy) => policy.ref.id === vendorId.slice(slash + 1)) ?? null;
    }
    default:
      return null;
  }
}

/** The person a vendor record is linked to, or null. */
export async function personOfRecord(
  ref: { vendor: LeadModel['ref']['vendor']; id: string },
  ctx: GatewayContext,
): Promise<PersonModel | null> {
  const personId = await ctx.identity.personOf(ref);
  if (!personId) return null;
  const entry = await ctx.loaders.person.load(personId);
  return entry ? toPersonModel(entry) : null;
}
