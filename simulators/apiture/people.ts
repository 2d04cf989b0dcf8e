import type { Rng } from '../kit/random';
import type { PersonSeed } from '../population/generate';
import { emailCaseVariant, nameCaseVariant, phoneVariant } from '../population/variants';
import { EMPLOYMENT_STATUSES, OCCUPATIONS, PRIMARY_USER_ROLE_ID } from './catalog';
import { PROFILES } from './constants';
import type { JsonObject, JsonValue } from './types';

/**
 * How one population person looks inside Apiture: a contact (§6.9) and a user (§6.10) with the
 * formatting a real applicant produces (phone styles, email case, ZIP or ZIP+4, typed name case).
 */
export interface ApiturePerson {
  contactId: string;
  userId: string;
  contactHref: string;
  userHref: string;
  username: string;
  /** Name as the applicant typed it, e.g. for `applicantName`. */
  displayName: string;
  contact: JsonObject;
  user: JsonObject;
}

const ROLE_DESCRIPTION =
  'The account owner has full control across the account.\n\nThere may be only one primary user.';

export function primaryUserRole(): JsonObject {
  return {
    _id: PRIMARY_USER_ROLE_ID,
    _profile: PROFILES.role,
    _links: { self: { href: `/associations/roles/${PRIMARY_USER_ROLE_ID}` } },
    name: 'primaryUser',
    label: 'Primary User',
    createdAt: '2018-02-01T13:07:01.375Z',
    description: ROLE_DESCRIPTION,
  };
}

