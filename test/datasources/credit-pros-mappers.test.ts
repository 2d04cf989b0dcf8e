import { readCreditProsError } from '../../datasources/credit-pros/client';
import {
  UPDATE_FIELD_MAP,
  accountNumberLast4,
  currentRatingCode,
  describeVendorProblem,
  groupItemsByReport,
  idSearchBody,
  isVendorId,
  matchSearchBody,
  matchesClient,
  newestFirst,
  normalizeMatch,
  phoneFragments,
  readValidationErrors,
  scoreFromContent,
  subjectIdOf,
  toBureau,
  toClientUpdateBody,
  toCreditReport,
  toIsoDate,
  toMoney,
  toPersonRecord,
  toSsn,
  toTradeline,
  toZip,
} from '../../datasources/credit-pros/mappers';
import type { NormalizedMatch } from '../../datasources/credit-pros/mappers';
import {
  clientListSchema,
  clientSchema,
  clientUpdateAnswerSchema,
  errorBodySchema,
  masterSchemaListSchema,
  masterSchemaSchema,
  negativeItemListSchema,
  negativeItemResourceSchema,
} from '../../datasources/credit-pros/wire';
import type { MasterSchemaWire, NegativeItemWire } from '../../datasources/credit-pros/wire';
import type { CreditReportModel } from '../../src/domain/models';

/**
 * Pure tests of The Credit Pros wire schemas and mappers: one fixture per quirk documented in
 * vendor-docs/credit-pros.md (§3, §4, §6, §8) and the sandbox README.
 */

/** A ClientResource as the reference shows it, with values of the showcase person. */
const CLIENT = {
  attributes: {
    Email: 'jordan.rivera@example.com',
    FirstName: 'Jordan',
    Id: '003AbCdEfGhIjKlMnO',
    LastName: 'RIVERA',
    MiddleName: 'Avery',
    MobilePhone: '617-555-0142',
    Phone: '(617) 555-0142',
    HomePhone: '6175550199',
    D_O_B__c: '1986-04-12',
    MailingStreet: '27 Maple St Apt 4',
    MailingCity: 'Boston',
    MailingState: 'MA',
    MailingPostalCode: 2108,
    OtherStreet: null,
    OtherCity: null,
    OtherCountry: null,
    OtherPostalCode: null,
  },
  client_key: 'CK_1001A1B2',
  email: 'Jordan.Rivera@Example.com',
  id: 1001,
  joint_customer_sf_id: null,
  mobile_phone: '617.555.0142',
  salesforce_id: 412345678,
  segments: { id: 1, name: 'Onboarding', conditions: { combinator: 'AND', rules: [] } },
  ssn: 45621187,
};

const SHOWCASE_RECORD = {
  ref: { vendor: 'CREDIT_PROS', id: '1001' },
  firstName: 'Jordan',
  middleName: 'Avery',
  lastName: 'RIVERA',
  emails: ['jordan.rivera@example.com'],
  phones: ['+16175550142', '+16175550199'],
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
};

const LINKS = { first: 'http://x/?page=1', last: 'http://x/?page=1', next: null, prev: null };
const META = { current_page: 1, from: 1, last_page: 1, per_page: 100, to: 1, total: 1 };

/** A Negative Item Resource (no `id`, as documented), values as the sandbox sends them. */
const ITEM = {
  account_name: 'CAPITAL ONE BANK USA NA',
  account_number: 'XXXXXXXXXXXX1930',
  account_ownership_type: 'Individual',
  account_status: 'Charged Off',
  account_type: 'Credit Card',
  charge_off_date: '2024-02-10',
  client: CLIENT,
  credit_balance: '2782.00',
  credit_limit: '3000.00',
  credit_loan_type: 'Unsecured',
  credit_report_id: 30001,
  current_rateing_code: '9',
  current_rating_type: 'Charge Off',
  is_charge_off: true,
  is_collection: false,
  loan_type: 'Revolving',
  metadata: { created_by: 1, not_dispute: false, status: 'in_progress', updated_by: 1 },
  modified_date: '2025-03-14 10:22:51',
  opened_date: '2017-05-23',
  past_due_amount: '2782.00',
  report_id: 'RPT_200004',
  reported_date: '2025-02-24',
  unpaid_balance_amount: '2782.00',
};

