import {
  availableActionsOf,
  createApplicationBody,
  dedupePersonRecords,
  idFromHref,
  ifMatchOf,
  listFilterOf,
  nextStartOf,
  normalizeEtag,
  patchApplicationBody,
  readApitureError,
  toApplicationRead,
  toApplicationState,
  toApplicationSummary,
  toDateTime,
  toEnrollmentRead,
  toEnrollmentSummary,
  toMoney,
  toPersonRecord,
  toPostalCode,
  transitionOutcome,
} from '../../datasources/apiture/mappers';
import {
  halLinks,
  wireApplication,
  wireApplications,
  wireEnrollment,
  wireEnrollments,
  wirePerson,
} from '../../datasources/apiture/wire';
import applicationExample from '../fixtures/apiture/application.json';
import applicationsExample from '../fixtures/apiture/applications.json';
import enrollmentExample from '../fixtures/apiture/enrollment.json';
import enrollmentsExample from '../fixtures/apiture/enrollments.json';
import errorExample from '../fixtures/apiture/error-response.json';

/**
 * The pure Apiture mappers over the reference's own examples (test/fixtures/apiture: the 200
 * examples of getApplication, getApplications, getEnrollments, getEnrollment and the 409 example
 * of deleteApplication, copied verbatim from the export) and over small fixtures for each
 * documented quirk (vendor-docs/apiture-applications.md §9 and the formats of §1.6).
 */

const CONTACT_ID = '0399abed-fd3d-4830-a88b-30f38b8a365c';

/** A contact (§6.9) as the sandbox and the reference show it. */
function contact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: 'c-1',
    firstName: 'Elsa',
    lastName: 'Snowqueen',
    emailAddresses: [
      { _id: 'ea1', value: 'Elsa.Snowqueen@Example.COM', type: 'personal' },
      { _id: 'ek3', value: 'work@example.com', type: 'work' },
    ],
    preferredEmailAddressId: 'ek3',
    phones: [
      { _id: 'pa1', type: 'home', number: '(910) 555-0101' },
      { _id: 'da6', type: 'mobile', number: '910.555.0102' },
    ],
    preferredPhoneId: 'da6',
    identification: [{ type: 'taxId', value: '111-11-1111' }],
    birthdate: '1974-10-27',
    addresses: [
      {
        _id: 'ha1',
        type: 'home',
        addressLine1: '555 N Front Street',
        addressLine2: 'Suite 5555',
        city: 'Wilmington',
        regionCode: 'nc',
        postalCode: '28401-5405',
        countryCode: 'US',
      },
    ],
    yearsAtAddress: 3,
    _links: { self: { href: '/contacts/contacts/c-1' } },
    ...overrides,
  };
}

/** A user (§6.10): emails in `number`, `phones` and `phoneNumbers`, string `yearsAtAddress`. */
function user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: 'u-1',
    firstName: 'Elsa',
    lastName: 'Snowqueen',
    emailAddresses: [{ _id: 'pe1', type: 'personal', number: 'ELSA@ICE.example.org' }],
    preferredEmailAddressId: 'stri',
    phones: [{ _id: 'hp1', type: 'home', number: '+19105550155' }],
    phoneNumbers: [{ _id: 'hp2', type: 'mobile', number: '910-555-0177' }],
    preferredPhoneId: 'stri',
    identification: [{ type: 'taxId', value: '112-22-3333', expiration: '2024-12-01' }],
    birthdate: '2019-08-24',
    yearsAtAddress: 'unknown',
    _links: {
      self: { href: '/users/users/u-1' },
      'apiture:contact': { href: '/contacts/contacts/c-1', title: 'Applicant' },
    },
    ...overrides,
  };
}

const person = (value: unknown) => wirePerson.parse(value);

