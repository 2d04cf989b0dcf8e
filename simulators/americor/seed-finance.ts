import type { Rng } from '../kit/random';
import type { PersonSeed } from '../population/generate';
import { BANKS, CREDITORS, HARDSHIP_DETAILS } from './seed-tables';
import { addDays, cents, pacificDateTime, weighted } from './seed-helpers';
import { budgetBalance } from './schemas';
import { GROUNDS_OF_EXEMPTION, HARDSHIP_REASONS } from './enums';
import type {
  AchInput,
  BudgetInput,
  CalculatorInput,
  CreditorInput,
  EnrollmentRecord,
} from './types';

/**
 * Seed generators for an Americor customer's programme data: enrollment, creditors, budget, ACH
 * and calculator inputs. Pure: the same person and generator state give the same records.
 */

/** Share of each `clientStatus` among enrolled customers. */
const CLIENT_STATUS_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [6, 45],
  [5, 10],
  [4, 8],
  [7, 4],
  [8, 3],
  [9, 3],
  [10, 5],
  [11, 6],
  [12, 5],
  [20, 2],
  [21, 1],
  [29, 1],
  [35, 1],
  [36, 1],
  [47, 1],
  [48, 1],
  [50, 1],
  [51, 1],
  [53, 1],
];

/** Initial deposit statuses that fit a client status, with their weights. */
function depositStatusFor(rng: Rng, clientStatus: number): number {
  switch (clientStatus) {
    case 4:
    case 20:
      return weighted(rng, [
        [4, 3],
        [101, 2],
      ]);
    case 5:
      return weighted(rng, [
        [3, 2],
        [5, 2],
        [6, 2],
        [100, 1],
      ]);
    case 7:
    case 8:
      return weighted(rng, [
        [2, 3],
        [103, 1],
      ]);
    case 11:
    case 21:
      return weighted(rng, [
        [9, 2],
        [12, 2],
        [0, 1],
        [11, 1],
      ]);
    default:
      return weighted(rng, [
        [1, 6],
        [102, 3],
        [10, 1],
      ]);
  }
}

/** Deposit statuses after which the deposit has cleared. */
const CLEARED_DEPOSITS = new Set([1, 102, 10, 11]);
/** Client statuses whose deposit date is still to come or unknown. */
const NO_DEPOSIT_YET = new Set([4, 20]);

export function seedEnrollment(
  rng: Rng,
  person: PersonSeed,
  fixedClientStatus?: number,
): EnrollmentRecord {
  const clientStatus = fixedClientStatus ?? weighted(rng, CLIENT_STATUS_WEIGHTS);
  const enrolledDebtAmount = cents(person.financial.unsecuredDebt + rng.int(0, 99) / 100);
  const paidShare =
    clientStatus === 12 ? 1 : [4, 5, 20].includes(clientStatus) ? 0 : rng.int(0, 60) / 100;
  const enrolledDay = rng.date('2022-01-03', '2025-06-30');
  const depositDay = addDays(enrolledDay, rng.int(3, 21));
  const initialDepositStatus = depositStatusFor(rng, clientStatus);
  const cleared = CLEARED_DEPOSITS.has(initialDepositStatus);
  return {
    clientStatus,
    enrolledDebtAmount,
    currentDebtAmount: cents(enrolledDebtAmount * (1 - paidShare)),
    enrolledDate: pacificDateTime(enrolledDay, rng.int(8, 18), rng.int(0, 59), rng.int(0, 59)),
    initialDepositDate: NO_DEPOSIT_YET.has(clientStatus)
      ? null
      : pacificDateTime(depositDay, 0, 0, 0),
    initialDepositStatus,
    initialDepositClearedDate: cleared
      ? pacificDateTime(addDays(depositDay, rng.int(2, 5)), 0, 0, 0)
      : null,
  };
}

/**
 * `count` creditors whose original balances add up to about `totalDebt` US dollars. The first
 * creditor ids are assigned by the caller.
 */
