import { readAgencyZoomError } from '../../datasources/agencyzoom/errors';
import {
  EMPTY_INDEX,
  applyLeadPatch,
  batchLeadFieldMap,
  carrierOf,
  centsToMoney,
  emailsOf,
  expandTwoDigitYear,
  groupLeadsByPhone,
  indexCarriers,
  indexProductLines,
  leadStatusOf,
  leadStatusWriteCode,
  leadWriteFromDetail,
  lineOfBusinessOf,
  maritalStatusCode,
  moneyToCents,
  normalizeZip,
  parseVendorDate,
  parseVendorDateTime,
  phoneSpellings,
  phonesOf,
  policyStatusOn,
  readTags,
  toCustomerRecord,
  toCustomerUpdateBody,
  toLeadRecord,
  toLeadStatusBody,
  toLeadWriteBody,
  toPolicyWriteBody,
  toSoldProducts,
} from '../../datasources/agencyzoom/mappers';
import type { MapContext, PolicyNames } from '../../datasources/agencyzoom/mappers';
import { tokenExpiresAtMs, jwtExpiryMs } from '../../datasources/agencyzoom/token';
import {
  wireCarriers,
  wireCustomer,
  wireLead,
  wirePolicy,
  wireProductLines,
} from '../../datasources/agencyzoom/wire';
import type { WireLead, WirePolicy } from '../../datasources/agencyzoom/wire';
import type { AppError } from '../../src/errors';

/**
 * Pure mapper tests over fixture objects shaped like the vendor reference's samples, one block per
 * documented quirk (vendor-docs/agencyzoom.md §1.3, §1.4, §4.6, §9).
 */

const ctx: MapContext = { today: '2025-03-12' };

/** The error `fn` throws (the test fails when it throws none). */
function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a throw');
}

/** A lead detail as §5.1.3 shows it, with the values a real agent would have typed. */
const LEAD_FIXTURE = {
  id: 4021,
  firstname: 'JORDAN',
  middlename: 'Avery',
  lastname: 'RIVERA',
  leadType: 'Personal',
  email: 'Jordan.Rivera@Example.com',
  phone: '(617) 555-0142',
  secondaryEmail: '',
  secondaryPhone: '617.555.0199',
  streetAddress: '27 Maple St Apt 4',
  city: 'Boston',
  state: 'ma',
  country: 'USA',
  zip: 2108,
  comments: 'Wants umbrella back.',
  status: 1,
  contactDate: '2025-02-11',
  soldDate: null,
  leadSourceId: 10704,
  leadSourceName: 'Customer Referral',
  xDate: null,
  quoteDate: '2025-02-12',
  createDate: '2025-02-10',
  premium: 0,
  quoted: 79700,
  assignedTo: 6818,
  assignToFirstname: 'Morgan',
  assignToLastname: 'Blake',
  csrId: 6821,
  workflowId: 2,
  workflowStageId: 23,
  locationCode: 'A0A0070',
  lastActivityDate: '2025-02-12 11:15:09',
  enterStageDate: '2025-02-12 11:15:09',
  tagNames: [1, 2],
  convertedHouseholdId: 0,
  nextExpirationDate: '04/01/26',
  customFields: [{ fieldName: 'cf1', value: 'Evening' }],
  otherProducers: [{ id: 6819, firstname: 'Casey', lastname: 'Nguyen' }],
  quotes: [{}],
  birthday: '04/12/86',
  nickname: 'Jo',
  maritalStatus: 'Single',
  someFieldTheDocsNeverMentioned: { nested: true },
};

const CARRIERS = wireCarriers.parse([
  { id: 91, name: 'Harborline Mutual', standardCarrierCode: 'HBLM' },
  { id: 95, name: 'Summit Specialty Group', standardCarrierCode: 'SMSG' },
]);
const PRODUCT_LINES = wireProductLines.parse([
  { id: 25, name: 'Personal Auto', productCategoryId: 1, standardProductLineCode: 'AUTOP' },
  { id: 27, name: 'Renters', productCategoryId: 1, standardProductLineCode: 'RENT' },
]);
const NAMES: PolicyNames = {
  carriers: indexCarriers(CARRIERS),
  productLines: indexProductLines(PRODUCT_LINES),
};

