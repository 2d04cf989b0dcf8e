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
import {
  addDays,
  addMonths,
  agencyDate,
  isoToShortUsDate,
  isoToUsDate,
  startOfMonth,
} from './dates';
import { IdSequence } from './ids';
import {
  CARRIERS,
  CARRIERS_BY_PRODUCT_LINE,
  CSR_IDS,
  EMPLOYEES,
  employeeName,
  LEAD_SOURCES,
  LOSS_REASONS,
  PIPELINES,
  PRODUCER_IDS,
  SEED_TAGS,
} from './reference-data';
import type {
  CustomerRecord,
  FileRecord,
  LeadRecord,
  LeadStatus,
  NoteRecord,
  PolicyRecord,
  PolicyStatus,
  ProductRecord,
  TaskRecord,
} from './types';
import { LEAD_STATUS } from './types';

/** Everything the AgencyZoom sandbox starts with. */
export interface AgencyZoomSeed {
  /** The `yyyy-MM-dd` day the seeded dates are relative to. */
  asOf: string;
  customers: CustomerRecord[];
  leads: LeadRecord[];
  policies: PolicyRecord[];
  notes: NoteRecord[];
  tasks: TaskRecord[];
  files: FileRecord[];
  quotes: ProductRecord[];
  opportunities: ProductRecord[];
}

/**
 * The `asOf` day a sandbox started at `nowMs` seeds with: the first day of the agency's current
 * month. Seeded policies are in force (or expired) relative to it and stay so for at least the
 * rest of that month, and a restart within the month seeds the same bytes.
 */
export function seedAsOf(nowMs: number): string {
  return startOfMonth(agencyDate(nowMs));
}

const PRODUCT_LINE = {
  auto: 25,
  home: 26,
  renters: 27,
  umbrella: 28,
  life: 29,
  motorcycle: 30,
  boat: 31,
  businessOwners: 32,
} as const;

/** Personal lines drawn for seeded policies, with their weights. */
const PERSONAL_LINE_WEIGHTS: readonly [number, number][] = [
  [PRODUCT_LINE.auto, 40],
  [PRODUCT_LINE.home, 25],
  [PRODUCT_LINE.renters, 10],
  [PRODUCT_LINE.umbrella, 8],
  [PRODUCT_LINE.life, 10],
  [PRODUCT_LINE.motorcycle, 4],
  [PRODUCT_LINE.boat, 3],
];

/** Yearly premium range per product line, in cents. */
const YEARLY_PREMIUM_CENTS: Readonly<Record<number, readonly [number, number]>> = {
  25: [90_000, 240_000],
  26: [100_000, 320_000],
  27: [12_000, 30_000],
  28: [20_000, 60_000],
  29: [30_000, 180_000],
  30: [30_000, 90_000],
  31: [25_000, 80_000],
  32: [150_000, 600_000],
};

const NOTE_TEXTS: readonly [string, string][] = [
  ['Call', 'Left voicemail about renewal options.'],
  ['Call', 'Discussed raising liability limits; will send a proposal.'],
  ['Email', 'Sent ID cards and the declarations page.'],
  ['Meeting', 'Annual review: no changes in drivers or vehicles.'],
  ['Note', 'Prefers text messages after 5 pm.'],
];

const TASK_TITLES: readonly string[] = [
  'Follow up on quote',
  'Annual policy review',
  'Collect signed application',
  'Request prior declarations page',
];

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
      note(rng, { customerId: customer.id, day: addDays(asCustomerDay, rng.int(1, 300)) }),
    );
  }
  if (rng.chance(0.3)) seed.tasks.push(task(ids, rng, { customerId: customer.id }, seed.asOf));
  if (rng.chance(0.25)) seed.files.push(file(ids, rng, customer.id, asCustomerDay));
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
      customer.bizCustomer === 1 && i === 0 ? PRODUCT_LINE.businessOwners : weighted(rng);
    const expired = i > 0 && rng.chance(0.3);
    seed.policies.push(
      policy(ids, rng, customer, person, {
        productLineId,
        termMonths: termFor(productLineId, rng),
        expired,
        asOf: seed.asOf,
      }),
    );
  }
}

interface PolicyPlan {
  productLineId: number;
  termMonths: number;
  expired: boolean;
  asOf: string;
  carrierId?: number;
  /** Days between the policy's effective date and `asOf` (active) or its expiry and `asOf` (expired). */
  offsetDays?: number;
  status?: PolicyStatus;
  items?: number;
  tagNames?: string | null;
}

