import { Rng } from '../kit/random';
import { peopleIn, vendorRng } from '../population/generate';
import type { PersonSeed, Population } from '../population/generate';
import { emailCaseVariant, nameCaseVariant } from '../population/variants';
import { LEAD_SOURCES } from './enums';
import { cents, weighted } from './seed-helpers';
import { seedAch, seedBudget, seedCalculator, seedCreditors, seedEnrollment } from './seed-finance';
import { LEAD_ORIGINS, SALES_REP_NAMES } from './seed-tables';
import type { CreditorRecord, CustomerRecord, LeadInput, SalesRep } from './types';

/**
 * Population -> Americor records. Pure and deterministic: the same population gives the same
 * records, byte for byte. One lead per person with `in.americor`, in population order, with
 * integer ids from 604800 (the documented example id) upwards.
 */

export const FIRST_CUSTOMER_ID = 604_800;
/** Creditor ids live in their own sequence (inferred: the docs show no relation to customer ids). */
export const FIRST_CREDITOR_ID = 3_100_001;
/** Share of seeded leads that are enrolled in the programme. */
const ENROLLED_SHARE = 0.4;

export interface AmericorSeed {
  /** The population's seed; runtime uuids are drawn from a generator keyed by it. */
  populationSeed: string;
  salesReps: SalesRep[];
  customers: CustomerRecord[];
  nextCustomerId: number;
  nextCreditorId: number;
}

/** The identity the gateway recorded when it created a seeded lead (its identity-store input). */
export interface AmericorSeedLink {
  personKey: string;
  id: number;
  uuid: string;
  firstName: string;
  lastName: string;
  /** As written to Americor (case may vary); null when the lead was created with `noEmail`. */
  email: string | null;
  /** Mobile phone, E.164. */
  phone: string;
  /** ISO `YYYY-MM-DD`. */
  dateOfBirth: string;
}

export function seedSalesReps(population: Population): SalesRep[] {
  const rng = new Rng(`${population.seed}:americor:sales-reps`);
  return SALES_REP_NAMES.map((name, i) => ({
    id: 101 + i,
    uuid: rng.uuid(),
    externalId: 12_345 + i,
    name,
    phone: `+1949555${String(210 + i).padStart(4, '0')}`,
    email: `${name.toLowerCase().replace(/ /g, '.')}@americor.example`,
  }));
}

/** Lead statuses of leads not (yet) enrolled, with weights and the sales phases that fit them. */
const OPEN_LEAD_STATUSES: ReadonlyArray<readonly [{ status: number; phases: number[] }, number]> = [
  [{ status: 0, phases: [-1, 0, 1] }, 18],
  [{ status: 18, phases: [1, 2, 3, 4] }, 10],
  [{ status: 16, phases: [3, 4, 5] }, 8],
  [{ status: 3, phases: [2, 5, 6, 7] }, 20],
  [{ status: 13, phases: [11] }, 8],
  [{ status: 22, phases: [1, 2] }, 6],
  [{ status: 25, phases: [11] }, 3],
  [{ status: 34, phases: [1, 2] }, 5],
  [{ status: 43, phases: [8] }, 7],
  [{ status: 44, phases: [9, 10] }, 5],
  [{ status: 58, phases: [13, 14] }, 6],
  [{ status: 54, phases: [8] }, 4],
];

/** Lead status and sales phase: enrolled customers signed their docs; others anywhere in the funnel. */
function leadStage(
  rng: Rng,
  enrolled: boolean,
  showcase: boolean,
): { status: number; salesPhase: number } {
  if (showcase) return { status: 57, salesPhase: 12 };
  if (enrolled)
    return rng.chance(0.8) ? { status: 57, salesPhase: 12 } : { status: 44, salesPhase: 9 };
  const open = weighted(rng, OPEN_LEAD_STATUSES);
  return { status: open.status, salesPhase: rng.pick(open.phases) };
}

