/**
 * Wire shapes of the lending CRM "Clients" API, copied field for field from
 * `vendor-docs/lending-crm.md` section 3 (same names, same order as the vendor's schema).
 */

/** A Client as the vendor returns it from `GET /clients/{id}` and in the `GET /clients` array. */
export interface Client {
  externalId: string | null;
  source: string | null;
  /** uuid of the owning CRM user (a loan officer, inferred). */
  ownerId: string | null;
  /** uuid of the referrer (a referral partner in this sandbox, inferred). */
  referredById: string | null;
  email: string;
  homePhone: string | null;
  workPhone: string | null;
  mobilePhone: string | null;
  fax: string | null;
  isSilenced: boolean;
  isArchived: boolean;
  /** Read-only ISO 8601 date-time (UTC, `Z`). */
  createdOn: string;
  /** Read-only ISO 8601 date-time (UTC, `Z`); null until the first update (inferred). */
  updatedOn: string | null;
  fico: number | null;
  /** US dollars per month in this sandbox (the vendor does not state the period; inferred). */
  totalIncome: number | null;
  /** US dollars per month in this sandbox (the vendor does not state the period; inferred). */
  totalDebtPayments: number | null;
  firstTimeBuyer: boolean | null;
  /** Client-portal login token; a secret (inferred). */
  loginToken: string | null;
  /** Read-only uuid, lower case. */
  id: string;
  firstName: string;
  lastName: string;
}

export type ClientField = keyof Client;

/** Every Client property in the vendor's schema order; `$select` output follows this order. */
export const CLIENT_FIELDS: readonly ClientField[] = [
  'externalId',
  'source',
  'ownerId',
  'referredById',
  'email',
  'homePhone',
  'workPhone',
  'mobilePhone',
  'fax',
  'isSilenced',
  'isArchived',
  'createdOn',
  'updatedOn',
  'fico',
  'totalIncome',
  'totalDebtPayments',
  'firstTimeBuyer',
  'loginToken',
  'id',
  'firstName',
  'lastName',
];

/** Properties the server sets itself; a write body may carry them and they are ignored (inferred). */
export const READ_ONLY_FIELDS = ['id', 'createdOn', 'updatedOn'] as const;

type ReadOnlyField = (typeof READ_ONLY_FIELDS)[number];

/** The properties a POST, PUT or PATCH body may set. */
export type WritableClient = Omit<Client, ReadOnlyField>;

/** The response of POST, PUT and PATCH: an audit record, not the client. */
export interface AuditRecord {
  /** The client's uuid. */
  id: string | null;
  /** Always `Client` for this resource (inferred from the doc's examples `Webhook`, `LoanApplicationTask`). */
  type: string | null;
  createdTimestamp: string | null;
  updatedTimestamp: string | null;
}

/** Canonical text form of a uuid, as the vendor's `Client.id`: 8-4-4-4-12 hex digits. */
export const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
