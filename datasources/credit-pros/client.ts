import type { ZodType } from 'zod';
import type { CreditReportModel, PersonRecordModel } from '../../src/domain/models';
import { AppError, ErrorCode } from '../../src/errors';
import type { Logger, RequestLogger } from '../../src/logger';
import { mapLimit } from '../http/fan-out';
import { VendorClientBase } from '../http/client-base';
import { StaticAuth } from '../http/auth';
import type { CallContext } from '../http/context';
import { createVendorHttp, flatPolicy } from '../http/deps';
import type { VendorClientDeps } from '../http/deps';
import { VendorError, isVendorError, vendorErrors } from '../http/errors';
import type { RatePolicy } from '../http/rate-limit';
import type { VendorErrorReading, VendorHttp, VendorRequest } from '../http/vendor-http';
import {
  UPDATE_FIELD_MAP,
  groupItemsByReport,
  idSearchBody,
  isVendorId,
  matchSearchBody,
  matchesClient,
  newestFirst,
  normalizeMatch,
  readValidationErrors,
  scoreFromContent,
  subjectIdOf,
  toClientUpdateBody,
  toCreditReport,
  toPersonRecord,
} from './mappers';
import type { ClientMatchInput, ClientUpdateInput } from './mappers';
import {
  clientListSchema,
  clientSchema,
  clientUpdateAnswerSchema,
  errorBodySchema,
  masterSchemaListSchema,
  masterSchemaSchema,
  negativeItemListSchema,
} from './wire';
import type {
  ClientSearchBodyWire,
  ClientWire,
  MasterSchemaWire,
  NegativeItemWire,
  PageMetaWire,
} from './wire';

/**
 * The Credit Pros client: the only code that talks to the vendor. It sends the static
 * `x-api-key` on every call (the optional staff JWT is not used: the key alone acts as an
 * integration account), reads through the shared `VendorHttp` (budget, retries of safe calls,
 * circuit, timeouts), and returns domain models.
 *
 * Call costs (one "call" is one HTTP request; pages hold up to 100 records):
 * - `getClients(ids)`: ceil(distinct valid ids / 100) calls of `POST /clients/search`.
 * - `findClients(match)`: 1 call (more only when over 100 candidates, up to 5 pages).
 * - `getClient(id)`: 1 call.
 * - `getCreditReports(clientId)`: 1 call for the master-schema list, + 1 for the negative items
 *   (per 100 items, read beside the list; none with `negativeItems: false`), + 1 per report for
 *   its content (the score; none with `scores: false` or `readScores` off).
 * - `getCreditReport(id)`: 2 calls (the schema with content, the client's negative items).
 * - `getReportScores(ids)`: 1 call per report (its content), none with `readScores` off.
 * - `getCreditReportsForClients(ids)` / `getClientReports(ids)`: the vendor reads report lists and
 *   negative items one client at a time, so it is `getCreditReports` per distinct id,
 *   `reportFanOut` clients at a time. `getClientReports` also returns the client each list
 *   embeds.
 * - `updateClient(id, patch)`: 1 call, + 1 read when the answer does not echo the client.
 */

const VENDOR = 'CREDIT_PROS' as const;

/** The vendor states no limit: a flat, conservative 120 calls per 60 s. */
export const DEFAULT_POLICY: RatePolicy = flatPolicy({ limit: 120, windowMs: 60_000 });

/** Largest `per_page` (stated for master schemas; the only maximum the doc gives). */
const PAGE_SIZE = 100;
/** Pages followed before a list is cut short (with a warning): 2,000 records. */
const MAX_PAGES = 20;
/** Pages of candidates a match search reads: a match that broad is not an identity match. */
const MAX_SEARCH_PAGES = 5;
/** Report contents read at once for one client. */
const CONTENT_CONCURRENCY = 4;

/** Per call: what to read beyond the report list. */
export interface ReportReadOptions {
  /** Each report's content for its score (one more call per report). Default: the client's `readScores`. Without, every score is null. */
  scores?: boolean;
  /** The client's negative items (one more call per 100 items). Default true. Without, every report's `negativeItems` is empty. */
  negativeItems?: boolean;
}

/** A client's reports, with the client as its report list embeds it. */
export interface ClientReports {
  reports: CreditReportModel[];
  /** The client embedded in the report list; null when it has no report (or none was embedded). */
  client: PersonRecordModel | null;
  /** When the list was read from the vendor, ms since the epoch. */
  readAt: number;
}