/** `27 Maple St Apt 4` -> [`27 Maple St`, `Apt 4`]; lines without a unit stay whole. */
function splitUnit(line: string): [string, string | null] {
  const match = /^(.*?)\s+((?:Apt|Unit|Suite|#)\s*\S+)$/i.exec(line);
  return match ? [match[1], match[2]] : [line, null];
}

function usernameFor(person: PersonSeed, rng: Rng): string {
  const first = person.firstName.toLowerCase().replace(/[^a-z]/g, '');
  const last = person.lastName.toLowerCase().replace(/[^a-z]/g, '');
  const year = person.dateOfBirth.slice(2, 4);
  return rng.pick([`${first}.${last}`, `${first.charAt(0)}${last}${year}`, `${first}${last}`]);
}

/**
 * Builds the contact and user of `person` (identity verification passed); `at` is the ISO time
 * the contact was created. Draws from `rng` in a fixed order, so the result is deterministic.
 */
export function apiturePerson(person: PersonSeed, rng: Rng, at: string): ApiturePerson {
  const contactId = rng.uuid();
  const userId = rng.uuid();
  const contactHref = `/contacts/contacts/${contactId}`;
  const userHref = `/users/users/${userId}`;
  const showcase = person.index === 0;
  const username = showcase ? 'jordan.rivera' : usernameFor(person, rng);
  const firstName = showcase ? person.firstName : nameCaseVariant(person.firstName, rng);
  const lastName = showcase ? person.lastName : nameCaseVariant(person.lastName, rng);
  const email = showcase ? person.email : emailCaseVariant(person.email, rng);
  const mobile = phoneVariant(person.phone, rng);
  const home = person.homePhone ? phoneVariant(person.homePhone, rng) : null;
  const [addressLine1, addressLine2] = splitUnit(person.address.line1);
  const postalCode = rng.chance(0.3)
    ? `${person.address.zip}-${String(rng.int(1, 9999)).padStart(4, '0')}`
    : person.address.zip;
  const occupation = rng.pick(OCCUPATIONS);
  const employmentStatus = rng.pick(EMPLOYMENT_STATUSES);
  const yearsAtAddress = rng.int(0, 25);
  const sessionId = String(rng.int(100000, 999999));
  const customerId = String(rng.int(1, 99_999_999_999)).padStart(14, '0');

  const address: JsonObject = {
    _id: 'ha1',
    type: 'home',
    addressLine1,
    ...(addressLine2 ? { addressLine2 } : {}),
    city: person.address.city,
    regionCode: person.address.state,
    postalCode,
    countryCode: 'US',
  };
  const emailAddresses: JsonValue[] = [{ _id: 'ea1', value: email, type: 'personal' }];
  if (person.altEmail) emailAddresses.push({ _id: 'ea2', value: person.altEmail, type: 'work' });
  const phones: JsonValue[] = [{ _id: 'mp1', type: 'mobile', number: mobile }];
  if (home) phones.push({ _id: 'hp1', type: 'home', number: home });
  const identityVerification: JsonObject = {
    provider: 'IDology',
    sessionId,
    scoredAt: at,
    score: 'passed',
    state: 'verified',
  };
  const names: JsonObject = {
    firstName,
    ...(person.middleName ? { middleName: person.middleName } : {}),
    lastName,
    preferredName: firstName,
  };

  const contact: JsonObject = {
    _id: contactId,
    _profile: PROFILES.contact,
    ...names,
    identification: [{ type: 'taxId', value: person.ssn }],
    emailAddresses,
    preferredEmailAddressId: 'ea1',
    phones,
    preferredPhoneId: 'mp1',
    birthdate: person.dateOfBirth,
    citizenship: [{ countryCode: 'US', state: 'citizen' }],
    residencyStatus: 'resident',
    occupation,
    addresses: [address],
    preferredMailingAddressId: 'ha1',
    identityVerification,
    yearsAtAddress,
    mailingDifferentAddress: false,
    kycAnswers: {
      citizen: true,
      permanentResident: true,
      w9Withholdings: false,
      employmentStatus,
      occupation,
      foreignPoliticalFigure: false,
      countryPoliticalFigure: 'N/A',
      familyOfPoliticalFigure: false,
    },
    state: 'active',
    createdAt: at,
    updatedAt: at,
    _links: {
      self: { href: contactHref },
      'apiture:deactivate': { href: `/contacts/inactiveContacts?contact=${contactId}` },
    },
  };

  // The user resource spells several things differently (§6.10, quirks 20-23): emails sit in
  // `number`, phones appear twice, `yearsAtAddress` is a string.
  const userPhoneNumbers: JsonValue[] = [
    {
      _id: 'mp1',
      _profile: PROFILES.userPhoneNumber,
      type: 'mobile',
      number: dashed(person.phone),
      state: 'approved',
      _links: { self: { href: `${userHref}/phoneNumbers/mp1` } },
    },
  ];
  const userPhones: JsonValue[] = [{ _id: 'mp1', type: 'mobile', number: person.phone }];
  if (person.homePhone) {
    userPhones.push({ _id: 'hp1', type: 'home', number: person.homePhone });
    userPhoneNumbers.push({
      _id: 'hp1',
      _profile: PROFILES.userPhoneNumber,
      type: 'home',
      number: dashed(person.homePhone),
      state: 'approved',
      _links: { self: { href: `${userHref}/phoneNumbers/hp1` } },
    });
  }
  const user: JsonObject = {
    _id: userId,
    _profile: PROFILES.user,
    customerId,
    ...names,
    addresses: [
      { ...address, state: 'approved', _links: { self: { href: `${userHref}/addresses/ha1` } } },
    ],
    preferredMailingAddressId: 'ha1',
    emailAddresses: [
      {
        _id: 'pe1',
        _profile: PROFILES.userEmailAddress,
        type: 'personal',
        number: email,
        state: 'approved',
        _links: {
          self: { href: `${userHref}/emailAddresses/pe1` },
          delete: { href: `${userHref}/emailAddresses/pe1` },
          'apiture:setAsPreferred': { href: `${userHref}/preferredEmailAddresses?value=pe1` },
        },
      },
    ],
    preferredEmailAddressId: 'pe1',
    phones: userPhones,
    preferredPhoneId: 'mp1',
    identification: [{ type: 'taxId', value: person.ssn }],
    preferredContactMethod: rng.pick(['email', 'sms', 'unknown']),
    birthdate: person.dateOfBirth,
    citizenship: [{ countryCode: 'US', state: 'citizen' }],
    residencyStatus: 'resident',
    occupation,
    yearsAtAddress: 'unknown',
    kycAnswers: {
      citizen: true,
      permanentResident: true,
      w9Withholdings: false,
      employmentStatus,
      foreignPoliticalFigure: false,
      countryPoliticalFigure: 'N/A',
      familyOfPoliticalFigure: false,
      foreignPoliticalFigureAssociation: 'unknown',
    },
    identityVerification,
    username,
    state: 'active',
    phoneNumbers: userPhoneNumbers,
    _links: {
      self: { href: userHref },
      'apiture:contact': { href: contactHref, title: 'Applicant' },
    },
    _embedded: {},
  };

  return {
    contactId,
    userId,
    contactHref,
    userHref,
    username,
    displayName: `${firstName} ${lastName}`,
    contact,
    user,
  };
}

/** `+16175550142` -> `617-555-0142`, the user `phoneNumbers` style of the reference. */
function dashed(e164: string): string {
  const d = e164.replace(/^\+1/, '');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
}
