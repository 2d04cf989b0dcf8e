import { z } from 'zod';

/**
 * AgencyZoom wire shapes (reference: vendor-docs/agencyzoom.md), read tolerantly: unknown keys are
 * kept, every field the docs leave vague is optional and nullable, and the documented quirks are
 * unions (ids as numbers or numeric strings, `tagNames` as an integer array or a `;`-separated
 * string, `policyTypeId` as a string or an integer, free-form phones and zips as text or numbers).
 * Only the fields the client reads are declared. Mappers (`mappers.ts`) turn these into domain
 * models; nothing outside this folder sees them.
 */

/** An integer id (`integer <int64>` in the docs); some samples send ids as strings (`"id": "1"`). */
export const wireId = z.union([z.number().int(), z.string().regex(/^\s*\d+\s*$/)]);
export type WireId = z.infer<typeof wireId>;

/** Text the vendor may send as a number (zip codes, phones, codes), or not at all. */
const text = z.union([z.string(), z.number()]).nullish();

/** A number the vendor may send as a numeric string; the docs' samples mix both. */
const numeric = z.union([z.number(), z.string()]).nullish();

/**
 * `tagNames`: an array of integer tag ids in the lead detail, a `;`-separated string of names on
 * policy reads and on writes (doc quirk 16); either shape is accepted anywhere.
 */
export const wireTagNames = z
  .union([z.array(z.union([z.number(), z.string()])), z.string(), z.number()])
  .nullish();
export type WireTagNames = z.infer<typeof wireTagNames>;

/** Embedded lists the docs call lists but sample as one object (doc quirk 14): always an array. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value,
    z.array(item).nullish(),
  );
}

/** The generic message of most writes (§4.5): `id` is the created or affected record's id. */
export const wireGenericMessage = z.looseObject({
  message: z.string().nullish(),
  id: numeric,
  result: z.union([z.boolean(), z.number(), z.string()]).nullish(),
});
export type WireGenericMessage = z.infer<typeof wireGenericMessage>;

/** `POST /v1/api/auth/login` 200 (§2.1). */
export const wireLogin = z.looseObject({
  jwt: z.string().min(1),
  ownerAgent: z.boolean().nullish(),
});

/** Lead detail (`GET /v1/api/leads/{leadId}`, §5.1.3); lead search items use the same shape. */
export const wireLead = z.looseObject({
  id: wireId,
  firstname: text,
  middlename: text,
  lastname: text,
  nickname: text,
  email: text,
  phone: text,
  secondaryEmail: text,
  secondaryPhone: text,
  streetAddress: text,
  city: text,
  state: text,
  country: text,
  zip: text,
  comments: text,
  /** Search enum 0 NEW, 1 QUOTED, 2 WON, 3 LOST, 4 CONTACTED, 5 EXPIRED. */
  status: numeric,
  /** `yyyy-MM-dd` in the samples. */
  createDate: text,
  contactDate: text,
  soldDate: text,
  xDate: text,
  quoteDate: text,
  leadSourceId: numeric,
  leadSourceName: text,
  assignedTo: numeric,
  assignToFirstname: text,
  assignToLastname: text,
  csrId: numeric,
  workflowId: numeric,
  workflowStageId: numeric,
  locationCode: text,
  departmentCode: text,
  groupCode: text,
  tagNames: wireTagNames,
  convertedHouseholdId: numeric,
  /** `mm/dd/yy` per the docs. */
  nextExpirationDate: text,
  customFields: z.array(z.unknown()).nullish(),
  otherProducers: z.array(z.unknown()).nullish(),
  /** `mm/dd/yy` per the docs; `MM/dd/yyyy` in practice too. */
  birthday: text,
  /** A label in the detail (`"Single"`), an integer on writes (doc quirk 17). */
  maritalStatus: text,
});
export type WireLead = z.infer<typeof wireLead>;

/** `POST /v1/api/leads/list` 200 (§5.1.1); `page` echoes 1 in the samples whatever was asked. */
export const wireLeadPage = z.looseObject({
  totalCount: numeric,
  page: numeric,
  pageSize: numeric,
  leads: z.array(wireLead).nullish(),
});
export type WireLeadPage = z.infer<typeof wireLeadPage>;

/** A customer's policy (detail `policies`, `/customers/{id}/policies`, `/ams-policies`; §5.3.6-7). */
export const wirePolicy = z.looseObject({
  id: wireId,
  policyNumber: text,
  carrierId: numeric,
  standardCarrierCode: text,
  /** A string in `/policies`, an integer in `/ams-policies` (doc quirk 14). */
  policyTypeId: numeric,
  policyTypeName: text,
  standardProductLineCode: text,
  /** Integer cents (stated for writes; assumed for reads, §1.4). */
  premium: numeric,
  items: numeric,
  /** `MM/dd/yyyy` or `yyyy-MM-dd`; the sample is `"string"`. */
  soldDate: text,
  /** `yyyy-MM-dd` in responses. */
  effectiveDate: text,
  expiryDate: text,
  agentId: numeric,
  agentName: text,
  tagNames: wireTagNames,
});
export type WirePolicy = z.infer<typeof wirePolicy>;

