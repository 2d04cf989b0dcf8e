import { z } from 'zod';

/**
 * Wire shapes of The Credit Pros ("STG Portal 2.0" staff API), from
 * `vendor-docs/credit-pros.md`. Only the fields the gateway reads are declared; other keys are
 * allowed and dropped. Leaf fields are tolerant (a value of an unexpected type reads as null)
 * so one odd field never fails a whole answer; record ids are strict, since nothing can be done
 * with a record the gateway cannot address.
 *
 * Documented quirks absorbed here (§8 of the reference):
 * - list envelopes come flat (`{data, links, meta}`), double-wrapped (`{data: [{data, links,
 *   meta}], links, meta}`), as a top-level array holding one paginator, or as a bare array;
 * - single records come bare or wrapped in `{data}`;
 * - `ssn`, `MailingPostalCode` and `OtherPostalCode` are integers (leading zeros lost);
 * - `meta`, `attributes` and `errors` may be PHP's empty array `[]` instead of `{}`;
 * - money is a decimal string in negative items but may be a number elsewhere;
 * - `report_id` is a string in responses (`RPT_789`) but an integer in filters;
 * - the misspelled key `current_rateing_code` (also read under the corrected spelling).
 */

/** PHP serialises an empty associative array as `[]`: read it as an empty object. */
function emptyArrayAsObject(value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? {} : value;
}

/** A key the vendor types as integer; a numeric string is accepted too. */
const intId = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/)
    .transform((text) => Number.parseInt(text, 10)),
]);

/** Free text; anything but a string (or a number, read as its digits) is null. */
const text = z
  .union([z.string(), z.number().transform((n) => String(n))])
  .nullish()
  .catch(null);

/** A value documented as integer but holding digits that may have lost leading zeros. */
const digits = z.union([z.number(), z.string()]).nullish().catch(null);

/** A decimal amount: a string in negative items (`"1250.00"`), a number elsewhere (`0.1`). */
const money = z.union([z.string(), z.number()]).nullish().catch(null);

/** A flag: `true`/`false`, or PHP's `1`/`0` and their strings. */
const flag = z.union([z.boolean(), z.number(), z.string()]).nullish().catch(null);

/** The Laravel paginator `meta`; read only for page counts (shown as `{}` on many lists). */
export const pageMetaSchema = z.preprocess(
  emptyArrayAsObject,
  z
    .object({
      current_page: intId.nullish().catch(null),
      last_page: intId.nullish().catch(null),
      per_page: intId.nullish().catch(null),
      total: intId.nullish().catch(null),
    })
    .nullish()
    .catch(null),
);

export type PageMetaWire = z.infer<typeof pageMetaSchema>;

/**
 * Dynamic Salesforce-Contact-style attributes. Names live only here; `D_O_B__c` is a date whose
 * format the doc does not state; postal codes are integers.
 */
export const clientAttributesSchema = z.object({
  Id: text,
  FirstName: text,
  MiddleName: text,
  LastName: text,
  Email: text,
  MobilePhone: text,
  Phone: text,
  HomePhone: text,
  D_O_B__c: text,
  MailingStreet: text,
  MailingCity: text,
  MailingState: text,
  MailingPostalCode: digits,
  MailingCountry: text,
  OtherStreet: text,
  OtherCity: text,
  OtherState: text,
  OtherPostalCode: digits,
  OtherCountry: text,
});

export type ClientAttributesWire = z.infer<typeof clientAttributesSchema>;

/** ClientResource (and ClientShort, which has no `attributes`). */
export const clientResourceSchema = z.object({
  id: intId,
  client_key: text,
  email: text,
  mobile_phone: text,
  /** Integer in responses: `045-62-1187` arrives as 45621187. */
  ssn: digits,
  attributes: z.preprocess(emptyArrayAsObject, clientAttributesSchema.nullish().catch(null)),
});

export type ClientWire = z.infer<typeof clientResourceSchema>;

/** Only the id of an embedded client is read (the rest is personal data the gateway has no use for). */
const embeddedClientSchema = z.object({ id: intId }).nullish().catch(null);

/** Whether `value` looks like a Laravel paginator: a `data` array and no record `id`. */
function isPaginator(value: unknown): value is { data: unknown[]; meta?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { data?: unknown }).data) &&
    !('id' in value)
  );
}

/**
 * Any list envelope -> `{ items, meta }`. Accepts the flat paginator, the double-wrapped one
 * (`data[0].data[]`, whose inner `meta` is the real one), a top-level array holding paginators,
 * and a bare array of records.
 */
export function unwrapList(value: unknown): { items: unknown[]; meta: unknown } {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isPaginator)) {
      return value.length === 1
        ? unwrapList(value[0])
        : { items: value.flatMap((page) => unwrapList(page).items), meta: null };
    }
    return { items: value, meta: null };
  }
  if (isPaginator(value)) {
    const inner = value.data;
    if (inner.length > 0 && inner.every(isPaginator)) {
      const unwrapped = unwrapList(inner);
      return { items: unwrapped.items, meta: unwrapped.meta ?? value.meta ?? null };
    }
    return { items: inner, meta: value.meta ?? null };
  }
  return { items: [], meta: value === null || value === undefined ? null : value };
}

