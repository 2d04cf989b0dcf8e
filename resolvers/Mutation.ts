import type { MutationResolvers, VendorRefInput } from '../src/__generated__/resolvers-types';
import type { GatewayContext } from '../src/context';
import type { ApplicationModel, PersonModel, VendorRefModel } from '../src/domain/models';
import { decodeGlobalId } from '../src/domain/global-id';
import { recordRefOf } from '../src/domain/record-ids';
import { AppError, ErrorCode } from '../src/errors';
import { toPersonModel } from '../src/graph/people';

function recordRef(record: VendorRefInput): VendorRefModel {
  const ref = recordRefOf(record.vendor, record.id);
  if (!ref) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `Not a ${record.vendor} record ID`, {
      fields: [{ path: ['record', 'id'], message: `is not a ${record.vendor} record ID` }],
    });
  }
  return ref;
}

function personIdOf(id: string, argument: string): string {
  const decoded = decodeGlobalId(id);
  if (decoded?.type !== 'Person') {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${argument} is not a person ID`, {
      fields: [{ path: [argument], message: 'is not a person ID' }],
    });
  }
  return decoded.personId;
}

async function personPayload(
  personId: string,
  ctx: GatewayContext,
): Promise<{ person: PersonModel | null }> {
  const entry = await ctx.identity.getPerson(personId);
  return { person: entry ? toPersonModel(entry) : null };
}

export const Mutation: MutationResolvers = {
  createLead: (_parent, { input }, ctx) => ctx.leads.createLead(input, ctx.caller.id, ctx.call),

  transitionApplication: async (_parent, { id, action }, ctx) => {
    const decoded = decodeGlobalId(id);
    if (decoded?.type !== 'Application' || decoded.vendor !== 'APITURE') {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'id is not an application ID', {
        fields: [{ path: ['id'], message: 'is not an application ID' }],
      });
    }
    const application: ApplicationModel = await ctx.clients.apiture.transitionApplication(
      decoded.vendorId,
      action,
      ctx.call,
    );
    ctx.loaders.apitureApplication.clear(decoded.vendorId).prime(decoded.vendorId, application);
    // Our own write: the cached application and its applicant's list are out of date.
    await ctx.shared.invalidate({ kind: 'apiture.application', vendor: 'APITURE' }, [
      decoded.vendorId,
    ]);
    const contact = application.subject?.id.startsWith('contact:')
      ? application.subject.id.slice('contact:'.length)
      : null;
    if (contact)
      await ctx.shared.invalidate({ kind: 'apiture.applicationsByContact', vendor: 'APITURE' }, [
        contact,
      ]);
    return { application };
  },

  linkRecord: async (_parent, { record, personId }, ctx) => {
    const ref = recordRef(record);
    const linked = await ctx.identity.link(ref, personId ? personIdOf(personId, 'personId') : null);
    return personPayload(linked, ctx);
  },

  unlinkRecord: async (_parent, { record, personId }, ctx) => {
    const ref = recordRef(record);
    const own = await ctx.identity.unlink(ref, personIdOf(personId, 'personId'));
    return personPayload(own, ctx);
  },
};