describe('reference examples', () => {
  it('maps the getApplication example: lower-case state, decimal-string funding, no actions, no subject', () => {
    const wire = wireApplication.parse(applicationExample);
    const read = toApplicationRead(wire, '"e1"');
    expect(read).toEqual({
      application: {
        ref: { vendor: 'APITURE', id: CONTACT_ID },
        kind: 'BANK_ACCOUNT',
        state: 'RUNNING',
        productName: 'Premiere Savings',
        createdAt: '2018-12-13T11:01:41.375Z',
        updatedAt: null,
        availableActions: [],
        // Quirk 17: `apiture:applicant` is a user URI, never a contact; `applicants` is empty.
        subject: null,
      },
      etag: '"e1"',
      applicants: [],
      fundingAmount: { amount: '1500.00', currency: 'USD' },
    });
  });

  it('reads the collection example: `items.anyOf` wrapper, duplicate `_id`s told apart by `self`, absolute `next` (quirk 13)', () => {
    const wire = wireApplications.parse(applicationsExample);
    expect(wire._embedded.items).toHaveLength(2);
    expect(wire._embedded.items.map(toApplicationSummary)).toEqual([
      {
        ref: { vendor: 'APITURE', id: '0399abed-fd3d-4830-a88b-30f38b8a365c' },
        name: 'My Personal Checking',
        state: 'RUNNING',
      },
      {
        ref: { vendor: 'APITURE', id: '0399abed-fd3d-4830-a88b-30f38b8a365d' },
        name: '6 Month CD',
        state: 'APPROVED',
      },
    ]);
    expect(nextStartOf(wire._links, 10, 2)).toBe(20);
  });

  it('reads the enrollments example, which reuses the application summary profile (quirk 14)', () => {
    const wire = wireEnrollments.parse(enrollmentsExample);
    expect(wire._embedded.items.map(toEnrollmentSummary)).toEqual([
      {
        enrollmentId: '0399abed-fd3d-4830-a88b-30f38b8a365c',
        name: 'My Personal Checking',
        state: 'RUNNING',
      },
      { enrollmentId: '0399abed-fd3d-4830-a88b-30f38b8a365d', name: null, state: 'APPROVED' },
    ]);
  });

  it('maps the getEnrollment example: contact first, user `number` emails, both phone lists, ZIP+4 cut, embedded `_error` ignored', () => {
    const wire = wireEnrollment.parse(enrollmentExample);
    const read = toEnrollmentRead(wire, 'W/"x"');
    expect(read.enrollmentId).toBe('string');
    expect(read.state).toBe('RUNNING');
    expect(read.etag).toBe('W/"x"');
    expect(read.applicant).toEqual({
      ref: { vendor: 'APITURE', id: `contact:${CONTACT_ID}` },
      firstName: 'John',
      middleName: 'Daniel',
      lastName: 'Smith',
      // Quirk 20: the user's `number` holds `555-555-5555`, which is no email: dropped.
      emails: ['api@apiture.com', 'support@apiture.com'],
      phones: ['+15555555555', '+19995555555', '+19105550155'],
      // Quirk 29: contact and user disagree; the contact wins.
      dateOfBirth: '1974-10-27',
      ssn: '111-11-1111',
      addresses: [
        {
          line1: '555 N Front Street',
          line2: 'Suite 5555',
          city: 'Wilmington',
          state: 'NC',
          postalCode: '28401',
          country: 'US',
        },
        {
          line1: '123 S 3rd Street',
          line2: 'Apt 42',
          city: 'Wilmington',
          state: 'NC',
          postalCode: '28411',
          country: 'US',
        },
      ],
    });
  });

  it('reads no field from the errorResponse example (its only attribute is the value; its statusCode 422 under a 409, quirk 11, is not used)', () => {
    expect(readApitureError(409, errorExample)).toEqual({});
    expect(readApitureError(500, '<html>')).toEqual({});
  });
});

