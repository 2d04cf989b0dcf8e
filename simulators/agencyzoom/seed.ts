import type { Rng } from '../kit/random';
import type { PersonSeed, Population } from '../population/generate';
import { peopleIn, vendorRng } from '../population/generate';
import {
  dateUs,
  emailCaseVariant,
  nameCaseVariant,
  phoneNational,
  phoneVariant,
} from '../population/variants';
import { addDays, agencyDate, startOfMonth } from './dates';
import { IdSequence } from './ids';
import { CSR_IDS, LEAD_SOURCES, PIPELINES, PRODUCER_IDS } from './reference-data';
import type { AgencyZoomSeed, CustomerRecord, LeadRecord, LeadStatus } from './types';
import { LEAD_STATUS } from './types';
import {
  PRODUCT_LINE,
  buildFile,
  buildLead,
  buildNote,
  buildPolicy,
  buildProduct,
  buildTask,
  clockTime,
  locationFor,
  pickPersonalLine,
  pickTags,
  termFor,
} from './seed-records';
import { seedShowcase } from './seed-showcase';

export type { AgencyZoomSeed } from './types';

/**
 * The `asOf` day a sandbox started at `nowMs` seeds with: the first day of the agency's current
 * month. Seeded policies are in force (or expired) relative to it and stay so for at least the
 * rest of that month, and a restart within the month seeds the same bytes.
 */
export function seedAsOf(nowMs: number): string {
  return startOfMonth(agencyDate(nowMs));
}

/**
 * Converts the population into AgencyZoom records, deterministically: the same population and
 * `asOf` give the same records, ids and bytes. People with `in.agencyZoom` become a customer
 * (most), a lead (some), or both; the showcase person (index 0) is a customer with rich data and
 * two leads.
 */
export function seedAgencyZoom(population: Population, asOf: string): AgencyZoomSeed {
  const seed: AgencyZoomSeed = {
    asOf,
    customers: [],
    leads: [],
    policies: [],
    notes: [],
    tasks: [],
    files: [],
    quotes: [],
    opportunities: [],
  };
  const ids = new IdSequence();
  for (const person of peopleIn(population, 'agencyZoom')) {
    const rng = vendorRng(population, 'agencyZoom', person.index);
    if (person.index === 0) {
      seedShowcase(seed, ids, person, rng);
      continue;
    }
    const roll = rng.next();
    const customer = roll < 0.8 ? seedCustomer(seed, ids, person, rng) : null;
    if (customer) seedPolicies(seed, ids, customer, person, rng);
    if (roll >= 0.6) seedLead(seed, ids, person, rng, customer);
  }
  return seed;
}

// ---- customers ----

function seedCustomer(
  seed: AgencyZoomSeed,
  ids: IdSequence,
  person: PersonSeed,
  rng: Rng,
): CustomerRecord {
  const createDay = addDays(seed.asOf, -rng.int(400, 3000));
  const asCustomerDay = addDays(createDay, rng.int(0, 60));
  const business = rng.chance(0.05);
  const useAltEmail = person.altEmail !== null && rng.chance(0.3);
  const hasAms = rng.chance(0.4);
  const customer: CustomerRecord = {
    id: ids.next('customer'),
    bizCustomer: business ? 1 : 0,
    businessName: business ? `${person.lastName} Home Services LLC` : null,
    firstname: nameCaseVariant(person.firstName, rng),
    middlename: person.middleName !== null && rng.chance(0.5) ? person.middleName : null,
    lastname: nameCaseVariant(person.lastName, rng),
    email: emailCaseVariant(useAltEmail ? (person.altEmail as string) : person.email, rng),
    phone: rng.chance(0.7) ? phoneNational(person.phone) : phoneVariant(person.phone, rng),
    secondaryEmail: !useAltEmail && person.altEmail !== null ? person.altEmail : null,
    secondaryPhone: person.homePhone !== null ? phoneVariant(person.homePhone, rng) : null,
    streetAddress: person.address.line1,
    city: person.address.city,
    state: person.address.state,
    country: rng.pick(['US', 'USA', 'US']),
    zip: person.address.zip,
    createDate: `${createDay} ${clockTime(rng)}`,
    asCustomerDate: `${asCustomerDay} ${clockTime(rng)}`,
    birthday: rng.chance(0.9) ? dateUs(person.dateOfBirth) : null,
    agentId: rng.pick(PRODUCER_IDS),
    csrId: rng.chance(0.7) ? rng.pick(CSR_IDS) : null,
    leadSourceId: rng.pick(LEAD_SOURCES).id,
    locationCode: locationFor(person),
    tagNames: rng.chance(0.3) ? pickTags(rng).join(';') : null,
    customFields: rng.chance(0.3)
      ? [{ fieldName: 'cf1', value: rng.pick(['Morning', 'Afternoon', 'Evening']) }]
      : [],
    contactFirstname: business ? person.firstName : null,
    contactLastname: business ? person.lastName : null,
    contactMiddlename: null,
    numberOfEmployees: business ? rng.int(2, 40) : null,
    annualRevenue: business ? rng.int(100, 5000) * 1000 : null,
    totalPayroll: business ? rng.int(50, 2000) * 1000 : null,
    externalSystem: hasAms ? 'AMS360' : null,
    externalId: hasAms ? `AMS-${rng.int(100_000, 999_999)}` : null,
  };
  seed.customers.push(customer);
  for (let i = rng.int(0, 2); i > 0; i--) {
    seed.notes.push(
      buildNote(rng, { customerId: customer.id, day: addDays(asCustomerDay, rng.int(1, 300)) }),
    );
  }
  if (rng.chance(0.3)) seed.tasks.push(buildTask(ids, rng, { customerId: customer.id }, seed.asOf));
  if (rng.chance(0.25)) seed.files.push(buildFile(ids, rng, customer.id, asCustomerDay));
  return customer;
}

