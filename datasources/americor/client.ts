import type { ZodType } from 'zod';
import { TokenAuth, createVendorHttp, flatPolicy, vendorErrors } from '../http';
import type {
  CallContext,
  RatePolicy,
  TokenGrant,
  VendorClientDeps,
  VendorHttp,
  VendorRequest,
} from '../http';
import type { VendorStatusModel } from '../../src/domain/models';
import type { VendorId } from '../../src/domain/vendor';
import { fanOut } from '../http/fan-out';
import { VendorClientBase } from '../http/client-base';
import {
  ACH_FIELD_MAP,
  BUDGET_FIELD_MAP,
  CALCULATOR_FIELD_MAP,
  CREDITOR_FIELD_MAP,
  LEAD_FIELD_MAP,
  PROSPECT_FIELD_MAP,
  achRequestFromInput,
  budgetRequestFromInput,
  calculatorRequestFromInput,
  creditorRequestFromInput,
  enrollmentFromWire,
  enrollmentStatusFromWire,
  leadFromWire,
  leadRequestFromInput,
  personRecordFromLeadRequest,
  prospectRequestFromInput,
  readAmericorError,
  tokenGrantFromWire,
} from './mappers';
import type {
  AmericorAchInput,
  AmericorBudgetInput,
  AmericorCalculatorInput,
  AmericorCreatedLead,
  AmericorCreatedProspect,
  AmericorCreditorInput,
  AmericorEnrollmentModel,
  AmericorLeadInput,
  AmericorLeadModel,
  AmericorProspectInput,
} from './models';
import {
  createdCreditorSchema,
  createdLeadSchema,
  createdProspectSchema,
  enrollmentSchema,
  enrollmentStatusSchema,
  leadSchema,
  tokenResponseSchema,
} from './wire';
import type { WireTokenRequest } from './wire';

const VENDOR: VendorId = 'AMERICOR';

/**
 * Americor states no rate limit (§3); this conservative flat budget applies unless
 * `AMERICOR_RATE_LIMIT` (calls per minute) replaces it.
 */
export const DEFAULT_POLICY: RatePolicy = flatPolicy({ limit: 120, windowMs: 60_000 });

/** Calls in flight at once for one batch read (Americor reads one customer per call). */
export const FAN_OUT_CONCURRENCY = 4;

/** A token is renewed this long before its expiry, in ms. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

/** Any UUID version (the docs show v4 and v7); other segments would reach other routes. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The canonical (lower-case) customer uuid, or null when `value` cannot be one. */
function customerUuid(value: string): string | null {
  const uuid = value.trim().toLowerCase();
  return UUID.test(uuid) ? uuid : null;
}

/**
 * The Americor Partners API client: the only code that talks to Americor. It owns the login
 * (one token per credential, single-flight, renewed before `lifetime` runs out and after a 401),
 * the call budget, retries of safe calls only, error mapping to stable codes, and the mapping of
 * wire shapes to domain models.
 *
 * Americor reads one customer per call and cannot be searched (§6): batch reads fan out with at
 * most `FAN_OUT_CONCURRENCY` calls in flight, one per distinct key.
 */
export class AmericorClient extends VendorClientBase {
  readonly vendor: VendorId = VENDOR;
  protected readonly http: VendorHttp;

  constructor(deps: VendorClientDeps) {
    super();
    const clock = deps.clock ?? Date.now;
    // Kept in this closure only: never a field of the client, so never serialised or logged.
    const credentials: WireTokenRequest = {
      username: deps.config.credentials.USERNAME ?? '',
      publicKey: deps.config.credentials.PUBLIC_KEY ?? '',
    };
    const auth = new TokenAuth({
      login: (ctx) => this.login(credentials, clock, ctx),
      clock,
      refreshMarginMs: TOKEN_REFRESH_MARGIN_MS,
    });
    this.http = createVendorHttp(deps, {
      auth,
      defaultPolicy: DEFAULT_POLICY,
      readError: readAmericorError,
      authFailureStatuses: [401, 403],
    });
  }

  /**
   * `POST /v1/authentication/token`. Refused credentials are VENDOR_AUTH_FAILED at once, one
   * attempt and never a loop: a 401 (or 403) through `readAmericorError`, so `health()` reports it;
   * a 422 (blank credentials) here, as its body looks like any validation error. Not repeated on
   * its own 5xx: the business call it serves decides whether to try again (and logs in again).
   */
  private async login(
    credentials: WireTokenRequest,
    clock: () => number,
    ctx: CallContext,
  ): Promise<TokenGrant> {
    const issuedAtMs = clock();
    const request: VendorRequest = {
      endpoint: 'POST /v1/authentication/token',
      method: 'POST',
      path: '/v1/authentication/token',
      body: credentials,
      idempotent: false,
      auth: false,
      accept: [422],
    };
    const response = await this.http.send(request, ctx);
    if (response.status === 422) throw vendorErrors.authFailed(VENDOR, response.status);
    return tokenGrantFromWire(
      this.http.parse(request, tokenResponseSchema, response, ctx),
      issuedAtMs,
    );
  }

