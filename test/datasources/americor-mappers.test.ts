import {
  ACH_FIELD_MAP,
  BUDGET_FIELD_MAP,
  FALLBACK_TOKEN_LIFETIME_S,
  LEAD_FIELD_MAP,
  achRequestFromInput,
  assigneeFromWire,
  budgetRequestFromInput,
  calculatorRequestFromInput,
  creditorRequestFromInput,
  dateTimeFromWire,
  enrollmentFromWire,
  enrollmentStatusFromWire,
  leadFromWire,
  leadRequestFromInput,
  leadStatusOf,
  lifetimeSeconds,
  moneyFromWire,
  personRecordFromLeadRequest,
  prospectRequestFromInput,
  readAmericorError,
  tokenGrantFromWire,
  validationFieldsFromWire,
  wireMoney,
  zipFromWire,
} from '../../datasources/americor/mappers';
import type { AmericorLeadInput } from '../../datasources/americor/models';
import {
  createdProspectSchema,
  enrollmentSchema,
  enrollmentStatusSchema,
  errorBodySchema,
  leadSchema,
  tokenResponseSchema,
} from '../../datasources/americor/wire';
import type { WireLeadRequest } from '../../datasources/americor/wire';

/**
 * The Americor mappers, pure: wire fixtures (the vendor docs' own examples, and variants for each
 * documented quirk) in, domain models out; domain inputs in, wire bodies out.
 */

/** Fixtures copied from vendor-docs/americor.md (examples as documented). */
const DOCS = {
  token: { token: 'eyJ0eXNlJ9.eyJpZCI6Miw2MzY1MzcwNzZ9.FHCqvMumifu12ULWA', lifetime: 604800 },
  forbidden: { name: 'Forbidden', message: 'Detailed error message', code: 0, status: 403 },
  notFound: {
    name: 'Page Not Found',
    message: 'Detailed error message',
    code: 0,
    status: 404,
    type: 'yii\\web\\NotFoundHttpException',
  },
  validationFormA: {
    name: 'Unprocessable entity',
    message: 'Validation Error',
    code: 0,
    status: 422,
    errors: [{ attributeName1: ['Error text'], attributeName2: ['Error text'] }],
  },
  validationFormB: {
    name: 'Unprocessable entity',
    message: 'Validation Error',
    code: 0,
    status: 422,
    errors: [{ field: 'bankName', message: 'This field is required' }],
  },
  lead: {
    id: 0,
    uuid: '018d63e8-b435-7320-8565-cf329d5da1a6',
    status: 0,
    salesPhase: -1,
    salesRep: {
      id: 0,
      uuid: '018d63e8-b435-7320-8565-cf329d5da1a6',
      name: 'Kate',
      phone: '+18889990031',
      email: 'kate@company.com',
    },
  },
  enrollmentStatus: { status: 0, statusText: 'New' },
  enrollment: {
    clientUuid: '018aad28-1e43-7347-98b4-e55aafbac7b8',
    clientStatus: 4,
    clientName: 'John Doe',
    enrolledDebtAmount: 100,
    currentDebtAmount: 100,
    enrolledDate: '2001-06-05T11:53:47-07:00',
    salesRep: 'John Doe',
    initialDepositDate: '2001-06-05T11:53:47-07:00',
    initialDepositStatus: 0,
    initialDepositClearedDate: '2001-06-05T11:53:47-07:00',
  },
  prospectCreated: { uuid: '48a9788c-5306-477f-bfb4-842469fa1344' },
};

const LEAD_UUID = '48a9788c-5306-477f-bfb4-842469fa1344';
const usd = (amount: string) => ({ amount, currency: 'USD' });
/** A wire body as it goes out on the wire (rawJSON amounts and plain numbers compare alike). */
const sent = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

function thrown(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected a throw');
}