function policy(fields: Record<string, unknown>): WirePolicy {
  return wirePolicy.parse({ id: 7001, ...fields });
}

describe('AgencyZoom mappers: dates (§1.3, doc quirk 18)', () => {
  it('reads every documented date form as YYYY-MM-DD', () => {
    expect(parseVendorDate('2019-01-01 10:12:30', ctx)).toBe('2019-01-01');
    expect(parseVendorDate('2019-01-01', ctx)).toBe('2019-01-01');
    expect(parseVendorDate('12/31/1990', ctx)).toBe('1990-12-31');
    expect(parseVendorDate('03/29/1999', ctx)).toBe('1999-03-29');
    expect(parseVendorDate('3/9/1999', ctx)).toBe('1999-03-09');
  });

  it("refuses the samples' placeholders and impossible dates", () => {
    expect(parseVendorDate('string', ctx)).toBeNull();
    expect(parseVendorDate('02/30/2020', ctx)).toBeNull();
    expect(parseVendorDate('2019-13-01', ctx)).toBeNull();
    expect(parseVendorDate('', ctx)).toBeNull();
    expect(parseVendorDate(null, ctx)).toBeNull();
  });

  it("resolves MM/dd/yy to the latest year not after the agency's current year", () => {
    expect(parseVendorDate('04/12/86', ctx)).toBe('1986-04-12');
    expect(parseVendorDate('01/05/05', ctx)).toBe('2005-01-05');
    expect(parseVendorDate('03/01/25', ctx)).toBe('2025-03-01');
    expect(parseVendorDate('03/01/26', ctx)).toBe('1926-03-01');
    expect(expandTwoDigitYear(99, '2000-06-01')).toBe(1999);
    expect(expandTwoDigitYear(0, '2000-06-01')).toBe(2000);
  });

  it('reads offset-less stamps as Chicago wall-clock time, DST included', () => {
    expect(parseVendorDateTime('2019-01-01 10:12:30', ctx)).toBe('2019-01-01T16:12:30Z');
    expect(parseVendorDateTime('2019-07-01 10:12:30', ctx)).toBe('2019-07-01T15:12:30Z');
    expect(parseVendorDateTime('2019-01-01', ctx)).toBe('2019-01-01T06:00:00Z');
    expect(parseVendorDateTime('12/31/2019', ctx)).toBe('2019-12-31T06:00:00Z');
    expect(parseVendorDateTime('2019-01-01T10:12:30Z', ctx)).toBe('2019-01-01T10:12:30Z');
    expect(parseVendorDateTime('2019-01-01 25:00:00', ctx)).toBeNull();
  });
});

describe('AgencyZoom mappers: contact values', () => {
  it('normalises free-form phones to E.164 and drops what is not a phone', () => {
    expect(
      phonesOf('(617) 555-0142', '617.555.0142', '1-617-555-0142', '6175550142', '+16175550142'),
    ).toEqual(['+16175550142']);
    expect(phonesOf('617-555-0199', 'n/a', '', null, 6175550100)).toEqual([
      '+16175550199',
      '+16175550100',
    ]);
  });

  it('lower-cases emails, drops invalid ones and duplicates', () => {
    expect(emailsOf('Jordan.Rivera@Example.com', 'JORDAN.RIVERA@EXAMPLE.COM')).toEqual([
      'jordan.rivera@example.com',
    ]);
    expect(emailsOf('not-an-email', null, ' x@y.io ')).toEqual(['x@y.io']);
  });

  it('restores the leading zeros a numeric zip lost and cuts ZIP+4', () => {
    expect(normalizeZip(2108)).toBe('02108');
    expect(normalizeZip('02108-1234')).toBe('02108');
    expect(normalizeZip('90210')).toBe('90210');
  });
});

describe('AgencyZoom mappers: tagNames int array vs string (doc quirk 16)', () => {
  it("reads ids from the lead detail's integer array and names from strings", () => {
    expect(readTags([1, 2])).toEqual({ ids: [1, 2], names: [] });
    expect(readTags('VIP;Bundle; ;')).toEqual({ ids: [], names: ['VIP', 'Bundle'] });
    expect(readTags(['3', 'VIP'])).toEqual({ ids: [3], names: ['VIP'] });
    expect(readTags(null)).toEqual({ ids: [], names: [] });
  });

  it('parses both shapes on the wire', () => {
    expect(wireLead.parse({ id: 1, tagNames: [1, 2] }).tagNames).toEqual([1, 2]);
    expect(wireLead.parse({ id: 1, tagNames: 'VIP;Bundle' }).tagNames).toBe('VIP;Bundle');
    expect(wirePolicy.parse({ id: 1, tagNames: 'Bundle' }).tagNames).toBe('Bundle');
  });
});

