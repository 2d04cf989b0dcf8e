import type { VendorRefModel } from '../../src/domain/models';
import { AppError, ErrorCode } from '../../src/errors';
import type { FieldProblem } from '../../src/errors';
import type { Logger } from '../../src/logger';
import { VendorClientBase } from '../http/client-base';
import type { CallContext } from '../http/context';
import { createVendorHttp, flatPolicy } from '../http/deps';
import type { VendorClientDeps } from '../http/deps';
import { VendorError, isVendorError, vendorErrors } from '../http/errors';
import type { RatePolicy } from '../http/rate-limit';
import type { VendorErrorReading, VendorHttp, VendorRequest } from '../http/vendor-http';
import { LendingCrmAuth } from './auth';
import { normalizeClientId } from './ids';
import {
  VENDOR,
  WRITE_FIELD_MAP,
  clientRef,
  createdClientId,
  findFilter,
  matchesCriteria,
  patchNeedsCurrent,
  problemFields,
  toClientModel,
  toCreateBody,
  toFindCriteria,
  toPatchBody,
} from './mappers';
import type {
  LendingCrmClientInput,
  LendingCrmClientMatch,
  LendingCrmClientModel,
  LendingCrmClientPatch,
} from './models';
import { idEqAny, idIn } from './odata';
import type { FilterExpression } from './odata';
import {
  SELECTED_FIELDS,
  wireAuditRecordSchema,
  wireClientListSchema,
  wireClientSchema,
  wireProblemSchema,
} from './wire';
import type { WireClient } from './wire';

/**
 * The lending CRM's budget when `LENDINGCRM_RATE_LIMIT` does not set one: the vendor states no
 * limit, so a conservative flat 120 calls per 60 s.
 */
export const DEFAULT_POLICY: RatePolicy = flatPolicy({ limit: 120, windowMs: 60_000 });

/** ids per `GET /clients` read with `$filter=id in (...)`: about 1.9 KB of filter text. */
export const IDS_PER_IN_CALL = 50;

/**
 * ids per read with `id eq .. or id eq ..`, once the vendor has refused `in`: 20 comparisons make
 * 79 filter nodes, under the 100 ASP.NET OData allows by default (inferred).
 */
export const IDS_PER_OR_CALL = 20;

/** `$top` of each `findClients` page, and the most pages one search reads. */
export const FIND_PAGE_SIZE = 100;
export const FIND_MAX_PAGES = 10;

const SELECT = SELECTED_FIELDS.join(',');

type Query = Record<string, string | number | undefined>;

/** Field errors of a problem-details body, by vendor field name (mapped to ours per request). */
function readLendingCrmError(_status: number, body: unknown): VendorErrorReading {
  const problem = wireProblemSchema.safeParse(body);
  return problem.success ? { fields: problemFields(problem.data.errors) } : {};
}

