import { z } from 'zod';

/**
 * Wire shapes of the lending CRM "Clients" API (vendor-docs/lending-crm.md section 3), checked
 * with zod at the boundary. Tolerant where the docs are vague: every Client property is optional
 * and nullable (`$select` drops properties; the doc gives no examples), unknown keys such as
 * `loginToken` or `@odata.*` annotations are accepted and stripped (a `loginToken` is a secret and
 * never leaves this folder), and the collection may come as a bare array or an OData envelope.
 */

const text = z.string().nullish();
const flag = z.boolean().nullish();

/** A Client as `GET /clients/{id}` and `GET /clients` return it. */
export const wireClientSchema = z.object({
  /** uuid; read-only. Upper case and braces are tolerated by the mappers. */
  id: text,
  externalId: text,
  source: text,
  ownerId: text,
  referredById: text,
  /** Required by the docs, but stored as typed: any letter case, pattern not anchored. */
  email: text,
  /** Free-form phones ("(617) 555-0142", "617.555.0142 ext. 204", ...). */
  homePhone: text,
  workPhone: text,
  mobilePhone: text,
  fax: text,
  isSilenced: flag,
  isArchived: flag,
  /** date-time; with or without an offset (not stated). */
  createdOn: text,
  updatedOn: text,
  /** FICO score; null when the lender has none. */
  fico: z.number().int().nullish(),
  /** US dollars; the docs do not state the period: read as per month (see mappers). */
  totalIncome: z.number().nullish(),
  /** US dollars per month. */
  totalDebtPayments: z.number().nullish(),
  firstTimeBuyer: flag,
  firstName: text,
  lastName: text,
});

/**
 * The `GET /clients` answer. The docs show only the item schema: a bare array is what the
 * sandbox (and an ASP.NET `[EnableQuery]` controller) sends, an OData `{ "value": [...] }`
 * envelope is the other documented possibility. Both come out as the array.
 */
export const wireClientListSchema = z
  .union([z.array(wireClientSchema), z.object({ value: z.array(wireClientSchema) })])
  .transform((body) => (Array.isArray(body) ? body : body.value));

/**
 * What POST, PUT and PATCH answer: an audit record, not the client. Its `id` is an untyped
 * nullable string (the new client's uuid for a create); the timestamps are named unlike the
 * Client's `createdOn` / `updatedOn`.
 */
export const wireAuditRecordSchema = z.object({
  id: text,
  type: text,
  createdTimestamp: text,
  updatedTimestamp: text,
});

/**
 * A write body (POST, PATCH). The read-only `id`, `createdOn` and `updatedOn` appear in the
 * vendor's request schema but are never sent; nor is `loginToken`.
 */
export const wireClientWriteSchema = z.object({
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  mobilePhone: z.string().nullable().optional(),
  homePhone: z.string().nullable().optional(),
  workPhone: z.string().nullable().optional(),
  externalId: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  fico: z.number().int().nullable().optional(),
  totalIncome: z.number().nullable().optional(),
  totalDebtPayments: z.number().nullable().optional(),
});

/**
 * An error body: RFC 7807 problem details as ASP.NET Core writes them (inferred; the vendor
 * documents no error body). `errors` maps a field (wire name, `Email` in C# casing, `$.fico` as a
 * JSON path, or `$` for the whole body) to its messages.
 */
export const wireProblemSchema = z.object({
  title: text,
  status: z.number().nullish(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).nullish(),
});

export type WireClient = z.infer<typeof wireClientSchema>;
export type WireAuditRecord = z.infer<typeof wireAuditRecordSchema>;
export type WireClientWrite = z.infer<typeof wireClientWriteSchema>;
export type WireProblem = z.infer<typeof wireProblemSchema>;

/** The Client properties the gateway reads, for `$select` (keeps `loginToken` and unused PII off the wire). */
export const SELECTED_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'email',
  'mobilePhone',
  'homePhone',
  'workPhone',
  'fico',
  'totalIncome',
  'totalDebtPayments',
] as const satisfies readonly (keyof WireClient)[];

/** Every Client property name (loginToken aside) as the vendor spells it; error keys are matched against it. */
export const WIRE_FIELDS: readonly string[] = Object.keys(wireClientSchema.shape);
