import type { ValidationIssue } from './errors';
import {
  ACCOUNT_HOLDERS,
  ACCOUNT_PROCESSORS,
  BANK_ACCOUNT_TYPES,
  DEBT_TYPES,
  GROUNDS_OF_EXEMPTION,
  HARDSHIP_REASONS,
  HOUSING_TYPES,
  LEAD_SOURCES,
  PAY_FREQUENCIES,
} from './enums';
import { BUDGET_MONEY_FIELDS, BUDGET_TEXT_FIELDS } from './types';
import type {
  AchInput,
  BudgetInput,
  CalculatorInput,
  CreditorInput,
  LeadInput,
  ProspectInput,
} from './types';
import {
  E164,
  EMAIL,
  SSN,
  STATE_CODE,
  ZIP_RULE,
  blankIssue,
  checkFields,
  isBlank,
  isEmptyAmount,
  labelOf,
} from './validation';
import type { FieldSchema, Validated } from './validation';

/** The validation rules of each write endpoint (reference §4): stated ones, and inferred ones marked. */

function outcome<T>(values: Record<string, unknown>, issues: ValidationIssue[]): Validated<T> {
  // The cast is the point of validation: `values` holds only fields that passed their rule.
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: values as T };
}

const e164 = (field: string) => ({
  kind: 'string' as const,
  pattern: E164,
  patternMessage: `${labelOf(field)} must be a phone number in E.164 format.`,
});
const email = (field: string) => ({
  kind: 'string' as const,
  pattern: EMAIL,
  patternMessage: `${labelOf(field)} is not a valid email address.`,
});
const state = { kind: 'string' as const, pattern: STATE_CODE };

const TOKEN_SCHEMA: FieldSchema = {
  username: { kind: 'string', required: true },
  publicKey: { kind: 'string', required: true },
};

export function validateTokenRequest(
  body: unknown,
): Validated<{ username: string; publicKey: string }> {
  const { values, issues } = checkFields(body, TOKEN_SCHEMA);
  return outcome(values, issues);
}

const LEAD_SCHEMA: FieldSchema = {
  firstName: { kind: 'string', required: true },
  lastName: { kind: 'string', required: true },
  middleName: { kind: 'string' },
  phoneMobile: e164('phoneMobile'),
  phoneHome: e164('phoneHome'),
  email: email('email'),
  noEmail: { kind: 'boolean' },
  state: { ...state, required: true },
  ssn: { kind: 'string', pattern: SSN },
  dob: { kind: 'date' },
  address: { kind: 'string' },
  city: { kind: 'string' },
  zip: ZIP_RULE,
  mailingAddress: { kind: 'string' },
  mailingState: state,
  mailingCity: { kind: 'string' },
  mailingZip: ZIP_RULE,
  externalSalesRepId: { kind: 'stringOrInteger' },
  accessCode: { kind: 'string' },
  clientEstimatedDebt: { kind: 'money' },
  source: { kind: 'enumString', values: LEAD_SOURCES },
  leadOrigin: { kind: 'string' },
  externalId: { kind: 'string' },
};

/** `POST /v1/leads`: names and state required, one phone at least, an email unless `noEmail`. */
export function validateLead(body: unknown): Validated<LeadInput> {
  const { values, issues } = checkFields(body, LEAD_SCHEMA);
  const raw = asObject(body);
  if (isBlank(raw.phoneMobile) && isBlank(raw.phoneHome)) {
    for (const field of ['phoneMobile', 'phoneHome']) {
      issues.push({
        field,
        message: 'Phone Mobile or Phone Home must be provided.',
        required: true,
      });
    }
  }
  // Given `email` and `noEmail: true` together is not specified; both are accepted and kept (inferred).
  if (isBlank(raw.email) && raw.noEmail !== true) issues.push(blankIssue('email'));
  return outcome(values, issues);
}

const PROSPECT_SCHEMA: FieldSchema = {
  campaign: { kind: 'string' },
  accessCode: { kind: 'string' },
  firstName: { kind: 'string' },
  lastName: { kind: 'string' },
  address: { kind: 'string' },
  city: { kind: 'string' },
  state,
  zip: ZIP_RULE,
  county: { kind: 'string' },
  clientEstimatedDebt: { kind: 'money' },
  email: email('email'),
  phone: e164('phone'),
};

/** `POST /v1/prospects`: every field optional, so `{}` is valid (inferred); types and formats checked. */
export function validateProspect(body: unknown): Validated<ProspectInput> {
  const { values, issues } = checkFields(body, PROSPECT_SCHEMA);
  return outcome(values, issues);
}

const CREDITOR_SCHEMA: FieldSchema = {
  creditorName: { kind: 'string', required: true },
  creditorMemberCode: { kind: 'string', required: true },
  accountNumber: { kind: 'integer', required: true, min: 0 },
  accountHolder: { kind: 'enumInteger', required: true, values: ACCOUNT_HOLDERS },
  cardholderName: { kind: 'string', required: true },
  openedDate: { kind: 'date', required: true },
  // Validated against the 89 Experian codes: the docs' own example `CC` is refused (inferred).
  debtType: { kind: 'enumString', required: true, values: [...DEBT_TYPES.keys()] },
  originalBalance: { kind: 'money', required: true },
  monthlyPayment: { kind: 'money', required: true },
  lastPayment: { kind: 'date', required: true },
  creditLimit: { kind: 'money' },
  included: { kind: 'boolean', required: true },
};

export function validateCreditor(body: unknown): Validated<CreditorInput> {
  const { values, issues } = checkFields(body, CREDITOR_SCHEMA);
  return outcome(values, issues);
}

const REQUIRED_BUDGET_AMOUNTS = new Set<string>([
  'netMonthlyIncome',
  'housingPayment',
  'autoLoans',
  'autoInsurance',
]);

