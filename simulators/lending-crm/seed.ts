import { Rng } from '../kit/random';
import { peopleIn, showcasePerson, vendorRng } from '../population/generate';
import type { PersonSeed, Population } from '../population/generate';
import {
  emailCaseVariant,
  nameCaseVariant,
  phoneNational,
  phoneVariant,
} from '../population/variants';
import type { Client } from './types';

/**
 * Pure, deterministic conversion of the shared population into lending CRM Clients: one Client
 * per person held by `lendingCrm`, in population order, with the formatting a CRM fed by loan
 * officers really holds (email and name casing, free-form phones, missing values). The same
 * population always gives the same records, byte for byte.
 *
 * Money: `totalIncome` is the person's gross income per month (annual / 12, rounded to cents) and
 * `totalDebtPayments` their debt payments per month, so `totalDebtPayments / totalIncome` is the
 * mortgage debt-to-income ratio. The vendor does not state the period; monthly is the sandbox's
 * choice (inferred).
 */

/** Seed records are dated up to this instant, never from the wall clock. */
const SEED_NOW_MS = Date.parse('2025-06-30T00:00:00Z');
const DAY_MS = 86_400_000;

const LOAN_OFFICER_COUNT = 6;
const REFERRAL_PARTNER_COUNT = 4;

/** Lead sources as loan officers type them; null when nobody recorded one. */
const SOURCES = [
  'Website',
  'Referral',
  'Zillow',
  'Realtor Referral',
  'Open House',
  'Facebook',
  'Past Client',
  null,
] as const;

/** The CRM users and referral partners the seeded clients point at. */
export interface LendingCrmDirectory {
  /** uuids of loan officers, used as `ownerId`. */
  loanOfficerIds: string[];
  /** uuids of referral partners (realtors, builders), used as `referredById`. */
  referralPartnerIds: string[];
}

export function lendingCrmDirectory(population: Population): LendingCrmDirectory {
  const rng = new Rng(`${population.seed}:lendingCrm:directory`);
  return {
    loanOfficerIds: Array.from({ length: LOAN_OFFICER_COUNT }, () => rng.uuid()),
    referralPartnerIds: Array.from({ length: REFERRAL_PARTNER_COUNT }, () => rng.uuid()),
  };
}

/** Hands out 555 numbers no person in the population uses, so a work line never joins two people. */
class UnusedPhones {
  private readonly used = new Set<string>();

  constructor(population: Population) {
    for (const person of population.people) {
      this.used.add(person.phone);
      if (person.homePhone) this.used.add(person.homePhone);
    }
  }

  /** An unused E.164 number in the area code of `e164`, lines tried in `rng` order. */
  near(e164: string, rng: Rng): string {
    const areaCode = e164.slice(2, 5);
    for (;;) {
      const phone = `+1${areaCode}555${String(rng.int(100, 9999)).padStart(4, '0')}`;
      if (this.take(phone)) return phone;
    }
  }

  /** The lowest unused line from 555-0100 up in the area code of `e164`. */
  lowest(e164: string): string {
    const areaCode = e164.slice(2, 5);
    for (let line = 100; ; line++) {
      const phone = `+1${areaCode}555${String(line).padStart(4, '0')}`;
      if (this.take(phone)) return phone;
    }
  }

  private take(phone: string): boolean {
    if (this.used.has(phone)) return false;
    this.used.add(phone);
    return true;
  }
}

/** The showcase person's id in the lender's loan origination system. */
const SHOWCASE_EXTERNAL_ID = 'LOS-100042';

/** Loan-origination-system ids (`LOS-123456`), unique within one seeding. */
class ExternalIds {
  private readonly used = new Set<string>([SHOWCASE_EXTERNAL_ID]);