function badInput(message: string, problems: FieldProblem[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { vendor: VENDOR, fields: problems });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * The lending CRM client: the only code that talks to the vendor's `/clients` API. It owns the
 * bearer token, the budget (`DEFAULT_POLICY`), retries of safe calls, the mapping of vendor
 * errors to stable codes and of wire shapes to domain models. Every method takes the caller's
 * `CallContext` last and throws `VendorError` / `AppError` only.
 *
 * Ids are client uuids; text that is not a uuid cannot name a client and is never sent.
 */
export class LendingCrmClient extends VendorClientBase {
  readonly vendor = VENDOR;
  protected readonly http: VendorHttp;
  private readonly logger: Logger;
  /**
   * How id batches are filtered: OData 4.01 `in` until the vendor refuses it with a 400 (the docs
   * do not list the operators), then OData 4.0 `or` chains for the life of the client.
   */
  private idFilter: 'in' | 'or' = 'in';
  /** Set by the first `close`; later calls share it (the HTTP layer's close is not repeatable). */

  constructor(deps: VendorClientDeps) {
    super();
    const token = deps.config.credentials.TOKEN;
    if (!token) throw new Error('LENDINGCRM_TOKEN is not set');
    this.logger = deps.logger;
    this.http = createVendorHttp(deps, {
      auth: new LendingCrmAuth(token, deps.clock),
      defaultPolicy: DEFAULT_POLICY,
      readError: readLendingCrmError,
      // The docs name 401 and 403 as the refusals to expect; neither can be cured by a retry.
      authFailureStatuses: [401, 403],
    });
  }

  /** One client by uuid. NOT_FOUND when the vendor has none (or `id` is not a uuid). One call. */
  async getClient(id: string, ctx: CallContext): Promise<LendingCrmClientModel> {
    const clientId = normalizeClientId(id);
    if (clientId === null) throw vendorErrors.notFound(VENDOR, 'client');
    const wire = await this.readClient(clientId, ctx);
    const model = toClientModel({ ...wire, id: wire.id ?? clientId });
    if (model === null)
      throw this.unexpected('GET /clients/{id}', 'returned a client without an id');
    return model;
  }

  /**
   * Many clients by uuid, keyed by the ids as given; ids the vendor does not hold, and text that
   * is not a uuid, are absent. Cost: ceil(n / 50) `GET /clients` calls for n distinct valid ids
   * (ceil(n / 20) once the vendor has refused `in`), sent concurrently; none for n = 0.
   */
  async getClients(
    ids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, LendingCrmClientModel>> {
    const keysById = new Map<string, string[]>();
    for (const key of ids) {
      const id = normalizeClientId(key);
      if (id === null) continue;
      const keys = keysById.get(id) ?? [];
      if (!keys.includes(key)) keys.push(key);
      keysById.set(id, keys);
    }
    const result = new Map<string, LendingCrmClientModel>();
    if (keysById.size === 0) return result;
    const size = this.idFilter === 'in' ? IDS_PER_IN_CALL : IDS_PER_OR_CALL;
    const parts = await Promise.all(
      chunk([...keysById.keys()], size).map((part) => this.readIds(part, ctx)),
    );
    for (const client of parts.flat())
      for (const key of keysById.get(client.record.ref.id) ?? []) result.set(key, client);
    return result;
  }

  /**
   * Clients matching any key of `match` (see `LendingCrmClientMatch`), in one `GET /clients` per
   * 100 candidates (normally one call; at most 10), keys ORed in one `$filter`. Candidates are
   * then kept only when a normalised value matches exactly. No call when nothing is searchable;
   * BAD_USER_INPUT for an email, phone or date that cannot be read.
   */
  async findClients(
    match: LendingCrmClientMatch,
    ctx: CallContext,
  ): Promise<LendingCrmClientModel[]> {
    const criteria = toFindCriteria(match);
    if (!criteria.ok) throw badInput('The lending CRM search is not valid', criteria.problems);
    const filter = findFilter(criteria.value);
    if (filter === null) return [];
    const matches = new Map<string, LendingCrmClientModel>();
    for (let page = 0; page < FIND_MAX_PAGES; page++) {
      const { clients, received } = await this.listClients(
        {
          $filter: filter,
          $orderby: 'id',
          $top: FIND_PAGE_SIZE,
          $skip: page > 0 ? page * FIND_PAGE_SIZE : undefined,
        },
        ctx,
      );
      for (const client of clients)
        if (matchesCriteria(client, criteria.value)) matches.set(client.record.ref.id, client);
      if (received < FIND_PAGE_SIZE) return [...matches.values()];
    }
    (ctx.logger ?? this.logger).warn(
      { vendor: VENDOR, endpoint: 'GET /clients', pages: FIND_MAX_PAGES },
      'lending CRM search stopped at its page cap',
    );
    return [...matches.values()];
  }

  /**
   * Creates a client and returns its reference, taken from the vendor's audit record. One
   * `POST /clients`, never repeated once it may have reached the vendor. BAD_USER_INPUT before
   * any call for input we can tell is wrong; VENDOR_REJECTED with our field names for what the
   * vendor refuses.
   */
  async createClient(input: LendingCrmClientInput, ctx: CallContext): Promise<VendorRefModel> {
    const body = toCreateBody(input);
    if (!body.ok) throw badInput('The lending CRM client is not valid', body.problems);
    const { data } = await this.http.sendJson(
      {
        endpoint: 'POST /clients',
        method: 'POST',
        path: '/clients',
        body: body.value,
        idempotent: false,
        fieldMap: WRITE_FIELD_MAP,
        resource: 'client',
      },
      wireAuditRecordSchema,
      ctx,
    );
    const id = createdClientId(data);
    if (id === null) throw this.unexpected('POST /clients', 'did not say which client it created');
    return clientRef(id);
  }

  /**
   * Changes the properties present in `patch` (idempotent, so retried like a read). One
   * `PATCH /clients/{id}`; when the patch leaves out `email`, `firstName` or `lastName`, which the
   * vendor's PATCH schema requires, a `GET /clients/{id}` first reads them to send back as held
   * (a change made by someone else between the two calls can be undone for those three fields).
   * NOT_FOUND for an unknown id.
   */
  async patchClient(
    id: string,
    patch: LendingCrmClientPatch,
    ctx: CallContext,
  ): Promise<VendorRefModel> {
    const clientId = normalizeClientId(id);
    if (clientId === null) throw vendorErrors.notFound(VENDOR, 'client');
    const checked = toPatchBody(patch, null);
    if (!checked.ok) throw badInput('The lending CRM client change is not valid', checked.problems);
    const current = patchNeedsCurrent(patch) ? await this.readClient(clientId, ctx) : null;
    const body = toPatchBody(patch, current);
    if (!body.ok) throw badInput('The lending CRM client change is not valid', body.problems);
    await this.http.sendJson(
      {
        endpoint: 'PATCH /clients/{id}',
        method: 'PATCH',
        path: `/clients/${clientId}`,
        body: body.value,
        idempotent: true,
        fieldMap: WRITE_FIELD_MAP,
        resource: 'client',
      },
      wireAuditRecordSchema,
      ctx,
    );
    return clientRef(clientId);
  }

  private async readClient(clientId: string, ctx: CallContext): Promise<WireClient> {
    const { data } = await this.http.sendJson(
      {
        endpoint: 'GET /clients/{id}',
        method: 'GET',
        path: `/clients/${clientId}`,
        idempotent: true,
        resource: 'client',
      },
      wireClientSchema,
      ctx,
    );
    return data;
  }

  /** One `GET /clients` query; `received` counts the items before id-less ones are dropped. */
  private async listClients(
    query: Query & { $filter: FilterExpression; $top: number },
    ctx: CallContext,
  ): Promise<{ clients: LendingCrmClientModel[]; received: number }> {
    const request: VendorRequest = {
      endpoint: 'GET /clients',
      method: 'GET',
      path: '/clients',
      query: { ...query, $select: SELECT },
      idempotent: true,
      resource: 'client',
    };
    const { data } = await this.http.sendJson(request, wireClientListSchema, ctx);
    const clients = data
      .map(toClientModel)
      .filter((client): client is LendingCrmClientModel => client !== null);
    return { clients, received: data.length };
  }

  /** One batch of ids (at most `IDS_PER_IN_CALL`), falling back to `or` chains if `in` is refused. */
  private async readIds(ids: string[], ctx: CallContext): Promise<LendingCrmClientModel[]> {
    if (this.idFilter === 'in') {
      try {
        return (await this.listClients({ $filter: idIn(ids), $top: ids.length }, ctx)).clients;
      } catch (error) {
        if (!isVendorError(error) || error.status !== 400) throw error;
        this.useOrChains(ctx);
      }
    }
    const parts = await Promise.all(
      chunk(ids, IDS_PER_OR_CALL).map(
        async (part) =>
          (await this.listClients({ $filter: idEqAny(part), $top: part.length }, ctx)).clients,
      ),
    );
    return parts.flat();
  }

  private useOrChains(ctx: CallContext): void {
    if (this.idFilter === 'or') return;
    this.idFilter = 'or';
    (ctx.logger ?? this.logger).info(
      { vendor: VENDOR, endpoint: 'GET /clients' },
      'lending CRM refused the OData in operator; reading ids with or chains',
    );
  }

  private unexpected(endpoint: string, what: string): VendorError {
    this.logger.warn({ vendor: VENDOR, endpoint }, 'lending CRM answer is unusable');
    return new VendorError(VENDOR, ErrorCode.VENDOR_UNAVAILABLE, `lending CRM ${what}`);
  }
}

export function createLendingCrmClient(deps: VendorClientDeps): LendingCrmClient {
  return new LendingCrmClient(deps);
}
