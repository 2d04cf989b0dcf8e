import type { Rng } from '../kit/random';
import type { PersonSeed } from '../population/generate';
import { dateUs, emailCaseVariant, nameCaseVariant, phoneVariant } from '../population/variants';
import { addDays, addMonths, isoToShortUsDate, isoToUsDate } from './dates';
import type { IdSequence } from './ids';
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

/**
 * Builders of single seeded AgencyZoom records. Each draws only from the generator it is given,
 * so a person's records depend on nothing but the population seed and `asOf`.
 */

/** Ids of the product lines in `reference-data.ts`, by name. */
export const PRODUCT_LINE = {
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

export interface PolicyPlan {
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

export function buildPolicy(
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

export function termFor(productLineId: number, rng: Rng): number {
  if (productLineId === PRODUCT_LINE.life) return 240;
  if (productLineId === PRODUCT_LINE.auto && rng.chance(0.4)) return 6;
  return 12;
}

export function pickPersonalLine(rng: Rng): number {
  const total = PERSONAL_LINE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.int(1, total);
  for (const [line, weight] of PERSONAL_LINE_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return line;
  }
  return PRODUCT_LINE.auto;
}

export interface LeadPlan {
  status: LeadStatus;
  createDay: string;
  pipelineIndex: number;
  asOf: string;
}

export function buildLead(
  ids: IdSequence,
  person: PersonSeed,
  rng: Rng,
  plan: LeadPlan,
): LeadRecord {
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

export function buildProduct(
  ids: IdSequence,
  rng: Rng,
  lead: LeadRecord,
  options: { sold: boolean; productLineId?: number; premium?: number; carrierId?: number },
): ProductRecord {
  const productLineId = options.productLineId ?? pickPersonalLine(rng);
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

export function buildNote(
  rng: Rng,
  at: { leadId?: number; customerId?: number; day: string },
): NoteRecord {
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

export function buildTask(
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

export function buildFile(ids: IdSequence, rng: Rng, customerId: number, day: string): FileRecord {
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

export function locationFor(person: PersonSeed): string {
  return person.address.state === 'TX' ? 'A0A0071' : 'A0A0070';
}

export function pickTags(rng: Rng): string[] {
  return pickTagIds(rng).map((id) => SEED_TAGS.find((t) => t.id === id)?.name ?? '');
}

export function pickTagIds(rng: Rng): number[] {
  const first = rng.pick(SEED_TAGS).id;
  const second = rng.pick(SEED_TAGS).id;
  return first === second ? [first] : [first, second].sort((a, b) => a - b);
}

/** `HH:mm:ss` during office hours. */
export function clockTime(rng: Rng): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(rng.int(8, 18))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}