function seedPolicies(
  seed: AgencyZoomSeed,
  ids: IdSequence,
  customer: CustomerRecord,
  person: PersonSeed,
  rng: Rng,
): void {
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const productLineId =
      customer.bizCustomer === 1 && i === 0 ? PRODUCT_LINE.businessOwners : pickPersonalLine(rng);
    const expired = i > 0 && rng.chance(0.3);
    seed.policies.push(
      buildPolicy(ids, rng, customer, person, {
        productLineId,
        termMonths: termFor(productLineId, rng),
        expired,
        asOf: seed.asOf,
      }),
    );
  }
}

// ---- leads ----

function seedLead(
  seed: AgencyZoomSeed,
  ids: IdSequence,
  person: PersonSeed,
  rng: Rng,
  customer: CustomerRecord | null,
): void {
  const converted = customer !== null && rng.chance(0.5);
  let status: LeadStatus;
  let createDay: string;
  let pipeline = PIPELINES[0];
  if (converted) {
    status = LEAD_STATUS.WON;
    createDay = addDays(customer.asCustomerDate.slice(0, 10), -rng.int(5, 60));
  } else {
    status =
      customer !== null
        ? rng.pick([LEAD_STATUS.NEW, LEAD_STATUS.QUOTED, LEAD_STATUS.CONTACTED])
        : rng.pick([
            LEAD_STATUS.NEW,
            LEAD_STATUS.NEW,
            LEAD_STATUS.QUOTED,
            LEAD_STATUS.LOST,
            LEAD_STATUS.CONTACTED,
            LEAD_STATUS.EXPIRED,
          ]);
    createDay = addDays(seed.asOf, -rng.int(1, 700));
    if (customer !== null) pipeline = PIPELINES[1];
  }
  const lead = buildLead(ids, person, rng, {
    status,
    createDay,
    pipelineIndex: PIPELINES.indexOf(pipeline),
    asOf: seed.asOf,
  });
  if (converted) {
    lead.convertedHouseholdId = customer.id;
    lead.soldDate = customer.asCustomerDate.slice(0, 10);
  }
  seed.leads.push(lead);
  seedLeadProducts(seed, ids, rng, lead);
  for (let i = rng.int(0, 2); i > 0; i--) {
    seed.notes.push(buildNote(rng, { leadId: lead.id, day: addDays(createDay, rng.int(0, 30)) }));
  }
  if (rng.chance(0.35)) seed.tasks.push(buildTask(ids, rng, { leadId: lead.id }, seed.asOf));
}

function seedLeadProducts(seed: AgencyZoomSeed, ids: IdSequence, rng: Rng, lead: LeadRecord): void {
  if (lead.status === LEAD_STATUS.QUOTED || lead.status === LEAD_STATUS.WON) {
    const quotes = rng.int(1, 2);
    for (let i = 0; i < quotes; i++) {
      seed.quotes.push(
        buildProduct(ids, rng, lead, { sold: lead.status === LEAD_STATUS.WON && i === 0 }),
      );
    }
  }
  if (lead.status !== LEAD_STATUS.NEW && rng.chance(0.5)) {
    seed.opportunities.push(
      buildProduct(ids, rng, lead, { sold: lead.status === LEAD_STATUS.WON }),
    );
  }
}
