import type { ZodType } from 'zod';
import type { PersonRecordModel } from '../../src/domain/models';
import { normalizeEmail, normalizePhone } from '../../src/domain/normalize';
import { ErrorCode, isAppError } from '../../src/errors';
import type { FieldProblem } from '../../src/errors';
import type { Logger, RequestLogger } from '../../src/logger';
import { fanOut } from '../http/fan-out';
import { VendorClientBase } from '../http/client-base';
import { TokenAuth, VendorError, createVendorHttp, vendorErrors } from '../http';
import type { CallContext, TokenGrant, VendorClientDeps, VendorHttp, VendorRequest } from '../http';
import { readAgencyZoomError } from './errors';
import {
  EMPTY_INDEX,
  VENDOR,
  applyLeadPatch,
  badInput,
  batchLeadFieldMap,
  customerFieldMap,
  idOf,
  indexCarriers,
  indexProductLines,
  leadFieldMap,
  leadStatusFieldMap,
  leadWriteFromDetail,
  nationalPhone,
  needsCarrierNames,
  needsProductLineNames,
  numberOf,
  phoneSpellings,
  policyFieldMap,
  soldFieldMap,
  textOf,
  toCustomerCreateBody,
  toCustomerPerson,
  toCustomerRecord,
  toCustomerUpdateBody,
  toLeadRecord,
  toLeadStatusBody,
  toLeadWriteBody,
  toPolicyWriteBody,
  toSoldProducts,
  wireIdText,
} from './mappers';
import type { LeadPlacement, MapContext, NameIndex, PolicyNames, PolicyPlacement } from './mappers';
import { DEFAULT_POLICY } from './rate-policy';
import { ReferenceCache } from './reference-cache';
import { agencyDate } from './time';
import { REFRESH_MARGIN_MS, tokenExpiresAtMs } from './token';
import type {
  AgencyZoomClientOptions,
  AgencyZoomCreated,
  AgencyZoomCustomerInput,
  AgencyZoomCustomerPatch,
  AgencyZoomCustomerRecord,
  AgencyZoomDefaults,
  AgencyZoomLeadInput,
  AgencyZoomLeadPatch,
  AgencyZoomLeadRecord,
  AgencyZoomLeadStatusChange,
  AgencyZoomPolicyInput,
  AgencyZoomPolicyStatusInput,
  AgencyZoomPolicyUpdate,
  AgencyZoomSoldProduct,
} from './types';
import {
  wireCarriers,
  wireCustomer,
  wireCustomerPage,
  wireEmployees,
  wireGenericMessage,
  wireLead,
  wireLeadPage,
  wireLeadSources,
  wireLocations,
  wireLogin,
  wirePipelines,
  wireProductLines,
  wireSold,
} from './wire';
import type {
  WireEmployee,
  WireGenericMessage,
  WireLead,
  WireLeadSource,
  WireLocation,
  WirePipeline,
  WirePolicy,
} from './wire';

export { DEFAULT_POLICY } from './rate-policy';

/** Largest page of lead and customer searches (§4.1), used for every search. */
export const SEARCH_PAGE_SIZE = 100;

/** Phones one lead search carries (each in its `phoneSpellings`); more phones, more calls. */
export const PHONES_PER_SEARCH = 100;

/** Pages read per search at most (each page is a budgeted call). */
export const MAX_SEARCH_PAGES = 5;

/** Most leads `POST /v1/api/leads/batch-create` takes (§8.2). */
export const MAX_BATCH_LEADS = 5;

const DEFAULT_REFERENCE_TTL_MS = 6 * 3_600_000;
const DEFAULT_FAN_OUT_CONCURRENCY = 4;

/** The X-Api-Token `policies/create` needs (§2.5); how to obtain one is undocumented. */
const API_TOKEN_CREDENTIAL = 'API_TOKEN';