describe('documented quirks', () => {
  it('user emails sit in `emailAddresses[].number` (quirk 20); emails are lower-cased', () => {
    const record = toPersonRecord({ contact: person(contact()), user: person(user()) });
    expect(record?.emails).toEqual([
      'work@example.com',
      'elsa.snowqueen@example.com',
      'elsa@ice.example.org',
    ]);
    const numbered = toPersonRecord({
      user: person(user({ emailAddresses: [{ _id: 'pe1', number: '555-555-5555' }] })),
    });
    expect(numbered?.emails).toEqual([]);
  });

  it('users carry both `phones` and `phoneNumbers` (quirk 23); every format becomes E.164, deduplicated', () => {
    const record = toPersonRecord({
      contact: person(contact()),
      user: person(
        user({ phoneNumbers: [{ number: '910-555-0155' }, { number: '910-555-0177' }] }),
      ),
    });
    expect(record?.phones).toEqual([
      '+19105550102',
      '+19105550101',
      '+19105550155',
      '+19105550177',
    ]);
  });

  it('`yearsAtAddress` is an integer on contacts and a string on users (quirk 21)', () => {
    expect(person(contact()).yearsAtAddress).toBe(3);
    expect(person(user()).yearsAtAddress).toBe('unknown');
    expect(wirePerson.safeParse(user({ yearsAtAddress: null })).success).toBe(true);
  });

  it('postal codes come as ZIP or ZIP+4; ZIPs that lost leading zeros get them back', () => {
    expect(toPostalCode('28401-5405', 'US')).toBe('28401');
    expect(toPostalCode('28403', 'US')).toBe('28403');
    expect(toPostalCode('284015405', null)).toBe('28401');
    expect(toPostalCode('2108', 'US')).toBe('02108');
    expect(toPostalCode('sw1a 1aa', 'GB')).toBe('SW1A 1AA');
    expect(toPostalCode('  ', 'US')).toBeNull();
    const [address] = toPersonRecord({
      contact: person(contact({ addresses: [{ addressLine1: '1 Main', postalCode: 2108 }] })),
    })!.addresses;
    expect(address).toEqual({
      line1: '1 Main',
      line2: null,
      city: null,
      state: null,
      postalCode: '02108',
      country: null,
    });
  });

  it('ETags come strong or weak, quoted or bare; If-Match sends the strong form', () => {
    expect(normalizeEtag('"0a1b2c3d4e5f6071"')).toBe('"0a1b2c3d4e5f6071"');
    expect(normalizeEtag('W/"abc"')).toBe('W/"abc"');
    expect(normalizeEtag('w/"abc"')).toBe('W/"abc"');
    expect(normalizeEtag('abc')).toBe('"abc"');
    expect(normalizeEtag(['"first"', '"second"'])).toBe('"first"');
    expect(normalizeEtag('')).toBeNull();
    expect(normalizeEtag(undefined)).toBeNull();
    expect(ifMatchOf('W/"abc"')).toBe('"abc"');
    expect(ifMatchOf('"abc"')).toBe('"abc"');
  });

  it('states are lower case on the wire; any case maps, values outside the enum are unreadable', () => {
    expect(toApplicationState('running')).toBe('RUNNING');
    expect(toApplicationState(' Blocked ')).toBe('BLOCKED');
    expect(toApplicationState('pending')).toBe('PENDING');
    const base = { ...applicationExample, state: 'approved' };
    expect(wireApplication.safeParse(base).success).toBe(true);
    expect(wireApplication.safeParse({ ...base, state: 'archived' }).success).toBe(false);
    expect(() => toApplicationState('archived')).toThrow(RangeError);
  });

  it('funding amounts are decimal strings with a currency; a number or a short fraction is tolerated, never rounded', () => {
    expect(toMoney({ value: '1500.00', currency: 'USD' })).toEqual({
      amount: '1500.00',
      currency: 'USD',
    });
    expect(toMoney({ value: '1500', currency: 'usd' })).toEqual({
      amount: '1500.00',
      currency: 'USD',
    });
    expect(toMoney({ value: '0.5', currency: 'USD' })).toEqual({ amount: '0.50', currency: 'USD' });
    expect(toMoney({ value: '10.125', currency: 'USD' })).toEqual({
      amount: '10.125',
      currency: 'USD',
    });
    expect(toMoney({ value: 2500, currency: 'USD' })).toEqual({
      amount: '2500.00',
      currency: 'USD',
    });
    expect(toMoney({ value: '75.00' })).toEqual({ amount: '75.00', currency: 'USD' });
    expect(toMoney({ value: 'lots', currency: 'USD' })).toBeNull();
    expect(toMoney({ value: '1', currency: 'dollars' })).toBeNull();
    expect(toMoney(null)).toBeNull();
  });

  it('hrefs are absolute or root-relative (§3.1); a broken href (quirk 16) yields no id', () => {
    expect(
      idFromHref('https://www.example.com/accountApplications/applications/a-1', /applications/),
    ).toBe('a-1');
    expect(idFromHref('/accountApplications/applications/a%2F2', /applications/)).toBe('a/2');
    expect(
      idFromHref('https://www.example.comaccounts/externalAccount/x', /applications/),
    ).toBeNull();
    expect(idFromHref(undefined, /applications/)).toBeNull();
  });

  it('a create-style contact whose `self` is a user URI (quirk 15) is no contact: ref `user:`, no subject', () => {
    const applicantUserHref = {
      contact: {
        firstName: 'Elsa',
        lastName: 'Snowqueen',
        _links: { self: { href: 'https://www.example.com/users/user/3017d005' } },
      },
    };
    const wire = wireApplication.parse({ ...applicationExample, applicants: [applicantUserHref] });
    const read = toApplicationRead(wire, null);
    expect(read.application.subject).toBeNull();
    expect(read.applicants).toEqual([
      expect.objectContaining({
        ref: { vendor: 'APITURE', id: 'user:3017d005' },
        firstName: 'Elsa',
        lastName: 'Snowqueen',
      }),
    ]);
  });

  it('the subject is the primary applicant`s contact, from the `self` link or `_id`', () => {
    const wire = wireApplication.parse({
      ...applicationExample,
      applicants: [
        { contact: contact({ _links: {}, _id: 'co-applicant' }), role: { name: 'jointOwner' } },
        { contact: contact(), role: { name: 'primaryUser' } },
      ],
    });
    const read = toApplicationRead(wire, null);
    expect(read.application.subject).toEqual({ vendor: 'APITURE', id: 'contact:c-1' });
    expect(read.applicants.map((r) => r.ref.id)).toEqual(['contact:c-1', 'contact:co-applicant']);
  });

  it('enrollment links show only placeholder relations titled Applicant (quirk 18)', () => {
    const wire = wireEnrollment.parse({
      _id: 'e-1',
      state: 'running',
      applicant: { user: user({ _links: { self: { href: '/users/users/u-1' } } }) },
      _links: {
        property1: { href: '/contacts/contacts/c-9', title: 'Applicant' },
        property2: { href: '/contacts/contacts/c-9', title: 'Applicant' },
      },
    });
    expect(toEnrollmentRead(wire, null).applicant?.ref).toEqual({
      vendor: 'APITURE',
      id: 'contact:c-9',
    });
  });

  it('an enrollment may carry only `applicants` (quirk 24); without any contact the user is the ref', () => {
    const onlyArray = wireEnrollment.parse({
      _id: 'e-2',
      state: 'blocked',
      applicants: [{ contact: contact() }],
    });
    expect(toEnrollmentRead(onlyArray, null).applicant?.ref.id).toBe('contact:c-1');
    const userOnly = wireEnrollment.parse({
      _id: 'e-3',
      state: 'running',
      applicant: { user: user({ _links: { self: { href: '/users/users/u-7' } } }) },
    });
    expect(toEnrollmentRead(userOnly, null).applicant?.ref.id).toBe('user:u-7');
    const nobody = wireEnrollment.parse({ _id: 'e-4', state: 'running' });
    expect(toEnrollmentRead(nobody, null).applicant).toBeNull();
  });

  it('enrollment representations embed an `_error` (quirk 19) that is no failure; errorResponses nest problems either way', () => {
    const wire = wireEnrollment.parse({
      _id: 'e-5',
      state: 'blocked',
      applicant: { contact: contact() },
      _error: { message: 'Descriptive error message...', statusCode: 422, errors: [] },
    });
    expect(toEnrollmentRead(wire, null).state).toBe('BLOCKED');
    const older = {
      _error: {
        type: 'invalidRequest',
        statusCode: 422,
        errors: [
          {
            type: 'positiveNumberRequired',
            message: 'The value -5 for jane@example.com',
            attributes: { field: 'fundingAmount.value', value: -5 },
          },
          { type: 'somethingNew', attributes: { field: 'applicants[0].contact.firstName' } },
        ],
      },
    };
    expect(readApitureError(422, older)).toEqual({
      fields: [
        { field: 'fundingAmount.value', message: 'must be greater than 0' },
        { field: 'applicants.contact.firstName', message: 'was rejected by Apiture' },
      ],
    });
    const current = {
      _error: {
        type: 'invalidLength',
        message: 'accountName must have 1 to 100 characters.',
        attributes: { field: 'accountName', value: 'x' },
        _embedded: { errors: [] },
      },
    };
    expect(readApitureError(422, current)).toEqual({
      fields: [{ field: 'accountName', message: 'has an invalid length' }],
    });
    expect(
      readApitureError(400, {
        _error: { type: 'malformedQueryParameter', attributes: { parameter: 'start' } },
      }),
    ).toEqual({
      fields: [{ field: 'start', message: 'was rejected by Apiture' }],
    });
  });

  it('truncated preferred ids (`"stri"`, quirk 22) keep the vendor order', () => {
    const record = toPersonRecord({ user: person(user()) });
    expect(record?.phones).toEqual(['+19105550155', '+19105550177']);
  });

  it('tax ids: clear ones normalised, masked fraud-report ones (`*****3333`) dropped', () => {
    const masked = toPersonRecord({
      contact: person(contact({ identification: [{ type: 'taxId', value: '*****3333' }] })),
    });
    expect(masked?.ssn).toBeNull();
    const digits = toPersonRecord({
      contact: person(contact({ identification: [{ type: 'TAXID', value: '112223333' }] })),
    });
    expect(digits?.ssn).toBe('112-22-3333');
  });

  it('birthdates are dates; a date-time is cut to its date, nonsense dropped', () => {
    expect(
      toPersonRecord({ contact: person(contact({ birthdate: '1974-10-27T00:00:00Z' })) })
        ?.dateOfBirth,
    ).toBe('1974-10-27');
    expect(
      toPersonRecord({ contact: person(contact({ birthdate: '1974-13-40' })) })?.dateOfBirth,
    ).toBeNull();
  });

  it('unreadable array items and links are dropped, not fatal; HAL link arrays keep the first', () => {
    const parsed = person(
      contact({
        emailAddresses: ['not-an-object', { _id: 'ea1', value: 'a@b.example' }],
        phones: 'none',
        _links: { self: [{ href: '/contacts/contacts/c-2' }], broken: { title: 'x' } },
      }),
    );
    expect(parsed.emailAddresses).toHaveLength(1);
    expect(parsed.phones).toEqual([]);
    expect(parsed._links).toEqual({ self: { href: '/contacts/contacts/c-2' } });
    expect(halLinks.parse(undefined)).toEqual({});
  });

  it('a collection without `_embedded` is an empty page', () => {
    const wire = wireApplications.parse({ start: 0, limit: 10, count: 0, _links: {} });
    expect(wire._embedded.items).toEqual([]);
    expect(nextStartOf(wire._links, 0, 0)).toBeNull();
  });
});

