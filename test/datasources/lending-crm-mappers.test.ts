import { jwtExpiryMs } from '../../datasources/lending-crm/auth';
import { normalizeClientId } from '../../datasources/lending-crm/ids';
import {
  WRITE_FIELD_MAP,
  createdClientId,
  findFilter,
  matchesCriteria,
  patchNeedsCurrent,
  problemFields,
  toClientModel,
  toCreateBody,
  toFinancialProfile,
  toFindCriteria,
  toPatchBody,
  toPersonRecord,
  usd,
  wireFieldOfErrorKey,
} from '../../datasources/lending-crm/mappers';
import type { FindCriteria } from '../../datasources/lending-crm/mappers';
import {
  anyOf,
  contains,
  guidLiteral,
  idEqAny,
  idIn,
  lowerEquals,
  stringLiteral,
} from '../../datasources/lending-crm/odata';
import {
  SELECTED_FIELDS,
  wireAuditRecordSchema,
  wireClientListSchema,
  wireClientSchema,
  wireProblemSchema,
} from '../../datasources/lending-crm/wire';
import type { WireClient } from '../../datasources/lending-crm/wire';

/**
 * Pure tests of the lending CRM wire schemas, OData builder and mappers, one fixture per quirk
 * documented in vendor-docs/lending-crm.md.
 */

const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** A full Client as `GET /clients/{id}` returns it (every documented property). */
const FULL_CLIENT = {
  externalId: 'LOS-100042',
  source: 'Realtor Referral',
  ownerId: 'a41f07d3-2c36-4811-a09c-7b143927c78f',
  referredById: null,
  email: 'Jordan.Rivera@Example.com',
  homePhone: '6175550199',
  workPhone: '(617) 555-0100 ext. 204',
  mobilePhone: '(617) 555-0142',
  fax: '(617) 555-0101',
  isSilenced: false,
  isArchived: false,
  createdOn: '2023-03-14T15:09:26.535Z',
  updatedOn: null,
  fico: 642,
  totalIncome: 6500,
  totalDebtPayments: 1450,
  firstTimeBuyer: true,
  loginToken: '0c44533348f691127c9367e89c10b1794a59764e',
  id: ID,
  firstName: 'Jordan',
  lastName: 'Rivera',
};

const wire = (overrides: Partial<Record<keyof typeof FULL_CLIENT, unknown>> = {}): WireClient =>
  wireClientSchema.parse({ ...FULL_CLIENT, ...overrides });

describe('wire schemas', () => {
  it('reads GET /clients as a bare array (what the sandbox sends)', () => {
    expect(wireClientListSchema.parse([FULL_CLIENT])).toHaveLength(1);
  });

  it('reads GET /clients as an OData {"value": [...]} envelope with annotations', () => {
    const body = {
      '@odata.context': 'https://crm.example/odata/$metadata#Clients',
      value: [{ ...FULL_CLIENT, '@odata.etag': 'W/"1"' }],
    };
    const items = wireClientListSchema.parse(body);
    expect(items).toHaveLength(1);
    expect(items[0].id).toBe(ID);
  });

  it('strips the secret loginToken and unknown keys', () => {
    const parsed = wireClientSchema.parse({ ...FULL_CLIENT, extra: 1 });
    expect(parsed).not.toHaveProperty('loginToken');
    expect(parsed).not.toHaveProperty('extra');
  });

  it('accepts $select projections, where every property may be missing', () => {
    const projected = wireClientSchema.parse({ id: ID, email: 'a@b.co' });
    const model = toClientModel(projected);
    expect(model?.record).toMatchObject({ firstName: null, lastName: null, phones: [] });
    expect(model?.financial).toMatchObject({ fico: null, annualIncome: null });
  });

  it('refuses a body that is neither shape', () => {
    expect(wireClientListSchema.safeParse({ items: [] }).success).toBe(false);
    expect(wireClientListSchema.safeParse([{ fico: 'high' }]).success).toBe(false);
  });

  it('selects only the properties the mappers read, never loginToken', () => {
    expect(SELECTED_FIELDS).not.toContain('loginToken');
    expect([...SELECTED_FIELDS].sort()).toEqual(
      [
        'email',
        'fico',
        'firstName',
        'homePhone',
        'id',
        'lastName',
        'mobilePhone',
        'totalDebtPayments',
        'totalIncome',
        'workPhone',
      ].sort(),
    );
  });
});