const BUDGET_SCHEMA: FieldSchema = {
  ...Object.fromEntries(
    BUDGET_MONEY_FIELDS.map((field) => [
      field,
      { kind: 'money', required: REQUIRED_BUDGET_AMOUNTS.has(field) },
    ]),
  ),
  ...Object.fromEntries(BUDGET_TEXT_FIELDS.map((field) => [field, { kind: 'string' }])),
  housingType: { kind: 'enumInteger', required: true, values: HOUSING_TYPES },
  groundsOfExemption: { kind: 'enumInteger', values: GROUNDS_OF_EXEMPTION },
  hardshipReason: { kind: 'enumInteger', required: true, values: HARDSHIP_REASONS },
  hardshipReasonDetailed: { kind: 'string', required: true },
};

/** Descriptions required when their amount is NOT empty (reference §4.8). */
const DESCRIBE_WHEN_SET: ReadonlyArray<[string, string]> = [
  ['otherDebt', 'otherDebtDescription'],
  ['cardsOutsideProgram', 'cardsOutsideProgramDescription'],
];

/** Descriptions required when their amount IS empty, i.e. to explain a zero expense. */
const DESCRIBE_WHEN_EMPTY: ReadonlyArray<[string, string]> = [
  ['housingPayment', 'housingPaymentDescription'],
  ['cableTvSatellite', 'cableTvSatelliteDescription'],
  ['telephone', 'telephoneDescription'],
  ['utilities', 'utilitiesDescription'],
  ['food', 'foodDescription'],
];

/**
 * Monthly budget balance in US dollars: net income minus every other amount except the cash
 * reserves (inferred: the docs do not define "total budget").
 */
export function budgetBalance(budget: Record<string, unknown>): number {
  let balance = 0;
  for (const field of BUDGET_MONEY_FIELDS) {
    const value = budget[field];
    if (typeof value !== 'number' || field === 'cashReserves') continue;
    balance += field === 'netMonthlyIncome' ? value : -value;
  }
  return Math.round(balance * 100) / 100;
}

/** `PUT .../budget`: required fields plus the conditional descriptions and exemption grounds. */
export function validateBudget(body: unknown): Validated<BudgetInput> {
  const { values, issues } = checkFields(body, BUDGET_SCHEMA);
  const raw = asObject(body);
  const missing = (field: string): void => {
    if (isBlank(raw[field]) && !issues.some((issue) => issue.field === field)) {
      issues.push(blankIssue(field));
    }
  };
  for (const [amount, description] of DESCRIBE_WHEN_SET) {
    if (!isEmptyAmount(raw[amount])) missing(description);
  }
  for (const [amount, description] of DESCRIBE_WHEN_EMPTY) {
    if (isEmptyAmount(raw[amount])) missing(description);
  }
  if (!isEmptyAmount(raw.autoLoans) && isEmptyAmount(raw.autoInsurance)) {
    missing('autoInsuranceDescription');
  }
  if (budgetBalance(values) < 0) missing('groundsOfExemption');
  return outcome(values, issues);
}

const ACH_SCHEMA: FieldSchema = {
  accountName: { kind: 'string', required: true },
  accountProcessor: { kind: 'enumInteger', required: true, values: ACCOUNT_PROCESSORS },
  routingNumber: {
    kind: 'string',
    required: true,
    pattern: /^\d{9}$/,
    patternMessage: 'Routing Number must be exactly 9 digits.',
  },
  bankAccountNumber: { kind: 'integer', required: true, min: 0 },
  bankAccountType: { kind: 'enumInteger', required: true, values: BANK_ACCOUNT_TYPES },
  bankName: { kind: 'string', required: true },
  bankPhoneNumber: { ...e164('bankPhoneNumber'), required: true },
  bankAddress: { kind: 'string', required: true },
  bankCity: { kind: 'string', required: true },
  bankState: { ...state, required: true },
  bankZip: { ...ZIP_RULE, required: true },
  nonPrimaryApplicant: { kind: 'boolean' },
};

export function validateAch(body: unknown): Validated<AchInput> {
  const { values, issues } = checkFields(body, ACH_SCHEMA);
  return outcome(values, issues);
}

const CALCULATOR_SCHEMA: FieldSchema = {
  payFrequency: { kind: 'enumInteger', required: true, values: PAY_FREQUENCIES },
  nextPayDate: { kind: 'date', required: true },
  // Typed integer in the docs but the example is 128.90: money (inferred).
  fundingDeposit: { kind: 'money' },
  fundingDepositDate: { kind: 'date' },
};

/** Days after "today" beyond which a next pay date needs a funding deposit date. */
const NEXT_PAY_DATE_HORIZON_DAYS = 10;

/**
 * `PUT .../calculator`. `todayIso` is the sandbox clock's UTC date (inferred: the docs do not name
 * the time zone of "today").
 */
export function validateCalculator(body: unknown, todayIso: string): Validated<CalculatorInput> {
  const { values, issues } = checkFields(body, CALCULATOR_SCHEMA);
  const raw = asObject(body);
  if (!isBlank(raw.fundingDepositDate) && isBlank(raw.fundingDeposit)) {
    issues.push(blankIssue('fundingDeposit'));
  }
  const nextPayDate = values.nextPayDate;
  if (typeof nextPayDate === 'string' && isBlank(raw.fundingDepositDate)) {
    const days = (Date.parse(nextPayDate) - Date.parse(todayIso)) / 86_400_000;
    if (days > NEXT_PAY_DATE_HORIZON_DAYS) issues.push(blankIssue('fundingDepositDate'));
  }
  return outcome(values, issues);
}

function asObject(body: unknown): Record<string, unknown> {
  return body != null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