function policy(
  ids: IdSequence,
  rng: Rng,
  customer: CustomerRecord,
  person: PersonSeed,
  plan: PolicyPlan,
): PolicyRecord {
  const carrierId = plan.carrierId ?? rng.pick(CARRIERS_BY_PRODUCT_LINE[plan.productLineId]);
  const carrier = CARRIERS.find((c) => c.id === carrierId) ?? CARRIERS[0];
  let effectiveDate: string;
  let expiryDate: string;
  if (plan.expired) {
    expiryDate = addDays(plan.asOf, -(plan.offsetDays ?? rng.int(1, 700)));
    effectiveDate = addMonths(expiryDate, -plan.termMonths);
  } else {
    // In force on `asOf` and for at least 35 more days (the rest of the seed month).
    const termDays = Math.min(plan.termMonths * 30, 3650);
    effectiveDate = addDays(plan.asOf, -(plan.offsetDays ?? rng.int(0, termDays - 35)));
    expiryDate = addMonths(effectiveDate, plan.termMonths);
  }
  const [low, high] = YEARLY_PREMIUM_CENTS[plan.productLineId];
  const termShare = Math.min(plan.termMonths, 12) / 12;
  const status: PolicyStatus =
    plan.status ?? (plan.expired ? (rng.chance(0.3) ? 0 : 1) : rng.pick([1, 1, 10, 11] as const));
  const hasAms = customer.externalSystem !== null;
  return {
    id: ids.next('policy'),
    amsPolicyId: ids.next('amsPolicy'),
    customerId: customer.id,
    insuredName: `${person.firstName} ${person.lastName}`,
    carrierId,
    productLineId: plan.productLineId,
    policyNumber: `${carrier.standardCarrierCode.slice(0, 2)}${rng.int(10_000_000, 99_999_999)}`,
    premium: Math.round(rng.int(low, high) * termShare),
    brokerFee: rng.chance(0.2) ? rng.int(25, 150) * 100 : null,
    items: plan.items ?? (plan.productLineId === PRODUCT_LINE.auto ? rng.int(1, 3) : 1),
    soldDate: isoToUsDate(addDays(effectiveDate, -rng.int(0, 20))),
    effectiveDate,
    expiryDate,
    agentId: customer.agentId,
    csrId: customer.csrId,
    leadSourceId: customer.leadSourceId ?? LEAD_SOURCES[0].id,
    agencyNumber: customer.locationCode ?? 'A0A0070',
    departmentCode: 'PL',
    groupCode: null,
    priorCarrierName: null,
    priorPolicyNumber: null,
    priorExpiryDate: null,
    status,
    tagNames: plan.tagNames !== undefined ? plan.tagNames : rng.chance(0.2) ? 'Bundle' : null,
    externalSystem: hasAms ? 'AMS360' : null,
    externalId: hasAms ? `POL-${rng.int(1_000_000, 9_999_999)}` : null,
    meta: null,
    endorsements: [],
  };
}

function termFor(productLineId: number, rng: Rng): number {
  if (productLineId === PRODUCT_LINE.life) return 240;
  if (productLineId === PRODUCT_LINE.auto && rng.chance(0.4)) return 6;
  return 12;
}