describe('quirk: token lifetime as a string or a number', () => {
  it('reads both documented forms as seconds', () => {
    expect(lifetimeSeconds(604800)).toBe(604800);
    expect(lifetimeSeconds('604800')).toBe(604800);
    expect(lifetimeSeconds(' 600 ')).toBe(600);
  });

  it('falls back when the lifetime is absent or unreadable', () => {
    for (const odd of [null, undefined, '', '7 days', 0, -5, Number.NaN])
      expect(lifetimeSeconds(odd)).toBeNull();
    expect(tokenGrantFromWire({ token: 't', lifetime: 'soon' }, 1_000)).toEqual({
      token: 't',
      expiresAtMs: 1_000 + FALLBACK_TOKEN_LIFETIME_S * 1000,
    });
  });

  it('expires the token at issue time + lifetime', () => {
    const issuedAt = Date.parse('2025-03-01T12:00:00Z');
    const asNumber = tokenResponseSchema.parse(DOCS.token);
    const asString = tokenResponseSchema.parse({ ...DOCS.token, lifetime: '604800' });
    expect(tokenGrantFromWire(asNumber, issuedAt)).toEqual({
      token: DOCS.token.token,
      expiresAtMs: issuedAt + 604_800_000,
    });
    expect(tokenGrantFromWire(asString, issuedAt)).toEqual(tokenGrantFromWire(asNumber, issuedAt));
  });
});

describe('quirk: 422 in form A and form B', () => {
  it('reads form A (attribute -> messages, wrapped in an array) as one problem per message', () => {
    expect(readAmericorError(422, DOCS.validationFormA)).toEqual({
      code: 'VENDOR_REJECTED',
      fields: [
        { field: 'attributeName1', message: 'Error text' },
        { field: 'attributeName2', message: 'Error text' },
      ],
    });
    const twoMessages = {
      ...DOCS.validationFormA,
      errors: [{ zip: ['Zip is invalid.', 'Zip is too long.'] }],
    };
    expect(readAmericorError(422, twoMessages).fields).toHaveLength(2);
  });

  it('reads form B ({field, message} items)', () => {
    expect(readAmericorError(422, DOCS.validationFormB)).toEqual({
      code: 'VENDOR_REJECTED',
      fields: [{ field: 'bankName', message: 'This field is required' }],
    });
  });

  it('tolerates a bare form-A map, single-string messages and mixed items', () => {
    const parsed = errorBodySchema.parse({
      ...DOCS.validationFormA,
      errors: { state: 'State is invalid.' },
    });
    expect(validationFieldsFromWire(parsed.errors)).toEqual([
      { field: 'state', message: 'State is invalid.' },
    ]);
    const mixed = errorBodySchema.parse({
      errors: [{ field: 'bankZip', message: 'Bank Zip must be an integer.' }, { bankCity: ['x'] }],
    });
    expect(validationFieldsFromWire(mixed.errors).map((f) => f.field)).toEqual([
      'bankZip',
      'bankCity',
    ]);
  });

  it('reads a 422 it cannot parse as a rejection without fields', () => {
    expect(readAmericorError(422, '<html>')).toEqual({ code: 'VENDOR_REJECTED', fields: [] });
    expect(readAmericorError(422, null)).toEqual({ code: 'VENDOR_REJECTED', fields: [] });
  });

  it('reads the other documented envelopes', () => {
    expect(readAmericorError(401, DOCS.forbidden)).toEqual({ code: 'VENDOR_AUTH_FAILED' });
    expect(readAmericorError(403, null)).toEqual({ code: 'VENDOR_AUTH_FAILED' });
    expect(readAmericorError(404, DOCS.notFound)).toEqual({ code: 'NOT_FOUND' });
    expect(readAmericorError(400, { name: 'Bad Request', status: 400 })).toEqual({});
  });

  it('maps vendor field names to our input paths', () => {
    expect(LEAD_FIELD_MAP.phoneMobile).toEqual(['input', 'phone']);
    expect(LEAD_FIELD_MAP.state).toEqual(['input', 'address', 'state']);
    expect(LEAD_FIELD_MAP.zip).toEqual(['input', 'address', 'postalCode']);
    expect(LEAD_FIELD_MAP.dob).toEqual(['input', 'dateOfBirth']);
    expect(ACH_FIELD_MAP.bankZip).toEqual(['input', 'bankAddress', 'postalCode']);
    expect(BUDGET_FIELD_MAP.foodDescription).toEqual(['input', 'notes', 'food']);
    expect(BUDGET_FIELD_MAP.hardshipReasonDetailed).toEqual(['input', 'hardshipDetails']);
  });
});

