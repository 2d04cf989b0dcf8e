import type { Rng } from '../kit/random';
import type { PersonSeed, Population } from '../population/generate';
import { peopleIn, vendorRng } from '../population/generate';
import {
  emailCaseVariant,
  nameCaseVariant,
  phoneNational,
  phoneVariant,
  ssnAsInteger,
} from '../population/variants';
import { ALL_PERMISSIONS, READ_PERMISSIONS } from './permissions';
import { addDays, buildTradeline, drawStatus, money } from './seed-tradelines';
import type { Tradeline, TradelinePlan } from './seed-tradelines';
import { BUREAUS, BUREAU_CODES } from './types';
import type {
  Bureau,
  ClientRecord,
  CorrespondenceRecord,
  CreditProsSeed,
  InternalReportRecord,
  MasterSchemaContentItem,
  MasterSchemaRecord,
  NegativeItemRecord,
  NegativeItemStatus,
  SegmentRecord,
  StaffUserRecord,
  UserShortRecord,
} from './types';

/**
 * Population -> Credit Pros records. Pure and deterministic: the same population gives the same
 * records, ids included, because every draw comes from `vendorRng(population, 'creditPros', i)`
 * and ids are handed out in population order.
 */

/** First client id; clients get consecutive ids in population order. */
export const FIRST_CLIENT_ID = 1001;
const FIRST_REPORT_ID = 30001;
const FIRST_MASTER_SCHEMA_ID = 1;
const FIRST_NEGATIVE_ITEM_ID = 50001;
const FIRST_CORRESPONDENCE_ID = 9001;
const FIRST_ATTACHMENT_ID = 77001;
/** `report_id` is `RPT_` + this offset + the master-schema id. */
const REPORT_NUMBER_OFFSET = 200000;

/** Password of every seeded staff user (the doc states no credentials; sandbox choice). */
export const STAFF_PASSWORD = 'sandbox';

const STAFF_CREATED_AT = '2023-01-09T15:00:00Z';

const ADMIN_ROLE = {
  id: 'admin',
  name: 'Administrator',
  permissions: ALL_PERMISSIONS.map((name) => ({ name })),
};

const AUDITOR_ROLE = {
  id: 'auditor',
  name: 'Compliance Auditor',
  permissions: READ_PERMISSIONS.map((name) => ({ name })),
};

/** Staff who can log in: a full agent, a read-only auditor (403 on writes), a disabled account. */
export const STAFF_USERS: readonly StaffUserRecord[] = [
  staffUser(1, 'Dana', 'Whitfield', false, ADMIN_ROLE),
  staffUser(2, 'Marcus', 'Lee', false, AUDITOR_ROLE),
  staffUser(3, 'Priya', 'Shah', true, ADMIN_ROLE),
];

function staffUser(
  id: number,
  firstName: string,
  lastName: string,
  isDisabled: boolean,
  role: StaffUserRecord['roles'][number],
): StaffUserRecord {
  return {
    id,
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    first_name: firstName,
    last_name: lastName,
    password: STAFF_PASSWORD,
    is_disabled: isDisabled,
    roles: [role],
    created_at: STAFF_CREATED_AT,
    updated_at: STAFF_CREATED_AT,
  };
}

function userShort(user: StaffUserRecord): UserShortRecord {
  return {
    created_at: user.created_at,
    email: user.email,
    first_name: user.first_name,
    id: user.id,
    is_disabled: user.is_disabled,
    last_name: user.last_name,
  };
}

const SEGMENT_CREATED_AT = '2023-02-01T09:00:00Z';

/** Segment ids the seeder assigns clients to. */
const SEGMENT = { onboarding: 1, activeDisputes: 2, repairComplete: 3, legacy: 4 } as const;

const SEGMENTS: readonly SegmentRecord[] = [
  segment(SEGMENT.onboarding, 'Onboarding', 'Enrolled clients with no dispute under way', {
    combinator: 'AND',
    not: 0,
    rules: [{ field: 'Status__c', operator: '=', value: 'Onboarding' }],
  }),
  segment(SEGMENT.activeDisputes, 'Active disputes', 'Clients with an item in dispute', {
    combinator: 'AND',
    not: 0,
    relation: 'negativeItems',
    count_repeat: 1,
    rules: [{ field: 'status', operator: '=', value: 'in_progress' }],
  }),
  segment(SEGMENT.repairComplete, 'Repair complete', 'Every item repaired', {
    combinator: 'AND',
    not: 1,
    relation: 'negativeItems',
    rules: [{ field: 'status', operator: '!=', value: 'repaired' }],
  }),
  segment(SEGMENT.legacy, 'Legacy Salesforce clients', null, {
    combinator: 'AND',
    not: 0,
    rules: [{ field: 'joint_customer_sf_id', operator: 'notNull', value: '' }],
  }),
];

