import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context';
import type { PersonModel, PersonRecordModel } from '../domain/models';
import { normalizeSsn } from '../domain/normalize';
import { AppError, ErrorCode } from '../errors';
import type { MatchInput } from '../identity/match-keys';
import { gather } from './partial';
import { toPersonModel } from './people';

/** What `findPeople` accepts, after the scalars normalised email, phone and date. */
export interface PersonMatch {
  email?: string | null;
  phone?: string | null;
  ssn?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
}

/** Checks a search before any vendor call: `BAD_USER_INPUT` with the field path when it cannot run. */
export function validateMatch(match: PersonMatch): MatchInput {
  const problems: { path: string[]; message: string }[] = [];
  const ssn = match.ssn ? normalizeSsn(match.ssn) : null;
  if (match.ssn && !ssn)
    problems.push({
      path: ['match', 'ssn'],
      message: 'must be a valid SSN as NNN-NN-NNNN or nine digits',
    });
  const lastName = match.lastName?.trim() ?? null;
  if (lastName !== null && (lastName.length === 0 || lastName.length > 100)) {
    problems.push({ path: ['match', 'lastName'], message: 'must be 1 to 100 characters' });
  }
  if (match.dateOfBirth && !lastName) {
    problems.push({ path: ['match', 'lastName'], message: 'is required with dateOfBirth' });
  }
  if (lastName && !match.dateOfBirth) {
    problems.push({
      path: ['match', 'dateOfBirth'],
      message: 'is required with lastName (a last name alone matches too many people)',
    });
  }
  if (!match.email && !match.phone && !match.ssn && !lastName && !match.dateOfBirth) {
    problems.push({
      path: ['match'],
      message: 'give an email, a phone, an SSN, or a last name with a date of birth',
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `Invalid search: ${problems.map((p) => `${p.path.join('.')} ${p.message}`).join('; ')}`,
      {
        fields: problems,
      },
    );
  }
  return { email: match.email, phone: match.phone, ssn, lastName, dateOfBirth: match.dateOfBirth };
}

/**
 * Searches every vendor that can be searched, in parallel: The Credit Pros and the lending CRM by
 * their filters, AgencyZoom's customers (and its leads by phone), and the identity store for the
 * vendors that cannot be searched (Americor links written when we created the leads, the Apiture
 * index). The records found are clustered into people and linked; a failing vendor costs only
 * its own matches. Returns the people, each once.
 */
export async function findPeople(
  match: MatchInput,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<PersonModel[]> {
  const { loaders } = ctx;
  /** A search key: the JSON of the parts of the match a vendor can use (nulls left out). */
  const key = (parts: Record<string, string | null | undefined>) =>
    JSON.stringify(Object.fromEntries(Object.entries(parts).filter(([, value]) => value)));
  const records = await gather<PersonRecordModel>(ctx.partial, info, [
    async () => {
      const found = await loaders.creditProsSearch.load(
        key({
          email: match.email,
          phone: match.phone,
          ssn: match.ssn,
          lastName: match.lastName,
          dateOfBirth: match.dateOfBirth,
        }),
      );
      for (const record of found) loaders.creditProsClient.prime(record.ref.id, record);
      return found;
    },
    async () => {
      // The lending CRM holds no date of birth: only email and phone can find its clients.
      if (!match.email && !match.phone) return [];
      const found = await loaders.lendingCrmSearch.load(
        key({ email: match.email, phone: match.phone }),
      );
      for (const client of found) loaders.lendingCrmClient.prime(client.record.ref.id, client);
      return found.map((client) => client.record);
    },
    async () => {
      if (!match.email && !match.phone && !match.lastName) return [];
      return loaders.agencyZoomCustomerSearch.load(
        key({ email: match.email, phone: match.phone, lastName: match.lastName }),
      );
    },
    async () => {
      if (!match.phone) return [];
      const leads = await loaders.agencyZoomLeadsByPhone.load(match.phone);
      for (const lead of leads) loaders.agencyZoomLead.prime(lead.lead.ref.id, lead);
      return leads.map((lead) => lead.person);
    },
  ]);
  const resolved = await ctx.identity.resolve(records);
  const indexed = await ctx.identity.findByMatch(match);
  const ids = [...new Set([...resolved.values(), ...indexed])];
  const entries = await ctx.loaders.person.loadMany(ids);
  const people = new Map<string, PersonModel>();
  for (const entry of entries) {
    if (entry && !(entry instanceof Error) && !people.has(entry.id))
      people.set(entry.id, toPersonModel(entry));
  }
  return [...people.values()];
}