describe('toPersonRecord', () => {
  it('maps the showcase client with normalised values', () => {
    expect(toClientModel(wire())?.record).toEqual({
      ref: { vendor: 'LENDING_CRM', id: ID },
      firstName: 'Jordan',
      middleName: null,
      lastName: 'Rivera',
      emails: ['jordan.rivera@example.com'],
      phones: ['+16175550142', '+16175550199', '+16175550100'],
      dateOfBirth: null,
      ssn: null,
      addresses: [],
    });
  });

  it.each([
    ['Jordan.Rivera@Example.com', 'jordan.rivera@example.com'],
    ['JORDAN.RIVERA@EXAMPLE.COM', 'jordan.rivera@example.com'],
    ['  jordan.rivera@example.com ', 'jordan.rivera@example.com'],
  ])('lower-cases the mixed-case email %p', (email, expected) => {
    expect(toPersonRecord(ID, wire({ email })).emails).toEqual([expected]);
  });

  it('drops an email the unanchored vendor pattern let through but that is no address', () => {
    expect(toPersonRecord(ID, wire({ email: 'x y@z.com' })).emails).toEqual([]);
    expect(toPersonRecord(ID, wire({ email: '[email protected]' })).emails).toEqual([]);
    expect(toPersonRecord(ID, wire({ email: null })).emails).toEqual([]);
  });

  it.each([
    ['(617) 555-0142', '+16175550142'],
    ['617-555-0142', '+16175550142'],
    ['6175550142', '+16175550142'],
    ['+16175550142', '+16175550142'],
    ['1-617-555-0142', '+16175550142'],
    ['617.555.0142', '+16175550142'],
    ['(617) 555-0142 ext. 204', '+16175550142'],
    ['617-555-0142 ext 9', '+16175550142'],
    ['617.555.0142 x204', '+16175550142'],
  ])('turns the free-form phone %p into E.164 without extension', (phone, expected) => {
    expect(
      toPersonRecord(ID, wire({ mobilePhone: phone, homePhone: null, workPhone: null })).phones,
    ).toEqual([expected]);
  });

  it('drops unparseable phones and duplicates, and leaves out the fax', () => {
    const record = toPersonRecord(
      ID,
      wire({
        mobilePhone: '555-0100',
        homePhone: '(617) 555-0142',
        workPhone: '617.555.0142 ext. 12',
        fax: '(617) 555-0199',
      }),
    );
    expect(record.phones).toEqual(['+16175550142']);
    expect(toPersonRecord(ID, wire({ mobilePhone: 'call me', homePhone: '' })).phones).toEqual([
      '+16175550100',
    ]);
  });

  it('keeps names as typed, trimmed; blank names are unknown', () => {
    const record = toPersonRecord(ID, wire({ firstName: ' JORDAN ', lastName: '  ' }));
    expect(record).toMatchObject({ firstName: 'JORDAN', lastName: null });
  });
});

describe('client ids', () => {
  it('normalises upper-case and braced GUIDs, refuses anything else', () => {
    expect(normalizeClientId(ID.toUpperCase())).toBe(ID);
    expect(normalizeClientId(`{${ID}}`)).toBe(ID);
    expect(normalizeClientId('42')).toBeNull();
    expect(normalizeClientId(`${ID}) or (1 eq 1`)).toBeNull();
  });

  it('keys a client by its lower-case id and drops one without a usable id', () => {
    expect(toClientModel(wire({ id: ID.toUpperCase() }))?.record.ref.id).toBe(ID);
    expect(toClientModel(wire({ id: undefined }))).toBeNull();
    expect(toClientModel(wire({ id: 'not-a-guid' }))).toBeNull();
  });
});