function segment(
  id: number,
  name: string,
  description: string | null,
  conditions: SegmentRecord['conditions'],
): SegmentRecord {
  return {
    id,
    name,
    description,
    type: 'client',
    conditions,
    is_active: true,
    is_archive: false,
    usage_count: id === SEGMENT.legacy ? 0 : 2,
    created_at: SEGMENT_CREATED_AT,
    updated_at: SEGMENT_CREATED_AT,
  };
}

/** Fictional (555) fax lines of the bureaus' dispute departments. */
const BUREAU_FAX: Record<Bureau, { fax: string; recipient: string }> = {
  equifax: { fax: '(404) 555-0170', recipient: 'Equifax Information Services LLC' },
  experian: { fax: '(972) 555-0180', recipient: 'Experian Dispute Department' },
  transunion: { fax: '(610) 555-0190', recipient: 'TransUnion Consumer Solutions' },
};

/** One tradeline to place on a client's reports. */
interface PlacedTradeline {
  plan: TradelinePlan;
  bureaus: readonly Bureau[];
  /** Taken from the older pull only (gone from the latest report). */
  olderOnly: boolean;
  /** Fixed dispute state; drawn per item when absent. */
  status?: NegativeItemStatus;
}

/** What a client's credit file looks like; the showcase person has a fixed one. */
interface CreditFilePlan {
  bureaus: readonly Bureau[];
  /** ISO date of the latest pull. */
  latestDate: string;
  /** ISO date of an earlier pull, or null. */
  olderDate: string | null;
  tradelines: PlacedTradeline[];
  /** Bureaus whose latest master schema carries a score item in its content. */
  scoredBureaus: readonly Bureau[];
}

const SHOWCASE_FILE: CreditFilePlan = {
  bureaus: BUREAUS,
  latestDate: '2025-03-14',
  olderDate: '2024-09-16',
  tradelines: [
    {
      plan: { kind: 'charge_off', creditor: 'CAPITAL ONE BANK USA NA' },
      bureaus: BUREAUS,
      olderOnly: false,
      status: 'in_progress',
    },
    {
      plan: { kind: 'collection', creditor: 'MIDLAND CREDIT MANAGEMENT' },
      bureaus: ['equifax', 'transunion'],
      olderOnly: false,
      status: 'new',
    },
    {
      plan: { kind: 'late', creditor: 'NAVIENT', accountType: 'Student Loan' },
      bureaus: ['experian'],
      olderOnly: false,
      status: 'not_processed',
    },
    {
      plan: { kind: 'collection', creditor: 'CONVERGENT OUTSOURCING', accountType: 'Medical' },
      bureaus: ['transunion'],
      olderOnly: false,
      status: 'in_progress',
    },
    {
      plan: { kind: 'collection', creditor: 'PORTFOLIO RECOVERY ASSOCIATES' },
      bureaus: ['equifax'],
      olderOnly: true,
      status: 'repaired',
    },
  ],
  scoredBureaus: ['equifax'],
};