describe('quirk: salesRep null, absent, or a bare name', () => {
  it('reads the documented rep object, id preferred as its uuid', () => {
    const lead = leadFromWire(leadSchema.parse(DOCS.lead), DOCS.lead.uuid);
    expect(lead.assignedTo).toEqual({ id: DOCS.lead.salesRep.uuid, name: 'Kate' });
    expect(assigneeFromWire({ id: 101, name: 'Kate Morrison' })).toEqual({
      id: '101',
      name: 'Kate Morrison',
    });
  });

  it('reads an unassigned lead (null, absent, or empty rep) as no assignee', () => {
    const { salesRep: _omitted, ...absent } = DOCS.lead;
    expect(leadFromWire(leadSchema.parse(absent), LEAD_UUID).assignedTo).toBeNull();
    expect(
      leadFromWire(leadSchema.parse({ ...DOCS.lead, salesRep: null }), LEAD_UUID).assignedTo,
    ).toBeNull();
    expect(assigneeFromWire({})).toBeNull();
    expect(assigneeFromWire({ id: null, uuid: '', name: '  ' })).toBeNull();
    expect(assigneeFromWire('')).toBeNull();
  });

  it('reads a rep given by name only (the enrollment form)', () => {
    const lead = leadFromWire(leadSchema.parse({ ...DOCS.lead, salesRep: 'John Doe' }), LEAD_UUID);
    expect(lead.assignedTo).toEqual({ id: null, name: 'John Doe' });
  });
});

describe('lead mapping', () => {
  it('maps the documented example to a lead model', () => {
    expect(leadFromWire(leadSchema.parse(DOCS.lead), DOCS.lead.uuid.toUpperCase())).toEqual({
      ref: { vendor: 'AMERICOR', id: DOCS.lead.uuid },
      subject: { vendor: 'AMERICOR', id: DOCS.lead.uuid },
      status: 'NEW',
      vendorStatus: { code: '0', label: 'New' },
      source: null,
      createdAt: null,
      estimatedDebt: null,
      assignedTo: { id: DOCS.lead.salesRep.uuid, name: 'Kate' },
      enrollment: null,
      customerId: 0,
      salesPhase: { code: '-1', label: 'No Sales Phase' },
    });
  });

  it('keeps the vendor label `Ready to Petch` as written', () => {
    const lead = leadFromWire(
      leadSchema.parse({ ...DOCS.lead, status: 16, salesPhase: 3 }),
      LEAD_UUID,
    );
    expect(lead.vendorStatus).toEqual({ code: '16', label: 'Ready to Petch' });
    expect(lead.status).toBe('QUOTED');
  });

  it.each([
    [0, -1, 'NEW'],
    [0, 0, 'NEW'],
    [0, 1, 'CONTACTED'],
    [18, 2, 'CONTACTED'],
    [3, 5, 'QUOTED'],
    [3, 7, 'LOST'],
    [18, 6, 'LOST'],
    [44, 9, 'QUOTED'],
    [13, 11, 'QUOTED'],
    [57, 12, 'WON'],
    [44, 12, 'WON'],
    [58, 13, 'EXPIRED'],
    [58, 14, 'EXPIRED'],
    [999, 3, 'QUOTED'],
    [999, -1, 'OTHER'],
    [999, null, 'OTHER'],
    ['16', '3', 'QUOTED'],
  ] as const)('status %p with sales phase %p is %s', (status, phase, expected) => {
    expect(leadStatusOf(status, phase)).toBe(expected);
  });

  it('keeps an unknown status code with no label', () => {
    const lead = leadFromWire(leadSchema.parse({ status: 71 }), LEAD_UUID);
    expect(lead).toMatchObject({
      status: 'OTHER',
      vendorStatus: { code: '71', label: null },
      salesPhase: null,
      customerId: null,
    });
  });
});