describe('toFinancialProfile', () => {
  it('reads income as monthly: annual = x12, DTI = debt / income to 2 decimals', () => {
    expect(toFinancialProfile(ID, wire())).toEqual({
      fico: 642,
      annualIncome: { amount: '78000.00', currency: 'USD' },
      monthlyDebtPayments: { amount: '1450.00', currency: 'USD' },
      debtToIncomeRatio: 0.22,
      source: { vendor: 'LENDING_CRM', id: ID },
    });
  });

  it('keeps a null fico null', () => {
    expect(toFinancialProfile(ID, wire({ fico: null })).fico).toBeNull();
    expect(toFinancialProfile(ID, wire({ fico: undefined })).fico).toBeNull();
  });

  it('formats doubles through whole cents (no float noise)', () => {
    const profile = toFinancialProfile(ID, wire({ totalIncome: 8333.33, totalDebtPayments: 0.1 }));
    expect(profile.annualIncome).toEqual({ amount: '99999.96', currency: 'USD' });
    expect(profile.monthlyDebtPayments).toEqual({ amount: '0.10', currency: 'USD' });
    expect(profile.debtToIncomeRatio).toBe(0);
    expect(usd(1234.5)).toEqual({ amount: '1234.50', currency: 'USD' });
    expect(usd(-12.345)).toEqual({ amount: '-12.35', currency: 'USD' });
    expect(usd(-0.001)).toEqual({ amount: '0.00', currency: 'USD' });
    expect(usd(null)).toBeNull();
  });

  it('gives no ratio when income is missing or 0, or debt is missing', () => {
    expect(toFinancialProfile(ID, wire({ totalIncome: null }))).toMatchObject({
      annualIncome: null,
      debtToIncomeRatio: null,
    });
    expect(toFinancialProfile(ID, wire({ totalIncome: 0 }))).toMatchObject({
      annualIncome: { amount: '0.00', currency: 'USD' },
      debtToIncomeRatio: null,
    });
    expect(toFinancialProfile(ID, wire({ totalDebtPayments: null }))).toMatchObject({
      monthlyDebtPayments: null,
      debtToIncomeRatio: null,
    });
  });

  it('rounds the ratio half up on cents', () => {
    expect(
      toFinancialProfile(ID, wire({ totalIncome: 1000, totalDebtPayments: 145 })).debtToIncomeRatio,
    ).toBe(0.15);
  });
});

describe('audit records', () => {
  it('takes the new client id from the untyped audit id', () => {
    const audit = wireAuditRecordSchema.parse({
      id: ID.toUpperCase(),
      type: 'Client',
      createdTimestamp: '2025-06-30T00:00:00Z',
      updatedTimestamp: null,
    });
    expect(createdClientId(audit)).toBe(ID);
  });

  it('gives no id when the audit record names none (all its fields are nullable)', () => {
    expect(createdClientId(wireAuditRecordSchema.parse({}))).toBeNull();
    expect(createdClientId(wireAuditRecordSchema.parse({ id: null, type: null }))).toBeNull();
    expect(createdClientId(wireAuditRecordSchema.parse({ id: 'Client-17' }))).toBeNull();
  });
});