describe('state machine and action links', () => {
  it('derives available actions from the action links present', () => {
    expect(
      availableActionsOf({
        self: { href: '/x' },
        'apiture:start': { href: '/accountApplications/runningApplications?application=a' },
        'apiture:approve': { href: '/accountApplications/approvedApplications?application=a' },
      }),
    ).toEqual(['APPROVE', 'START']);
    expect(availableActionsOf({})).toEqual([]);
  });

  it('decides change, no-op or forbidden per §4.1', () => {
    expect(transitionOutcome('RUNNING', 'APPROVE', ['APPROVE'])).toBe('change');
    // The reference's own representations carry no action links: the documented machine decides.
    expect(transitionOutcome('BLOCKED', 'START', [])).toBe('change');
    expect(transitionOutcome('RUNNING', 'START', [])).toBe('noop');
    expect(transitionOutcome('APPROVED', 'APPROVE', [])).toBe('noop');
    expect(transitionOutcome('CANCELED', 'APPROVE', [])).toBe('forbidden');
    expect(transitionOutcome('PENDING', 'CANCEL', [])).toBe('forbidden');
  });
});

describe('paging', () => {
  it('takes the next offset from the `next` link, else from the page size; never goes backwards', () => {
    expect(
      nextStartOf(
        { next: { href: '/accountApplications/applications?start=40&limit=20' } },
        20,
        20,
      ),
    ).toBe(40);
    expect(
      nextStartOf({ next: { href: '/accountApplications/applications?page=2' } }, 20, 20),
    ).toBe(40);
    expect(
      nextStartOf({ next: { href: '/accountApplications/applications?start=0' } }, 20, 20),
    ).toBeNull();
    expect(nextStartOf({ self: { href: '/x' } }, 0, 5)).toBeNull();
  });
});