describe('quirk: enrollment dates may be null; amounts are integers or decimals', () => {
  it('maps the documented example', () => {
    expect(enrollmentFromWire(enrollmentSchema.parse(DOCS.enrollment))).toEqual({
      vendorStatus: { code: '4', label: 'New' },
      active: false,
      enrolledDebt: usd('100.00'),
      currentDebt: usd('100.00'),
      enrolledAt: '2001-06-05T11:53:47-07:00',
      salesRep: 'John Doe',
      initialDeposit: {
        status: { code: '0', label: 'Void' },
        scheduledAt: '2001-06-05T11:53:47-07:00',
        clearedAt: '2001-06-05T11:53:47-07:00',
      },
    });
  });

  it('reads null or absent dates and amounts as null', () => {
    const wire = enrollmentSchema.parse({
      clientStatus: 5,
      enrolledDebtAmount: 23500.69,
      currentDebtAmount: null,
      enrolledDate: '2024-04-05T17:11:04-07:00',
      initialDepositDate: null,
      initialDepositStatus: null,
      initialDepositClearedDate: null,
    });
    expect(enrollmentFromWire(wire)).toEqual({
      vendorStatus: { code: '5', label: 'Waiting for 1st payment' },
      active: true,
      enrolledDebt: usd('23500.69'),
      currentDebt: null,
      enrolledAt: '2024-04-05T17:11:04-07:00',
      salesRep: null,
      initialDeposit: { status: null, scheduledAt: null, clearedAt: null },
    });
  });

  it.each([
    ['2001-06-05T11:53:47-07:00', '2001-06-05T11:53:47-07:00'],
    ['2001-06-05T11:53:47Z', '2001-06-05T11:53:47Z'],
    ['2001-06-05 11:53:47-0700', '2001-06-05T11:53:47-07:00'],
    ['2001-06-05T11:53:47', '2001-06-05T11:53:47Z'],
    ['2001-06-05', '2001-06-05T00:00:00Z'],
    ['0000-00-00 00:00:00', null],
    ['2001-02-30T10:00:00Z', null],
    ['yesterday', null],
    ['', null],
    [null, null],
  ])('date %p is %p', (value, expected) => {
    expect(dateTimeFromWire(value)).toBe(expected);
  });

  it('marks running programmes active and the others not', () => {
    const active = (clientStatus: number) =>
      enrollmentFromWire(enrollmentSchema.parse({ clientStatus })).active;
    for (const code of [5, 6, 7, 8, 47, 48, 53]) expect(active(code)).toBe(true);
    for (const code of [4, 9, 10, 11, 12, 20, 21, 29, 35, 36, 50, 51, 99])
      expect(active(code)).toBe(false);
  });

  it.each([
    [100, '100.00'],
    [3457.82, '3457.82'],
    [0.1 + 0.2, '0.30'],
    ['1000.5', '1000.50'],
    [-12.5, '-12.50'],
    ['string', null],
    [null, null],
  ])('amount %p is %p USD', (amount, expected) => {
    expect(moneyFromWire(amount)).toEqual(expected === null ? null : usd(expected));
  });
});

describe('quirk: enrollment status codes conflict between §4.14 and §4.15', () => {
  it('keeps the vendor statusText as the label', () => {
    expect(enrollmentStatusFromWire(enrollmentStatusSchema.parse(DOCS.enrollmentStatus))).toEqual({
      code: '0',
      label: 'New',
    });
    expect(enrollmentStatusFromWire({ status: 11, statusText: 'Canceled' })).toEqual({
      code: '11',
      label: 'Canceled',
    });
    expect(enrollmentStatusFromWire({ status: 77, statusText: 'Legal Review' })).toEqual({
      code: '77',
      label: 'Legal Review',
    });
  });

  it('fills a missing statusText from the §4.14 list, then from the §4.15 list', () => {
    expect(enrollmentStatusFromWire({ status: 5 })).toEqual({
      code: '5',
      label: 'Waiting for 1 Payment',
    });
    expect(enrollmentStatusFromWire({ status: 4, statusText: null })).toEqual({
      code: '4',
      label: 'New',
    });
    expect(enrollmentStatusFromWire({ status: '21', statusText: '' })).toEqual({
      code: '21',
      label: 'RAM Rejected',
    });
    expect(enrollmentStatusFromWire({ status: 77 })).toEqual({ code: '77', label: null });
  });

  it('labels the §4.15 clientStatus with its own spelling', () => {
    const status = (clientStatus: number) =>
      enrollmentFromWire(enrollmentSchema.parse({ clientStatus })).vendorStatus;
    expect(status(11)).toEqual({ code: '11', label: 'Cancelled' });
    expect(status(5)).toEqual({ code: '5', label: 'Waiting for 1st payment' });
    expect(status(0)).toEqual({ code: '0', label: null });
  });
});