  next(rng: Rng): string {
    for (;;) {
      const id = `LOS-${rng.int(100_000, 999_999)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

const roundCents = (amount: number): number => Math.round(amount * 100) / 100;

/** A UTC instant `rng` picks between two ISO dates, with a time of day and milliseconds. */
function instantBetween(rng: Rng, fromIso: string, toIso: string): number {
  const day = Date.parse(`${rng.date(fromIso, toIso)}T00:00:00Z`);
  return day + rng.int(0, DAY_MS - 1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The showcase person (Jordan Rivera): every property filled, values fixed for the README. */
function showcaseClient(
  id: string,
  person: PersonSeed,
  rng: Rng,
  directory: LendingCrmDirectory,
  phones: UnusedPhones,
): Client {
  return {
    externalId: SHOWCASE_EXTERNAL_ID,
    source: 'Realtor Referral',
    ownerId: directory.loanOfficerIds[0],
    referredById: directory.referralPartnerIds[0],
    email: 'Jordan.Rivera@Example.com',
    homePhone: person.homePhone ? phoneVariant(person.homePhone, rng) : null,
    workPhone: `${phoneNational(phones.lowest(person.phone))} ext. 204`,
    mobilePhone: phoneNational(person.phone),
    fax: phoneNational(phones.lowest(person.phone)),
    isSilenced: false,
    isArchived: false,
    createdOn: '2023-03-14T15:09:26.535Z',
    updatedOn: '2025-05-02T10:41:07.120Z',
    fico: person.financial.fico,
    totalIncome: roundCents(person.financial.annualIncome / 12),
    totalDebtPayments: person.financial.monthlyDebtPayments,
    firstTimeBuyer: true,
    loginToken: rng.hex(40),
    id,
    firstName: person.firstName,
    lastName: person.lastName,
  };
}

function ordinaryClient(
  id: string,
  person: PersonSeed,
  rng: Rng,
  directory: LendingCrmDirectory,
  phones: UnusedPhones,
  externalIds: ExternalIds,
): Client {
  const createdMs = instantBetween(rng, '2019-01-01', '2025-03-31');
  const updatedMs = rng.chance(0.6)
    ? Math.min(createdMs + rng.int(1, 400) * DAY_MS + rng.int(0, DAY_MS - 1), SEED_NOW_MS)
    : null;
  const email = person.altEmail && rng.chance(0.5) ? person.altEmail : person.email;
  return {
    externalId: rng.chance(0.35) ? externalIds.next(rng) : null,
    source: rng.pick(SOURCES),
    ownerId: rng.chance(0.9) ? rng.pick(directory.loanOfficerIds) : null,
    referredById: rng.chance(0.2) ? rng.pick(directory.referralPartnerIds) : null,
    email: emailCaseVariant(email, rng),
    homePhone: person.homePhone ? phoneVariant(person.homePhone, rng) : null,
    workPhone: rng.chance(0.1) ? phoneVariant(phones.near(person.phone, rng), rng) : null,
    mobilePhone: rng.chance(0.92) ? phoneVariant(person.phone, rng) : null,
    fax: null,
    isSilenced: rng.chance(0.05),
    isArchived: rng.chance(0.06),
    createdOn: iso(createdMs),
    updatedOn: updatedMs === null ? null : iso(updatedMs),
    fico: rng.chance(0.92) ? person.financial.fico : null,
    totalIncome: rng.chance(0.95) ? roundCents(person.financial.annualIncome / 12) : null,
    totalDebtPayments: rng.chance(0.95) ? person.financial.monthlyDebtPayments : null,
    firstTimeBuyer: rng.pick([true, false, false, null]),
    loginToken: rng.chance(0.3) ? rng.hex(40) : null,
    id,
    firstName: nameCaseVariant(person.firstName, rng),
    lastName: nameCaseVariant(person.lastName, rng),
  };
}

/** The seeded Clients of one population, in population order (the showcase person first). */
export function seedLendingCrmClients(population: Population): Client[] {
  const directory = lendingCrmDirectory(population);
  const phones = new UnusedPhones(population);
  const externalIds = new ExternalIds();
  const showcaseKey = showcasePerson(population).key;
  return peopleIn(population, 'lendingCrm').map((person) => {
    const rng = vendorRng(population, 'lendingCrm', person.index);
    // The id is the first draw, so it stays put whatever later draws change.
    const id = rng.uuid();
    return person.key === showcaseKey
      ? showcaseClient(id, person, rng, directory, phones)
      : ordinaryClient(id, person, rng, directory, phones, externalIds);
  });
}