/**
 * The AgencyZoom vendor client: the only code that talks to AgencyZoom. It owns the login token
 * (a JWT from `POST /v1/api/auth/login`, single-flight, renewed before its `exp` and after a
 * 401/403), the budget (30 calls/min by day, 60 at night, US Central; logins included), retries
 * of safe calls only, error mapping, reference-list caching, and returns domain models.
 *
 * Call costs, given the budget:
 * - `searchLeadsByPhones`: one `POST /v1/api/leads/list` per 100 phones (and per extra page of 100
 *   leads).
 * - `getCustomer`: one `GET /v1/api/customers/{customerId}` (policies are embedded), plus the
 *   carriers list once per TTL, and product lines once per TTL only if a policy lacks its type name.
 * - `getLeads` / `getCustomers`: the vendor has no read of many ids (§4.2, doc quirk 26), so one
 *   detail call per distinct id, `fanOutConcurrency` at a time; each key's failure is its own.
 * - `updateLead`: a read and a write (the vendor's update replaces the whole record).
 * - Writes needing agency configuration (pipeline, lead source, producer, location) look it up
 *   once per TTL unless `options.defaults` gives it.
 */
export class AgencyZoomClient extends VendorClientBase {
  readonly vendor = VENDOR;
  protected readonly http: VendorHttp;
  private readonly auth: TokenAuth;
  private readonly clock: () => number;
  private readonly logger: Logger;
  private readonly credentials: Readonly<Record<string, string>>;
  private readonly defaults: AgencyZoomDefaults;
  private readonly fanOutConcurrency: number;
  private readonly carriers: ReferenceCache<NameIndex>;
  private readonly productLines: ReferenceCache<NameIndex>;
  private readonly pipelines: ReferenceCache<WirePipeline[]>;
  private readonly leadSources: ReferenceCache<WireLeadSource[]>;
  private readonly employees: ReferenceCache<WireEmployee[]>;
  private readonly locations: ReferenceCache<WireLocation[]>;

  constructor(deps: VendorClientDeps, options: AgencyZoomClientOptions = {}) {
    super();
    this.clock = deps.clock ?? Date.now;
    this.logger = deps.logger;
    this.credentials = deps.config.credentials;
    this.defaults = options.defaults ?? {};
    this.fanOutConcurrency = Math.max(1, options.fanOutConcurrency ?? DEFAULT_FAN_OUT_CONCURRENCY);
    this.auth = new TokenAuth({
      login: (ctx) => this.login(ctx),
      clock: this.clock,
      refreshMarginMs: REFRESH_MARGIN_MS,
    });
    this.http = createVendorHttp(deps, {
      auth: this.auth,
      defaultPolicy: DEFAULT_POLICY,
      readError: readAgencyZoomError,
      authFailureStatuses: [401, 403],
    });
    const ttlMs = options.referenceTtlMs ?? DEFAULT_REFERENCE_TTL_MS;
    const list = <T>(path: string, schema: ZodType<T>) =>
      new ReferenceCache((ctx) => this.readList(path, schema, ctx), ttlMs, this.clock);
    this.carriers = new ReferenceCache(
      async (ctx) => indexCarriers(await this.readList('carriers', wireCarriers, ctx)),
      ttlMs,
      this.clock,
    );
    this.productLines = new ReferenceCache(
      async (ctx) => indexProductLines(await this.readList('product-lines', wireProductLines, ctx)),
      ttlMs,
      this.clock,
    );
    this.pipelines = list('pipelines-and-stages', wirePipelines);
    this.leadSources = list('lead-sources', wireLeadSources);
    this.employees = list('employees', wireEmployees);
    this.locations = list('locations', wireLocations);
  }

  /** Logs in and reads the carriers list, which every customer's policies need. */
  override async warmUp(ctx: CallContext): Promise<void> {
    await super.warmUp(ctx);
    await this.carriers.get(ctx);
  }

  // ---- leads: reads ----

  /**
   * Leads whose phone or secondary phone is one of `phones` (E.164; other spellings are
   * normalised, unreadable ones ignored): one `POST /v1/api/leads/list` per `PHONES_PER_SEARCH`
   * phones with every phone in all its spellings (`customerPhoneList` matches exactly), then kept
   * only when a phone really matches. Each lead once, whichever phones it matched.
   */
  async searchLeadsByPhones(
    phones: readonly string[],
    ctx: CallContext,
  ): Promise<AgencyZoomLeadRecord[]> {
    const found = new Map<string, AgencyZoomLeadRecord>();
    for await (const { record } of this.leadsWithPhones(phones, ctx)) {
      found.set(record.lead.ref.id, record);
    }
    return [...found.values()];
  }