export interface CreditProsClientOptions {
  /**
   * Read each report's content for its score (one more call per report in `getCreditReports`).
   * Default true. Off, every score is null (in `getCreditReport` too, for consistency) and a
   * client's reports cost 2 calls. The content is the whole report file: the costly part.
   */
  readScores?: boolean;
  /** Clients whose reports `getCreditReportsForClients` reads at once (default 4). */
  reportFanOut?: number;
}

/** Statuses meaning "credentials refused": 401 unauthenticated, 419 session expired. */
const AUTH_FAILURE_STATUSES = [401, 419] as const;

/**
 * Reads a Credit Pros error answer (`{message}`; 422 adds `errors` by field name): 403 is a
 * permission refusal, 404 an unknown record, 422 field errors in our wording (never the vendor's
 * text, which names its fields and may quote values).
 */
export function readCreditProsError(status: number, body: unknown): VendorErrorReading {
  if (status === 403) return { code: 'VENDOR_AUTH_FAILED' };
  if (status === 404) return { code: 'NOT_FOUND' };
  if (status === 422) {
    const parsed = errorBodySchema.safeParse(body);
    return {
      code: 'VENDOR_REJECTED',
      fields: parsed.success ? readValidationErrors(parsed.data) : [],
    };
  }
  return {};
}

function unexpectedAnswer(): VendorError {
  return new VendorError(
    VENDOR,
    ErrorCode.VENDOR_UNAVAILABLE,
    'The Credit Pros returned an unexpected response',
  );
}