/** `{data: X}` -> X; a bare X stays as is. */
export function unwrapData(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if ('data' in record && !('id' in record)) return record.data;
  }
  return value;
}

/** A list of `item` in any of the vendor's envelopes. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => {
      const { items, meta } = unwrapList(value);
      return { items, meta };
    },
    z.object({ items: z.array(item), meta: pageMetaSchema }),
  );
}

/** `GET /clients`, `POST /clients/search`. */
export const clientListSchema = listOf(clientResourceSchema);
export type ClientListWire = z.infer<typeof clientListSchema>;

/** `GET /clients/{id}` (bare, as documented) or `{data}` (as most single reads). */
export const clientSchema = z.preprocess(unwrapData, clientResourceSchema);

/**
 * The answer of `PUT /portal/clients/{client}`: documented as a negative item (a copy-paste
 * error), echoed as `{data: ClientResource}` by the sandbox, possibly empty. Anything that is not
 * a client reads as null, and the client is then read again.
 */
export const clientUpdateAnswerSchema = z.preprocess(
  unwrapData,
  clientResourceSchema.nullable().catch(null),
);

/**
 * CreditReportMasterSchemaResource (list item, no `content`) and …WithContentResource (single,
 * with the undocumented `content`). `bureau` is a short code (`EFX`, `EXP`, `TU`), `vendor` a
 * display name (`Equifax`).
 */
export const masterSchemaResourceSchema = z.object({
  id: intId,
  bureau: text,
  vendor: text,
  report_date: text,
  report_id: text,
  modified_date: text,
  internal_client_key: text,
  /**
   * The full ClientResource: a client's report list carries the client, so reading the list
   * also reads the client (no client search for clients with reports).
   */
  client: clientResourceSchema.nullish().catch(null),
  /** The report file (shape undocumented); read only for a score. */
  content: z.unknown().optional(),
});

export type MasterSchemaWire = z.infer<typeof masterSchemaResourceSchema>;

/** `GET /clients/{client}/credit-report-master-schemas`. */
export const masterSchemaListSchema = listOf(masterSchemaResourceSchema);

/** `GET /credit-report-master-schemas/{id}`: `{data}` with content. */
export const masterSchemaSchema = z.preprocess(unwrapData, masterSchemaResourceSchema);

/**
 * Negative Item Resource: a derogatory tradeline. It has no bureau (found through `report_id`,
 * the master schema's) and, in the doc, no `id`.
 */
export const negativeItemResourceSchema = z.object({
  id: intId.nullish().catch(null),
  account_name: text,
  account_number: text,
  account_type: text,
  loan_type: text,
  credit_loan_type: text,
  account_status: text,
  credit_balance: money,
  unpaid_balance_amount: money,
  past_due_amount: money,
  opened_date: text,
  reported_date: text,
  is_charge_off: flag,
  is_collection: flag,
  /** Sic: the vendor's misspelled key. */
  current_rateing_code: text,
  /** The corrected spelling, should the vendor fix it. */
  current_rating_code: text,
  current_rating_type: text,
  report_id: text,
  credit_report_id: intId.nullish().catch(null),
  client: embeddedClientSchema,
});

export type NegativeItemWire = z.infer<typeof negativeItemResourceSchema>;

/** `GET /negative-items`. */
export const negativeItemListSchema = listOf(negativeItemResourceSchema);

/** Error bodies: always `{message}`; 422 adds `errors` keyed by field name. */
export const errorBodySchema = z.object({
  message: z.string().nullish().catch(null),
  errors: z.preprocess(
    emptyArrayAsObject,
    z
      .record(z.string(), z.union([z.array(z.string()), z.string()]))
      .nullish()
      .catch(null),
  ),
});

export type ErrorBodyWire = z.infer<typeof errorBodySchema>;

/** One rule of a SegmentRuleGroup. Operators are react-querybuilder's names (inferred). */
export interface RuleWire {
  field: string;
  operator: '=' | 'contains';
  value: string;
}

/**
 * A SegmentRuleGroup. Nested groups (a rule that has `rules`) follow react-querybuilder, whose
 * format this is (inferred: the doc shows one level).
 */
export interface RuleGroupWire {
  combinator: 'AND' | 'OR';
  not: 0 | 1;
  rules: (RuleWire | RuleGroupWire)[];
}

/** Body of `POST /clients/search`. */
export interface ClientSearchBodyWire {
  combinator: 'AND' | 'OR';
  conditions: RuleGroupWire;
}

/** Body of `PUT /portal/clients/{client}`: every field optional, `ssn` a string here. */
export interface ClientUpdateBodyWire {
  email?: string;
  mobile_phone?: string;
  ssn?: string;
  attributes?: {
    FirstName?: string;
    MiddleName?: string | null;
    LastName?: string;
    D_O_B__c?: string;
    MailingStreet?: string;
    MailingCity?: string;
    MailingState?: string;
    /** An integer in the doc, so `02108` travels as 2108. */
    MailingPostalCode?: number;
  };
}