describe('write bodies', () => {
  const input = {
    firstName: ' Pat ',
    lastName: "O'Brien",
    email: 'Pat.OBrien@Example.com',
    mobilePhone: '(617) 555-0123 ext. 5',
    homePhone: null,
    fico: 700,
    monthlyIncome: { amount: '5000.50', currency: 'USD' },
    monthlyDebtPayments: { amount: '800', currency: 'USD' },
    externalId: 'P-1',
  };

  it('builds a POST body in wire names with normalised values', () => {
    expect(toCreateBody(input)).toEqual({
      ok: true,
      value: {
        firstName: 'Pat',
        lastName: "O'Brien",
        email: 'pat.obrien@example.com',
        mobilePhone: '+16175550123',
        homePhone: null,
        fico: 700,
        totalIncome: 5000.5,
        totalDebtPayments: 800,
        externalId: 'P-1',
      },
    });
  });

  it('never sends the read-only id, createdOn, updatedOn, nor loginToken', () => {
    const result = toCreateBody({ ...input, ...{ id: ID, createdOn: 'x', loginToken: 'secret' } });
    expect(result.ok && Object.keys(result.value)).toEqual(
      expect.not.arrayContaining(['id', 'createdOn', 'updatedOn', 'loginToken']),
    );
  });

  it('reports our own input problems by our field names, without the values', () => {
    const result = toCreateBody({
      firstName: '',
      lastName: 'Doe',
      email: 'not-an-email',
      mobilePhone: 'call me',
      fico: 700.5,
      monthlyIncome: { amount: '12.345', currency: 'USD' },
      monthlyDebtPayments: { amount: '10', currency: 'EUR' },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: ['input', 'firstName'], message: 'firstName is required' },
        { path: ['input', 'email'], message: 'email is not an email address' },
        { path: ['input', 'mobilePhone'], message: 'mobilePhone is not a phone number' },
        { path: ['input', 'fico'], message: 'fico must be a whole number' },
        {
          path: ['input', 'monthlyIncome'],
          message: 'monthlyIncome must be a decimal amount with at most 2 decimals',
        },
        { path: ['input', 'monthlyDebtPayments'], message: 'monthlyDebtPayments must be in USD' },
      ],
    });
  });

  it('maps every vendor field of a write to our input path', () => {
    expect(WRITE_FIELD_MAP).toMatchObject({
      email: ['input', 'email'],
      totalIncome: ['input', 'monthlyIncome'],
      totalDebtPayments: ['input', 'monthlyDebtPayments'],
      id: ['id'],
    });
  });

  it('fills the PATCH-required email, firstName and lastName from the client as held', () => {
    const patch = { fico: 710 };
    expect(patchNeedsCurrent(patch)).toBe(true);
    expect(toPatchBody(patch, wire())).toEqual({
      ok: true,
      value: {
        fico: 710,
        email: 'Jordan.Rivera@Example.com',
        firstName: 'Jordan',
        lastName: 'Rivera',
      },
    });
  });

  it('sends a full PATCH as given, and a null as a request to clear', () => {
    const patch = { email: 'A@B.co', firstName: 'A', lastName: 'B', homePhone: null };
    expect(patchNeedsCurrent(patch)).toBe(false);
    expect(toPatchBody(patch, null)).toEqual({
      ok: true,
      value: { email: 'a@b.co', firstName: 'A', lastName: 'B', homePhone: null },
    });
  });

  it('refuses an empty patch and a cleared required field', () => {
    expect(toPatchBody({}, null)).toMatchObject({ ok: false });
    expect(toPatchBody({ email: null }, null)).toEqual({
      ok: false,
      problems: [{ path: ['input', 'email'], message: 'email is required' }],
    });
  });
});

describe('error bodies', () => {
  it('reads ASP.NET problem details field errors under any key spelling', () => {
    const body = wireProblemSchema.parse({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: '00-abc-def-00',
      errors: {
        email: ['The field email must match the regular expression'],
        FirstName: ['The FirstName field is required.'],
        '$.fico': ['The JSON value could not be converted to System.Int32.'],
        $: 'The request body must be a JSON object.',
        $filter: [],
      },
    });
    expect(problemFields(body.errors)).toEqual([
      { field: 'email', message: 'The field email must match the regular expression' },
      { field: 'firstName', message: 'The FirstName field is required.' },
      { field: 'fico', message: 'The JSON value could not be converted to System.Int32.' },
      { field: '$', message: 'The request body must be a JSON object.' },
      { field: '$filter', message: '' },
    ]);
    expect(problemFields(undefined)).toEqual([]);
    expect(wireFieldOfErrorKey('TotalIncome')).toBe('totalIncome');
  });
});