/** Customer search item (§5.3.1) and customer detail (§5.3.2); only the detail embeds policies. */
export const wireCustomer = z.looseObject({
  id: wireId,
  businessName: text,
  firstname: text,
  middlename: text,
  lastname: text,
  email: text,
  phone: text,
  secondaryEmail: text,
  secondaryPhone: text,
  streetAddress: text,
  city: text,
  state: text,
  country: text,
  zip: text,
  /** `yyyy-MM-dd HH:mm:ss`. */
  createDate: text,
  asCustomerDate: text,
  /** `MM/dd/yyyy`. */
  birthday: text,
  policies: listOf(wirePolicy),
});
export type WireCustomer = z.infer<typeof wireCustomer>;

/** `POST /v1/api/customers` 200 (§5.3.1). */
export const wireCustomerPage = z.looseObject({
  totalCount: numeric,
  page: numeric,
  pageSize: numeric,
  customers: z.array(wireCustomer).nullish(),
});
export type WireCustomerPage = z.infer<typeof wireCustomerPage>;

/** `POST /v1/api/leads/{leadId}/sold` 200 (§5.1.7): not the generic message. */
export const wireSold = z.looseObject({
  customerId: wireId,
  leadSourceId: numeric,
});

// ---- configuration lists (§6): whole lists, no paging ----

/** `GET /v1/api/carriers`. */
export const wireCarriers = z.array(
  z.looseObject({ id: wireId, name: text, standardCarrierCode: text }),
);
export type WireCarrier = z.infer<typeof wireCarriers>[number];

/** `GET /v1/api/product-lines`. */
export const wireProductLines = z.array(
  z.looseObject({ id: wireId, name: text, standardProductLineCode: text }),
);
export type WireProductLine = z.infer<typeof wireProductLines>[number];

/** `GET /v1/api/employees`. */
export const wireEmployees = z.array(
  z.looseObject({
    id: wireId,
    firstname: text,
    lastname: text,
    isProducer: z.boolean().nullish(),
    isActive: z.boolean().nullish(),
    isOwner: z.boolean().nullish(),
  }),
);
export type WireEmployee = z.infer<typeof wireEmployees>[number];

/** `GET /v1/api/lead-sources`. */
export const wireLeadSources = z.array(z.looseObject({ id: wireId, name: text }));
export type WireLeadSource = z.infer<typeof wireLeadSources>[number];

/** `GET /v1/api/locations`: the id is the location code, a string. */
export const wireLocations = z.array(z.looseObject({ id: text, name: text }));
export type WireLocation = z.infer<typeof wireLocations>[number];

const wireStage = z.looseObject({ id: wireId, name: text, seq: numeric, status: numeric });

/** `GET /v1/api/pipelines-and-stages`: ids are strings here (`"id": "1"`), integers elsewhere. */
export const wirePipelines = z.array(
  z.looseObject({
    id: wireId,
    name: text,
    seq: numeric,
    status: numeric,
    stages: z.array(wireStage).nullish(),
  }),
);
export type WirePipeline = z.infer<typeof wirePipelines>[number];

// ---- write bodies (what the client sends) ----

/** The personal lead write body (§5.1.4): create, batch item and the full-record update. */
export interface WireLeadWrite {
  firstname: string;
  middlename?: string | null;
  lastname?: string | null;
  nickname?: string | null;
  email: string;
  phone?: string | null;
  secondaryEmail?: string | null;
  secondaryPhone?: string | null;
  notes?: string | null;
  pipelineId: number;
  stageId: number;
  contactDate?: string | null;
  soldDate?: string | null;
  xDate?: string | null;
  quoteDate?: string | null;
  leadSourceId: number;
  assignTo: number;
  csrId?: number | null;
  streetAddress?: string | null;
  streetAddressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  country: string;
  zip?: string | null;
  agencyNumber?: string | null;
  departmentCode?: string | null;
  groupCode?: string | null;
  customFields?: unknown[];
  /** `MM/dd/yyyy`. */
  birthday?: string | null;
  /** Driver enum 1-10. */
  maritalStatus?: number | null;
  /** `;`-separated tag names. */
  tagNames?: string | null;
  nextExpirationDate?: string | null;
  otherProducers?: number[];
}

/** `PUT /v1/api/leads/{leadId}/status` (§5.1.6): write enum 0 ACTIVE, 2 WON, 3 LOST, 5 XDATED. */
export interface WireLeadStatusChange {
  status: 0 | 2 | 3 | 5;
  /** `yyyy-MM-dd`. */
  date?: string;
  lossReasonId?: number;
}

/** A `SoldProduct` (never expanded by the docs; the sandbox's reading, inferred). */
export interface WireSoldProduct {
  carrierId: number;
  productLineId: number;
  /** Integer cents. */
  premium: number;
  items: number;
  effectiveDate?: string;
  expiryDate?: string;
  policyNumber?: string;
}

/** Customer create/update body (§5.3.3); update sends only the fields that change. */
export interface WireCustomerWrite {
  firstname?: string;
  lastname?: string | null;
  email?: string;
  phone?: string | null;
  secondaryEmail?: string | null;
  streetAddress?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
  zip?: string | null;
  /** `MM/dd/yyyy`. */
  birthday?: string | null;
  agentId?: number;
}

/** Policy create/update body (§5.4.1-2); update omits `customerId`. */
export interface WirePolicyWrite {
  customerId?: number;
  insuredName?: string;
  carrierId: number;
  policyType: number;
  policyNumber?: string;
  /** Integer cents. */
  premium: number;
  items: number;
  /** `MM/dd/yyyy`. */
  soldDate: string;
  effectiveDate: string;
  expiryDate: string;
  agentId: number;
  leadSourceId: number;
  agencyNumber: string;
}
