import type { FinancialProfileModel, MoneyModel, PersonRecordModel } from '../../src/domain/models';

/**
 * What the lending CRM client returns and accepts, in domain terms. Nothing here is a wire shape.
 */

/** One lending CRM client: the person it describes and their credit and income figures. */
export interface LendingCrmClientModel {
  /**
   * `ref.id` is the client uuid in lower case. The vendor holds no middle name, date of birth,
   * SSN or address, so those are always null / empty.
   */
  record: PersonRecordModel;
  financial: FinancialProfileModel;
}

/**
 * What `findClients` looks for; a client matching any key is returned.
 *
 * - `email`: matched case-insensitively.
 * - `phone`: any common US format or E.164; matched on the E.164 form of the mobile, home and
 *   work numbers.
 * - `lastName` alone: matched case-insensitively (a weak key; callers should confirm the match).
 * - `lastName` with `dateOfBirth`: the vendor holds no date of birth, so the pair cannot be
 *   confirmed here and matches nobody (a surname alone would return namesakes).
 */
export interface LendingCrmClientMatch {
  email?: string | null;
  phone?: string | null;
  lastName?: string | null;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string | null;
}

/**
 * A client to create. Field problems (ours or the vendor's) are reported against these names,
 * under `input` (e.g. `["input", "monthlyIncome"]`).
 */
export interface LendingCrmClientInput {
  firstName: string;
  lastName: string;
  /** Stored lower-cased. */
  email: string;
  /** Any common US format or E.164; stored as E.164. */
  mobilePhone?: string | null;
  homePhone?: string | null;
  workPhone?: string | null;
  /** 300-850 by convention; not range-checked here. */
  fico?: number | null;
  /** Gross income per month, USD (the vendor's `totalIncome`). */
  monthlyIncome?: MoneyModel | null;
  /** Payments on existing debt per month, USD (the vendor's `totalDebtPayments`). */
  monthlyDebtPayments?: MoneyModel | null;
  /** The record's id in another system (e.g. a gateway Person id). */
  externalId?: string | null;
  /** Lead source as free text. */
  source?: string | null;
}

/**
 * A change to a client: only the properties present (not undefined) are changed. `null` asks the
 * vendor to clear an optional property (the docs do not say whether the vendor clears or ignores
 * it; the sandbox clears); a null `firstName`, `lastName` or `email` is refused.
 */
export type LendingCrmClientPatch = {
  [K in keyof LendingCrmClientInput]?: LendingCrmClientInput[K] | null;
};