/** Creates the seed record of one person; `nextCreditorId` hands out creditor ids in order. */
function seedCustomer(
  person: PersonSeed,
  id: number,
  rng: Rng,
  reps: SalesRep[],
  nextCreditorId: () => number,
  showcase: boolean,
): { customer: CustomerRecord; link: AmericorSeedLink } {
  const uuid = rng.uuid();
  const externalId = rng.uuid();
  const enrolled = showcase || rng.chance(ENROLLED_SHARE);
  const { status, salesPhase } = leadStage(rng, enrolled, showcase);
  const assigned = showcase || enrolled || (salesPhase > 0 && rng.chance(0.9));
  const rep = assigned ? (showcase ? reps[0] : rng.pick(reps)) : null;

  const lead = seedLeadInput(person, rng, showcase, externalId, rep);
  const enrollment = enrolled ? seedEnrollment(rng, person, showcase ? 6 : undefined) : null;
  const creditorCount = showcase
    ? 4
    : enrolled
      ? rng.int(2, 6)
      : salesPhase >= 3
        ? rng.int(0, 3)
        : 0;
  const totalDebt = enrollment?.enrolledDebtAmount ?? person.financial.unsecuredDebt;
  const creditors: CreditorRecord[] = seedCreditors(
    rng,
    person,
    creditorCount,
    totalDebt,
    showcase,
  ).map((creditor) => ({ ...creditor, id: nextCreditorId() }));
  const hasBudget = enrolled || salesPhase >= 4;
  const customer: CustomerRecord = {
    id,
    uuid,
    kind: 'lead',
    externalId,
    lead,
    prospect: null,
    status,
    salesPhase,
    salesRepId: rep?.id ?? null,
    enrollment,
    creditors,
    budget: hasBudget ? seedBudget(rng, person) : null,
    ach: enrolled ? seedAch(rng, person) : null,
    calculator: enrollment ? seedCalculator(rng, enrollment) : null,
  };
  const link: AmericorSeedLink = {
    personKey: person.key,
    id,
    uuid,
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email ?? null,
    phone: person.phone,
    dateOfBirth: person.dateOfBirth,
  };
  return { customer, link };
}

/**
 * The lead as the partner wrote it: E.164 phones (the API requires them), names and email with the
 * case an agent typed, the ZIP as an integer (a leading zero is lost), mailing address sometimes.
 */
function seedLeadInput(
  person: PersonSeed,
  rng: Rng,
  showcase: boolean,
  externalId: string,
  rep: SalesRep | null,
): LeadInput {
  const noEmail = !showcase && rng.chance(0.03);
  const email = showcase
    ? person.email
    : emailCaseVariant(person.altEmail && rng.chance(0.5) ? person.altEmail : person.email, rng);
  const source = showcase ? 'Digital - 1' : rng.pick(LEAD_SOURCES);
  const lead: LeadInput = {
    firstName: showcase ? person.firstName : nameCaseVariant(person.firstName, rng),
    lastName: showcase ? person.lastName : nameCaseVariant(person.lastName, rng),
    phoneMobile: person.phone,
    state: person.address.state,
    dob: person.dateOfBirth,
    address: person.address.line1,
    city: person.address.city,
    zip: Number(person.address.zip),
    clientEstimatedDebt: cents(person.financial.unsecuredDebt + rng.int(0, 99) / 100),
    source,
    externalId,
  };
  if (person.middleName && (showcase || rng.chance(0.7))) lead.middleName = person.middleName;
  if (person.homePhone) lead.phoneHome = person.homePhone;
  if (noEmail) lead.noEmail = true;
  else lead.email = email;
  if (showcase || rng.chance(0.85)) lead.ssn = person.ssn;
  if (showcase || rng.chance(0.3)) {
    lead.mailingAddress = person.address.line1;
    lead.mailingCity = person.address.city;
    lead.mailingState = person.address.state;
    lead.mailingZip = Number(person.address.zip);
  }
  if (rep) lead.externalSalesRepId = rng.chance(0.5) ? rep.externalId : String(rep.externalId);
  if (source.startsWith('Mail')) lead.accessCode = `CX${rng.int(10_000_000, 99_999_999)}`;
  if (showcase || rng.chance(0.4))
    lead.leadOrigin = showcase ? 'Partner portal' : rng.pick(LEAD_ORIGINS);
  return lead;
}

function seedAll(population: Population): { seed: AmericorSeed; links: AmericorSeedLink[] } {
  const salesReps = seedSalesReps(population);
  let creditorId = FIRST_CREDITOR_ID;
  const nextCreditorId = (): number => creditorId++;
  const seeded = peopleIn(population, 'americor').map((person, ordinal) =>
    seedCustomer(
      person,
      FIRST_CUSTOMER_ID + ordinal,
      vendorRng(population, 'americor', person.index),
      salesReps,
      nextCreditorId,
      person.index === 0,
    ),
  );
  const seed: AmericorSeed = {
    populationSeed: population.seed,
    salesReps,
    customers: seeded.map(({ customer }) => customer),
    nextCustomerId: FIRST_CUSTOMER_ID + seeded.length,
    nextCreditorId: creditorId,
  };
  return { seed, links: seeded.map(({ link }) => link) };
}

/** Converts the population into Americor's records. */
export function seedAmericor(population: Population): AmericorSeed {
  return seedAll(population).seed;
}

/**
 * For every seeded lead, the identity and ids the gateway would have recorded when it created the
 * lead: the input of its identity store, since Americor cannot be searched.
 */
export function americorSeedLinks(population: Population): AmericorSeedLink[] {
  return seedAll(population).links;
}