describe('AgencyZoom mappers: lead status enums (doc quirk 6)', () => {
  it('maps the search enum 1:1 and keeps the vendor code and label', () => {
    const read = [0, 1, 2, 3, 4, 5].map((code) => leadStatusOf(code));
    expect(read.map((r) => r.status)).toEqual([
      'NEW',
      'QUOTED',
      'WON',
      'LOST',
      'CONTACTED',
      'EXPIRED',
    ]);
    expect(read[4].vendorStatus).toEqual({ code: '4', label: 'CONTACTED' });
    expect(leadStatusOf('2')).toEqual({ status: 'WON', vendorStatus: { code: '2', label: 'WON' } });
    expect(leadStatusOf(9)).toEqual({ status: 'OTHER', vendorStatus: { code: '9', label: null } });
  });

  it('writes through the different status-change enum and refuses what it lacks', () => {
    expect(leadStatusWriteCode('NEW')).toBe(0);
    expect(leadStatusWriteCode('WON')).toBe(2);
    expect(leadStatusWriteCode('LOST')).toBe(3);
    expect(leadStatusWriteCode('EXPIRED')).toBe(5);
    for (const status of ['CONTACTED', 'QUOTED', 'OTHER'] as const) {
      expect(thrown(() => leadStatusWriteCode(status))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ path: ['input', 'status'] })],
      });
    }
    expect(toLeadStatusBody({ status: 'EXPIRED', date: '2025-09-01' })).toEqual({
      status: 5,
      date: '2025-09-01',
    });
    expect(toLeadStatusBody({ status: 'LOST', lossReasonId: '2' })).toEqual({
      status: 3,
      lossReasonId: 2,
    });
  });
});