/** A master schema with content, as the reference's sample (`EFX` / `Equifax`). */
const SCHEMA = {
  bureau: 'EFX',
  client: CLIENT,
  client_key: 'CK_1001A1B2',
  content: { items: [{ section: 'score', model: 'VantageScore 3.0', value: 642 }], schema: 'data' },
  id: 4,
  internal_client_key: 'CLIENT_1001',
  modified_date: '2025-03-15T09:12:00Z',
  report_date: '2025-03-14',
  report_id: 'RPT_200004',
  vendor: 'Equifax',
};

const item = (overrides: Record<string, unknown> = {}): NegativeItemWire =>
  negativeItemResourceSchema.parse({ ...ITEM, ...overrides });
const schema = (overrides: Record<string, unknown> = {}): MasterSchemaWire =>
  masterSchemaSchema.parse({ data: { ...SCHEMA, ...overrides } });

describe('client list envelopes', () => {
  it('reads the documented double-wrapped paginator of GET /clients (data[0].data[])', () => {
    const documented = {
      data: [{ data: [CLIENT], links: LINKS, meta: { ...META, links: [], path: 'http://x' } }],
      links: {},
      meta: { current_page: 1, from: 1, last_page: 1, per_page: 100, to: 1, total: 1 },
    };
    const list = clientListSchema.parse(documented);
    expect(list.items.map((c) => c.id)).toEqual([1001]);
    expect(list.meta?.last_page).toBe(1);
  });

  it('reads the documented top-level array holding one paginator (POST /clients/search)', () => {
    const list = clientListSchema.parse([
      { data: [CLIENT, { ...CLIENT, id: 1002 }], links: LINKS, meta: { ...META, last_page: 3 } },
    ]);
    expect(list.items.map((c) => c.id)).toEqual([1001, 1002]);
    expect(list.meta?.last_page).toBe(3);
  });

  it('reads the flat Laravel paginator and a bare array of clients', () => {
    expect(clientListSchema.parse({ data: [CLIENT], links: LINKS, meta: META }).items).toHaveLength(
      1,
    );
    const bare = clientListSchema.parse([CLIENT, { ...CLIENT, id: '1003' }]);
    expect(bare.items.map((c) => c.id)).toEqual([1001, 1003]);
    expect(bare.meta).toBeNull();
  });

  it('reads empty lists in every envelope, and PHP empty-array meta', () => {
    expect(clientListSchema.parse([]).items).toEqual([]);
    expect(clientListSchema.parse({ data: [], links: [], meta: [] }).items).toEqual([]);
    expect(clientListSchema.parse([{ data: [], links: {}, meta: {} }]).items).toEqual([]);
  });

  it('refuses a list whose record has no usable id (the record cannot be addressed)', () => {
    expect(clientListSchema.safeParse({ data: [{ ...CLIENT, id: 'abc' }] }).success).toBe(false);
  });
});