describe('OData builder', () => {
  it('doubles single quotes in string literals', () => {
    expect(stringLiteral("o'brien")).toBe("'o''brien'");
    expect(lowerEquals('lastName', "x' or 1 eq 1 or lastName eq '")).toBe(
      "tolower(lastName) eq 'x'' or 1 eq 1 or lastName eq '''",
    );
    expect(contains('mobilePhone', "0'1")).toBe("contains(mobilePhone,'0''1')");
  });

  it('inlines only validated GUIDs, unquoted and lower case', () => {
    expect(guidLiteral(ID.toUpperCase())).toBe(ID);
    expect(() => guidLiteral("x') or true or ('")).toThrow(TypeError);
    expect(idIn([ID, '00000000-0000-0000-0000-000000000001'])).toBe(
      `id in (${ID},00000000-0000-0000-0000-000000000001)`,
    );
    expect(idEqAny([ID, '00000000-0000-0000-0000-000000000001'])).toBe(
      `id eq ${ID} or id eq 00000000-0000-0000-0000-000000000001`,
    );
    expect(() => idIn([])).toThrow(RangeError);
  });

  it('parenthesises each part of a disjunction', () => {
    expect(anyOf([lowerEquals('email', 'a@b.co')])).toBe("tolower(email) eq 'a@b.co'");
    expect(anyOf([lowerEquals('email', 'a@b.co'), contains('homePhone', '0142')])).toBe(
      "(tolower(email) eq 'a@b.co') or (contains(homePhone,'0142'))",
    );
  });
});

describe('searches', () => {
  const criteria = (match: Parameters<typeof toFindCriteria>[0]): FindCriteria => {
    const result = toFindCriteria(match);
    if (!result.ok) throw new Error('unexpected problems');
    return result.value;
  };

  it('ORs email, phone (last four digits in any phone field) and surname in one filter', () => {
    const value = criteria({
      email: 'Jordan.Rivera@Example.com',
      phone: '(617) 555-0142',
      lastName: ' Rivera ',
    });
    expect(value).toEqual({
      email: 'jordan.rivera@example.com',
      phone: '+16175550142',
      lastName: 'rivera',
    });
    expect(findFilter(value)).toBe(
      "(tolower(email) eq 'jordan.rivera@example.com') or " +
        "((contains(mobilePhone,'0142')) or (contains(homePhone,'0142')) or (contains(workPhone,'0142'))) or " +
        "(tolower(lastName) eq 'rivera')",
    );
  });

  it('does not search a surname given with a date of birth (the vendor holds none)', () => {
    expect(findFilter(criteria({ lastName: 'Rivera', dateOfBirth: '1986-04-12' }))).toBeNull();
    expect(findFilter(criteria({}))).toBeNull();
    expect(findFilter(criteria({ email: ' ', phone: null }))).toBeNull();
  });

  it('reports unreadable keys under match', () => {
    expect(toFindCriteria({ email: 'nope', phone: 'abc', dateOfBirth: '12/04/1986' })).toEqual({
      ok: false,
      problems: [
        { path: ['match', 'email'], message: 'email is not an email address' },
        { path: ['match', 'phone'], message: 'phone is not a phone number' },
        { path: ['match', 'dateOfBirth'], message: 'dateOfBirth is not a YYYY-MM-DD date' },
      ],
    });
  });

  it('keeps only exact matches on normalised values', () => {
    const model = toClientModel(wire());
    if (!model) throw new Error('no model');
    const none: FindCriteria = { email: null, phone: null, lastName: null };
    expect(matchesCriteria(model, { ...none, phone: '+16175550142' })).toBe(true);
    expect(matchesCriteria(model, { ...none, phone: '+12125550142' })).toBe(false);
    expect(matchesCriteria(model, { ...none, email: 'jordan.rivera@example.com' })).toBe(true);
    expect(matchesCriteria(model, { ...none, lastName: 'rivera' })).toBe(true);
    expect(matchesCriteria(model, { ...none, lastName: 'riv' })).toBe(false);
  });
});

describe('bearer token expiry', () => {
  const jwt = (payload: object): string =>
    ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'sig'].join('.');

  it('reads exp of a JWT in ms, and nothing from other tokens', () => {
    expect(jwtExpiryMs(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(jwtExpiryMs(jwt({ sub: 'x' }))).toBeNull();
    expect(jwtExpiryMs('sandbox')).toBeNull();
    expect(jwtExpiryMs('a.%%%.c')).toBeNull();
  });
});