export function seedCreditors(
  rng: Rng,
  person: PersonSeed,
  count: number,
  totalDebt: number,
  allIncluded = false,
): CreditorInput[] {
  const picks = rng.shuffle(CREDITORS).slice(0, count);
  const shares = picks.map(() => rng.int(2, 10));
  const shareSum = shares.reduce((sum, share) => sum + share, 0);
  return picks.map((creditor, i) => {
    const originalBalance = cents((totalDebt * shares[i]) / shareSum);
    const isCard = ['18', '07', '8A'].includes(creditor.debtType);
    const input: CreditorInput = {
      creditorName: creditor.name,
      creditorMemberCode: creditor.memberCode,
      accountNumber: rng.int(10_000_000, 99_999_999) * 100 + rng.int(0, 99),
      accountHolder: weighted(rng, [
        [1, 8],
        [3, 2],
        [2, 1],
      ]),
      cardholderName: `${person.firstName} ${person.lastName}`,
      openedDate: rng.date('2008-01-01', '2021-12-31'),
      debtType: creditor.debtType,
      originalBalance,
      monthlyPayment: cents(Math.max(25, originalBalance * (rng.int(20, 35) / 1000))),
      lastPayment: rng.date('2023-06-01', '2025-06-30'),
      included: rng.chance(0.9) || allIncluded,
    };
    if (isCard) input.creditLimit = cents(Math.ceil((originalBalance * 1.2) / 100) * 100);
    return input;
  });
}

/** A plausible monthly budget that passes the endpoint's own validation. */
export function seedBudget(rng: Rng, person: PersonSeed): BudgetInput {
  const netMonthlyIncome = cents((person.financial.annualIncome / 12) * 0.78);
  const housingType = weighted(rng, [
    [1, 5],
    [2, 4],
    [3, 1],
  ]);
  const autoLoans = rng.chance(0.6) ? cents(rng.int(180, 520)) : 0;
  const budget: BudgetInput = {
    netMonthlyIncome,
    cashReserves: cents(rng.int(0, 40) * 100),
    housingType,
    housingPayment: housingType === 3 ? 0 : cents(netMonthlyIncome * (rng.int(22, 38) / 100)),
    utilities: cents(rng.int(90, 260)),
    telephone: cents(rng.int(40, 140)),
    cableTvSatellite: cents(rng.int(20, 120)),
    food: cents(rng.int(300, 900)),
    autoLoans,
    autoInsurance: autoLoans > 0 ? cents(rng.int(80, 220)) : 0,
    clothing: cents(rng.int(20, 150)),
    personalCare: cents(rng.int(20, 120)),
    entertainment: cents(rng.int(0, 150)),
    medicalCare: cents(rng.int(0, 200)),
    hardshipReason: rng.pick(HARDSHIP_REASONS),
    hardshipReasonDetailed: rng.pick(HARDSHIP_DETAILS),
  };
  if (housingType === 2) budget.homeownersInsurance = cents(rng.int(60, 180));
  if (budget.housingPayment === 0) budget.housingPaymentDescription = 'Lives with family rent-free';
  if (budgetBalance(budget) < 0) {
    budget.groundsOfExemption = rng.pick(GROUNDS_OF_EXEMPTION);
    budget.groundsOfExemptionDescription = 'Expects to close the gap within the year';
  }
  return budget;
}

export function seedAch(rng: Rng, person: PersonSeed): AchInput {
  const bank = rng.pick(BANKS);
  return {
    accountName: `${person.firstName} ${person.lastName}`,
    accountProcessor: weighted(rng, [
      [1, 3],
      [2, 1],
    ]),
    routingNumber: `${rng.int(0, 3)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    bankAccountNumber: rng.int(1_000_000_000, 9_999_999_999),
    bankAccountType: rng.chance(0.85) ? 1 : 2,
    bankName: bank.name,
    bankPhoneNumber: bank.phone,
    bankAddress: bank.address,
    bankCity: bank.city,
    bankState: bank.state,
    bankZip: bank.zip,
    nonPrimaryApplicant: rng.chance(0.1),
  };
}

/** Plan inputs around the enrollment: next pay date and the first deposit, `enrollment` dates. */
export function seedCalculator(rng: Rng, enrollment: EnrollmentRecord): CalculatorInput {
  const enrolledDay = enrollment.enrolledDate.slice(0, 10);
  const calculator: CalculatorInput = {
    payFrequency: weighted(rng, [
      [0, 2],
      [1, 3],
      [2, 5],
    ]),
    nextPayDate: addDays(enrolledDay, rng.int(1, 14)),
    fundingDeposit: cents(Math.max(150, enrollment.enrolledDebtAmount * 0.016)),
  };
  if (enrollment.initialDepositDate) {
    calculator.fundingDepositDate = enrollment.initialDepositDate.slice(0, 10);
  }
  return calculator;
}
