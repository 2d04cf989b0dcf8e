import { z } from 'zod';

/**
 * Wire shapes of Apiture's Account Applications API v0.18.3 (vendor-docs/apiture-applications.md).
 * The reference has no schema section (§0), so every shape is read from the examples and kept
 * tolerant: fields the gateway does not need are not declared (unknown keys are accepted and
 * dropped), optional ones are `nullish`, arrays drop items they cannot read, and the documented
 * quirks (§9) are absorbed here with `z.preprocess`/`z.union` so the mappers see one shape.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasHref(value: unknown): value is { href: string } {
  return isRecord(value) && typeof value['href'] === 'string';
}

/** A HAL link (§3.1): `href` absolute (`https://host/...`) or root-relative (`/accountApplications/...`). */
export const halLink = z.object({ href: z.string(), title: z.string().nullish() });

/**
 * `_links`: relation -> link. HAL allows an array of links per relation (the first readable one
 * is kept); entries without an `href` are dropped; a missing `_links` reads as `{}`.
 */
export const halLinks = z.preprocess(
  (value) => {
    if (!isRecord(value)) return {};
    const out: Record<string, unknown> = {};
    for (const [rel, link] of Object.entries(value)) {
      const first: unknown = Array.isArray(link) ? link.find(hasHref) : link;
      if (hasHref(first)) out[rel] = first;
    }
    return out;
  },
  z.record(z.string(), halLink),
);

/** An array whose unreadable items are dropped instead of failing the whole representation. */
function tolerantArray<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value): unknown[] =>
      Array.isArray(value)
        ? (value as unknown[]).filter((entry) => item.safeParse(entry).success)
        : [],
    z.array(item),
  );
}

/** A string the vendor may also send as a JSON number (ids, ZIP codes, phone numbers). */
const stringish = z.union([z.string(), z.number()]).transform(String);

/** Money (§1.6): `{ "value": "1500.00", "currency": "USD" }`; the amount is a decimal string (a number is tolerated). */
export const wireMoney = z.object({
  value: z.union([z.string(), z.number()]),
  currency: z.string().nullish(),
});

/**
 * Contact email (§6.9) `{ _id, value, type }`, or user email (§6.10) where the address sits in
 * `number` (quirk 20; the reference's example even holds a phone-like `555-555-5555` there).
 */
export const wireEmailAddress = z.object({
  _id: z.string().nullish(),
  value: z.string().nullish(),
  number: z.string().nullish(),
  type: z.string().nullish(),
});

/** Contact `phones[]`, user `phones[]` and user `phoneNumbers[]` items (quirk 23); formats vary (§1.6). */
export const wirePhone = z.object({
  _id: z.string().nullish(),
  number: stringish.nullish(),
  type: z.string().nullish(),
});

/** `identification[]`: `{ type: "taxId", value: "111-11-1111" }` (masked `*****3333` in fraud reports). */
export const wireIdentification = z.object({
  type: z.string().nullish(),
  value: stringish.nullish(),
});

/** A postal address; `postalCode` is ZIP or ZIP+4 (`28401-5405`, `28403`). */
export const wireAddress = z.object({
  _id: z.string().nullish(),
  type: z.string().nullish(),
  addressLine1: z.string().nullish(),
  addressLine2: z.string().nullish(),
  city: z.string().nullish(),
  regionCode: z.string().nullish(),
  postalCode: stringish.nullish(),
  countryCode: z.string().nullish(),
});

/**
 * A contact (§6.9) or a user (§6.10): the same person fields with different spellings.
 * `yearsAtAddress` is an integer on contacts (`3`) and a string enum on users (`"unknown"`,
 * quirk 21); users carry `phoneNumbers[]` beside `phones[]` (quirk 23).
 */
export const wirePerson = z.object({
  _id: z.string().nullish(),
  firstName: z.string().nullish(),
  middleName: z.string().nullish(),
  lastName: z.string().nullish(),
  emailAddresses: tolerantArray(wireEmailAddress),
  preferredEmailAddressId: z.string().nullish(),
  phones: tolerantArray(wirePhone),
  phoneNumbers: tolerantArray(wirePhone),
  preferredPhoneId: z.string().nullish(),
  identification: tolerantArray(wireIdentification),
  birthdate: z.string().nullish(),
  addresses: tolerantArray(wireAddress),
  preferredMailingAddressId: z.string().nullish(),
  yearsAtAddress: z.union([z.number(), z.string()]).nullish(),
  _links: halLinks,
});

/** A role (§6.11a); `primaryUser` marks the primary applicant. */
export const wireRole = z.object({ name: z.string().nullish() });

/** An applicant of an application or enrollment (§6.8): a contact and/or a user. */
export const wireApplicant = z.object({
  username: z.string().nullish(),
  contact: wirePerson.nullish(),
  user: wirePerson.nullish(),
  role: wireRole.nullish(),
  verified: z.boolean().nullish(),
});

/** Application `state` values (§4.1, a declared enum), lower case on the wire. */
export const WIRE_APPLICATION_STATES = [
  'pending',
  'running',
  'blocked',
  'canceled',
  'expired',
  'rejected',
  'approved',
] as const;