function isNotFound(error: unknown): boolean {
  return isVendorError(error) && error.code === ErrorCode.NOT_FOUND;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('unknown failure');
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

type ListSchema<T> = ZodType<{ items: T[]; meta?: PageMetaWire }>;

export class CreditProsClient extends VendorClientBase {
  readonly vendor = VENDOR;
  protected readonly http: VendorHttp;
  private readonly logger: Logger;
  private readonly readScores: boolean;
  private readonly reportFanOut: number;

  constructor(deps: VendorClientDeps, options: CreditProsClientOptions = {}) {
    super();
    const apiKey = deps.config.credentials.API_KEY;
    if (!apiKey) throw new Error('CREDIT_PROS needs the API_KEY credential (CREDITPROS_API_KEY)');
    this.http = createVendorHttp(deps, {
      auth: new StaticAuth({ 'x-api-key': apiKey }),
      defaultPolicy: DEFAULT_POLICY,
      readError: readCreditProsError,
      authFailureStatuses: AUTH_FAILURE_STATUSES,
    });
    this.logger = deps.logger;
    this.readScores = options.readScores ?? true;
    this.reportFanOut = Math.max(1, options.reportFanOut ?? 4);
  }

  /**
   * Clients by id, in one `POST /clients/search` per 100 ids (an OR of `id =` rules). Unknown
   * and malformed ids are absent from the map.
   */
  async getClients(
    ids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, PersonRecordModel>> {
    const wanted = [...new Set(ids)].filter(isVendorId);
    const pages = await Promise.all(
      chunk(wanted, PAGE_SIZE).map((part) =>
        this.searchClients(idSearchBody(part), MAX_PAGES, ctx),
      ),
    );
    const wantedSet = new Set(wanted);
    const found = new Map<string, PersonRecordModel>();
    for (const client of pages.flat()) {
      const id = String(client.id);
      if (wantedSet.has(id)) found.set(id, toPersonRecord(client));
    }
    return found;
  }

  /**
   * Clients matching an email, phone, SSN, or last name with date of birth (several keys widen
   * the search). The vendor's rule search finds candidates (case-insensitive emails, phones by
   * fragments since they are stored as typed); only exact matches after normalisation are kept.
   * An invalid match is BAD_USER_INPUT.
   */
  async findClients(match: ClientMatchInput, ctx: CallContext): Promise<PersonRecordModel[]> {
    const checked = normalizeMatch(match);
    if (!checked.ok) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'The match for The Credit Pros is not valid', {
        fields: checked.problems,
      });
    }
    const candidates = await this.searchClients(
      matchSearchBody(checked.value),
      MAX_SEARCH_PAGES,
      ctx,
    );
    return candidates.map(toPersonRecord).filter((record) => matchesClient(record, checked.value));
  }

  /** One client; NOT_FOUND when the vendor has none with that id. */
  async getClient(id: string, ctx: CallContext): Promise<PersonRecordModel> {
    if (!isVendorId(id)) throw vendorErrors.notFound(VENDOR, 'client');
    const { data } = await this.http.sendJson(
      {
        endpoint: 'GET /clients/{id}',
        method: 'GET',
        path: `/clients/${id}`,
        idempotent: true,
        resource: 'client',
      },
      clientSchema,
      ctx,
    );
    return toPersonRecord(data);
  }

  /**
   * The client's credit reports (one per bureau per pull, from the master schemas) with their
   * negative items, newest first; [] when none was pulled; NOT_FOUND for an unknown client.
   */
  async getCreditReports(
    clientId: string,
    ctx: CallContext,
    options: ReportReadOptions = {},
  ): Promise<CreditReportModel[]> {
    return (await this.readClientReports(clientId, ctx, options)).reports;
  }

  private async readClientReports(
    clientId: string,
    ctx: CallContext,
    options: ReportReadOptions,
  ): Promise<ClientReports> {
    if (!isVendorId(clientId)) throw vendorErrors.notFound(VENDOR, 'client');
    const readAt = Date.now();
    const withItems = options.negativeItems ?? true;
    // Items are read beside the list (they need only the client id), which costs a needless call
    // for a client without reports but a round trip less for everyone else.
    const itemsRead = withItems ? this.listNegativeItems(clientId, ctx) : Promise.resolve([]);
    void itemsRead.catch(() => undefined);
    const listed = await this.listMasterSchemas(clientId, ctx);
    if (listed.length === 0) {
      await itemsRead.catch(() => undefined);
      return { reports: [], client: null, readAt };
    }
    // Only a full ClientResource (with its attributes) stands in for a client read.
    const embedded = listed.find(
      (schema) =>
        schema.client && String(schema.client.id) === clientId && schema.client.attributes,
    )?.client;
    const [items, schemas] = await Promise.all([
      itemsRead,
      this.withContent(listed, ctx, options.scores ?? this.readScores),
    ]);
    return {
      reports: this.assembleReports(schemas, clientId, items, withItems, ctx),
      client: embedded ? toPersonRecord(embedded) : null,
      readAt,
    };
  }

  /** One credit report by master-schema id (for `node(id)`), with its score and negative items. */
  async getCreditReport(masterSchemaId: string, ctx: CallContext): Promise<CreditReportModel> {
    if (!isVendorId(masterSchemaId)) throw vendorErrors.notFound(VENDOR, 'credit report');
    const detail = await this.readMasterSchema(masterSchemaId, ctx);
    // Without `readScores` every report has a null score, whichever way it was read.
    const schema = this.readScores ? detail : { ...detail, content: undefined };
    const subjectId = subjectIdOf(schema);
    if (subjectId === null) throw unexpectedAnswer();
    const items = await this.listNegativeItems(subjectId, ctx);
    // The client's other reports' items are expected not to match this one.
    const [report] = this.assembleReports([schema], subjectId, items, false, ctx);
    if (!report) throw unexpectedAnswer();
    return report;
  }

  /**
   * Scores of reports by master-schema id (one content read each, `CONTENT_CONCURRENCY` at a
   * time): a number, null when the content has none (or `readScores` is off, with no call), an
   * Error per report whose read failed; reports the vendor no longer has are absent.
   */
  async getReportScores(
    reportIds: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, number | null | Error>> {
    const wanted = [...new Set(reportIds)].filter(isVendorId);
    const scores = new Map<string, number | null | Error>();
    if (!this.readScores) {
      for (const id of wanted) scores.set(id, null);
      return scores;
    }
    await mapLimit(wanted, CONTENT_CONCURRENCY, async (id) => {
      try {
        scores.set(id, scoreFromContent((await this.readMasterSchema(id, ctx)).content));
      } catch (error) {
        if (!isNotFound(error)) scores.set(id, asError(error));
      }
    });
    return scores;
  }

  /**
   * Reports of several clients, keyed by client id. The vendor has no multi-client read, so this
   * is `getCreditReports` per distinct id, `reportFanOut` at a time. Unknown clients are absent;
   * any other failure is stored as that client's Error, so one bad key never fails the others.
   */
  async getCreditReportsForClients(
    clientIds: readonly string[],
    ctx: CallContext,
    options: ReportReadOptions = {},
  ): Promise<Map<string, CreditReportModel[] | Error>> {
    const read = await this.getClientReports(clientIds, ctx, options);
    return new Map(
      [...read].map(([id, value]) => [id, value instanceof Error ? value : value.reports]),
    );
  }

  /** As `getCreditReportsForClients`, with the client each report list embeds. */
  async getClientReports(
    clientIds: readonly string[],
    ctx: CallContext,
    options: ReportReadOptions = {},
  ): Promise<Map<string, ClientReports | Error>> {
    const wanted = [...new Set(clientIds)].filter(isVendorId);
    const results = new Map<string, ClientReports | Error>();
    await mapLimit(wanted, this.reportFanOut, async (clientId) => {
      try {
        results.set(clientId, await this.readClientReports(clientId, ctx, options));
      } catch (error) {
        if (!isNotFound(error)) results.set(clientId, asError(error));
      }
    });
    return results;
  }

  /**
   * Updates a client through the only documented client write, the portal's "Update a Clients
   * data" (`PUT /portal/clients/{client}`), and returns the client as it now is.
   *
   * Not treated as idempotent, so never sent twice: the verb and path are inferred (the export
   * lost them), the documented 200 body is a newly "Not Processed" manual record (so the call may
   * queue work at the vendor), and without ETags a blind repeat could overwrite a change made in
   * between. A timed-out update answers VENDOR_TIMEOUT; read the client before trying again.
   * Field errors (422) come back as VENDOR_REJECTED on our input names.
   */
  async updateClient(
    id: string,
    patch: ClientUpdateInput,
    ctx: CallContext,
  ): Promise<PersonRecordModel> {
    if (!isVendorId(id)) throw vendorErrors.notFound(VENDOR, 'client');
    const body = toClientUpdateBody(patch);
    if (!body.ok) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'The client update is not valid', {
        fields: body.problems,
      });
    }
    const response = await this.http.send(
      {
        endpoint: 'PUT /portal/clients/{client}',
        method: 'PUT',
        path: `/portal/clients/${id}`,
        body: body.value,
        idempotent: false,
        resource: 'client',
        fieldMap: UPDATE_FIELD_MAP,
      },
      ctx,
    );
    const echoed = this.echoedClient(response.text);
    // The doc says not to rely on the answer: use it only when it is this client.
    if (echoed && String(echoed.id) === id) return toPersonRecord(echoed);
    return this.getClient(id, ctx);
  }

  // ---- vendor reads ----

  private searchClients(
    body: ClientSearchBodyWire,
    maxPages: number,
    ctx: CallContext,
  ): Promise<ClientWire[]> {
    return this.readPages(
      (page) => ({
        endpoint: 'POST /clients/search',
        method: 'POST',
        path: '/clients/search',
        // A search that only reads: safe to repeat.
        idempotent: true,
        query: { page, per_page: PAGE_SIZE, sort_by: 'id', sort_direction: 'asc' },
        body,
        resource: 'client',
      }),
      clientListSchema,
      (client) => client.id,
      maxPages,
      ctx,
    );
  }

  private listMasterSchemas(clientId: string, ctx: CallContext): Promise<MasterSchemaWire[]> {
    return this.readPages(
      (page) => ({
        endpoint: 'GET /clients/{client}/credit-report-master-schemas',
        method: 'GET',
        path: `/clients/${clientId}/credit-report-master-schemas`,
        idempotent: true,
        query: { page, per_page: PAGE_SIZE, sort_by: 'report_date', sort_direction: 'desc' },
        resource: 'client',
      }),
      masterSchemaListSchema,
      (schema) => schema.id,
      MAX_PAGES,
      ctx,
    );
  }

  private listNegativeItems(clientId: string, ctx: CallContext): Promise<NegativeItemWire[]> {
    return this.readPages(
      (page) => ({
        endpoint: 'GET /negative-items',
        method: 'GET',
        path: '/negative-items',
        idempotent: true,
        query: {
          client_id: clientId,
          page,
          per_page: PAGE_SIZE,
          sort_by: 'id',
          sort_direction: 'asc',
        },
      }),
      negativeItemListSchema,
      (item) => item.id ?? null,
      MAX_PAGES,
      ctx,
    );
  }

  private async readMasterSchema(id: string, ctx: CallContext): Promise<MasterSchemaWire> {
    const { data } = await this.http.sendJson(
      {
        endpoint: 'GET /credit-report-master-schemas/{id}',
        method: 'GET',
        path: `/credit-report-master-schemas/${id}`,
        idempotent: true,
        resource: 'credit report',
      },
      masterSchemaSchema,
      ctx,
    );
    return data;
  }

  /**
   * The listed schemas with their content (for the score): list items carry none, so each is
   * read by id, unless scores are off or the list already has it. A schema gone meanwhile (404)
   * is left out.
   */
  private async withContent(
    listed: MasterSchemaWire[],
    ctx: CallContext,
    scores: boolean,
  ): Promise<MasterSchemaWire[]> {
    if (!scores) return listed;
    const read = await mapLimit(listed, CONTENT_CONCURRENCY, async (schema) => {
      if (schema.content !== undefined) return schema;
      try {
        const detail = await this.readMasterSchema(String(schema.id), ctx);
        return { ...schema, content: detail.content };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
    return read.filter((schema): schema is MasterSchemaWire => schema !== null);
  }

  /**
   * Every page of a list: `per_page` 100, following `meta.last_page`, or, when the vendor sends
   * no page counts (`meta: {}`, bare arrays), the next page while a page comes back full. Records
   * already seen (by key) are dropped, and a page of nothing new ends the walk (a vendor that
   * ignores `page`). Cut at `maxPages` with a warning.
   */
  private async readPages<T>(
    request: (page: number) => VendorRequest,
    schema: ListSchema<T>,
    keyOf: (item: T) => number | null,
    maxPages: number,
    ctx: CallContext,
  ): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<number>();
    for (let page = 1; page <= maxPages; page++) {
      const first = request(page);
      const { data } = await this.http.sendJson(first, schema, ctx);
      let fresh = 0;
      for (const item of data.items) {
        const key = keyOf(item);
        if (key !== null && seen.has(key)) continue;
        if (key !== null) seen.add(key);
        all.push(item);
        fresh += 1;
      }
      const lastPage = data.meta?.last_page;
      const more =
        lastPage !== null && lastPage !== undefined
          ? page < lastPage
          : data.items.length >= PAGE_SIZE && fresh > 0;
      if (!more) return all;
      if (page === maxPages) {
        this.log(ctx).warn(
          { vendor: VENDOR, endpoint: first.endpoint, pages: maxPages },
          'vendor list cut short',
        );
      }
    }
    return all;
  }

  // ---- assembly ----

  /**
   * Joins negative items to their reports; drops (and counts) what cannot be placed.
   * `allReports`: the schemas are all the client's, so an item matching none is worth a note.
   */
  private assembleReports(
    schemas: readonly MasterSchemaWire[],
    subjectId: string,
    items: readonly NegativeItemWire[],
    allReports: boolean,
    ctx: CallContext,
  ): CreditReportModel[] {
    const { bySchemaId, unmatched } = groupItemsByReport(schemas, items);
    const reports: CreditReportModel[] = [];
    let unknownBureau = 0;
    for (const schema of schemas) {
      const report = toCreditReport(schema, subjectId, bySchemaId.get(schema.id) ?? []);
      if (report) reports.push(report);
      else unknownBureau += 1;
    }
    if (unknownBureau > 0) {
      this.log(ctx).warn(
        { vendor: VENDOR, reports: unknownBureau },
        'credit reports of an unknown bureau left out',
      );
    }
    if (unmatched > 0 && allReports) {
      this.log(ctx).debug(
        { vendor: VENDOR, items: unmatched },
        'negative items of no listed report left out',
      );
    }
    return reports.sort(newestFirst);
  }

  private echoedClient(text: string): ClientWire | null {
    if (text.trim() === '') return null;
    try {
      const parsed = clientUpdateAnswerSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private log(ctx: CallContext): RequestLogger {
    return ctx.logger ?? this.logger;
  }
}

export function createCreditProsClient(
  deps: VendorClientDeps,
  options: CreditProsClientOptions = {},
): CreditProsClient {
  return new CreditProsClient(deps, options);
}