describe('AgencyZoom mappers: premium units (§1.4, doc quirk 13)', () => {
  it('reads integer cents as a decimal string in USD', () => {
    expect(centsToMoney(34550)).toEqual({ amount: '345.50', currency: 'USD' });
    expect(centsToMoney(0)).toEqual({ amount: '0.00', currency: 'USD' });
    expect(centsToMoney(7)).toEqual({ amount: '0.07', currency: 'USD' });
    expect(centsToMoney('12345')).toEqual({ amount: '123.45', currency: 'USD' });
    expect(centsToMoney(-250)).toEqual({ amount: '-2.50', currency: 'USD' });
  });

  it('reads a fractional amount, which cannot be cents, as dollars; nothing as null', () => {
    expect(centsToMoney(123.45)).toEqual({ amount: '123.45', currency: 'USD' });
    expect(centsToMoney(null)).toBeNull();
    expect(centsToMoney('n/a')).toBeNull();
  });

  it('writes decimal amounts as integer cents without floating point', () => {
    expect(moneyToCents({ amount: '1450.00', currency: 'USD' }, ['p'])).toBe(145_000);
    expect(moneyToCents({ amount: '0.1', currency: 'USD' }, ['p'])).toBe(10);
    expect(moneyToCents({ amount: '19.99', currency: 'USD' }, ['p'])).toBe(1999);
    expect(thrown(() => moneyToCents({ amount: '1.999', currency: 'USD' }, ['p']))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(thrown(() => moneyToCents({ amount: '10.00', currency: 'EUR' }, ['p']))).toMatchObject({
      fields: [expect.objectContaining({ path: ['p'] })],
    });
  });
});

describe('AgencyZoom mappers: policies (doc quirks 14 and 15)', () => {
  it('reads policyTypeId as a string (/policies) or an integer (/ams-policies)', () => {
    const asString = policy({ policyTypeId: '27' });
    const asNumber = policy({ policyTypeId: 27 });
    expect(lineOfBusinessOf(asString, NAMES.productLines)).toBe('Renters');
    expect(lineOfBusinessOf(asNumber, NAMES.productLines)).toBe('Renters');
    expect(
      lineOfBusinessOf(
        policy({ policyTypeName: 'Term Life', policyTypeId: '27' }),
        NAMES.productLines,
      ),
    ).toBe('Term Life');
    expect(lineOfBusinessOf(policy({ standardProductLineCode: 'autop' }), NAMES.productLines)).toBe(
      'Personal Auto',
    );
  });

  it('names the carrier from the carriers list, by id or standard code, since policies carry none', () => {
    expect(carrierOf(policy({ carrierId: 91 }), NAMES.carriers)).toEqual({
      id: '91',
      name: 'Harborline Mutual',
    });
    expect(carrierOf(policy({ standardCarrierCode: 'SMSG' }), NAMES.carriers)).toEqual({
      id: '95',
      name: 'Summit Specialty Group',
    });
    expect(carrierOf(policy({ carrierId: 404 }), NAMES.carriers)).toEqual({
      id: '404',
      name: null,
    });
    expect(carrierOf(policy({ carrierId: 91 }), EMPTY_INDEX)).toEqual({ id: '91', name: null });
    expect(carrierOf(policy({ carrierId: 0 }), NAMES.carriers)).toBeNull();
  });

  it('derives the status from the dates, as no read returns one', () => {
    expect(policyStatusOn('2025-01-01', '2026-01-01', '2025-03-12')).toBe('ACTIVE');
    expect(policyStatusOn('2025-04-01', '2026-04-01', '2025-03-12')).toBe('PENDING');
    expect(policyStatusOn('2024-01-01', '2025-01-01', '2025-03-12')).toBe('EXPIRED');
    expect(policyStatusOn('2024-03-12', '2025-03-12', '2025-03-12')).toBe('EXPIRED');
    expect(policyStatusOn(null, null, '2025-03-12')).toBe('ACTIVE');
  });

  it('tolerates the single-object sample of a documented list', () => {
    const customer = wireCustomer.parse({
      id: 1,
      firstname: 'Ann',
      policies: { id: 5, policyTypeId: '25', carrierId: 91, premium: 120000 },
    });
    expect(customer.policies).toHaveLength(1);
  });

  it('maps a customer detail with embedded policies, premiums in cents', () => {
    const wire = wireCustomer.parse({
      id: 1000,
      firstname: 'Jordan',
      middlename: 'Avery',
      lastname: 'Rivera',
      email: 'JORDAN.RIVERA@EXAMPLE.COM',
      phone: '(617) 555-0142',
      secondaryPhone: '6175550199',
      streetAddress: '27 Maple St Apt 4',
      city: 'Boston',
      state: 'MA',
      country: 'US',
      zip: '02108',
      createDate: '2019-03-04 09:41:17',
      birthday: '04/12/1986',
      policies: [
        {
          id: 7001,
          policyTypeName: 'Personal Auto',
          carrierId: 91,
          policyTypeId: '25',
          policyNumber: 'HBL-1',
          premium: 64_250,
          soldDate: '01/20/2025',
          effectiveDate: '2025-01-20',
          expiryDate: '2025-07-20',
        },
        {
          id: 7002,
          carrierId: 95,
          policyTypeId: 27,
          premium: 0,
          effectiveDate: '2024-01-01',
          expiryDate: '2025-01-01',
        },
      ],
    });
    const record = toCustomerRecord(wire, NAMES, ctx);
    expect(record.person).toEqual({
      ref: { vendor: 'AGENCYZOOM', id: 'customer:1000' },
      firstName: 'Jordan',
      middleName: 'Avery',
      lastName: 'Rivera',
      emails: ['jordan.rivera@example.com'],
      phones: ['+16175550142', '+16175550199'],
      dateOfBirth: '1986-04-12',
      ssn: null,
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
    expect(record.policies).toEqual([
      {
        ref: { vendor: 'AGENCYZOOM', id: '7001' },
        subject: { vendor: 'AGENCYZOOM', id: 'customer:1000' },
        policyNumber: 'HBL-1',
        carrier: { id: '91', name: 'Harborline Mutual' },
        lineOfBusiness: 'Personal Auto',
        premium: { amount: '642.50', currency: 'USD' },
        effectiveDate: '2025-01-20',
        expirationDate: '2025-07-20',
        status: 'ACTIVE',
      },
      {
        ref: { vendor: 'AGENCYZOOM', id: '7002' },
        subject: { vendor: 'AGENCYZOOM', id: 'customer:1000' },
        policyNumber: null,
        carrier: { id: '95', name: 'Summit Specialty Group' },
        lineOfBusiness: 'Renters',
        premium: { amount: '0.00', currency: 'USD' },
        effectiveDate: '2024-01-01',
        expirationDate: '2025-01-01',
        status: 'EXPIRED',
      },
    ]);
  });
});

describe('AgencyZoom mappers: leads', () => {
  const wire: WireLead = wireLead.parse(LEAD_FIXTURE);

  it('maps a lead detail to a lead and its person record, normalised', () => {
    expect(toLeadRecord(wire, ctx)).toEqual({
      person: {
        ref: { vendor: 'AGENCYZOOM', id: 'lead:4021' },
        firstName: 'JORDAN',
        middleName: 'Avery',
        lastName: 'RIVERA',
        emails: ['jordan.rivera@example.com'],
        phones: ['+16175550142', '+16175550199'],
        dateOfBirth: '1986-04-12',
        ssn: null,
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
      },
      lead: {
        ref: { vendor: 'AGENCYZOOM', id: '4021' },
        subject: { vendor: 'AGENCYZOOM', id: 'lead:4021' },
        status: 'QUOTED',
        vendorStatus: { code: '1', label: 'QUOTED' },
        source: 'Customer Referral',
        createdAt: '2025-02-10T06:00:00Z',
        estimatedDebt: null,
        assignedTo: { id: '6818', name: 'Morgan Blake' },
        enrollment: null,
      },
    });
  });

  it('accepts numeric-string ids and a lead with almost nothing', () => {
    const bare = toLeadRecord(wireLead.parse({ id: '17' }), ctx);
    expect(bare.lead.ref.id).toBe('17');
    expect(bare.lead.status).toBe('OTHER');
    expect(bare.person).toMatchObject({ emails: [], phones: [], addresses: [], dateOfBirth: null });
    expect(bare.lead.assignedTo).toBeNull();
    expect(() => wireLead.parse({ id: 'abc' })).toThrow();
  });

  it('rebuilds the whole write body from a detail for the replacing update', () => {
    const body = leadWriteFromDetail(wire);
    expect(body).toMatchObject({
      firstname: 'JORDAN',
      email: 'Jordan.Rivera@Example.com',
      phone: '(617) 555-0142',
      notes: 'Wants umbrella back.',
      pipelineId: 2,
      stageId: 23,
      leadSourceId: 10704,
      assignTo: 6818,
      csrId: 6821,
      country: 'USA',
      zip: '2108',
      agencyNumber: 'A0A0070',
      birthday: '04/12/86',
      maritalStatus: 1,
      customFields: [{ fieldName: 'cf1', value: 'Evening' }],
      otherProducers: [6819],
      nextExpirationDate: '04/01/26',
      quoteDate: '2025-02-12',
    });
    // Integer tag ids cannot be written back as names (no endpoint names them).
    expect(body.tagNames).toBeNull();
    expect(
      leadWriteFromDetail(wireLead.parse({ ...LEAD_FIXTURE, tagNames: 'VIP;Bundle' })).tagNames,
    ).toBe('VIP;Bundle');
  });

  it("applies a patch: undefined keeps, null clears, values are written in the vendor's forms", () => {
    const body = applyLeadPatch(leadWriteFromDetail(wire), {
      lastName: 'Rivera-Stone',
      phone: '+16175550111',
      dateOfBirth: '1986-04-13',
      middleName: null,
    });
    expect(body).toMatchObject({
      firstname: 'JORDAN',
      lastname: 'Rivera-Stone',
      middlename: null,
      phone: '(617) 555-0111',
      birthday: '04/13/1986',
      secondaryPhone: '617.555.0199',
    });
    expect(
      thrown(() => applyLeadPatch(leadWriteFromDetail(wire), { email: '  ', phone: 'call me' })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: ['input', 'email'], message: 'cannot be empty' },
        { path: ['input', 'phone'], message: 'must be a phone number' },
      ],
    });
  });

  it('reads marital status labels (detail) as the write enum (doc quirk 17)', () => {
    expect(maritalStatusCode('Single')).toBe(1);
    expect(maritalStatusCode('married')).toBe(2);
    expect(maritalStatusCode('Fiancé / Fiancée')).toBe(8);
    expect(maritalStatusCode('4')).toBe(4);
    expect(maritalStatusCode('complicated')).toBeNull();
  });

  it('writes a new lead with MM/dd/yyyy birthday, national phone and the placement', () => {
    const body = toLeadWriteBody(
      {
        firstName: ' Ann ',
        lastName: 'Lee',
        email: 'Ann.Lee@Example.com',
        phone: '+16175550123',
        dateOfBirth: '1990-12-31',
        address: { line1: '1 Main St', city: 'Boston', state: 'ma', postalCode: '02108' },
      },
      { pipelineId: 1, stageId: 11, leadSourceId: 10703, assignTo: 6818 },
    );
    expect(body).toEqual({
      firstname: 'Ann',
      middlename: null,
      lastname: 'Lee',
      email: 'ann.lee@example.com',
      phone: '(617) 555-0123',
      birthday: '12/31/1990',
      notes: null,
      streetAddress: '1 Main St',
      streetAddressLine2: null,
      city: 'Boston',
      state: 'MA',
      zip: '02108',
      country: 'US',
      pipelineId: 1,
      stageId: 11,
      leadSourceId: 10703,
      assignTo: 6818,
    });
    expect(
      thrown(() =>
        toLeadWriteBody(
          { firstName: 'A', email: 'a@b.co', dateOfBirth: '12/31/1990' },
          { pipelineId: 1, stageId: 11, leadSourceId: 1, assignTo: 1 },
        ),
      ),
    ).toMatchObject({
      fields: [{ path: ['input', 'dateOfBirth'], message: 'must be a date written YYYY-MM-DD' }],
    });
  });
});

describe('AgencyZoom mappers: phone search helpers', () => {
  it('spells a US number every way agents type it, for the exact-match phone list', () => {
    expect(phoneSpellings('+16175550142')).toEqual([
      '(617) 555-0142',
      '617-555-0142',
      '617.555.0142',
      '6175550142',
      '16175550142',
      '1-617-555-0142',
      '+16175550142',
      '+1 (617) 555-0142',
    ]);
    expect(phoneSpellings('+442071234567')).toEqual(['+442071234567']);
  });

  it('groups leads by the phones asked for in one pass', () => {
    const a = toLeadRecord(wireLead.parse({ id: 1, phone: '617-555-0142' }), ctx);
    const b = toLeadRecord(
      wireLead.parse({ id: 2, phone: '(617) 555-0199', secondaryPhone: '6175550142' }),
      ctx,
    );
    const grouped = groupLeadsByPhone([a, b], ['+16175550142', '+16175550199', '+16175550000']);
    expect(
      [...grouped.entries()].map(([phone, leads]) => [phone, leads.map((l) => l.lead.ref.id)]),
    ).toEqual([
      ['+16175550142', ['1', '2']],
      ['+16175550199', ['2']],
      ['+16175550000', []],
    ]);
  });
});

describe('AgencyZoom mappers: writes of customers, policies and sales', () => {
  it('sends only the customer fields a patch names', () => {
    expect(toCustomerUpdateBody({ lastName: 'Stone', phone: '617 555 0142' })).toEqual({
      lastname: 'Stone',
      phone: '(617) 555-0142',
    });
    expect(toCustomerUpdateBody({ dateOfBirth: '1990-01-31' })).toEqual({ birthday: '01/31/1990' });
  });

  it('writes a policy with MM/dd/yyyy dates, cents and the placement for what is not given', () => {
    const body = toPolicyWriteBody(
      {
        carrierId: '91',
        productLineId: '25',
        premium: { amount: '642.50', currency: 'USD' },
        effectiveDate: '2025-03-01',
        expirationDate: '2025-09-01',
        policyNumber: 'HBL-9',
      },
      { agentId: 6818, leadSourceId: 10703, agencyNumber: 'A0A0070' },
      ctx,
    );
    expect(body).toEqual({
      carrierId: 91,
      policyType: 25,
      premium: 64_250,
      items: 1,
      soldDate: '03/12/2025',
      effectiveDate: '03/01/2025',
      expiryDate: '09/01/2025',
      agentId: 6818,
      leadSourceId: 10703,
      agencyNumber: 'A0A0070',
      policyNumber: 'HBL-9',
    });
    expect(
      thrown(() =>
        toPolicyWriteBody(
          {
            carrierId: 'x',
            productLineId: '25',
            premium: { amount: '1', currency: 'USD' },
            effectiveDate: '2025-03-01',
            expirationDate: '2025-02-01',
          },
          {},
          ctx,
        ),
      ),
    ).toMatchObject({
      fields: expect.arrayContaining([
        expect.objectContaining({ path: ['input', 'carrierId'] }),
        expect.objectContaining({ path: ['input', 'expirationDate'] }),
        expect.objectContaining({ path: ['input', 'producerId'] }),
      ]) as unknown,
    });
  });

  it('writes sold products with cents and US dates', () => {
    expect(
      toSoldProducts([
        {
          carrierId: '95',
          productLineId: '28',
          premium: { amount: '385', currency: 'USD' },
          effectiveDate: '2025-04-01',
        },
      ]),
    ).toEqual([
      { carrierId: 95, productLineId: 28, premium: 38_500, items: 1, effectiveDate: '04/01/2025' },
    ]);
    expect(thrown(() => toSoldProducts([]))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('maps batch item fields to inputs.<index>.<our field>', () => {
    const map = batchLeadFieldMap(2);
    expect(map['leadDataRequests[1].email']).toEqual(['inputs', '1', 'email']);
    expect(map['leadDataRequests[0].zip']).toEqual(['inputs', '0', 'address', 'postalCode']);
  });
});

describe('AgencyZoom error bodies (doc quirk 2: none documented)', () => {
  it('reads refused credentials, unknown records and field problems', () => {
    expect(
      readAgencyZoomError(400, {
        message: 'Invalid user name and/or password',
        id: 0,
        result: false,
      }),
    ).toEqual({ code: 'VENDOR_AUTH_FAILED' });
    expect(
      readAgencyZoomError(400, { message: 'Invalid request parameter(s): lead 99 does not exist' }),
    ).toEqual({ code: 'NOT_FOUND' });
    expect(
      readAgencyZoomError(400, {
        message:
          'Invalid request parameter(s): firstname is required; leadDataRequests[2].email must be an email address; carrierId 5 does not exist',
      }),
    ).toEqual({
      fields: [
        { field: 'firstname', message: 'firstname is required' },
        {
          field: 'leadDataRequests[2].email',
          message: 'leadDataRequests[2].email must be an email address',
        },
        { field: 'carrierId', message: 'carrierId 5 does not exist' },
      ],
    });
  });

  it('accepts bodies that are not the generic shape', () => {
    expect(readAgencyZoomError(400, null)).toEqual({ fields: [] });
    expect(readAgencyZoomError(400, 'Bad Request')).toEqual({ fields: [] });
    expect(readAgencyZoomError(400, { message: 'Invalid request parameter(s)' })).toEqual({
      fields: [],
    });
  });
});

describe('AgencyZoom login token lifetime (undocumented)', () => {
  const jwt = (payload: unknown) =>
    `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
  const now = Date.parse('2025-03-12T15:00:00Z');

  it('uses the exp claim when it decodes, else assumes an hour', () => {
    expect(jwtExpiryMs(jwt({ exp: now / 1000 + 600 }))).toBe(now + 600_000);
    expect(tokenExpiresAtMs(jwt({ exp: now / 1000 + 600 }), now)).toBe(now + 600_000);
    expect(tokenExpiresAtMs('opaque-token', now)).toBe(now + 3_600_000);
    expect(tokenExpiresAtMs(jwt({ sub: 'x' }), now)).toBe(now + 3_600_000);
    expect(tokenExpiresAtMs('a.!!!.c', now)).toBe(now + 3_600_000);
  });

  it('renews a token too short-lived for the margin at half its lifetime, not on every call', () => {
    // 60 s token: TokenAuth renews 60 s before expiresAtMs, i.e. at now + 30 s.
    expect(tokenExpiresAtMs(jwt({ exp: now / 1000 + 60 }), now) - 60_000).toBe(now + 30_000);
    expect(tokenExpiresAtMs(jwt({ exp: now / 1000 - 5 }), now)).toBe(now + 3_600_000);
  });
});