function drawCreditFile(rng: Rng): CreditFilePlan {
  const latestDate = rng.date('2024-10-01', '2025-05-30');
  if (rng.chance(0.1)) {
    // Enrolled, but no report pulled yet.
    return { bureaus: [], latestDate, olderDate: null, tradelines: [], scoredBureaus: [] };
  }
  const roll = rng.next();
  const count = roll < 0.7 ? 3 : roll < 0.9 ? 2 : 1;
  const chosen = rng.shuffle(BUREAUS).slice(0, count);
  const bureaus = BUREAUS.filter((bureau) => chosen.includes(bureau));
  const olderDate = rng.chance(0.25) ? addDays(latestDate, -rng.int(60, 200)) : null;
  const tradelines: PlacedTradeline[] = [];
  for (let n = rng.int(0, 4); n > 0; n--) {
    const kindRoll = rng.next();
    const kind = kindRoll < 0.4 ? 'collection' : kindRoll < 0.75 ? 'charge_off' : 'late';
    const on = bureaus.filter(() => rng.chance(0.7));
    tradelines.push({
      plan: { kind },
      bureaus: on.length > 0 ? on : [rng.pick(bureaus)],
      olderOnly: olderDate !== null && rng.chance(0.2),
    });
  }
  return {
    bureaus,
    latestDate,
    olderDate,
    tradelines,
    scoredBureaus: bureaus.filter(() => rng.chance(0.15)),
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An 18-character Salesforce Contact id (`003` prefix). */
function salesforceContactId(rng: Rng): string {
  let id = '003';
  while (id.length < 18) id += ALPHANUMERIC[rng.int(0, ALPHANUMERIC.length - 1)];
  return id;
}

function timeOfDay(rng: Rng): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(rng.int(8, 19))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}

/** ISO date-time in the vendor's `2019-08-24T14:15:22Z` form. */
function isoAt(date: string, rng: Rng): string {
  return `${date}T${timeOfDay(rng)}Z`;
}

function buildClient(person: PersonSeed, id: number, rng: Rng): ClientRecord {
  const showcase = person.index === 0;
  const usesAltEmail = person.altEmail !== null && rng.chance(0.5);
  const loginEmail = usesAltEmail && person.altEmail ? person.altEmail : person.email;
  const legacy = !showcase && rng.chance(0.12);
  const createdAt = isoAt(rng.date('2021-01-04', '2024-08-30'), rng);
  return {
    id,
    client_key: rng.chance(0.92) ? `CK_${id}${rng.hex(4).toUpperCase()}` : null,
    // The showcase person shows the quirks on purpose: mixed-case email, dotted phone, upper-case surname.
    email: showcase ? 'Jordan.Rivera@Example.com' : emailCaseVariant(loginEmail, rng),
    mobile_phone: showcase ? '617.555.0142' : phoneVariant(person.phone, rng),
    salesforce_id: rng.int(100_000_000, 999_999_999),
    joint_customer_sf_id: legacy ? salesforceContactId(rng) : null,
    ssn: ssnAsInteger(person.ssn),
    attributes: {
      Id: salesforceContactId(rng),
      FirstName: showcase ? person.firstName : nameCaseVariant(person.firstName, rng),
      MiddleName: person.middleName === null ? null : nameCaseVariant(person.middleName, rng),
      LastName: showcase ? person.lastName.toUpperCase() : nameCaseVariant(person.lastName, rng),
      Email: showcase ? person.email : emailCaseVariant(person.email, rng),
      MobilePhone: phoneVariant(person.phone, rng),
      Phone: showcase || rng.chance(0.5) ? phoneNational(person.phone) : null,
      HomePhone: person.homePhone === null ? null : phoneVariant(person.homePhone, rng),
      // (inferred) Salesforce date fields travel as ISO dates.
      D_O_B__c: person.dateOfBirth,
      MailingStreet: person.address.line1,
      MailingCity: person.address.city,
      MailingState: person.address.state,
      // An integer in the vendor's schema: `02108` arrives as 2108.
      MailingPostalCode: Number.parseInt(person.address.zip, 10),
      OtherStreet: null,
      OtherCity: null,
      OtherCountry: null,
      OtherPostalCode: null,
    },
    segment_id: legacy ? SEGMENT.legacy : SEGMENT.onboarding,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

interface IdCounters {
  client: number;
  report: number;
  masterSchema: number;
  negativeItem: number;
  correspondence: number;
  attachment: number;
}

function correspondenceFor(
  item: { id: number; client_id: number },
  bureau: Bureau,
  status: NegativeItemStatus,
  sentOn: string,
  ids: IdCounters,
  rng: Rng,
): CorrespondenceRecord[] {
  const rounds = status === 'in_progress' ? rng.int(1, 2) : status === 'repaired' ? 1 : 0;
  const letters: CorrespondenceRecord[] = [];
  for (let round = 1; round <= rounds; round++) {
    const attachmentId = ids.attachment++;
    const createdAt = isoAt(addDays(sentOn, (round - 1) * 35), rng);
    letters.push({
      attachments: [
        {
          caption: `Dispute letter round ${round}`,
          created_at: createdAt,
          extension: 'pdf',
          id: attachmentId,
          size: rng.int(40_000, 180_000),
          type: 'dispute_letter',
          url: `https://files.example.com/attachments/${attachmentId}.pdf`,
        },
      ],
      attributes: [
        { name: 'fax_number', value: BUREAU_FAX[bureau].fax },
        { name: 'recipient', value: BUREAU_FAX[bureau].recipient },
      ],
      client_id: item.client_id,
      id: ids.correspondence++,
      negative_item_id: item.id,
      run_by: userShort(STAFF_USERS[0]),
      type: 'fax',
    });
  }
  return letters;
}

function buildNegativeItem(
  tradeline: Tradeline,
  client: ClientRecord,
  report: InternalReportRecord,
  schema: MasterSchemaRecord,
  status: NegativeItemStatus,
  ids: IdCounters,
  rng: Rng,
): NegativeItemRecord {
  const id = ids.negativeItem++;
  const disputed = status === 'in_progress' || status === 'repaired';
  const adverseDate =
    tradeline.charge_off_date ?? tradeline.collection_date ?? tradeline.last_activity_date;
  const pastDue =
    tradeline.kind === 'late'
      ? tradeline.monthlyPayment * (tradeline.late.d30 > 1 ? 2 : 1)
      : tradeline.balance;
  return {
    id,
    client_id: client.id,
    account_name: tradeline.account_name,
    account_number: tradeline.account_number,
    account_ownership_type: tradeline.account_ownership_type,
    account_paid_date: null,
    account_status: tradeline.account_status,
    account_type: tradeline.account_type,
    bureau_tradeline_id: `${BUREAU_CODES[schema.bureau].code}-${rng.hex(10).toUpperCase()}`,
    charge_off_date: tradeline.charge_off_date,
    client_key: client.client_key,
    close_date: tradeline.close_date,
    collection_date: tradeline.collection_date,
    correspondence: correspondenceFor(
      { id, client_id: client.id },
      schema.bureau,
      status,
      addDays(schema.report_date, 7),
      ids,
      rng,
    ),
    credit_balance: money(tradeline.balance),
    credit_limit: tradeline.creditLimit === null ? null : money(tradeline.creditLimit),
    credit_loan_type: tradeline.credit_loan_type,
    credit_report_id: report.id,
    current_rateing_code: tradeline.rating.code,
    current_rating_type: tradeline.rating.type,
    high_balance_amount: money(Math.max(tradeline.balance, tradeline.originalBalance)),
    high_credit_amount: money(tradeline.creditLimit ?? tradeline.originalBalance),
    highest_adverse_rating_code: tradeline.rating.code,
    highest_adverse_rating_type: tradeline.rating.type,
    internal_client_key: `CLIENT_${client.id}`,
    is_charge_off: tradeline.kind === 'charge_off',
    is_closed: tradeline.is_closed,
    is_collection: tradeline.kind === 'collection',
    is_disputed: disputed,
    is_mortgage: false,
    is_negative: status !== 'repaired',
    is_revolving: tradeline.is_revolving,
    is_secure_loan: tradeline.is_secure_loan,
    last_activity_date: tradeline.last_activity_date,
    last_payment_date: tradeline.last_payment_date,
    late_count_30_days: tradeline.late.d30,
    late_count_60_days: tradeline.late.d60,
    late_count_90_days: tradeline.late.d90,
    loan_type: tradeline.loan_type,
    metadata: {
      created_by: STAFF_USERS[0].id,
      not_dispute: status === 'not_processed' && rng.chance(0.5),
      status,
      updated_by: STAFF_USERS[0].id,
    },
    modified_date: `${schema.report_date} ${timeOfDay(rng)}`,
    monthly_payment: money(tradeline.monthlyPayment),
    months_viewed: rng.int(12, 99),
    most_recent_adverse_rating_code: tradeline.rating.code,
    most_recent_adverse_rating_date: adverseDate,
    most_recent_adverse_rating_type: tradeline.rating.type,
    opened_date: tradeline.opened_date,
    original_balance_amount: money(tradeline.originalBalance),
    past_due_amount: money(pastDue),
    report_id: schema.report_id,
    reported_date: addDays(schema.report_date, -rng.int(1, 20)),
    terms_desc: tradeline.terms_desc,
    terms_month: tradeline.terms_month,
    unpaid_balance_amount: money(tradeline.balance),
    vendor_tradeline_id: rng.uuid(),
  };
}

function masterSchema(
  client: ClientRecord,
  bureau: Bureau,
  reportDate: string,
  ids: IdCounters,
  rng: Rng,
): MasterSchemaRecord {
  const id = ids.masterSchema++;
  return {
    id,
    client_id: client.id,
    bureau,
    report_id: `RPT_${REPORT_NUMBER_OFFSET + id}`,
    report_date: reportDate,
    modified_date: isoAt(addDays(reportDate, rng.int(0, 2)), rng),
    available_file_types: ['master_schema', 'negative_items'],
    content: { items: [], schema: 'data' },
  };
}

/** One tradeline in a master schema's (undocumented) content, as the sandbox shapes it. */
function contentItem(tradeline: Tradeline, isNegative: boolean): MasterSchemaContentItem {
  return {
    section: 'tradeline',
    account_name: tradeline.account_name,
    account_type: tradeline.account_type,
    account_status: tradeline.account_status,
    balance: money(tradeline.balance),
    opened_date: tradeline.opened_date,
    is_negative: isNegative,
  };
}

function seedCreditFile(
  client: ClientRecord,
  person: PersonSeed,
  plan: CreditFilePlan,
  ids: IdCounters,
  rng: Rng,
  out: CreditProsSeed,
): void {
  const reports = new Map<Bureau, InternalReportRecord>();
  const latest = new Map<Bureau, MasterSchemaRecord>();
  const older = new Map<Bureau, MasterSchemaRecord>();
  for (const bureau of plan.bureaus) {
    const firstPull = plan.olderDate ?? plan.latestDate;
    reports.set(bureau, {
      id: ids.report++,
      client_id: client.id,
      bureau,
      created_at: isoAt(firstPull, rng),
      updated_at: isoAt(plan.latestDate, rng),
    });
  }
  if (plan.olderDate !== null) {
    for (const bureau of plan.bureaus) {
      older.set(bureau, masterSchema(client, bureau, plan.olderDate, ids, rng));
    }
  }
  for (const bureau of plan.bureaus) {
    const schema = masterSchema(client, bureau, plan.latestDate, ids, rng);
    if (plan.scoredBureaus.includes(bureau)) {
      const value = Math.min(850, Math.max(300, person.financial.fico + rng.int(-12, 12)));
      schema.content.items.push({
        section: 'score',
        model: 'VantageScore 3.0',
        value: person.index === 0 ? person.financial.fico : value,
      });
    }
    latest.set(bureau, schema);
  }

  for (const placed of plan.tradelines) {
    const schemas = placed.olderOnly ? older : latest;
    const asOf = placed.olderOnly && plan.olderDate ? plan.olderDate : plan.latestDate;
    const tradeline = buildTradeline(placed.plan, asOf, rng);
    for (const bureau of placed.bureaus) {
      const schema = schemas.get(bureau);
      const report = reports.get(bureau);
      if (!schema || !report) continue;
      const status = placed.status ?? drawStatus(rng);
      schema.content.items.push(contentItem(tradeline, status !== 'repaired'));
      out.negativeItems.push(
        buildNegativeItem(tradeline, client, report, schema, status, ids, rng),
      );
    }
  }

  out.reports.push(...reports.values());
  out.masterSchemas.push(...older.values(), ...latest.values());
  if (plan.bureaus.length > 0) client.updated_at = isoAt(plan.latestDate, rng);
}

/** The segment a client falls in once its negative items are known. */
function segmentFor(client: ClientRecord, items: readonly NegativeItemRecord[]): number {
  if (client.segment_id === SEGMENT.legacy) return SEGMENT.legacy;
  if (items.some((item) => item.metadata.status === 'in_progress')) return SEGMENT.activeDisputes;
  if (items.length > 0 && items.every((item) => item.metadata.status === 'repaired')) {
    return SEGMENT.repairComplete;
  }
  return SEGMENT.onboarding;
}

/**
 * Seeds The Credit Pros from a population: one client per person held by `creditPros`, with
 * internal reports, master schemas (one per bureau per pull) and negative items.
 */
export function seedCreditPros(population: Population): CreditProsSeed {
  const out: CreditProsSeed = {
    segments: SEGMENTS.map((s) => structuredClone(s)),
    clients: [],
    reports: [],
    masterSchemas: [],
    negativeItems: [],
    staffUsers: STAFF_USERS.map((u) => structuredClone(u)),
  };
  const ids: IdCounters = {
    client: FIRST_CLIENT_ID,
    report: FIRST_REPORT_ID,
    masterSchema: FIRST_MASTER_SCHEMA_ID,
    negativeItem: FIRST_NEGATIVE_ITEM_ID,
    correspondence: FIRST_CORRESPONDENCE_ID,
    attachment: FIRST_ATTACHMENT_ID,
  };
  for (const person of peopleIn(population, 'creditPros')) {
    const rng = vendorRng(population, 'creditPros', person.index);
    const client = buildClient(person, ids.client++, rng);
    const plan = person.index === 0 ? SHOWCASE_FILE : drawCreditFile(rng);
    const firstItem = out.negativeItems.length;
    seedCreditFile(client, person, plan, ids, rng, out);
    client.segment_id = segmentFor(client, out.negativeItems.slice(firstItem));
    out.clients.push(client);
  }
  return out;
}
