import { Rng } from '../kit/random';
import {
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  MIDDLE_NAMES,
  PLACES,
  STREET_NAMES,
  STREET_SUFFIXES,
} from './names';

/**
 * One deterministic synthetic population from which every sandbox is seeded, so the same person
 * appears in several vendors. The canonical values live here; each vendor's seeder derives its
 * records from them with that vendor's own formatting quirks (see `variants.ts`).
 */

export const DEFAULT_SEED = 'vendor-graph';
export const DEFAULT_SIZE = 1000;

/** The sandboxes, by the key used in `PersonSeed.in`. */
export const SANDBOX_VENDORS = [
  'americor',
  'creditPros',
  'lendingCrm',
  'apiture',
  'agencyZoom',
] as const;
export type SandboxVendor = (typeof SANDBOX_VENDORS)[number];

export interface PersonSeed {
  /** Position in the population, 0-based; the showcase person is 0. */
  index: number;
  /** Stable key, e.g. `P0042`; never shown by a vendor. */
  key: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  /** Canonical lower-case email. */
  email: string;
  /** A second address some vendors hold instead of the first (null for most people). */
  altEmail: string | null;
  /** Mobile phone, E.164. */
  phone: string;
  /** Home phone, E.164, or null. */
  homePhone: string | null;
  /** ISO date `YYYY-MM-DD`. */
  dateOfBirth: string;
  /** `NNN-NN-NNNN`; about one in ten starts with 0, which vendors storing integers lose. */
  ssn: string;
  address: { line1: string; city: string; state: string; zip: string };
  financial: {
    fico: number;
    /** Whole US dollars per year. */
    annualIncome: number;
    /** Whole US dollars per month. */
    monthlyDebtPayments: number;
    /** Whole US dollars of unsecured debt. */
    unsecuredDebt: number;
  };
  /** Which sandboxes hold a record of this person. */
  in: Record<SandboxVendor, boolean>;
}

export interface Population {
  seed: string;
  size: number;
  people: PersonSeed[];
}

/** The documented showcase person, in all five sandboxes (README, GraphiQL default query). */
export const SHOWCASE_EMAIL = 'jordan.rivera@example.com';

const SHOWCASE: Omit<PersonSeed, 'index' | 'key' | 'financial' | 'in'> = {
  firstName: 'Jordan',
  middleName: 'Avery',
  lastName: 'Rivera',
  email: SHOWCASE_EMAIL,
  altEmail: null,
  phone: '+16175550142',
  homePhone: '+16175550199',
  dateOfBirth: '1986-04-12',
  ssn: '045-62-1187',
  address: { line1: '27 Maple St Apt 4', city: 'Boston', state: 'MA', zip: '02108' },
};

/** Share of people each sandbox holds (the showcase person is in all of them). */
const PRESENCE: Record<SandboxVendor, number> = {
  americor: 0.3,
  creditPros: 0.5,
  lendingCrm: 0.4,
  apiture: 0.35,
  agencyZoom: 0.5,
};

export function generatePopulation(options: { seed?: string; size?: number } = {}): Population {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`population size must be a positive integer, got ${size}`);
  const rng = new Rng(`population:${seed}`);
  const usedEmails = new Set<string>([SHOWCASE.email]);
  const usedPhones = new Set<string>([SHOWCASE.phone, SHOWCASE.homePhone as string]);
  const usedSsns = new Set<string>([SHOWCASE.ssn]);

  const uniquePhone = (areaCodes: readonly string[]): string => {
    for (;;) {
      // 555-0100..0199 is the range reserved for fiction; widen with other 555 lines when it fills.
      const line = rng.chance(0.5) ? rng.int(100, 199) : rng.int(200, 9999);
      const phone = `+1${rng.pick(areaCodes)}555${String(line).padStart(4, '0')}`;
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone);
        return phone;
      }
    }
  };
  const uniqueEmail = (first: string, last: string): string => {
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    for (let n = 0; ; n++) {
      const email = `${base}${n === 0 ? '' : n}@${rng.pick(EMAIL_DOMAINS)}`;
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
  };
  const uniqueSsn = (): string => {
    for (;;) {
      const area = rng.chance(0.1) ? rng.int(1, 99) : rng.int(100, 665);
      const ssn = `${String(area).padStart(3, '0')}-${String(rng.int(1, 99)).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
      if (!usedSsns.has(ssn)) {
        usedSsns.add(ssn);
        return ssn;
      }
    }
  };

  const people: PersonSeed[] = [];
  for (let index = 0; index < size; index++) {
    const financial = {
      fico: rng.int(520, 820),
      annualIncome: rng.int(24, 240) * 1000,
      monthlyDebtPayments: rng.int(2, 60) * 50,
      unsecuredDebt: rng.int(5, 120) * 500,
    };
    if (index === 0) {
      people.push({
        ...SHOWCASE,
        index,
        key: 'P0000',
        financial: {
          fico: 642,
          annualIncome: 78000,
          monthlyDebtPayments: 1450,
          unsecuredDebt: 23500,
        },
        in: { americor: true, creditPros: true, lendingCrm: true, apiture: true, agencyZoom: true },
      });
      continue;
    }
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const place = rng.pick(PLACES);
    const presence = Object.fromEntries(
      SANDBOX_VENDORS.map((vendor) => [vendor, rng.chance(PRESENCE[vendor])]),
    ) as Record<SandboxVendor, boolean>;
    if (!SANDBOX_VENDORS.some((vendor) => presence[vendor]))
      presence[rng.pick(SANDBOX_VENDORS)] = true;
    people.push({
      index,
      key: `P${String(index).padStart(4, '0')}`,
      firstName,
      middleName: rng.chance(0.4) ? rng.pick(MIDDLE_NAMES) : null,
      lastName,
      email: uniqueEmail(firstName, lastName),
      altEmail: rng.chance(0.1) ? uniqueEmail(firstName.charAt(0), lastName) : null,
      phone: uniquePhone(place.areaCodes),
      homePhone: rng.chance(0.3) ? uniquePhone(place.areaCodes) : null,
      dateOfBirth: rng.date('1950-01-01', '2003-12-31'),
      ssn: uniqueSsn(),
      address: {
        line1: `${rng.int(1, 9999)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`,
        city: place.city,
        state: place.state,
        zip: place.zip,
      },
      financial,
      in: presence,
    });
  }
  return { seed, size, people };
}

/** The generator a vendor seeder uses for one person: independent of other vendors' draws. */
export function vendorRng(population: Population, vendor: SandboxVendor, index: number): Rng {
  return new Rng(`${population.seed}:${vendor}:${index}`);
}

/** The people a sandbox holds, in population order. */
export function peopleIn(population: Population, vendor: SandboxVendor): PersonSeed[] {
  return population.people.filter((person) => person.in[vendor]);
}

export function showcasePerson(population: Population): PersonSeed {
  return population.people[0];
}
