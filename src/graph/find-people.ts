import type { GraphQLResolveInfo } from 'graphql';
import { isStoreUnavailable } from '../shared/errors';
import type { GatewayContext } from '../context';
import type { PersonModel, PersonRecordModel } from '../domain/models';
import { normalizeSsn } from '../domain/normalize';
import { AppError, ErrorCode } from '../errors';
import type { MatchInput } from '../identity/match-keys';
import { getDirectiveValues } from 'graphql';
import type { VendorRefModel } from '../domain/models';
import type { Loaders } from './loaders';
import { creditReportsLoader } from './loaders';
import { gather } from './partial';
import { toPersonModel } from './people';
import { parseRefKey } from '../identity/service';
import { selectsPath } from './selection';

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

/** Person fields combined from the vendor records (an AgencyZoom customer detail among them). */
const IDENTITY_FIELDS = [
  'firstName',
  'middleName',
  'lastName',
  'fullName',
  'emails',
  'phones',
  'dateOfBirth',
  'ssnLast4',
  'ssn',
  'addresses',
];

/** Which per-record reads the query will make of the people found (see `startReads`). */
interface WantedReads {
  americorLeads: boolean;
  americorEnrollments: boolean;
  apitureApplications: boolean;
  agencyZoomCustomers: boolean;
  creditReports: { negativeItems: boolean } | null;
}

/** Whether the caller may read `Person.<field>` (its `@requires` scope, if any). */
function mayRead(info: GraphQLResolveInfo, ctx: GatewayContext, field: string): boolean {
  const person = info.schema.getType('Person');
  const directive = info.schema.getDirective('requires');
  const node = person && 'getFields' in person ? person.getFields()[field]?.astNode : undefined;
  if (!directive || !node) return true;
  const scope = getDirectiveValues(directive, node)?.scope;
  return typeof scope !== 'string' || ctx.caller.scopes.has(scope as never);
}

function wantedReads(info: GraphQLResolveInfo, ctx: GatewayContext): WantedReads {
  const has = (...path: string[]) => selectsPath(info, path);
  return {
    americorLeads: has('leads'),
    americorEnrollments: has('leads', 'enrollment'),
    apitureApplications: has('applications'),
    agencyZoomCustomers: has('policies') || IDENTITY_FIELDS.some((field) => has(field)),
    creditReports:
      has('creditReports') && mayRead(info, ctx, 'creditReports')
        ? { negativeItems: has('creditReports', 'negativeItems') }
        : null,
  };
}

/**
 * Starts the reads the Person resolvers will make of these records, through the request's
 * loaders, so a vendor's reads begin as soon as its own records are known (from a search, or
 * linked in the identity store already) instead of after every vendor's search. The resolvers
 * then share the reads in flight. Only reads the query selects, and only per-record reads that
 * the searches do not already give (Credit Pros and lending CRM clients come with their search);
 * AgencyZoom leads by phone wait for the people's phones, so that one list call covers them.
 * Failures are left to the resolvers that await the same reads.
 */
function startReads(refs: readonly VendorRefModel[], wanted: WantedReads, loaders: Loaders): void {
  const start = (read: Promise<unknown>) => void read.catch(() => undefined);
  for (const ref of refs) {
    if (ref.vendor === 'AMERICOR' && wanted.americorLeads) {
      start(loaders.americorLead.load(ref.id));
      if (wanted.americorEnrollments) start(loaders.americorEnrollment.load(ref.id));
    } else if (ref.vendor === 'APITURE' && wanted.apitureApplications) {
      if (ref.id.startsWith('contact:'))
        start(loaders.apitureApplicationsByContact.load(ref.id.slice('contact:'.length)));
    } else if (ref.vendor === 'AGENCYZOOM' && wanted.agencyZoomCustomers) {
      if (ref.id.startsWith('customer:'))
        start(loaders.agencyZoomCustomer.load(ref.id.slice('customer:'.length)));
    } else if (ref.vendor === 'CREDIT_PROS' && wanted.creditReports) {
      start(creditReportsLoader(loaders, wanted.creditReports).load(ref.id));
    }
  }
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
  const wanted = wantedReads(info, ctx);
  // The records the identity store already links to people of this match (Americor and Apiture
  // records cannot be searched): their reads start now, beside the searches.
  void ctx.identity
    .findByMatch(match)
    // Read past the request's person loader: its entries must be those after this search.
    .then((ids) => ctx.identity.getPeople(ids))
    .then((entries) =>
      startReads(
        entries
          .flatMap((entry) => (entry && !(entry instanceof Error) ? entry.links : []))
          .map(parseRefKey),
        wanted,
        loaders,
      ),
    )
    .catch(() => undefined);
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
      startReads(
        found.map((record) => record.ref),
        wanted,
        loaders,
      );
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
      const found = await loaders.agencyZoomCustomerSearch.load(
        key({ email: match.email, phone: match.phone, lastName: match.lastName }),
      );
      startReads(
        found.map((record) => record.ref),
        wanted,
        loaders,
      );
      return found;
    },
    async () => {
      if (!match.phone) return [];
      const leads = await loaders.agencyZoomLeadsByPhone.load(match.phone);
      for (const lead of leads) loaders.agencyZoomLead.prime(lead.lead.ref.id, lead);
      return leads.map((lead) => lead.person);
    },
  ]);
  // While a shared identity store is away, the links already known answer (see resolveForRead).
  const resolved = await ctx.identity.resolveForRead(records);
  const indexed = await ctx.identity.findByMatch(match).catch((error: unknown) => {
    if (isStoreUnavailable(error)) return [];
    throw error;
  });
  const ids = [...new Set([...resolved.values(), ...indexed])];
  const entries = await ctx.loaders.person.loadMany(ids);
  const people = new Map<string, PersonModel>();
  for (const entry of entries) {
    if (entry && !(entry instanceof Error) && !people.has(entry.id))
      people.set(entry.id, toPersonModel(entry));
  }
  return [...people.values()];
}