  // ---- reads ----

  /**
   * `GET /v1/leads/{customerUuid}`: status, sales phase and sales rep. NOT_FOUND when Americor
   * has no such customer (or `uuid` is not a uuid, without a call).
   */
  async getLead(uuid: string, ctx: CallContext): Promise<AmericorLeadModel> {
    const id = customerUuid(uuid);
    if (!id) throw vendorErrors.notFound(VENDOR, 'lead');
    const { data } = await this.http.sendJson(
      {
        endpoint: 'GET /v1/leads/{customerUuid}',
        method: 'GET',
        path: `/v1/leads/${id}`,
        idempotent: true,
        resource: 'lead',
      },
      leadSchema,
      ctx,
    );
    return leadFromWire(data, id);
  }

  /**
   * Many leads: one call per distinct uuid, `FAN_OUT_CONCURRENCY` at a time (Americor has no
   * batch read). Keyed by the uuids as given: unknown ones are absent, any other failure is that
   * key's `Error`, so one bad key never fails the others.
   */
  getLeads(
    uuids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, AmericorLeadModel | Error>> {
    return fanOut(uuids, FAN_OUT_CONCURRENCY, (uuid) => this.getLead(uuid, ctx));
  }

  /**
   * `GET /v1/enrollment/{customerUuid}`. Null when the customer is not enrolled: Americor answers
   * 404 for that and for an unknown customer alike.
   */
  async getEnrollment(uuid: string, ctx: CallContext): Promise<AmericorEnrollmentModel | null> {
    const id = customerUuid(uuid);
    if (!id) return null;
    const wire = await this.readOptional(
      {
        endpoint: 'GET /v1/enrollment/{customerUuid}',
        method: 'GET',
        path: `/v1/enrollment/${id}`,
        idempotent: true,
        resource: 'enrollment',
      },
      enrollmentSchema,
      ctx,
    );
    return wire ? enrollmentFromWire(wire) : null;
  }

  /** Many enrollments, as `getLeads`: not enrolled (or unknown) keys are absent. */
  getEnrollments(
    uuids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, AmericorEnrollmentModel | Error>> {
    return fanOut(uuids, FAN_OUT_CONCURRENCY, (uuid) => this.getEnrollment(uuid, ctx));
  }

  /**
   * `GET /v1/enrollment/{customerId}/status` by the integer customer id (§4.14). Null when the
   * customer is unknown or not in enrollment (404). Its code list conflicts with `clientStatus`;
   * the label is the vendor's `statusText` where given.
   */
  async getEnrollmentStatus(
    customerId: number,
    ctx: CallContext,
  ): Promise<VendorStatusModel | null> {
    if (!Number.isSafeInteger(customerId) || customerId <= 0) return null;
    const wire = await this.readOptional(
      {
        endpoint: 'GET /v1/enrollment/{customerId}/status',
        method: 'GET',
        path: `/v1/enrollment/${customerId}/status`,
        idempotent: true,
        resource: 'enrollment',
      },
      enrollmentStatusSchema,
      ctx,
    );
    return wire ? enrollmentStatusFromWire(wire) : null;
  }

  /** A lead with its enrollment (null when not enrolled): two calls in parallel. */
  async getLeadWithEnrollment(uuid: string, ctx: CallContext): Promise<AmericorLeadModel> {
    const [lead, enrollment] = await Promise.all([
      this.getLead(uuid, ctx),
      this.getEnrollment(uuid, ctx),
    ]);
    return { ...lead, enrollment };
  }

  // ---- writes ----

  /**
   * `POST /v1/leads`. Not idempotent: never repeated once it may have reached Americor (a 5xx or
   * a timeout is reported, not retried). Returns both ids and the identity written, normalised.
   */
  async createLead(input: AmericorLeadInput, ctx: CallContext): Promise<AmericorCreatedLead> {
    const body = leadRequestFromInput(input);
    const { data } = await this.http.sendJson(
      {
        endpoint: 'POST /v1/leads',
        method: 'POST',
        path: '/v1/leads',
        body,
        idempotent: false,
        fieldMap: LEAD_FIELD_MAP,
      },
      createdLeadSchema,
      ctx,
    );
    const uuid = data.uuid.toLowerCase();
    return { id: Number(data.id), uuid, person: personRecordFromLeadRequest(body, uuid) };
  }

  /** `POST /v1/prospects`. Not idempotent. */
  async createProspect(
    input: AmericorProspectInput,
    ctx: CallContext,
  ): Promise<AmericorCreatedProspect> {
    const { data } = await this.http.sendJson(
      {
        endpoint: 'POST /v1/prospects',
        method: 'POST',
        path: '/v1/prospects',
        body: prospectRequestFromInput(input),
        idempotent: false,
        fieldMap: PROSPECT_FIELD_MAP,
      },
      createdProspectSchema,
      ctx,
    );
    return { uuid: data.uuid.toLowerCase(), id: data.id == null ? null : Number(data.id) };
  }

  /**
   * `POST /v1/leads/{customerUuid}/creditor`: adds a debt, returning the creditor id (needed to
   * remove it; Americor never lists creditors). Not idempotent.
   */
  async addCreditor(
    uuid: string,
    creditor: AmericorCreditorInput,
    ctx: CallContext,
  ): Promise<{ id: number }> {
    const id = this.requireUuid(uuid);
    const { data } = await this.http.sendJson(
      {
        endpoint: 'POST /v1/leads/{customerUuid}/creditor',
        method: 'POST',
        path: `/v1/leads/${id}/creditor`,
        body: creditorRequestFromInput(creditor),
        idempotent: false,
        fieldMap: CREDITOR_FIELD_MAP,
        resource: 'lead',
      },
      createdCreditorSchema,
      ctx,
    );
    return { id: Number(data.id) };
  }

  /**
   * `DELETE /v1/leads/{customerUuid}/creditor/{creditorId}`. True when removed; false when
   * Americor has no such creditor for the customer (e.g. already removed), so repeating it is safe.
   */
  async removeCreditor(uuid: string, creditorId: number, ctx: CallContext): Promise<boolean> {
    const id = this.requireUuid(uuid);
    if (!Number.isSafeInteger(creditorId) || creditorId <= 0) return false;
    const response = await this.http.send(
      {
        endpoint: 'DELETE /v1/leads/{customerUuid}/creditor/{creditorId}',
        method: 'DELETE',
        path: `/v1/leads/${id}/creditor/${creditorId}`,
        idempotent: true,
        accept: [404],
        resource: 'creditor',
      },
      ctx,
    );
    return response.status !== 404;
  }

  /** `PUT /v1/leads/{customerUuid}/budget`: replaces the budget; safe to repeat. */
  async updateBudget(uuid: string, budget: AmericorBudgetInput, ctx: CallContext): Promise<void> {
    await this.put(
      'PUT /v1/leads/{customerUuid}/budget',
      uuid,
      'budget',
      budgetRequestFromInput(budget),
      BUDGET_FIELD_MAP,
      ctx,
    );
  }

  /** `PUT /v1/leads/{customerUuid}/ach`: escrow bank data; safe to repeat. */
  async updateAch(uuid: string, ach: AmericorAchInput, ctx: CallContext): Promise<void> {
    await this.put(
      'PUT /v1/leads/{customerUuid}/ach',
      uuid,
      'ach',
      achRequestFromInput(ach),
      ACH_FIELD_MAP,
      ctx,
    );
  }

  /** `PUT /v1/leads/{customerUuid}/calculator`: payment-plan inputs; safe to repeat. */
  async updateCalculator(
    uuid: string,
    plan: AmericorCalculatorInput,
    ctx: CallContext,
  ): Promise<void> {
    await this.put(
      'PUT /v1/leads/{customerUuid}/calculator',
      uuid,
      'calculator',
      calculatorRequestFromInput(plan),
      CALCULATOR_FIELD_MAP,
      ctx,
    );
  }

  // ---- lifecycle ----

  // ---- internals ----

  /** The canonical uuid of a write's customer; NOT_FOUND (without a call) when it is not one. */
  private requireUuid(uuid: string): string {
    const id = customerUuid(uuid);
    if (!id) throw vendorErrors.notFound(VENDOR, 'lead');
    return id;
  }

  /** A sub-resource PUT: the answer is `{}` (or `[]`, as PHP writes an empty array) and is not read. */
  private async put(
    endpoint: string,
    uuid: string,
    subresource: 'budget' | 'ach' | 'calculator',
    body: unknown,
    fieldMap: Record<string, string[]>,
    ctx: CallContext,
  ): Promise<void> {
    const id = this.requireUuid(uuid);
    await this.http.send(
      {
        endpoint,
        method: 'PUT',
        path: `/v1/leads/${id}/${subresource}`,
        body,
        idempotent: true,
        fieldMap,
        resource: 'lead',
      },
      ctx,
    );
  }

  /**
   * A read whose 404 is an expected answer (not enrolled): accepted rather than thrown, so it
   * neither counts as an error in `health()` nor needs catching. Null for 404.
   */
  private async readOptional<T>(
    request: VendorRequest,
    schema: ZodType<T>,
    ctx: CallContext,
  ): Promise<T | null> {
    const response = await this.http.send({ ...request, accept: [404] }, ctx);
    return response.status === 404 ? null : this.http.parse(request, schema, response, ctx);
  }
}

/** Builds the Americor client from the shared dependencies. */
export function createAmericorClient(deps: VendorClientDeps): AmericorClient {
  return new AmericorClient(deps);
}
