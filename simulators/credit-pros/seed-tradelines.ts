import type { Rng } from '../kit/random';
import type { NegativeItemStatus } from './types';

/**
 * Synthetic derogatory tradelines: the facts of one account as the bureaus report it. A
 * tradeline seen by several bureaus becomes one negative item per bureau (`seed.ts`).
 */

export type TradelineKind = 'charge_off' | 'collection' | 'late';

export interface Tradeline {
  kind: TradelineKind;
  account_name: string;
  /** Masked: only the last four digits are shown (inferred; the doc does not state masking). */
  account_number: string;
  account_ownership_type: string;
  account_type: string;
  account_status: string;
  loan_type: string;
  credit_loan_type: string;
  /** Rating code and type, e.g. `9` / `ChargeOff`. */
  rating: { code: string; type: string };
  is_revolving: boolean;
  is_secure_loan: boolean;
  is_closed: boolean;
  /** Whole US dollars. */
  balance: number;
  creditLimit: number | null;
  originalBalance: number;
  monthlyPayment: number;
  /** ISO dates `YYYY-MM-DD`; null where the kind has none. */
  opened_date: string;
  close_date: string | null;
  charge_off_date: string | null;
  collection_date: string | null;
  last_payment_date: string | null;
  last_activity_date: string;
  late: { d30: number; d60: number; d90: number };
  terms_desc: string;
  terms_month: number;
}

/** What the seeder asks for; the showcase person uses a fixed list of these. */
export interface TradelinePlan {
  kind: TradelineKind;
  /** Fixed creditor name; drawn from the kind's list when absent. */
  creditor?: string;
  /** Account type override, e.g. `Medical` for a medical collection. */
  accountType?: string;
}

const CARD_ISSUERS = [
  'CAPITAL ONE BANK USA NA',
  'DISCOVER BANK',
  'CREDIT ONE BANK NA',
  'JPMCB CARD SERVICES',
  'COMENITY BANK/VICTORIASSECRET',
  'SYNCB/AMAZON PLCC',
  'CITIBANK NA',
] as const;

const DEBT_BUYERS = [
  'MIDLAND CREDIT MANAGEMENT',
  'PORTFOLIO RECOVERY ASSOCIATES',
  'LVNV FUNDING LLC',
  'CONVERGENT OUTSOURCING',
  'IC SYSTEM INC',
  'ENHANCED RECOVERY CO',
] as const;

const INSTALLMENT_LENDERS = [
  { name: 'NAVIENT', type: 'Student Loan', months: 120, secured: false },
  { name: 'NELNET', type: 'Student Loan', months: 120, secured: false },
  { name: 'ALLY FINANCIAL', type: 'Auto Loan', months: 72, secured: true },
  { name: 'SANTANDER CONSUMER USA', type: 'Auto Loan', months: 60, secured: true },
  { name: 'UPSTART NETWORK', type: 'Installment', months: 36, secured: false },
] as const;

const DAY_MS = 86_400_000;

/** `iso` moved by `days` (negative: earlier). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Money as the vendor sends it in negative items: a decimal string with cents. */
export function money(dollars: number): string {
  return dollars.toFixed(2);
}