describe('client records', () => {
  it('maps the showcase client: names from attributes, lower-case email, E.164 phones, padded SSN and ZIP', () => {
    expect(toPersonRecord(clientSchema.parse(CLIENT))).toEqual(SHOWCASE_RECORD);
  });

  it('reads a get answer bare (documented) or wrapped in data', () => {
    expect(toPersonRecord(clientSchema.parse({ data: CLIENT }))).toEqual(SHOWCASE_RECORD);
  });

  it('takes names only from attributes, never from top-level keys', () => {
    const record = toPersonRecord(
      clientSchema.parse({
        ...CLIENT,
        first_name: 'Wrong',
        last_name: 'Wrong',
        attributes: { FirstName: '  Ana ', LastName: 'Ng' },
      }),
    );
    expect([record.firstName, record.middleName, record.lastName]).toEqual(['Ana', null, 'Ng']);
    const short = toPersonRecord(clientSchema.parse({ id: 7, email: 'a@b.co', ssn: 123456789 }));
    expect([short.firstName, short.lastName, short.addresses]).toEqual([null, null, []]);
  });

  it('lists the top-level email before attributes.Email, and both when they differ', () => {
    const record = toPersonRecord(
      clientSchema.parse({
        ...CLIENT,
        email: 'J.Rivera@Mail.Example.NET',
        attributes: { ...CLIENT.attributes, Email: 'Jordan.Rivera@example.com' },
      }),
    );
    expect(record.emails).toEqual(['j.rivera@mail.example.net', 'jordan.rivera@example.com']);
  });

  it('normalises every free-format phone to E.164 and drops what is not a phone', () => {
    const record = toPersonRecord(
      clientSchema.parse({
        ...CLIENT,
        mobile_phone: '1-617-555-0142',
        attributes: { MobilePhone: '+16175550142', Phone: 'n/a', HomePhone: '(617) 555-0199' },
      }),
    );
    expect(record.phones).toEqual(['+16175550142', '+16175550199']);
  });

  it('restores the leading zeros of the integer SSN (and of short digit strings)', () => {
    expect(toSsn(45621187)).toBe('045-62-1187');
    expect(toSsn(1234567)).toBe('001-23-4567');
    expect(toSsn('45621187')).toBe('045-62-1187');
    expect(toSsn('045-62-1187')).toBe('045-62-1187');
    expect(toSsn(0)).toBeNull();
    expect(toSsn('string')).toBeNull();
    expect(toSsn(null)).toBeNull();
  });

  it('restores the leading zero of the integer ZIP (also ZIP+4)', () => {
    expect(toZip(2108)).toBe('02108');
    expect(toZip(601)).toBe('00601');
    expect(toZip(90210)).toBe('90210');
    expect(toZip('02108-1234')).toBe('02108');
    expect(toZip(21081234)).toBe('02108');
    expect(toZip('2108')).toBe('02108');
    expect(toZip('SW1A 1AA')).toBeNull();
  });

  it('reads D_O_B__c (format not stated) as ISO, date-time, or US date', () => {
    expect(toIsoDate('1986-04-12')).toBe('1986-04-12');
    expect(toIsoDate('1986-04-12T00:00:00.000+0000')).toBe('1986-04-12');
    expect(toIsoDate('1986-04-12 00:00:00')).toBe('1986-04-12');
    expect(toIsoDate('4/12/1986')).toBe('1986-04-12');
    expect(toIsoDate('1986-02-30')).toBeNull();
    expect(toIsoDate('string')).toBeNull();
  });

  it('builds addresses: a second street line after a break, state names to codes, other address', () => {
    const record = toPersonRecord(
      clientSchema.parse({
        id: 5,
        attributes: {
          MailingStreet: '27 Maple St\nApt 4',
          MailingCity: 'Boston',
          MailingState: 'Massachusetts',
          MailingPostalCode: '2108',
          OtherStreet: '1 Rue de Rivoli',
          OtherCity: 'Paris',
          OtherCountry: 'FR',
          OtherPostalCode: 75001,
        },
      }),
    );
    expect(record.addresses).toEqual([
      {
        line1: '27 Maple St',
        line2: 'Apt 4',
        city: 'Boston',
        state: 'MA',
        postalCode: '02108',
        country: 'US',
      },
      {
        line1: '1 Rue de Rivoli',
        line2: null,
        city: 'Paris',
        state: null,
        postalCode: '75001',
        country: 'FR',
      },
    ]);
  });

  it('tolerates PHP empty arrays and odd leaf types without failing the record', () => {
    const record = toPersonRecord(
      clientSchema.parse({ id: '9', attributes: [], email: { nested: true }, ssn: 'n/a' }),
    );
    expect(record).toMatchObject({ ref: { id: '9' }, emails: [], ssn: null, firstName: null });
  });

  it('ignores an update answer that is not a client (the documented negative-item body)', () => {
    const documented = {
      data: {
        attributes: { item_type_equifax: 'string' },
        id: 'negative item id',
        origin: 'manual',
        status: 'Not Processed',
      },
    };
    expect(clientUpdateAnswerSchema.parse(documented)).toBeNull();
    expect(clientUpdateAnswerSchema.parse({ data: CLIENT })?.id).toBe(1001);
    expect(clientUpdateAnswerSchema.parse(null)).toBeNull();
  });
});

