import type {
  LeadModel,
  LeadStatusModel,
  MoneyModel,
  PersonRecordModel,
  PolicyModel,
} from '../../src/domain/models';

/**
 * The AgencyZoom client's public inputs and results, in domain terms (our names, ISO dates, E.164
 * phones, decimal-string money, ids as strings). Wire shapes live in `wire.ts`.
 */

/** A lead and the person record it describes (`person.ref.id` is `lead:<id>`). */
export interface AgencyZoomLeadRecord {
  lead: LeadModel;
  person: PersonRecordModel;
}

/** A customer (`person.ref.id` is `customer:<id>`) with the policies its detail embeds. */
export interface AgencyZoomCustomerRecord {
  person: PersonRecordModel;
  policies: PolicyModel[];
}

/** A US postal address as input. */
export interface AgencyZoomAddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  /** Two-letter state code. */
  state: string;
  /** Five-digit ZIP code. */
  postalCode: string;
  /** ISO 3166-1 alpha-2; default `US`. */
  country?: string | null;
}

/** A new personal lead. */
export interface AgencyZoomLeadInput {
  firstName: string;
  middleName?: string | null;
  lastName?: string | null;
  email: string;
  /** E.164 or a common US format. */
  phone?: string | null;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string | null;
  address?: AgencyZoomAddressInput | null;
  /** Lead source in the agency's words; matched by name against the agency's lead sources. */
  source?: string | null;
  /** Free text, stored by the vendor as the lead's comments. */
  notes?: string | null;
}

/**
 * Changes to a lead: a field left out (undefined) keeps its value, null clears it (`firstName` and
 * `email` cannot be cleared).
 */
export type AgencyZoomLeadPatch = Partial<Omit<AgencyZoomLeadInput, 'source'>>;

/**
 * A lead status change. The vendor writes only NEW (its ACTIVE), WON, LOST and EXPIRED (its
 * XDATED); CONTACTED and QUOTED follow from pipeline stages and are refused as BAD_USER_INPUT.
 */
export interface AgencyZoomLeadStatusChange {
  status: LeadStatusModel;
  /** `YYYY-MM-DD`: the X-date for EXPIRED, the sold date for WON, else the contact date. */
  date?: string | null;
  /** A loss reason id (`GET /v1/api/loss-reasons`), for LOST. */
  lossReasonId?: string | null;
}

/** A product sold when a lead is moved to sold; it becomes a policy of the (new) customer. */
export interface AgencyZoomSoldProduct {
  carrierId: string;
  /** The agency's product line (policy type) id. */
  productLineId: string;
  premium: MoneyModel;
  /** Number of items insured (vehicles, ...); default 1. */
  items?: number | null;
  /** `YYYY-MM-DD`; the vendor defaults to today. */
  effectiveDate?: string | null;
  /** `YYYY-MM-DD`; the vendor defaults to a year after the effective date. */
  expirationDate?: string | null;
  policyNumber?: string | null;
}

/** A new customer. */
export interface AgencyZoomCustomerInput {
  firstName: string;
  lastName?: string | null;
  email: string;
  phone?: string | null;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string | null;
  address?: AgencyZoomAddressInput | null;
  /** The producer (agent) employee id; default: the client's configured or looked-up producer. */
  producerId?: string | null;
}

/** Changes to a customer: undefined keeps a field, null asks the vendor to clear it. */
export type AgencyZoomCustomerPatch = Partial<Omit<AgencyZoomCustomerInput, 'producerId'>>;

/** A policy as written (create, and the whole-record update). */
export interface AgencyZoomPolicyInput {
  /** The owning customer (create only). */
  customerId: string;
  carrierId: string;
  /** The agency's product line (policy type) id. */
  productLineId: string;
  policyNumber?: string | null;
  /** Premium for the term, USD. */
  premium: MoneyModel;
  /** Number of items insured; default 1. */
  items?: number | null;
  /** `YYYY-MM-DD`. */
  effectiveDate: string;
  /** `YYYY-MM-DD`. */
  expirationDate: string;
  /** `YYYY-MM-DD`; default the agency's today. */
  soldDate?: string | null;
  producerId?: string | null;
  leadSourceId?: string | null;
  /** Location code (agency number); default the configured or first location. */
  agencyNumber?: string | null;
  insuredName?: string | null;
}

/** `updatePolicy` replaces the written fields, so it takes the whole policy but its customer. */
export type AgencyZoomPolicyUpdate = Omit<AgencyZoomPolicyInput, 'customerId'>;

/** Policy statuses the vendor can write (its 1 Active and 0 Cancelled). */
export type AgencyZoomPolicyStatusInput = 'ACTIVE' | 'CANCELLED';

/** The agency configuration writes need; any value left out is looked up once per TTL. */
export interface AgencyZoomDefaults {
  pipelineId?: number;
  stageId?: number;
  leadSourceId?: number;
  producerId?: number;
  agencyNumber?: string;
}

export interface AgencyZoomClientOptions {
  defaults?: AgencyZoomDefaults;
  /** How long reference lists (carriers, product lines, ...) are kept, in ms; default 6 h. */
  referenceTtlMs?: number;
  /** Concurrent vendor calls of one fan-out batch read; default 4. */
  fanOutConcurrency?: number;
}

/** The id the vendor gave a created record; null when its answer named none (id 0 or absent). */
export interface AgencyZoomCreated {
  id: string | null;
}