  /**
   * The lead with `phone` whose comments hold `marker`, or null: how the gateway learns whether a
   * lead it may have created exists before sending it again. One search (plus a detail read for
   * a candidate whose list entry carries no comments).
   */
  async findLeadByNote(
    phone: string,
    marker: string,
    ctx: CallContext,
  ): Promise<AgencyZoomLeadRecord | null> {
    for await (const { wire, record } of this.leadsWithPhones([phone], ctx)) {
      const comments =
        wire.comments === undefined
          ? (
              await this.readById(
                'GET /v1/api/leads/{leadId}',
                `/v1/api/leads/${this.pathId(record.lead.ref.id, 'lead')}`,
                wireLead,
                'lead',
                ctx,
              )
            ).comments
          : wire.comments;
      if (typeof comments === 'string' && comments.includes(marker)) return record;
    }
    return null;
  }

  /** Search pages of leads with one of `phones`, each kept only when a phone really matches. */
  private async *leadsWithPhones(
    phones: readonly string[],
    ctx: CallContext,
  ): AsyncGenerator<{ wire: WireLead; record: AgencyZoomLeadRecord }> {
    const wanted = [...new Set(phones.map(normalizePhone).filter((p): p is string => p !== null))];
    const mapCtx = this.mapContext();
    for (let start = 0; start < wanted.length; start += PHONES_PER_SEARCH) {
      const group = new Set(wanted.slice(start, start + PHONES_PER_SEARCH));
      const customerPhoneList = [...group].flatMap(phoneSpellings);
      for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
        const { data } = await this.http.sendJson(
          {
            endpoint: 'POST /v1/api/leads/list',
            method: 'POST',
            path: '/v1/api/leads/list',
            body: { page, pageSize: SEARCH_PAGE_SIZE, customerPhoneList },
            idempotent: true,
          },
          wireLeadPage,
          ctx,
        );
        const leads = data.leads ?? [];
        for (const wire of leads) {
          const record = toLeadRecord(wire, mapCtx);
          if (record.person.phones.some((phone) => group.has(phone))) yield { wire, record };
        }
        if (!hasMorePages(page, leads.length, data.totalCount)) break;
      }
    }
  }

  /** One lead by id (`GET /v1/api/leads/{leadId}`); an unknown id (a 400 here) is NOT_FOUND. */
  async getLead(id: string, ctx: CallContext): Promise<AgencyZoomLeadRecord> {
    const leadId = this.pathId(id, 'lead');
    const wire = await this.readById(
      'GET /v1/api/leads/{leadId}',
      `/v1/api/leads/${leadId}`,
      wireLead,
      'lead',
      ctx,
    );
    return toLeadRecord(wire, this.mapContext());
  }

  /**
   * Leads by id. No vendor read takes several ids, so this is a fan-out of `getLead`, at most
   * `fanOutConcurrency` at a time, all through the one budget. Unknown ids are absent from the
   * map; any other failure is that id's `Error`.
   */
  getLeads(
    ids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, AgencyZoomLeadRecord | Error>> {
    return fanOut(ids, this.fanOutConcurrency, (id) => this.getLead(id, ctx));
  }

  // ---- leads: writes ----

  /** Creates a personal lead (not repeated on failure: it may exist). The vendor's new id, if said. */
  async createLead(input: AgencyZoomLeadInput, ctx: CallContext): Promise<AgencyZoomCreated> {
    const placement = await this.leadPlacement(input.source, ctx);
    const data = await this.write(
      {
        endpoint: 'POST /v1/api/leads/create',
        method: 'POST',
        path: '/v1/api/leads/create',
        body: toLeadWriteBody(input, placement),
        idempotent: false,
        fieldMap: leadFieldMap(),
        resource: 'lead',
      },
      ctx,
    );
    return { id: idOf(data.id) };
  }

  /**
   * Creates 1 to `MAX_BATCH_LEADS` leads in one call, all or nothing. The vendor answers one
   * message without the new ids (§8.2): find them afterwards by phone if needed. Field errors
   * point at `inputs.<index>.<field>`.
   */
  async batchCreateLeads(
    inputs: readonly AgencyZoomLeadInput[],
    ctx: CallContext,
  ): Promise<{ created: number }> {
    if (inputs.length === 0 || inputs.length > MAX_BATCH_LEADS) {
      throw badInput([{ path: ['inputs'], message: `must hold 1 to ${MAX_BATCH_LEADS} leads` }]);
    }
    const placements = await Promise.all(
      inputs.map((input) => this.leadPlacement(input.source, ctx)),
    );
    const leadDataRequests = inputs.map((input, index) =>
      toLeadWriteBody(input, placements[index], ['inputs', String(index)]),
    );
    await this.write(
      {
        endpoint: 'POST /v1/api/leads/batch-create',
        method: 'POST',
        path: '/v1/api/leads/batch-create',
        body: { leadDataRequests },
        idempotent: false,
        fieldMap: batchLeadFieldMap(inputs.length),
        resource: 'lead',
      },
      ctx,
    );
    return { created: inputs.length };
  }

  /**
   * Changes a lead. The vendor's update replaces the record and clears what is left out (doc
   * quirk 11), so this reads the lead, applies the patch and writes the whole record back (two
   * calls). See `leadWriteFromDetail` for the few fields the vendor cannot round-trip.
   */
  async updateLead(id: string, patch: AgencyZoomLeadPatch, ctx: CallContext): Promise<void> {
    const leadId = this.pathId(id, 'lead');
    const current = await this.readById(
      'GET /v1/api/leads/{leadId}',
      `/v1/api/leads/${leadId}`,
      wireLead,
      'lead',
      ctx,
    );
    await this.write(
      {
        endpoint: 'PUT /v1/api/leads/{leadId}',
        method: 'PUT',
        path: `/v1/api/leads/${leadId}`,
        body: applyLeadPatch(leadWriteFromDetail(current), patch),
        idempotent: true,
        fieldMap: leadFieldMap(),
        resource: 'lead',
      },
      ctx,
    );
  }

  /** Sets a lead's status through the vendor's write enum (NEW, WON, LOST, EXPIRED only). */
  async setLeadStatus(
    id: string,
    change: AgencyZoomLeadStatusChange,
    ctx: CallContext,
  ): Promise<void> {
    const body = toLeadStatusBody(change);
    const leadId = this.pathId(id, 'lead');
    await this.write(
      {
        endpoint: 'PUT /v1/api/leads/{leadId}/status',
        method: 'PUT',
        path: `/v1/api/leads/${leadId}/status`,
        body,
        idempotent: true,
        fieldMap: leadStatusFieldMap(),
        resource: 'lead',
      },
      ctx,
    );
  }

  /**
   * Moves a lead to sold (`POST /v1/api/leads/{leadId}/sold`): the lead becomes, or joins, a
   * customer whose policies are the sold products. Not repeated on failure (it creates policies).
   */
  async markLeadSold(
    id: string,
    sale: { products: readonly AgencyZoomSoldProduct[]; keepOpen?: boolean },
    ctx: CallContext,
  ): Promise<{ customerId: string }> {
    const soldProducts = toSoldProducts(sale.products);
    const leadId = this.pathId(id, 'lead');
    const { data } = await this.http.sendJson(
      {
        endpoint: 'POST /v1/api/leads/{leadId}/sold',
        method: 'POST',
        path: `/v1/api/leads/${leadId}/sold`,
        body: { keepOpen: sale.keepOpen ?? false, soldProducts },
        idempotent: false,
        fieldMap: soldFieldMap(soldProducts.length),
        resource: 'lead',
      },
      wireSold,
      ctx,
    );
    return { customerId: wireIdText(data.customerId) };
  }

  /**
   * Deletes a lead, keeping its contacts (`POST .../delete-lead`, a POST for a delete: doc quirk
   * 24). Repeating a delete does no harm, so it is retried like an idempotent call.
   */
  async deleteLead(id: string, ctx: CallContext): Promise<void> {
    const leadId = this.pathId(id, 'lead');
    await this.write(
      {
        endpoint: 'POST /v1/api/leads/{leadId}/delete-lead',
        method: 'POST',
        path: `/v1/api/leads/${leadId}/delete-lead`,
        body: { deleteContact: false },
        idempotent: true,
        resource: 'lead',
      },
      ctx,
    );
  }

  // ---- customers ----

  /**
   * Customers matching every criterion given, exactly once normalised (lower-cased email, E.164
   * phone, last name ignoring case). One `POST /v1/api/customers` per page of 100: the vendor
   * takes one value per filter and its match rules are partial or undocumented (§4.2), so the
   * results are checked here.
   */
  async searchCustomers(
    match: { email?: string | null; phone?: string | null; lastName?: string | null },
    ctx: CallContext,
  ): Promise<PersonRecordModel[]> {
    const problems: FieldProblem[] = [];
    const email = match.email != null ? normalizeEmail(match.email) : null;
    if (match.email != null && email === null) {
      problems.push({ path: ['match', 'email'], message: 'must be an email address' });
    }
    const phone = match.phone != null ? normalizePhone(match.phone) : null;
    if (match.phone != null && phone === null) {
      problems.push({ path: ['match', 'phone'], message: 'must be a phone number' });
    }
    const lastName = textOf(match.lastName);
    if (problems.length > 0) throw badInput(problems);
    if (email === null && phone === null && lastName === null) {
      throw badInput([{ path: ['match'], message: 'needs an email, a phone or a last name' }]);
    }
    const filters = {
      ...(email !== null ? { email } : {}),
      ...(phone !== null ? { phone: nationalPhone(phone) } : {}),
      ...(lastName !== null ? { lastname: lastName } : {}),
    };
    const mapCtx = this.mapContext();
    const people = new Map<string, PersonRecordModel>();
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const { data } = await this.http.sendJson(
        {
          endpoint: 'POST /v1/api/customers',
          method: 'POST',
          path: '/v1/api/customers',
          body: { page, pageSize: SEARCH_PAGE_SIZE, ...filters },
          idempotent: true,
        },
        wireCustomerPage,
        ctx,
      );
      const customers = data.customers ?? [];
      for (const wire of customers) {
        const person = toCustomerPerson(wire, mapCtx);
        const matches =
          (email === null || person.emails.includes(email)) &&
          (phone === null || person.phones.includes(phone)) &&
          (lastName === null || person.lastName?.toLowerCase() === lastName.toLowerCase());
        if (matches) people.set(person.ref.id, person);
      }
      if (!hasMorePages(page, customers.length, data.totalCount)) break;
    }
    return [...people.values()];
  }

  /**
   * A customer and its policies in one call (the detail embeds them). Carrier names come from
   * the cached carriers list and missing line-of-business names from the cached product lines;
   * when a list cannot be had, those names are null rather than the customer failing. Policy
   * status is derived from the dates (no read returns one).
   */
  async getCustomer(id: string, ctx: CallContext): Promise<AgencyZoomCustomerRecord> {
    const customerId = this.pathId(id, 'customer');
    const wire = await this.readById(
      'GET /v1/api/customers/{customerId}',
      `/v1/api/customers/${customerId}`,
      wireCustomer,
      'customer',
      ctx,
    );
    const names = await this.policyNames(wire.policies ?? [], ctx);
    return toCustomerRecord(wire, names, this.mapContext());
  }

  /** Customers by id: a capped fan-out of `getCustomer` (see `getLeads`). */
  getCustomers(
    ids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, AgencyZoomCustomerRecord | Error>> {
    return fanOut(ids, this.fanOutConcurrency, (id) => this.getCustomer(id, ctx));
  }

  /** Creates a customer (not repeated on failure); the vendor requires a producer (`agentId`). */
  async createCustomer(
    input: AgencyZoomCustomerInput,
    ctx: CallContext,
  ): Promise<AgencyZoomCreated> {
    const producer = input.producerId != null ? idOf(input.producerId) : null;
    if (input.producerId != null && producer === null) {
      throw badInput([{ path: ['input', 'producerId'], message: 'must be an AgencyZoom id' }]);
    }
    const agentId = producer !== null ? Number(producer) : await this.defaultProducer(ctx);
    const data = await this.write(
      {
        endpoint: 'POST /v1/api/customers/create',
        method: 'POST',
        path: '/v1/api/customers/create',
        body: toCustomerCreateBody(input, agentId),
        idempotent: false,
        fieldMap: customerFieldMap(),
        resource: 'customer',
      },
      ctx,
    );
    return { id: idOf(data.id) };
  }

  /** Changes the named fields of a customer (`PUT /v1/api/customers/{customerId}`). */
  async updateCustomer(
    id: string,
    patch: AgencyZoomCustomerPatch,
    ctx: CallContext,
  ): Promise<void> {
    const body = toCustomerUpdateBody(patch);
    const customerId = this.pathId(id, 'customer');
    await this.write(
      {
        endpoint: 'PUT /v1/api/customers/{customerId}',
        method: 'PUT',
        path: `/v1/api/customers/${customerId}`,
        body,
        idempotent: true,
        fieldMap: customerFieldMap(),
        resource: 'customer',
      },
      ctx,
    );
  }

  // ---- policies ----

  /**
   * Creates a policy for a customer (not repeated on failure). The endpoint also wants an
   * `X-Api-Token` (§2.5) whose origin the docs never give: the `API_TOKEN` credential when
   * configured, else the session JWT.
   */
  async createPolicy(input: AgencyZoomPolicyInput, ctx: CallContext): Promise<AgencyZoomCreated> {
    const customerId = idOf(input.customerId);
    if (customerId === null) {
      throw badInput([{ path: ['input', 'customerId'], message: 'must be an AgencyZoom id' }]);
    }
    const placement = await this.policyPlacement(input, ctx);
    const body = {
      ...toPolicyWriteBody(input, placement, this.mapContext()),
      customerId: Number(customerId),
    };
    const data = await this.write(
      {
        endpoint: 'POST /v1/api/policies/create',
        method: 'POST',
        path: '/v1/api/policies/create',
        headers: { 'x-api-token': await this.apiToken(ctx) },
        body,
        idempotent: false,
        fieldMap: policyFieldMap(),
        resource: 'customer',
      },
      ctx,
    );
    return { id: idOf(data.id) };
  }

  /**
   * Rewrites a policy (`PUT /v1/api/policies/{policyId}`): the vendor requires the whole policy
   * on update and offers no read by policy id, so the caller gives every field.
   */
  async updatePolicy(id: string, input: AgencyZoomPolicyUpdate, ctx: CallContext): Promise<void> {
    const policyId = this.pathId(id, 'policy');
    const placement = await this.policyPlacement(input, ctx);
    await this.write(
      {
        endpoint: 'PUT /v1/api/policies/{policyId}',
        method: 'PUT',
        path: `/v1/api/policies/${policyId}`,
        body: toPolicyWriteBody(input, placement, this.mapContext()),
        idempotent: true,
        fieldMap: policyFieldMap(),
        resource: 'policy',
      },
      ctx,
    );
  }

  /**
   * Sets a policy's status (1 Active or 0 Cancelled). Setting a status twice does no harm, so
   * this POST is retried like an idempotent call. Reads never show the status (doc quirk 15).
   */
  async updatePolicyStatus(
    id: string,
    status: AgencyZoomPolicyStatusInput,
    ctx: CallContext,
  ): Promise<void> {
    const policyId = this.pathId(id, 'policy');
    await this.write(
      {
        endpoint: 'POST /v1/api/policies/update-status',
        method: 'POST',
        path: '/v1/api/policies/update-status',
        body: { policyId: Number(policyId), status: status === 'ACTIVE' ? 1 : 0 },
        idempotent: true,
        fieldMap: { status: ['status'] },
        resource: 'policy',
      },
      ctx,
    );
  }

  // ---- internals ----

  /** `POST /v1/api/auth/login` (no bearer); refused credentials (a 400 here) fail at once. */
  private async login(ctx: CallContext): Promise<TokenGrant> {
    const username = this.credentials.USERNAME;
    const password = this.credentials.PASSWORD;
    if (!username || !password) throw vendorErrors.authFailed(VENDOR);
    const request: VendorRequest = {
      endpoint: 'POST /v1/api/auth/login',
      method: 'POST',
      path: '/v1/api/auth/login',
      body: { username, password },
      idempotent: true,
      auth: false,
      accept: [400, 401, 403],
    };
    const response = await this.http.send(request, ctx);
    if (response.status >= 400) throw vendorErrors.authFailed(VENDOR, response.status);
    const { jwt } = this.http.parse(request, wireLogin, response, ctx);
    return { token: jwt, expiresAtMs: tokenExpiresAtMs(jwt, this.clock()) };
  }

  /** The `X-Api-Token` of `policies/create`: the configured API token, else the session JWT. */
  private async apiToken(ctx: CallContext): Promise<string> {
    const configured = this.credentials[API_TOKEN_CREDENTIAL]?.trim();
    if (configured) return configured;
    const { authorization = '' } = await this.auth.headers(ctx);
    return authorization.replace(/^Bearer\s+/i, '');
  }

  private mapContext(): MapContext {
    return { today: agencyDate(this.clock()) };
  }

  private log(ctx: CallContext): RequestLogger {
    return ctx.logger ?? this.logger;
  }

  /** A path id as the vendor's integer; anything else cannot exist (NOT_FOUND, no call). */
  private pathId(id: string, resource: string): string {
    const vendorId = idOf(id);
    if (vendorId === null) throw vendorErrors.notFound(VENDOR, resource);
    return vendorId;
  }

  /** A read by path id; the vendor answers an unknown id with 400 (§4.4), which is NOT_FOUND. */
  private async readById<T>(
    endpoint: string,
    path: string,
    schema: ZodType<T>,
    resource: string,
    ctx: CallContext,
  ): Promise<T> {
    const request: VendorRequest = {
      endpoint,
      method: 'GET',
      path,
      idempotent: true,
      accept: [400],
      resource,
    };
    const response = await this.http.send(request, ctx);
    if (response.status === 400) throw vendorErrors.notFound(VENDOR, resource);
    return this.http.parse(request, schema, response, ctx);
  }

  /** A write answered with the generic message; `result: false` is a refusal. */
  private async write(request: VendorRequest, ctx: CallContext): Promise<WireGenericMessage> {
    const { data } = await this.http.sendJson(request, wireGenericMessage, ctx);
    if (data.result === false || data.result === 0 || data.result === 'false') {
      throw vendorErrors.rejected(VENDOR, 200, []);
    }
    return data;
  }

  private readList<T>(path: string, schema: ZodType<T>, ctx: CallContext): Promise<T> {
    return this.http
      .sendJson(
        {
          endpoint: `GET /v1/api/${path}`,
          method: 'GET',
          path: `/v1/api/${path}`,
          idempotent: true,
        },
        schema,
        ctx,
      )
      .then(({ data }) => data);
  }

  /** Names for a customer's policies; a list that cannot be had leaves its names null. */
  private async policyNames(
    policies: readonly WirePolicy[],
    ctx: CallContext,
  ): Promise<PolicyNames> {
    const optional = async (cache: ReferenceCache<NameIndex>, list: string, needed: boolean) => {
      if (!needed) return EMPTY_INDEX;
      try {
        return await cache.get(ctx);
      } catch (error) {
        this.log(ctx).warn(
          { vendor: VENDOR, list, code: isAppError(error) ? error.code : 'UNKNOWN' },
          'reference list unavailable; names left empty',
        );
        return EMPTY_INDEX;
      }
    };
    const [carriers, productLines] = await Promise.all([
      optional(this.carriers, 'carriers', needsCarrierNames(policies)),
      optional(this.productLines, 'product-lines', needsProductLineNames(policies)),
    ]);
    return { carriers, productLines };
  }

  /** Pipeline, stage, lead source and producer of a new lead: configured, else looked up. */
  private async leadPlacement(
    source: string | null | undefined,
    ctx: CallContext,
  ): Promise<LeadPlacement> {
    const { pipelineId, stageId } = this.defaults;
    const [stage, leadSourceId, assignTo] = await Promise.all([
      pipelineId !== undefined && stageId !== undefined
        ? { pipelineId, stageId }
        : this.defaultStage(ctx),
      this.leadSourceId(source, ctx),
      this.defaults.producerId ?? this.defaultProducer(ctx),
    ]);
    return { ...stage, leadSourceId, assignTo };
  }

  /** The first stage of the first active pipeline, by the vendor's `seq`. */
  private async defaultStage(ctx: CallContext): Promise<{ pipelineId: number; stageId: number }> {
    const pipelines = bySeq(await this.pipelines.get(ctx));
    const pipeline = pipelines.find((p) => numberOf(p.status) !== 0) ?? pipelines[0];
    const stage = bySeq(pipeline?.stages ?? [])[0];
    if (!pipeline || !stage) throw missingConfiguration('a pipeline stage for new leads');
    return { pipelineId: Number(wireIdText(pipeline.id)), stageId: Number(wireIdText(stage.id)) };
  }

  /** The lead source named `source` (ignoring case), else the configured or first one. */
  private async leadSourceId(source: string | null | undefined, ctx: CallContext): Promise<number> {
    const name = textOf(source)?.toLowerCase();
    if (name === undefined && this.defaults.leadSourceId !== undefined)
      return this.defaults.leadSourceId;
    const sources = await this.leadSources.get(ctx);
    const named =
      name !== undefined ? sources.find((s) => textOf(s.name)?.toLowerCase() === name) : undefined;
    if (named) return Number(wireIdText(named.id));
    if (this.defaults.leadSourceId !== undefined) return this.defaults.leadSourceId;
    if (sources.length === 0) throw missingConfiguration('a lead source');
    return Number(wireIdText(sources[0].id));
  }

  /** The configured producer, else the active agency owner, else the first active producer. */
  private async defaultProducer(ctx: CallContext): Promise<number> {
    if (this.defaults.producerId !== undefined) return this.defaults.producerId;
    const employees = (await this.employees.get(ctx)).filter((e) => e.isActive !== false);
    const chosen =
      employees.find((e) => e.isOwner === true) ??
      employees.find((e) => e.isProducer === true) ??
      employees[0];
    if (!chosen) throw missingConfiguration('an active producer');
    return Number(wireIdText(chosen.id));
  }

  /** Producer, lead source and location a policy write does not give: configured, else looked up. */
  private async policyPlacement(
    input: AgencyZoomPolicyUpdate,
    ctx: CallContext,
  ): Promise<Partial<PolicyPlacement>> {
    const [agentId, leadSourceId, agencyNumber] = await Promise.all([
      input.producerId != null ? undefined : this.defaultProducer(ctx),
      input.leadSourceId != null ? undefined : this.leadSourceId(null, ctx),
      textOf(input.agencyNumber) !== null ? undefined : this.defaultLocation(ctx),
    ]);
    return { agentId, leadSourceId, agencyNumber };
  }

  private async defaultLocation(ctx: CallContext): Promise<string> {
    if (this.defaults.agencyNumber !== undefined) return this.defaults.agencyNumber;
    const code = (await this.locations.get(ctx)).map((l) => textOf(l.id)).find((c) => c !== null);
    if (!code) throw missingConfiguration('a location');
    return code;
  }
}

/** The AgencyZoom client from the shared vendor dependencies. */
export function createAgencyZoomClient(
  deps: VendorClientDeps,
  options: AgencyZoomClientOptions = {},
): AgencyZoomClient {
  return new AgencyZoomClient(deps, options);
}

/** Another page may follow: this one was full and the total (when given) says more. */
function hasMorePages(page: number, received: number, totalCount: unknown): boolean {
  if (received < SEARCH_PAGE_SIZE) return false;
  const total = numberOf(totalCount);
  return total === null || (page + 1) * SEARCH_PAGE_SIZE < total;
}

function bySeq<T extends { seq?: unknown }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (numberOf(a.seq) ?? Number.MAX_SAFE_INTEGER) - (numberOf(b.seq) ?? Number.MAX_SAFE_INTEGER),
  );
}

function missingConfiguration(what: string): VendorError {
  return new VendorError(
    VENDOR,
    ErrorCode.VENDOR_REJECTED,
    `AgencyZoom has no ${what} configured for this write`,
  );
}