describe('credit reports', () => {
  it('normalises every bureau vocabulary of the vendor, code first, then the display name', () => {
    const cases: [string | null, string | null, string | null][] = [
      ['EFX', 'Equifax', 'EQUIFAX'],
      ['EXP', 'Experian', 'EXPERIAN'],
      ['XPN', null, 'EXPERIAN'],
      ['TU', 'TransUnion', 'TRANSUNION'],
      ['equifax', null, 'EQUIFAX'],
      ['array_transunion', null, 'TRANSUNION'],
      ['ex_code', null, 'EXPERIAN'],
      ['Trans-Union', null, 'TRANSUNION'],
      [null, 'TransUnion', 'TRANSUNION'],
      ['???', 'Experian', 'EXPERIAN'],
      ['spin_wheel', 'id_iq', null],
    ];
    for (const [code, name, expected] of cases) expect(toBureau(code, name)).toBe(expected);
  });

  it('reads the score from content when present, else null', () => {
    expect(scoreFromContent(SCHEMA.content)).toBe(642);
    expect(scoreFromContent({ items: [], schema: 'data' })).toBeNull();
    expect(scoreFromContent(undefined)).toBeNull();
    expect(scoreFromContent({ items: [{ section: 'Score', score: '701' }] })).toBe(701);
    expect(scoreFromContent(JSON.stringify(SCHEMA.content))).toBe(642);
    expect(scoreFromContent({ items: [{ section: 'score', value: 0 }] })).toBeNull();
    expect(scoreFromContent({ items: 'none' })).toBeNull();
    const tradelinesOnly = { items: [{ section: 'tradeline', balance: '700' }] };
    expect(scoreFromContent(tradelinesOnly)).toBeNull();
  });

  it('maps decimal-string money with USD, and tolerates numbers and formatting', () => {
    expect(toMoney('2782.00')).toEqual({ amount: '2782.00', currency: 'USD' });
    expect(toMoney('2782')).toEqual({ amount: '2782.00', currency: 'USD' });
    expect(toMoney('$1,250.5')).toEqual({ amount: '1250.50', currency: 'USD' });
    expect(toMoney('0.125')).toEqual({ amount: '0.125', currency: 'USD' });
    expect(toMoney(0.1)).toEqual({ amount: '0.10', currency: 'USD' });
    expect(toMoney('-15.00')).toEqual({ amount: '-15.00', currency: 'USD' });
    expect(toMoney('string')).toBeNull();
    expect(toMoney('')).toBeNull();
    expect(toMoney(null)).toBeNull();
  });

  it('maps a negative item to a tradeline with only the last four of the account number', () => {
    expect(toTradeline(item())).toEqual({
      creditorName: 'CAPITAL ONE BANK USA NA',
      accountType: 'Credit Card',
      accountNumberLast4: '1930',
      status: 'Charged Off',
      balance: { amount: '2782.00', currency: 'USD' },
      pastDue: { amount: '2782.00', currency: 'USD' },
      openedDate: '2017-05-23',
      reportedDate: '2025-02-24',
      chargedOff: true,
      inCollection: false,
    });
    expect(accountNumberLast4('4111-1111-1111-1234')).toBe('1234');
    expect(accountNumberLast4('****5678')).toBe('5678');
    expect(accountNumberLast4('XXXXXXXX')).toBeNull();
    expect(accountNumberLast4(null)).toBeNull();
  });

  it('reads the misspelled current_rateing_code (and the corrected spelling) as the status fallback', () => {
    const noStatus = item({ account_status: null, current_rating_type: null });
    expect(currentRatingCode(noStatus)).toBe('9');
    expect(toTradeline(noStatus).status).toBe('9');
    const fixed = item({
      account_status: null,
      current_rating_type: null,
      current_rateing_code: undefined,
      current_rating_code: 'CO',
    });
    expect(currentRatingCode(fixed)).toBe('CO');
    expect(toTradeline(item({ account_status: '' })).status).toBe('Charge Off');
  });

  it('reads PHP flags, falls back to the unpaid balance and other account-type fields', () => {
    const tradeline = toTradeline(
      item({
        is_charge_off: 0,
        is_collection: '1',
        credit_balance: null,
        unpaid_balance_amount: '310.40',
        account_type: null,
        reported_date: '2025-02-24 00:00:00',
      }),
    );
    expect(tradeline).toMatchObject({
      chargedOff: false,
      inCollection: true,
      balance: { amount: '310.40', currency: 'USD' },
      accountType: 'Revolving',
      reportedDate: '2025-02-24',
    });
  });

  it('parses negative items without an id (as documented) and odd leaf types', () => {
    const list = negativeItemListSchema.parse({
      data: [ITEM, { ...ITEM, credit_balance: 12.5, is_collection: 'maybe' }],
      links: {},
      meta: { current_page: 1, last_page: 1 },
    });
    expect(list.items.map((i) => i.id ?? null)).toEqual([null, null]);
    expect(toTradeline(list.items[1])).toMatchObject({
      balance: { amount: '12.50', currency: 'USD' },
      inCollection: null,
    });
  });

  it('joins items to reports by report_id, also when one side has only its digits', () => {
    const equifax = schema();
    const experian = schema({ id: 5, bureau: 'EXP', vendor: 'Experian', report_id: 'RPT_200005' });
    const items = [
      item(),
      item({ report_id: 200005, account_name: 'NAVIENT' }),
      item({ report_id: 'RPT_999999' }),
      item({ report_id: null }),
    ];
    const { bySchemaId, unmatched } = groupItemsByReport([equifax, experian], items);
    expect(bySchemaId.get(4)?.map((i) => i.account_name)).toEqual(['CAPITAL ONE BANK USA NA']);
    expect(bySchemaId.get(5)?.map((i) => i.account_name)).toEqual(['NAVIENT']);
    expect(unmatched).toBe(2);
  });

  it('maps a master schema with content to a report (subject, bureau, date, score, items)', () => {
    const report = toCreditReport(schema(), '1001', [item()]);
    expect(report).toEqual({
      ref: { vendor: 'CREDIT_PROS', id: '4' },
      subject: { vendor: 'CREDIT_PROS', id: '1001' },
      bureau: 'EQUIFAX',
      reportDate: '2025-03-14',
      score: 642,
      negativeItems: [toTradeline(item())],
    });
    expect(toCreditReport(schema({ content: undefined }), '1001', [])?.score).toBeNull();
    expect(toCreditReport(schema({ bureau: 'spin_wheel', vendor: null }), '1001', [])).toBeNull();
  });

  it('reads master-schema lists with empty links/meta and bare arrays', () => {
    const listItem = { ...SCHEMA, content: undefined, available_file_types: ['master_schema'] };
    const list = masterSchemaListSchema.parse({ data: [listItem], links: {}, meta: {} });
    expect(list.items[0].content).toBeUndefined();
    expect(list.meta?.last_page ?? null).toBeNull();
    expect(masterSchemaListSchema.parse([listItem]).items).toHaveLength(1);
  });

  it('finds the subject of a report: its embedded client, else CLIENT_<id>', () => {
    expect(subjectIdOf(schema())).toBe('1001');
    expect(subjectIdOf(schema({ client: null }))).toBe('1001');
    expect(subjectIdOf(schema({ client: null, internal_client_key: 'X' }))).toBeNull();
  });

  it('orders reports newest first, then by id', () => {
    const report = (id: string, reportDate: string | null): CreditReportModel => ({
      ref: { vendor: 'CREDIT_PROS', id },
      subject: { vendor: 'CREDIT_PROS', id: '1' },
      bureau: 'EQUIFAX',
      reportDate,
      score: null,
      negativeItems: [],
    });
    const sorted = [
      report('1', '2024-09-16'),
      report('9', null),
      report('4', '2025-03-14'),
      report('6', '2025-03-14'),
    ].sort(newestFirst);
    expect(sorted.map((r) => r.ref.id)).toEqual(['6', '4', '1', '9']);
  });
});