describe('quirk: integer ZIP with a lost leading zero', () => {
  it.each([
    [2108, '02108'],
    [12345, '12345'],
    [501, '00501'],
    ['2108', '02108'],
    ['02134-1234', '02134'],
    [123456, null],
    [null, null],
  ])('wire ZIP %p is %p', (zip, expected) => {
    expect(zipFromWire(zip)).toBe(expected);
  });

  it('sends five-digit ZIPs as integers (the documented type)', () => {
    const lead = (postalCode: string) =>
      leadRequestFromInput({
        ...INPUT,
        address: { line1: '1 Main St', city: 'Boston', state: 'MA', postalCode },
      }).zip;
    expect(lead('02108')).toBe(2108);
    expect(lead('02108-1234')).toBe(2108);
    expect(lead('021081234')).toBe(2108);
  });

  it('restores the zero in the identity derived from what was sent', () => {
    const body: WireLeadRequest = {
      firstName: 'Jordan',
      lastName: 'Rivera',
      phoneMobile: '+16175550142',
      email: 'Jordan.Rivera@Example.com',
      state: 'ma',
      address: '27 Maple St Apt 4',
      city: 'Boston',
      zip: 2108,
      ssn: '045-62-1187',
      dob: '1986-04-12',
    };
    expect(personRecordFromLeadRequest(body, LEAD_UUID)).toEqual({
      ref: { vendor: 'AMERICOR', id: LEAD_UUID },
      firstName: 'Jordan',
      middleName: null,
      lastName: 'Rivera',
      emails: ['jordan.rivera@example.com'],
      phones: ['+16175550142'],
      dateOfBirth: '1986-04-12',
      ssn: '045-62-1187',
      addresses: [
        {
          line1: '27 Maple St Apt 4',
          line2: null,
          city: 'Boston',
          state: 'MA',
          postalCode: '02108',
          country: 'US',
        },
      ],
    });
  });
});

describe('quirk: money as JSON numbers loses trailing zeros', () => {
  const fakeRawJson = (text: string) => ({ rawJSON: text });

  it('writes two decimals where the runtime can (JSON.rawJSON)', () => {
    expect(wireMoney('1000.00', fakeRawJson)).toEqual({ rawJSON: '1000.00' });
  });

  it('otherwise sends the exact value in shortest form', () => {
    expect(wireMoney('1000.00', undefined)).toBe(1000);
    expect(wireMoney('3457.80', undefined)).toBe(3457.8);
    expect(JSON.stringify({ amount: wireMoney('0.30', undefined) })).toBe('{"amount":0.3}');
  });

  it('normalises amounts to cents before sending', () => {
    const body = sent(
      leadRequestFromInput({ ...INPUT, estimatedDebt: usd('23500.5') }),
    ) as WireLeadRequest;
    expect(body.clientEstimatedDebt).toBe(23500.5);
    const creditor = sent(
      creditorRequestFromInput({ ...CREDITOR, creditLimit: usd('007') }),
    ) as Record<string, unknown>;
    expect(creditor.creditLimit).toBe(7);
  });

  it('refuses amounts that are not USD with at most two decimals', () => {
    for (const estimatedDebt of [
      usd('12.345'),
      usd('-5.00'),
      usd('1e3'),
      { amount: '10', currency: 'EUR' },
    ]) {
      const error = thrown(() => leadRequestFromInput({ ...INPUT, estimatedDebt }));
      expect(error).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: ['input', 'estimatedDebt'] }],
      });
    }
  });

  it('reads the prospect answer with or without an id (docs example vs field table)', () => {
    expect(createdProspectSchema.parse(DOCS.prospectCreated)).toEqual(DOCS.prospectCreated);
    expect(createdProspectSchema.parse({ ...DOCS.prospectCreated, id: 604800 }).id).toBe(604800);
  });
});