describe('people', () => {
  it('merges contact and user: contact values first, lists united, preferred items first', () => {
    const record = toPersonRecord({ contact: person(contact()), user: person(user()) });
    expect(record).toEqual({
      ref: { vendor: 'APITURE', id: 'contact:c-1' },
      firstName: 'Elsa',
      middleName: null,
      lastName: 'Snowqueen',
      emails: ['work@example.com', 'elsa.snowqueen@example.com', 'elsa@ice.example.org'],
      phones: ['+19105550102', '+19105550101', '+19105550155', '+19105550177'],
      dateOfBirth: '1974-10-27',
      ssn: '111-11-1111',
      addresses: [
        {
          line1: '555 N Front Street',
          line2: 'Suite 5555',
          city: 'Wilmington',
          state: 'NC',
          postalCode: '28401',
          country: 'US',
        },
      ],
    });
  });

  it('finds the contact through the user`s `apiture:contact` link, and gives null without any id', () => {
    expect(toPersonRecord({ user: person(user()) })?.ref.id).toBe('contact:c-1');
    expect(toPersonRecord({ contact: person({ firstName: 'No', lastName: 'Id' }) })).toBeNull();
  });

  it('merges records of the same contact and keeps others apart', () => {
    const a = toPersonRecord({ contact: person(contact({ phones: [] })) })!;
    const b = toPersonRecord({ contact: person(contact({ emailAddresses: [] })) })!;
    const c = toPersonRecord({
      contact: person(contact({ _links: { self: { href: '/contacts/contacts/c-2' } } })),
    })!;
    const merged = dedupePersonRecords([a, c, b]);
    expect(merged.map((r) => r.ref.id)).toEqual(['contact:c-1', 'contact:c-2']);
    expect(merged[0].emails).toEqual(a.emails);
    expect(merged[0].phones).toEqual(b.phones);
  });
});