function maskedAccountNumber(rng: Rng): string {
  return `XXXXXXXXXXXX${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** A tradeline whose every date lies before `asOf` (the report date). */
export function buildTradeline(plan: TradelinePlan, asOf: string, rng: Rng): Tradeline {
  switch (plan.kind) {
    case 'charge_off':
      return chargeOff(plan, asOf, rng);
    case 'collection':
      return collection(plan, asOf, rng);
    case 'late':
      return latePayments(plan, asOf, rng);
  }
}

function chargeOff(plan: TradelinePlan, asOf: string, rng: Rng): Tradeline {
  const limit = rng.int(5, 150) * 100;
  const balance = Math.round(limit * (0.7 + rng.next() * 0.4));
  const chargedOff = addDays(asOf, -rng.int(200, 1400));
  const opened = addDays(chargedOff, -rng.int(700, 2500));
  const lastPayment = addDays(chargedOff, -rng.int(120, 240));
  return {
    kind: 'charge_off',
    account_name: plan.creditor ?? rng.pick(CARD_ISSUERS),
    account_number: maskedAccountNumber(rng),
    account_ownership_type: rng.chance(0.85) ? 'Individual' : 'Joint',
    account_type: plan.accountType ?? 'Credit Card',
    account_status: 'Charged Off',
    loan_type: 'Revolving',
    credit_loan_type: 'CreditCard',
    rating: { code: '9', type: 'ChargeOff' },
    is_revolving: true,
    is_secure_loan: false,
    is_closed: true,
    balance,
    creditLimit: limit,
    originalBalance: balance,
    monthlyPayment: Math.max(25, Math.round(balance * 0.03)),
    opened_date: opened,
    close_date: chargedOff,
    charge_off_date: chargedOff,
    collection_date: null,
    last_payment_date: lastPayment,
    last_activity_date: chargedOff,
    late: { d30: rng.int(1, 3), d60: rng.int(1, 2), d90: rng.int(1, 5) },
    terms_desc: 'Revolving',
    terms_month: 0,
  };
}

function collection(plan: TradelinePlan, asOf: string, rng: Rng): Tradeline {
  const original = rng.int(150, 6000);
  const assigned = addDays(asOf, -rng.int(90, 1500));
  return {
    kind: 'collection',
    account_name: plan.creditor ?? rng.pick(DEBT_BUYERS),
    account_number: maskedAccountNumber(rng),
    account_ownership_type: 'Individual',
    account_type: plan.accountType ?? 'Collection',
    account_status: 'Collection',
    loan_type: 'Open',
    credit_loan_type: 'Collection',
    rating: { code: '9', type: 'Collection' },
    is_revolving: false,
    is_secure_loan: false,
    is_closed: false,
    balance: original + rng.int(0, Math.round(original * 0.2)),
    creditLimit: null,
    originalBalance: original,
    monthlyPayment: 0,
    opened_date: assigned,
    close_date: null,
    charge_off_date: null,
    collection_date: assigned,
    last_payment_date: null,
    last_activity_date: assigned,
    late: { d30: 0, d60: 0, d90: 0 },
    terms_desc: 'Collection account',
    terms_month: 0,
  };
}

function latePayments(plan: TradelinePlan, asOf: string, rng: Rng): Tradeline {
  const lender = rng.pick(INSTALLMENT_LENDERS);
  const original = rng.int(40, 450) * 100;
  const opened = addDays(asOf, -rng.int(400, 3000));
  const d60 = rng.int(0, 2);
  const lastLate = addDays(asOf, -rng.int(30, 400));
  return {
    kind: 'late',
    account_name: plan.creditor ?? lender.name,
    account_number: maskedAccountNumber(rng),
    account_ownership_type: 'Individual',
    account_type: plan.accountType ?? lender.type,
    account_status: 'Open',
    loan_type: 'Installment',
    credit_loan_type: lender.type.replace(/ /g, ''),
    rating: d60 > 0 ? { code: '3', type: 'Late60Days' } : { code: '2', type: 'Late30Days' },
    is_revolving: false,
    is_secure_loan: lender.secured,
    is_closed: false,
    balance: Math.round(original * (0.3 + rng.next() * 0.6)),
    creditLimit: null,
    originalBalance: original,
    monthlyPayment: Math.round(original / lender.months) + rng.int(5, 60),
    opened_date: opened,
    close_date: null,
    charge_off_date: null,
    collection_date: null,
    last_payment_date: addDays(asOf, -rng.int(5, 35)),
    last_activity_date: lastLate,
    late: { d30: rng.int(1, 4), d60, d90: 0 },
    terms_desc: `${lender.months} Months`,
    terms_month: lender.months,
  };
}

/** The dispute state a negative item starts in; weights follow a busy repair pipeline. */
export function drawStatus(rng: Rng): NegativeItemStatus {
  const roll = rng.next();
  if (roll < 0.4) return 'new';
  if (roll < 0.55) return 'not_processed';
  if (roll < 0.85) return 'in_progress';
  return 'repaired';
}