function weighted(rng: Rng): number {
  const total = PERSONAL_LINE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.int(1, total);
  for (const [line, weight] of PERSONAL_LINE_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return line;
  }
  return PRODUCT_LINE.auto;
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
  const lead = baseLead(ids, person, rng, {
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
    seed.notes.push(note(rng, { leadId: lead.id, day: addDays(createDay, rng.int(0, 30)) }));
  }
  if (rng.chance(0.35)) seed.tasks.push(task(ids, rng, { leadId: lead.id }, seed.asOf));
}

interface LeadPlan {
  status: LeadStatus;
  createDay: string;
  pipelineIndex: number;
  asOf: string;
}

function baseLead(ids: IdSequence, person: PersonSeed, rng: Rng, plan: LeadPlan): LeadRecord {
  const pipeline = PIPELINES[plan.pipelineIndex];
  const stage =
    plan.status === LEAD_STATUS.NEW ? pipeline.stages[0] : rng.pick(pipeline.stages.slice(1));
  const enterStageDay = addDays(
    plan.createDay,
    plan.status === LEAD_STATUS.NEW ? 0 : rng.int(1, 20),
  );
  const lastActivityDay = addDays(enterStageDay, rng.int(0, 10));
  const touched = plan.status !== LEAD_STATUS.NEW;
  const quoted = plan.status === LEAD_STATUS.QUOTED || plan.status === LEAD_STATUS.WON;
  const useAltEmail = person.altEmail !== null && rng.chance(0.3);
  const fromPartner = rng.chance(0.2);
  return {
    id: ids.next('lead'),
    firstname: nameCaseVariant(person.firstName, rng),
    middlename: person.middleName !== null && rng.chance(0.3) ? person.middleName : null,
    lastname: nameCaseVariant(person.lastName, rng),
    nickname: null,
    email: emailCaseVariant(useAltEmail ? (person.altEmail as string) : person.email, rng),
    phone: phoneVariant(person.phone, rng),
    secondaryEmail: null,
    secondaryPhone:
      person.homePhone !== null && rng.chance(0.5) ? phoneVariant(person.homePhone, rng) : null,
    streetAddress: rng.chance(0.8) ? person.address.line1 : null,
    streetAddressLine2: null,
    city: person.address.city,
    state: person.address.state,
    country: rng.pick(['US', 'USA', 'United States']),
    zip: person.address.zip,
    comments: rng.chance(0.3) ? 'Shopping for a better rate at renewal.' : null,
    status: plan.status,
    createDate: plan.createDay,
    contactDate: touched ? addDays(plan.createDay, rng.int(0, 5)) : null,
    soldDate: null,
    xDate: plan.status === LEAD_STATUS.EXPIRED ? addDays(plan.asOf, rng.int(30, 200)) : null,
    quoteDate: quoted ? addDays(plan.createDay, rng.int(2, 15)) : null,
    leadSourceId: fromPartner ? 10705 : rng.pick(LEAD_SOURCES).id,
    assignedTo: rng.pick(PRODUCER_IDS),
    csrId: rng.chance(0.5) ? rng.pick(CSR_IDS) : null,
    creatorId: rng.pick(EMPLOYEES).id,
    assignmentGroupId: null,
    otherProducers: [],
    otherCsrs: [],
    workflowId: pipeline.id,
    workflowStageId: stage.id,
    locationCode: locationFor(person),
    departmentCode: 'PL',
    groupCode: 'SALES',
    lastActivityDate: `${lastActivityDay} ${clockTime(rng)}`,
    enterStageDate: `${enterStageDay} ${clockTime(rng)}`,
    tagIds: rng.chance(0.3) ? pickTagIds(rng) : [],
    convertedHouseholdId: null,
    nextExpirationDate: rng.chance(0.3)
      ? isoToShortUsDate(addDays(plan.asOf, rng.int(10, 300)))
      : null,
    externalSystem: fromPartner ? 'PartnerPortal' : null,
    externalId: fromPartner ? `PP-${rng.hex(10)}` : null,
    customFields: [],
    birthday: rng.chance(0.7)
      ? rng.chance(0.25)
        ? isoToShortUsDate(person.dateOfBirth)
        : dateUs(person.dateOfBirth)
      : null,
    maritalStatus: rng.chance(0.5) ? rng.pick([1, 2, 5]) : null,
    lossReasonId: plan.status === LEAD_STATUS.LOST ? rng.pick(LOSS_REASONS).id : null,
    xDateType: plan.status === LEAD_STATUS.EXPIRED ? 'X-Date' : null,
  };
}

function seedLeadProducts(seed: AgencyZoomSeed, ids: IdSequence, rng: Rng, lead: LeadRecord): void {
  if (lead.status === LEAD_STATUS.QUOTED || lead.status === LEAD_STATUS.WON) {
    const quotes = rng.int(1, 2);
    for (let i = 0; i < quotes; i++) {
      seed.quotes.push(
        product(ids, rng, lead, { sold: lead.status === LEAD_STATUS.WON && i === 0 }),
      );
    }
  }
  if (lead.status !== LEAD_STATUS.NEW && rng.chance(0.5)) {
    seed.opportunities.push(product(ids, rng, lead, { sold: lead.status === LEAD_STATUS.WON }));
  }
}

function product(
  ids: IdSequence,
  rng: Rng,
  lead: LeadRecord,
  options: { sold: boolean; productLineId?: number; premium?: number; carrierId?: number },
): ProductRecord {
  const productLineId = options.productLineId ?? weighted(rng);
  const [low, high] = YEARLY_PREMIUM_CENTS[productLineId];
  return {
    id: ids.next('product'),
    leadId: lead.id,
    carrierId: options.carrierId ?? rng.pick(CARRIERS_BY_PRODUCT_LINE[productLineId]),
    productLineId,
    status: options.sold ? 1 : 0,
    premium: options.premium ?? rng.int(low, high),
    items: 1,
    effectiveDate: lead.quoteDate ? addDays(lead.quoteDate, rng.int(7, 30)) : null,
    sold: options.sold,
  };
}

// ---- the showcase person ----

/**
 * Jordan Rivera: a customer since 2019 with four policies (auto, renters and term life in force,
 * an umbrella that lapsed), a converted lead from the first sale and an open cross-sell lead with
 * two quotes, an opportunity, notes and tasks.
 */
function seedShowcase(seed: AgencyZoomSeed, ids: IdSequence, person: PersonSeed, rng: Rng): void {
  const customer: CustomerRecord = {
    id: ids.next('customer'),
    bizCustomer: 0,
    businessName: null,
    firstname: person.firstName,
    middlename: person.middleName,
    lastname: person.lastName,
    email: person.email,
    phone: phoneNational(person.phone),
    secondaryEmail: null,
    secondaryPhone: person.homePhone !== null ? phoneNational(person.homePhone) : null,
    streetAddress: person.address.line1,
    city: person.address.city,
    state: person.address.state,
    country: 'US',
    zip: person.address.zip,
    createDate: '2019-03-04 09:41:17',
    asCustomerDate: '2019-03-18 14:05:52',
    birthday: dateUs(person.dateOfBirth),
    agentId: 6818,
    csrId: 6821,
    leadSourceId: 10703,
    locationCode: 'A0A0070',
    tagNames: 'VIP;Bundle',
    customFields: [
      { fieldName: 'cf1', value: 'Evening' },
      { fieldName: 'cf2', value: isoToUsDate(addDays(seed.asOf, 45)) },
    ],
    contactFirstname: null,
    contactLastname: null,
    contactMiddlename: null,
    numberOfEmployees: null,
    annualRevenue: null,
    totalPayroll: null,
    externalSystem: 'AMS360',
    externalId: 'AMS-204518',
  };
  seed.customers.push(customer);
  const asOf = seed.asOf;
  seed.policies.push(
    policy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.auto,
      carrierId: 91,
      termMonths: 6,
      expired: false,
      asOf,
      offsetDays: 40,
      status: 11,
      items: 2,
      tagNames: 'Bundle',
    }),
    policy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.renters,
      carrierId: 92,
      termMonths: 12,
      expired: false,
      asOf,
      offsetDays: 150,
      status: 11,
      tagNames: 'Bundle',
    }),
    policy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.life,
      carrierId: 94,
      termMonths: 240,
      expired: false,
      asOf,
      offsetDays: 1400,
      status: 1,
      tagNames: null,
    }),
    policy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 95,
      termMonths: 12,
      expired: true,
      asOf,
      offsetDays: 120,
      status: 0,
      tagNames: null,
    }),
  );
  seed.notes.push(
    {
      leadId: null,
      customerId: customer.id,
      type: 'Meeting',
      createDate: `${addDays(asOf, -40)} 10:30:00`,
      createdBy: 'Morgan Blake',
      title: 'Auto renewal',
      body: 'Renewed auto with Harborline; added second vehicle.\nAsked about umbrella again.',
    },
    {
      leadId: null,
      customerId: customer.id,
      type: 'Email',
      createDate: `${addDays(asOf, -120)} 16:02:44`,
      createdBy: 'Dana Whitfield',
      title: 'Umbrella cancelled',
      body: 'Umbrella policy cancelled for non-payment; customer wants a new quote.',
    },
  );
  seed.tasks.push(
    task(ids, rng, { customerId: customer.id, title: 'Annual policy review' }, asOf),
    task(ids, rng, { customerId: customer.id, title: 'Send renters ID card', done: true }, asOf),
  );
  seed.files.push(file(ids, rng, customer.id, '2019-03-18'));

  const won = baseLead(ids, person, rng, {
    status: LEAD_STATUS.WON,
    createDay: '2019-02-20',
    pipelineIndex: 0,
    asOf,
  });
  Object.assign(won, {
    firstname: 'Jordan',
    lastname: 'Rivera',
    email: 'Jordan.Rivera@Example.com',
    phone: '617-555-0142',
    convertedHouseholdId: customer.id,
    soldDate: '2019-03-18',
    birthday: dateUs(person.dateOfBirth),
    leadSourceId: 10703,
    externalSystem: null,
    externalId: null,
  });
  seed.leads.push(won);
  seed.quotes.push(
    product(ids, rng, won, { sold: true, productLineId: PRODUCT_LINE.auto, carrierId: 91 }),
  );

  const crossSell = baseLead(ids, person, rng, {
    status: LEAD_STATUS.QUOTED,
    createDay: addDays(asOf, -30),
    pipelineIndex: 1,
    asOf,
  });
  Object.assign(crossSell, {
    firstname: 'JORDAN',
    middlename: person.middleName,
    lastname: 'RIVERA',
    email: person.email,
    phone: '(617) 555-0142',
    secondaryPhone: '6175550199',
    comments: 'Wants umbrella back after the cancellation; compare two carriers.',
    workflowStageId: 23,
    tagIds: [1, 2],
    birthday: isoToShortUsDate(person.dateOfBirth),
    maritalStatus: 1,
    nickname: 'Jo',
    assignedTo: 6818,
    csrId: 6821,
    otherProducers: [6819],
    customFields: [{ fieldName: 'cf1', value: 'Evening' }],
    leadSourceId: 10704,
    externalSystem: null,
    externalId: null,
  });
  seed.leads.push(crossSell);
  seed.quotes.push(
    product(ids, rng, crossSell, {
      sold: false,
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 95,
      premium: 38_500,
    }),
    product(ids, rng, crossSell, {
      sold: false,
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 92,
      premium: 41_200,
    }),
  );
  seed.opportunities.push(
    product(ids, rng, crossSell, {
      sold: false,
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 95,
      premium: 38_500,
    }),
  );
  seed.notes.push({
    leadId: crossSell.id,
    customerId: null,
    type: 'Call',
    createDate: `${addDays(asOf, -28)} 11:15:09`,
    createdBy: 'Morgan Blake',
    title: 'Umbrella quotes',
    body: 'Quoted $1M umbrella with Summit and Granite Shield.',
  });
  seed.tasks.push(task(ids, rng, { leadId: crossSell.id, title: 'Follow up on quote' }, asOf));
}