describe('requests', () => {
  it('builds the create body with the product link, money as a decimal string and the contact URI', () => {
    expect(
      createApplicationBody({
        productId: 'p 1',
        accountName: ' Rainy Day ',
        fundingAmount: { amount: '250.00', currency: 'USD' },
        applicantContactId: 'c-1',
      }),
    ).toEqual({
      _links: { 'apiture:product': { href: '/products/products/p%201' } },
      accountName: 'Rainy Day',
      fundingAmount: { value: '250.00', currency: 'USD' },
      applicants: [{ contact: { _links: { self: { href: '/contacts/contacts/c-1' } } } }],
    });
    expect(
      createApplicationBody({ productId: 'p', applicantContactId: 'contact:c-2' }).applicants,
    ).toEqual([{ contact: { _links: { self: { href: '/contacts/contacts/c-2' } } } }]);
    expect(createApplicationBody({ productId: 'p' })).toEqual({
      _links: { 'apiture:product': { href: '/products/products/p' } },
    });
  });

  it('builds merge patches with only the named fields; null clears the funding', () => {
    expect(patchApplicationBody({ accountName: 'New' })).toEqual({ accountName: 'New' });
    expect(patchApplicationBody({ fundingAmount: null })).toEqual({ fundingAmount: null });
    expect(patchApplicationBody({ fundingAmount: { amount: '1.00', currency: 'USD' } })).toEqual({
      fundingAmount: { value: '1.00', currency: 'USD' },
    });
  });

  it('builds list filters in the functional notation', () => {
    expect(listFilterOf({})).toBeUndefined();
    expect(listFilterOf({ state: 'BLOCKED' })).toBe('eq(state,blocked)');
    expect(listFilterOf({ state: 'RUNNING', updatedSinceIso: '2025-05-01T00:00:00.000Z' })).toBe(
      'and(eq(state,running),ge(updatedAt,2025-05-01T00:00:00.000Z))',
    );
  });

  it('normalises date-times to UTC ISO 8601', () => {
    expect(toDateTime('2018-01-12T10:15:17Z')).toBe('2018-01-12T10:15:17.000Z');
    expect(toDateTime('2018-01-12T12:15:17+02:00')).toBe('2018-01-12T10:15:17.000Z');
    expect(toDateTime('yesterday')).toBeNull();
    expect(toDateTime(null)).toBeNull();
  });
});