describe('search bodies and matching', () => {
  it('ORs one id rule per id (the vendor has no `in` operator)', () => {
    expect(idSearchBody(['1001', '1002'])).toEqual({
      combinator: 'AND',
      conditions: {
        combinator: 'OR',
        not: 0,
        rules: [
          { field: 'id', operator: '=', value: '1001' },
          { field: 'id', operator: '=', value: '1002' },
        ],
      },
    });
  });

  it('accepts only positive integer ids', () => {
    expect(['1001', '1', '0', '-1', '10.5', 'abc', '', '1e3'].map(isVendorId)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('normalises a match, and refuses what cannot be searched with our field names', () => {
    expect(
      normalizeMatch({
        email: ' Jordan.Rivera@Example.com ',
        phone: '617.555.0142',
        ssn: '045621187',
      }),
    ).toEqual({
      ok: true,
      value: {
        email: 'jordan.rivera@example.com',
        phone: '+16175550142',
        ssn: '045-62-1187',
        nameAndBirth: null,
      },
    });
    expect(normalizeMatch({ lastName: 'Rivera', dateOfBirth: '1986-04-12' })).toMatchObject({
      ok: true,
      value: { nameAndBirth: { lastName: 'Rivera', dateOfBirth: '1986-04-12' } },
    });
    expect(normalizeMatch({ lastName: 'Rivera' })).toEqual({
      ok: false,
      problems: [{ path: ['match', 'dateOfBirth'], message: 'is required together with lastName' }],
    });
    expect(normalizeMatch({ email: 'not-an-email', ssn: '666-12-3456' })).toEqual({
      ok: false,
      problems: [
        { path: ['match', 'email'], message: 'is not an email address' },
        { path: ['match', 'ssn'], message: 'is not a valid SSN (NNN-NN-NNNN)' },
      ],
    });
    expect(normalizeMatch({})).toMatchObject({ ok: false, problems: [{ path: ['match'] }] });
  });

  it('searches phones by fragments every stored format contains', () => {
    expect(phoneFragments('+16175550142')).toEqual(['617', '555', '0142']);
    expect(phoneFragments('+442071838750')).toEqual(['8750']);
  });

  it('builds one OR of every key: emails, phone fragments per phone field, integer SSN, name + birth', () => {
    const match: NormalizedMatch = {
      email: 'jordan.rivera@example.com',
      phone: '+16175550142',
      ssn: '045-62-1187',
      nameAndBirth: { lastName: 'Rivera', dateOfBirth: '1986-04-12' },
    };
    const body = matchSearchBody(match);
    expect(body.combinator).toBe('AND');
    expect(body.conditions.combinator).toBe('OR');
    expect(body.conditions.rules).toEqual([
      {
        combinator: 'OR',
        not: 0,
        rules: [
          { field: 'email', operator: '=', value: 'jordan.rivera@example.com' },
          { field: 'Email', operator: '=', value: 'jordan.rivera@example.com' },
        ],
      },
      {
        combinator: 'OR',
        not: 0,
        rules: ['mobile_phone', 'MobilePhone', 'Phone', 'HomePhone'].map((field) => ({
          combinator: 'AND',
          not: 0,
          rules: ['617', '555', '0142'].map((value) => ({ field, operator: 'contains', value })),
        })),
      },
      // Stored as an integer: the leading zero is not sent.
      { field: 'ssn', operator: '=', value: '45621187' },
      {
        combinator: 'AND',
        not: 0,
        rules: [
          { field: 'LastName', operator: '=', value: 'Rivera' },
          { field: 'D_O_B__c', operator: '=', value: '1986-04-12' },
        ],
      },
    ]);
  });

  it('keeps only exact matches of the candidates the vendor returns', () => {
    const record = toPersonRecord(clientSchema.parse(CLIENT));
    const none: NormalizedMatch = { email: null, phone: null, ssn: null, nameAndBirth: null };
    expect(matchesClient(record, { ...none, phone: '+16175550199' })).toBe(true);
    // A candidate found by the fragments of another number is not a match.
    expect(matchesClient(record, { ...none, phone: '+16175551420' })).toBe(false);
    expect(matchesClient(record, { ...none, email: 'jordan.rivera@example.com' })).toBe(true);
    expect(matchesClient(record, { ...none, ssn: '045-62-1187' })).toBe(true);
    const nameAndBirth = { lastName: 'rivera', dateOfBirth: '1986-04-12' };
    expect(matchesClient(record, { ...none, nameAndBirth })).toBe(true);
    expect(
      matchesClient(record, {
        ...none,
        nameAndBirth: { ...nameAndBirth, dateOfBirth: '1986-04-13' },
      }),
    ).toBe(false);
  });
});

describe('updates and validation errors', () => {
  it('builds the update body: lower-case email, E.164 phone, SSN as a digit string, integer ZIP', () => {
    expect(
      toClientUpdateBody({
        firstName: ' Jordan ',
        middleName: null,
        email: 'Jordan.R@Example.com',
        phone: '(617) 555-0142',
        ssn: '045-62-1187',
        dateOfBirth: '1986-04-12',
        mailingAddress: {
          line1: '27 Maple St',
          line2: 'Apt 4',
          city: 'Boston',
          state: 'ma',
          postalCode: '02108',
        },
      }),
    ).toEqual({
      ok: true,
      value: {
        email: 'jordan.r@example.com',
        mobile_phone: '+16175550142',
        ssn: '045621187',
        attributes: {
          FirstName: 'Jordan',
          MiddleName: null,
          D_O_B__c: '1986-04-12',
          MailingStreet: '27 Maple St\nApt 4',
          MailingCity: 'Boston',
          MailingState: 'MA',
          MailingPostalCode: 2108,
        },
      },
    });
  });

  it('refuses an invalid or empty update with our input paths and no values', () => {
    const result = toClientUpdateBody({
      lastName: '',
      email: 'nope',
      phone: '555',
      dateOfBirth: '12/04/1986',
      mailingAddress: { line1: '1 Main', city: 'Boston', state: 'Mass.', postalCode: '2108' },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: ['input', 'lastName'], message: 'must be 1 to 255 characters' },
        { path: ['input', 'email'], message: 'is not an email address' },
        { path: ['input', 'phone'], message: 'is not a US phone number' },
        { path: ['input', 'dateOfBirth'], message: 'is not a date (YYYY-MM-DD)' },
        { path: ['input', 'mailingAddress', 'state'], message: 'is not a US state code' },
        { path: ['input', 'mailingAddress', 'postalCode'], message: 'is not a ZIP code' },
      ],
    });
    expect(toClientUpdateBody({})).toEqual({
      ok: false,
      problems: [{ path: ['input'], message: 'has nothing to change' }],
    });
  });

  it('maps every vendor field of the update body to our input names', () => {
    expect(UPDATE_FIELD_MAP['attributes.D_O_B__c']).toEqual(['input', 'dateOfBirth']);
    expect(UPDATE_FIELD_MAP['attributes.MailingPostalCode']).toEqual([
      'input',
      'mailingAddress',
      'postalCode',
    ]);
    expect(UPDATE_FIELD_MAP.mobile_phone).toEqual(['input', 'phone']);
  });

  it('reads 422 errors in our wording, never the vendor text (also errors as strings or [])', () => {
    const body = errorBodySchema.parse({
      message: 'The email has already been taken. (and 2 more errors)',
      errors: {
        email: ['The email has already been taken.'],
        'attributes.D_O_B__c': 'The attributes.D_O_B__c field must be a date before today.',
        ssn: ['The ssn field must be 9 digits.'],
      },
    });
    expect(readValidationErrors(body)).toEqual([
      { field: 'email', message: 'is already in use' },
      { field: 'attributes.D_O_B__c', message: 'must be in the past' },
      { field: 'ssn', message: 'was rejected as invalid' },
    ]);
    expect(readValidationErrors(errorBodySchema.parse({ message: 'x', errors: [] }))).toEqual([]);
    expect(describeVendorProblem('The attributes.FirstName field is required.')).toBe(
      'is required',
    );
    expect(describeVendorProblem('The attributes.Id field is prohibited.')).toBe(
      'cannot be changed',
    );
  });

  it('reads error statuses: 403 refused permission, 404 unknown, 422 fields, others left to the shared layer', () => {
    expect(readCreditProsError(403, { message: 'This action is unauthorized.' })).toEqual({
      code: 'VENDOR_AUTH_FAILED',
    });
    expect(readCreditProsError(404, null)).toEqual({ code: 'NOT_FOUND' });
    expect(
      readCreditProsError(422, { message: 'x', errors: { ssn: ['The ssn must be 9 digits.'] } }),
    ).toEqual({
      code: 'VENDOR_REJECTED',
      fields: [{ field: 'ssn', message: 'was rejected as invalid' }],
    });
    expect(readCreditProsError(422, 'not json')).toEqual({ code: 'VENDOR_REJECTED', fields: [] });
    expect(readCreditProsError(400, { message: 'The request body is not valid JSON.' })).toEqual(
      {},
    );
  });
});