// ---- small records ----

function note(rng: Rng, at: { leadId?: number; customerId?: number; day: string }): NoteRecord {
  const [type, body] = rng.pick(NOTE_TEXTS);
  return {
    leadId: at.leadId ?? null,
    customerId: at.customerId ?? null,
    type,
    createDate: `${at.day} ${clockTime(rng)}`,
    createdBy: employeeName(rng.pick(EMPLOYEES).id),
    title: type === 'Note' ? 'Preference' : `${type} log`,
    body,
  };
}

function task(
  ids: IdSequence,
  rng: Rng,
  at: { leadId?: number; customerId?: number; title?: string; done?: boolean },
  asOf: string,
): TaskRecord {
  const createDate = addDays(asOf, -rng.int(1, 60));
  const done = at.done ?? rng.chance(0.4);
  return {
    id: ids.next('task'),
    leadId: at.leadId ?? null,
    customerId: at.customerId ?? null,
    title: at.title ?? rng.pick(TASK_TITLES),
    status: done ? 1 : 0,
    createDate,
    dueDate: addDays(createDate, rng.int(1, 30)),
    completeDate: done ? addDays(createDate, rng.int(1, 10)) : null,
    duration: rng.pick([15, 30, 60]),
    comments: 'Created by the agency workflow.',
    assigneeId: rng.pick(PRODUCER_IDS),
    timeSpecific: rng.chance(0.3),
  };
}

function file(ids: IdSequence, rng: Rng, customerId: number, day: string): FileRecord {
  const title = rng.pick(['Declarations page.pdf', 'Signed application.pdf', 'Driver license.jpg']);
  return {
    id: ids.next('file'),
    customerId,
    title,
    mediaType: title.endsWith('.jpg') ? 'image/jpeg' : 'application/pdf',
    comments: '',
    size: rng.int(40_000, 900_000),
    createDate: day,
    createdBy: employeeName(rng.pick(EMPLOYEES).id),
  };
}

function locationFor(person: PersonSeed): string {
  return person.address.state === 'TX' ? 'A0A0071' : 'A0A0070';
}

function pickTags(rng: Rng): string[] {
  return pickTagIds(rng).map((id) => SEED_TAGS.find((t) => t.id === id)?.name ?? '');
}

function pickTagIds(rng: Rng): number[] {
  const first = rng.pick(SEED_TAGS).id;
  const second = rng.pick(SEED_TAGS).id;
  return first === second ? [first] : [first, second].sort((a, b) => a - b);
}

/** `HH:mm:ss` during office hours. */
function clockTime(rng: Rng): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(rng.int(8, 18))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}