const INPUT: AmericorLeadInput = {
  firstName: ' John ',
  middleName: 'Michael',
  lastName: 'Doe',
  email: 'John.Doe@Fake.Mail',
  mobilePhone: '(888) 999-0031',
  homePhone: '+18889990032',
  dateOfBirth: '1970-01-01',
  ssn: '123456789',
  address: {
    line1: '123 Hickle Fields',
    line2: 'Apt. 456',
    city: 'Olympia',
    state: 'wa',
    postalCode: '12345',
  },
  estimatedDebt: usd('3457.82'),
  source: 'Digital - 1',
  externalId: '018ebd24-306f-73d4-9b68-8a1066e66188',
};

const CREDITOR = {
  creditorName: 'CHASE CARD',
  creditorMemberCode: '026QK001',
  accountNumber: '12345678',
  accountHolder: 'JOINT' as const,
  cardholderName: 'John Doe',
  openedDate: '1970-01-01',
  debtType: '0a',
  originalBalance: usd('1000.00'),
  monthlyPayment: usd('100.00'),
  lastPaymentDate: '1970-01-01',
};

describe('writes: domain input -> wire body', () => {
  it('builds the documented lead body from a domain input', () => {
    expect(sent(leadRequestFromInput(INPUT))).toEqual({
      firstName: 'John',
      lastName: 'Doe',
      middleName: 'Michael',
      phoneMobile: '+18889990031',
      phoneHome: '+18889990032',
      email: 'john.doe@fake.mail',
      state: 'WA',
      ssn: '123-45-6789',
      dob: '1970-01-01',
      address: '123 Hickle Fields Apt. 456',
      city: 'Olympia',
      zip: 12345,
      clientEstimatedDebt: 3457.82,
      source: 'Digital - 1',
      externalId: '018ebd24-306f-73d4-9b68-8a1066e66188',
    });
  });

  it('sends noEmail: true instead of a missing email, and leaves out what is not given', () => {
    expect(
      sent(
        leadRequestFromInput({
          firstName: 'Ann',
          lastName: 'Lee',
          email: null,
          mobilePhone: null,
          homePhone: '617-555-0100',
        }),
      ),
    ).toEqual({ firstName: 'Ann', lastName: 'Lee', phoneHome: '+16175550100', noEmail: true });
  });

  it('names every field it cannot send, never its value', () => {
    const error = thrown(() =>
      leadRequestFromInput({
        ...INPUT,
        email: 'not-an-email',
        mobilePhone: 'call me',
        ssn: '000-12-3456',
        dateOfBirth: '1970-13-45',
      }),
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', vendor: 'AMERICOR' });
    const fields = error.fields as { path: string[]; message: string }[];
    expect(fields.map((f) => f.path.join('.'))).toEqual([
      'input.phone',
      'input.email',
      'input.ssn',
      'input.dateOfBirth',
    ]);
    const shown = JSON.stringify(error) + String(error.message);
    for (const value of ['not-an-email', 'call me', '000-12-3456', '1970-13-45'])
      expect(shown).not.toContain(value);
  });

  it('builds a prospect body; an empty input is an empty body', () => {
    expect(prospectRequestFromInput({})).toEqual({});
    expect(
      sent(
        prospectRequestFromInput({
          campaign: '02122024',
          firstName: 'Erin',
          address: { line1: '5 Pine Rd', city: 'Fresno', state: 'ca', postalCode: '09365' },
          estimatedDebt: usd('12000'),
          email: 'ERIN@EXAMPLE.COM',
          phone: '559.555.0134',
        }),
      ),
    ).toEqual({
      campaign: '02122024',
      firstName: 'Erin',
      address: '5 Pine Rd',
      city: 'Fresno',
      state: 'CA',
      zip: 9365,
      clientEstimatedDebt: 12000,
      email: 'erin@example.com',
      phone: '+15595550134',
    });
  });

  it('builds a creditor body with codes; account numbers are integers on the wire', () => {
    expect(sent(creditorRequestFromInput(CREDITOR))).toEqual({
      creditorName: 'CHASE CARD',
      creditorMemberCode: '026QK001',
      accountNumber: 12345678,
      accountHolder: 3,
      cardholderName: 'John Doe',
      openedDate: '1970-01-01',
      debtType: '0A',
      originalBalance: 1000,
      monthlyPayment: 100,
      lastPayment: '1970-01-01',
      included: true,
    });
    expect(
      creditorRequestFromInput({ ...CREDITOR, accountNumber: '0012', included: false }),
    ).toMatchObject({
      accountNumber: 12,
      included: false,
    });
    for (const accountNumber of ['9007199254740993', '1234-5678', 'XXXX1234'])
      expect(thrown(() => creditorRequestFromInput({ ...CREDITOR, accountNumber }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: ['input', 'accountNumber'] }],
      });
  });

  it('builds a budget body with codes, amounts and descriptions', () => {
    expect(
      sent(
        budgetRequestFromInput({
          amounts: {
            netMonthlyIncome: usd('12000.00'),
            housingPayment: usd('0'),
            autoLoans: usd('10'),
            autoInsurance: usd('0.00'),
            food: usd('10.00'),
          },
          notes: {
            housingPayment: 'Lives with parents',
            autoInsurance: 'Covered by employer',
            food: ' ',
          },
          housingType: 'WITH_FAMILY',
          hardshipReason: 'DIVORCED',
          hardshipDetails: ' Some description ',
          groundsOfExemption: 'ADDITIONAL_EMPLOYMENT',
        }),
      ),
    ).toEqual({
      netMonthlyIncome: 12000,
      housingPayment: 0,
      autoLoans: 10,
      autoInsurance: 0,
      food: 10,
      housingPaymentDescription: 'Lives with parents',
      autoInsuranceDescription: 'Covered by employer',
      housingType: 3,
      hardshipReason: 3,
      hardshipReasonDetailed: 'Some description',
      groundsOfExemption: 2,
    });
  });

  it('builds an ACH body with codes, an E.164 bank phone and an integer ZIP', () => {
    expect(
      achRequestFromInput({
        accountName: 'John Doe',
        processor: 'GCS',
        routingNumber: '123456789',
        accountNumber: '1234567890',
        accountType: 'SAVINGS',
        bankName: 'CENTRAL PACIFIC BANK',
        bankPhone: '(808) 544-5530',
        bankAddress: {
          line1: '222 NORTH SCHOOL STREET',
          city: 'Honolulu',
          state: 'hi',
          postalCode: '96817',
        },
        nonPrimaryApplicant: false,
      }),
    ).toEqual({
      accountName: 'John Doe',
      accountProcessor: 2,
      routingNumber: '123456789',
      bankAccountNumber: 1234567890,
      bankAccountType: 2,
      bankName: 'CENTRAL PACIFIC BANK',
      bankPhoneNumber: '+18085445530',
      bankAddress: '222 NORTH SCHOOL STREET',
      bankCity: 'Honolulu',
      bankState: 'HI',
      bankZip: 96817,
      nonPrimaryApplicant: false,
    });
  });

  it('builds a calculator body; the funding deposit is money though typed integer', () => {
    expect(
      sent(
        calculatorRequestFromInput({
          payFrequency: 'SEMI_MONTHLY',
          nextPayDate: '2025-03-07',
          fundingDeposit: usd('128.90'),
          fundingDepositDate: '2025-03-10',
        }),
      ),
    ).toEqual({
      payFrequency: 1,
      nextPayDate: '2025-03-07',
      fundingDeposit: 128.9,
      fundingDepositDate: '2025-03-10',
    });
    expect(
      calculatorRequestFromInput({ payFrequency: 'MONTHLY', nextPayDate: '2025-03-07' }),
    ).toEqual({
      payFrequency: 0,
      nextPayDate: '2025-03-07',
    });
  });
});