/** An application state; compared case-insensitively, anything outside the declared enum is unreadable. */
export const wireApplicationState = z
  .string()
  .refine((state) =>
    (WIRE_APPLICATION_STATES as readonly string[]).includes(state.trim().toLowerCase()),
  );

/** The full `application` (§6.4). Only the fields the gateway maps are declared. */
export const wireApplication = z.object({
  _id: z.string().min(1),
  applicantName: z.string().nullish(),
  accountName: z.string().nullish(),
  productName: z.string().nullish(),
  fundingAmount: wireMoney.nullish(),
  state: wireApplicationState,
  workflowState: z.string().nullish(),
  createdAt: z.string().nullish(),
  /** Not in the reference; the sandbox adds it (inferred) for incremental sync. */
  updatedAt: z.string().nullish(),
  completedAt: z.string().nullish(),
  applicants: tolerantArray(wireApplicant),
  products: tolerantArray(z.object({ name: z.string().nullish() })),
  _links: halLinks,
});

/** A collection item (§6.2, §6.6): `_id`, `name`, `state` and a `self` link, nothing else. */
export const wireSummary = z.object({
  _id: z.string().nullish(),
  name: z.string().nullish(),
  state: z.string(),
  _links: halLinks,
});

export const wireApplicationSummary = wireSummary.extend({ state: wireApplicationState });

/**
 * `_embedded.items` of a collection: an array, or the `{ "anyOf": [...] }` wrapper the reference's
 * examples show (quirk 13, a schema leaking into the example); a missing `_embedded` is empty.
 */
function collectionOf<T extends z.ZodType>(item: T) {
  return z.object({
    start: z.number().nullish(),
    limit: z.number().nullish(),
    count: z.number().nullish(),
    _links: halLinks,
    _embedded: z.preprocess(
      (value) => {
        if (!isRecord(value)) return { items: [] };
        const items = value['items'];
        if (Array.isArray(items)) return { items };
        if (isRecord(items) && Array.isArray(items['anyOf'])) return { items: items['anyOf'] };
        return { items: [] };
      },
      z.object({ items: z.array(item) }),
    ),
  });
}

export const wireApplications = collectionOf(wireApplicationSummary);
export const wireEnrollments = collectionOf(wireSummary);

/**
 * The full `enrollment` (§6.7). The applicant is `applicant` or `applicants[0]` (quirk 24). An
 * embedded `_error` (quirk 19) describes a pending problem, not a failed call: it is ignored.
 */
export const wireEnrollment = z.object({
  _id: z.string().min(1),
  applicantName: z.string().nullish(),
  state: z.string(),
  workflowState: z.string().nullish(),
  applicant: wireApplicant.nullish(),
  applicants: tolerantArray(wireApplicant),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  completedAt: z.string().nullish(),
  _links: halLinks,
});

/** One problem of an `errorResponse` (§3.5): `attributes` name the field or parameter concerned. */
const wireProblem = z.object({
  message: z.string().nullish(),
  statusCode: z.number().nullish(),
  type: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * `errorResponse` (§3.5). Nested problems sit in `_error._embedded.errors`, or directly in
 * `_error.errors` in the older shape embedded in enrollments (quirk 19); both are read.
 */
export const wireErrorResponse = z.object({
  _error: wireProblem.extend({
    _embedded: z.object({ errors: tolerantArray(wireProblem) }).nullish(),
    errors: tolerantArray(wireProblem),
  }),
});

export type WireLink = z.infer<typeof halLink>;
export type WireLinks = z.infer<typeof halLinks>;
export type WireMoney = z.infer<typeof wireMoney>;
export type WireEmailAddress = z.infer<typeof wireEmailAddress>;
export type WirePhone = z.infer<typeof wirePhone>;
export type WireAddress = z.infer<typeof wireAddress>;
export type WirePerson = z.infer<typeof wirePerson>;
export type WireApplicant = z.infer<typeof wireApplicant>;
export type WireApplication = z.infer<typeof wireApplication>;
export type WireApplicationSummary = z.infer<typeof wireApplicationSummary>;
export type WireSummary = z.infer<typeof wireSummary>;
export type WireApplications = z.infer<typeof wireApplications>;
export type WireEnrollments = z.infer<typeof wireEnrollments>;
export type WireEnrollment = z.infer<typeof wireEnrollment>;
export type WireProblem = z.infer<typeof wireProblem>;
export type WireErrorResponse = z.infer<typeof wireErrorResponse>;

/** Body of `POST /applications` (§6.3): the product link is the one required input. */
export interface WireCreateApplication {
  _links: { 'apiture:product': { href: string } };
  accountName?: string;
  fundingAmount?: { value: string; currency: string };
  applicants?: { contact: { _links: { self: { href: string } } } }[];
}

/** Body of `PATCH /applications/{id}` (§5.1 op. 7): a merge patch; `null` clears a field. */
export interface WirePatchApplication {
  accountName?: string;
  fundingAmount?: { value: string; currency: string } | null;
}
