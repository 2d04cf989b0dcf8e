import type {
  ApplicationActionModel,
  ApplicationModel,
  ApplicationStateModel,
  PersonRecordModel,
} from '../../src/domain/models';
import { AppError, ErrorCode } from '../../src/errors';
import type { FieldProblem } from '../../src/errors';
import { fanOut } from '../http/fan-out';
import { VendorClientBase } from '../http/client-base';
import { StaticAuth, VendorError, createVendorHttp, flatPolicy, isVendorError } from '../http';
import type {
  CallContext,
  RatePolicy,
  VendorClientDeps,
  VendorHttp,
  VendorRequest,
  VendorResponse,
} from '../http';
import {
  ACTION_RULES,
  CREATE_FIELD_MAP,
  PATCH_FIELD_MAP,
  VENDOR,
  contactIdOfRef,
  contactUri,
  createApplicationBody,
  createInputProblems,
  dedupePersonRecords,
  ifMatchOf,
  listFilterOf,
  nextStartOf,
  normalizeEtag,
  patchApplicationBody,
  patchInputProblems,
  readApitureError,
  toApplicationRead,
  toApplicationSummary,
  toDateTime,
  toEnrollmentRead,
  toEnrollmentSummary,
  transitionOutcome,
} from './mappers';
import type {
  ApplicantRecordsOptions,
  ApplicantRecordsPage,
  ApplicationPatchInput,
  ApplicationRead,
  ApplicationSummaryModel,
  CreateApplicationInput,
  EnrollmentRead,
  EnrollmentSummaryModel,
  ListApplicationsOptions,
  ListEnrollmentsOptions,
  Page,
} from './models';
import { wireApplication, wireApplications, wireEnrollment, wireEnrollments } from './wire';

/**
 * The Apiture Account Applications client: the only code that talks to Apiture. It owns the
 * base path, both credentials, the call budget, retries of safe calls, error mapping and the
 * wire -> domain mapping, and returns domain models only.
 *
 * Call costs (every call counts against `DEFAULT_POLICY`):
 * - Apiture has no batch read and no search by email, phone or tax id. `getApplications` and
 *   `getEnrollments` cost one GET per distinct id, at most `FANOUT_CONCURRENCY` at a time.
 * - Lists return thin summaries (id, name, state): `listApplications`/`listEnrollments` cost one
 *   call per page; anything else about an item costs a GET per item.
 * - `applicationsForContact`: one list call per 100 applications of the contact (almost always
 *   one) plus one GET per application. Summaries cannot give `productName`, dates, actions or
 *   the subject, so the GETs are needed for `ApplicationModel`s; callers that only need states
 *   use `listApplications({ applicantContactId })` (one call).
 * - `transitionApplication`: one GET plus, unless the action is refused or a no-op, one POST
 *   (plus one GET when the answer still shows the old state, quirk 12).
 * - `applicantRecordsPage` (the identity index feed): one list call plus one GET per item.
 */

/** The documented base path (§1.2); the configured base URL is the origin. */
export const BASE_PATH = '/accountApplications';

/**
 * Apiture states no rate limit (§3.7); the gateway spends at most 120 calls per minute per
 * credential (`APITURE_RATE_LIMIT` replaces it).
 */
export const DEFAULT_POLICY: RatePolicy = flatPolicy({ limit: 120, windowMs: 60_000 });

/** Concurrent GETs of one fan-out (batch reads, identity pages). */
export const FANOUT_CONCURRENCY = 4;

/** Page size when none is asked for (the vendor's default, §3.2). */
const DEFAULT_PAGE_LIMIT = 100;
/** Largest page size sent; the reference states none, the sandbox refuses more (inferred). */
const MAX_PAGE_LIMIT = 1000;
/** Items per identity-feed page: each costs one more GET. */
const DEFAULT_FEED_LIMIT = 50;
/** Pages read for one contact's applications before giving up on a runaway `next` chain. */
const MAX_CONTACT_PAGES = 10;

/** Every call asks for HAL (§1.4); plain JSON is parsed the same way. */
const READ_HEADERS = { accept: 'application/hal+json, application/json' };
const WRITE_HEADERS = { ...READ_HEADERS, 'content-type': 'application/hal+json' };

const ENDPOINTS = {
  listApplications: `GET ${BASE_PATH}/applications`,
  createApplication: `POST ${BASE_PATH}/applications`,
  getApplication: `GET ${BASE_PATH}/applications/{applicationId}`,
  patchApplication: `PATCH ${BASE_PATH}/applications/{applicationId}`,
  listEnrollments: `GET ${BASE_PATH}/enrollments`,
  getEnrollment: `GET ${BASE_PATH}/enrollments/{enrollmentId}`,
} as const;

function badInput(message: string, fields?: FieldProblem[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { vendor: VENDOR, fields });
}

function hasCode(error: unknown, code: ErrorCode, status?: number): error is VendorError {
  return (
    isVendorError(error) && error.code === code && (status === undefined || error.status === status)
  );
}

function requireId(value: string, what: string, path: string[]): string {
  const id = value.trim();
  if (id === '') throw badInput(`${what} is required`, [{ path, message: 'is required' }]);
  return id;
}

function describeStates(states: readonly ApplicationStateModel[]): string {
  return states.join(' or ');
}

export class ApitureClient extends VendorClientBase {
  readonly vendor = VENDOR;
  protected readonly http: VendorHttp;

  constructor(deps: VendorClientDeps) {
    super();
    const apiKey = deps.config.credentials['API_KEY'];
    const accessToken = deps.config.credentials['ACCESS_TOKEN'];
    if (!apiKey || !accessToken)
      throw new Error('Apiture needs APITURE_API_KEY and APITURE_ACCESS_TOKEN');
    this.http = createVendorHttp(deps, {
      // Both schemes on every call (§2): the API key and the OAuth2 access token.
      auth: new StaticAuth({ 'API-Key': apiKey, authorization: `Bearer ${accessToken}` }),
      defaultPolicy: DEFAULT_POLICY,
      readError: readApitureError,
      // 401: token refused; 403: API key refused (sandbox, inferred). Neither is worth repeating.
      authFailureStatuses: [401, 403],
    });
  }

  // -------------------------------------------------------------------------------------------
  // Applications

  /**
   * One page of application summaries (`GET /applications`, one call), filtered by state,
   * change time and/or applicant contact. Without `newestFirst` the vendor's order applies
   * (oldest first in the sandbox, which keeps offsets stable while new applications arrive).
   */
  async listApplications(
    options: ListApplicationsOptions,
    ctx: CallContext,
  ): Promise<Page<ApplicationSummaryModel>> {
    const start = this.startOf(options.start);
    const limit = this.limitOf(options.limit, DEFAULT_PAGE_LIMIT);
    const applicant =
      options.applicantContactId === undefined
        ? undefined
        : contactUri(this.contactIdOf(options.applicantContactId));
    const request: VendorRequest = {
      endpoint: ENDPOINTS.listApplications,
      method: 'GET',
      path: `${BASE_PATH}/applications`,
      query: {
        start,
        limit,
        filter: listFilterOf({
          state: options.state,
          updatedSinceIso: this.sinceOf(options.updatedSince),
        }),
        applicant,
        sortBy: options.newestFirst ? '-createdAt' : undefined,
      },
      headers: READ_HEADERS,
      idempotent: true,
    };
    const { data } = await this.http.sendJson(request, wireApplications, ctx);
    const items = data._embedded.items;
    return {
      items: items
        .map(toApplicationSummary)
        .filter((item): item is ApplicationSummaryModel => item !== null),
      nextStart: nextStartOf(data._links, start, items.length),
    };
  }

  /** One application with its ETag, embedded applicants and funding (one GET). */
  async getApplication(id: string, ctx: CallContext): Promise<ApplicationRead> {
    const request = this.applicationRequest(id);
    const response = await this.http.send(request, ctx);
    return this.applicationReadOf(request, response, ctx);
  }

  /**
   * Revalidates a cached application (`If-None-Match`, one GET): null when it is unchanged
   * (304), else the fresh read.
   */
  async getApplicationIfChanged(
    id: string,
    etag: string,
    ctx: CallContext,
  ): Promise<ApplicationRead | null> {
    const base = this.applicationRequest(id);
    const request: VendorRequest = {
      ...base,
      headers: { ...READ_HEADERS, 'if-none-match': etag },
      accept: [304],
    };
    const response = await this.http.send(request, ctx);
    return response.status === 304 ? null : this.applicationReadOf(request, response, ctx);
  }

  /**
   * Batch read by id (Apiture has none): one GET per distinct id, `FANOUT_CONCURRENCY` at a time.
   * Unknown ids are absent from the map; any other failure is that id's `Error`.
   */
  getApplications(
    ids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, ApplicationModel | Error>> {
    return fanOut(
      ids.filter((id) => id.trim() !== ''),
      FANOUT_CONCURRENCY,
      async (id) => (await this.getApplication(id, ctx)).application,
    );
  }

  /**
   * The primary applicant of an application as a person record, when the representation embeds
   * the applicant's contact (one GET); null when it does not.
   */
  async getApplicant(applicationId: string, ctx: CallContext): Promise<PersonRecordModel | null> {
    return (await this.getApplication(applicationId, ctx)).applicants[0] ?? null;
  }

  /**
   * Every application of a contact (a contact id or a `contact:<id>` person ref), newest first:
   * `GET /applications?applicant=<contact URI>` (one call per 100) plus one GET per application.
   * A failed GET fails the whole answer.
   */
  async applicationsForContact(contactId: string, ctx: CallContext): Promise<ApplicationModel[]> {
    const ids: string[] = [];
    let start: number | null = 0;
    for (let pages = 0; start !== null && pages < MAX_CONTACT_PAGES; pages++) {
      const page: Page<ApplicationSummaryModel> = await this.listApplications(
        { applicantContactId: contactId, start, limit: DEFAULT_PAGE_LIMIT, newestFirst: true },
        ctx,
      );
      ids.push(...page.items.map((item) => item.ref.id));
      start = page.nextStart;
    }
    const found = await this.getApplications(ids, ctx);
    const applications: ApplicationModel[] = [];
    for (const id of new Set(ids)) {
      const result = found.get(id);
      if (result instanceof Error) throw result;
      if (result) applications.push(result);
    }
    // The vendor was asked for newest first; sort anyway in case it ignored `sortBy`.
    return applications.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }

  /**
   * Moves an application through the state machine (§4.1): GET for the state and ETag, then the
   * action POST with `If-Match`, never repeated. An action the state does not allow is refused
   * before any POST (BAD_USER_INPUT), and so is the vendor's 409; an action whose target is the
   * current state is a no-op and returns the application as read. 412 (changed since the read)
   * is CONFLICT.
   */
  async transitionApplication(
    id: string,
    action: ApplicationActionModel,
    ctx: CallContext,
  ): Promise<ApplicationModel> {
    const rule = ACTION_RULES[action];
    const read = await this.getApplication(id, ctx);
    const { state, availableActions } = read.application;
    const outcome = transitionOutcome(state, action, availableActions);
    if (outcome === 'noop') return read.application;
    if (outcome === 'forbidden') throw this.forbiddenTransition(state, action);

    const request: VendorRequest = {
      endpoint: `POST ${BASE_PATH}${rule.path}`,
      method: 'POST',
      path: `${BASE_PATH}${rule.path}`,
      query: { application: read.application.ref.id },
      headers: read.etag ? { ...READ_HEADERS, 'if-match': ifMatchOf(read.etag) } : READ_HEADERS,
      idempotent: false,
      resource: 'application',
    };
    let after: ApplicationModel;
    try {
      after = (await this.applicationWrite(request, ctx)).application;
    } catch (error) {
      if (hasCode(error, ErrorCode.CONFLICT, 409)) throw this.forbiddenTransition(state, action);
      if (hasCode(error, ErrorCode.CONFLICT, 412)) throw this.changedMeanwhile(error);
      // Quirk 10: an action names an unknown or inaccessible target with 400, not 404.
      if (hasCode(error, ErrorCode.VENDOR_REJECTED, 400))
        throw new VendorError(VENDOR, ErrorCode.NOT_FOUND, 'Apiture has no such application', {
          status: 400,
        });
      throw error;
    }
    // Quirk 12: the reference's action answers still show the old state; read it back then.
    if (after.state !== rule.target && after.state === state)
      return (await this.getApplication(id, ctx)).application;
    return after;
  }

  /** Creates an application (one POST, never repeated once it may have reached Apiture). */
  async createApplication(
    input: CreateApplicationInput,
    ctx: CallContext,
  ): Promise<ApplicationRead> {
    const problems = createInputProblems(input);
    if (problems.length > 0) throw badInput('The application input is invalid', problems);
    const request: VendorRequest = {
      endpoint: ENDPOINTS.createApplication,
      method: 'POST',
      path: `${BASE_PATH}/applications`,
      body: createApplicationBody(input),
      headers: WRITE_HEADERS,
      idempotent: false,
      fieldMap: CREATE_FIELD_MAP,
      resource: 'application',
    };
    try {
      return await this.applicationWrite(request, ctx);
    } catch (error) {
      if (hasCode(error, ErrorCode.CONFLICT, 409))
        throw new VendorError(
          VENDOR,
          ErrorCode.CONFLICT,
          'Apiture: the applicant already has a running application (one at a time)',
          { status: 409, cause: error },
        );
      throw error;
    }
  }

  /**
   * Changes an application's account name and/or requested funding (a merge PATCH with
   * `If-Match: <etag from the last read>`; idempotent, so retried on 5xx). 412 is CONFLICT.
   */
  async patchApplication(
    id: string,
    patch: ApplicationPatchInput,
    etag: string,
    ctx: CallContext,
  ): Promise<ApplicationRead> {
    const problems = patchInputProblems(patch);
    if (problems.length > 0) throw badInput('The application change is invalid', problems);
    const tag = requireId(etag, 'The ETag of the last read', ['etag']);
    const request: VendorRequest = {
      ...this.applicationRequest(id),
      endpoint: ENDPOINTS.patchApplication,
      method: 'PATCH',
      body: patchApplicationBody(patch),
      headers: { ...WRITE_HEADERS, 'if-match': ifMatchOf(tag) },
      idempotent: true,
      fieldMap: PATCH_FIELD_MAP,
    };
    try {
      return await this.applicationWrite(request, ctx);
    } catch (error) {
      if (hasCode(error, ErrorCode.CONFLICT, 412)) throw this.changedMeanwhile(error);
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Enrollments

  /** One page of enrollment summaries (one call); `updatedSince` filters on the change time. */
  async listEnrollments(
    options: ListEnrollmentsOptions,
    ctx: CallContext,
  ): Promise<Page<EnrollmentSummaryModel>> {
    const start = this.startOf(options.start);
    const limit = this.limitOf(options.limit, DEFAULT_PAGE_LIMIT);
    const request: VendorRequest = {
      endpoint: ENDPOINTS.listEnrollments,
      method: 'GET',
      path: `${BASE_PATH}/enrollments`,
      query: {
        start,
        limit,
        filter: listFilterOf({ updatedSinceIso: this.sinceOf(options.updatedSince) }),
      },
      headers: READ_HEADERS,
      idempotent: true,
    };
    const { data } = await this.http.sendJson(request, wireEnrollments, ctx);
    const items = data._embedded.items;
    return {
      items: items
        .map(toEnrollmentSummary)
        .filter((item): item is EnrollmentSummaryModel => item !== null),
      nextStart: nextStartOf(data._links, start, items.length),
    };
  }

  /** One enrollment and its applicant (contact and user merged into one person record; one GET). */
  async getEnrollment(id: string, ctx: CallContext): Promise<EnrollmentRead> {
    const enrollmentId = requireId(id, 'An enrollment id', ['id']);
    const request: VendorRequest = {
      endpoint: ENDPOINTS.getEnrollment,
      method: 'GET',
      path: `${BASE_PATH}/enrollments/${encodeURIComponent(enrollmentId)}`,
      headers: READ_HEADERS,
      idempotent: true,
      resource: 'enrollment',
    };
    const response = await this.http.send(request, ctx);
    const wire = this.http.parse(request, wireEnrollment, response, ctx);
    return toEnrollmentRead(wire, normalizeEtag(response.headers['etag']));
  }

  /** Batch read of enrollments: one GET per distinct id, as `getApplications`. */
  getEnrollments(
    ids: readonly string[],
    ctx: CallContext,
  ): Promise<Map<string, EnrollmentRead | Error>> {
    return fanOut(
      ids.filter((id) => id.trim() !== ''),
      FANOUT_CONCURRENCY,
      (id) => this.getEnrollment(id, ctx),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Identity feed

  /**
   * One page of applicants' person records for the identity index (Apiture cannot be searched
   * by email, phone or SSN, so the index enumerates). Costs one list call plus one GET per item
   * (`limit`, default 50). Applications embed their applicants' full contacts and every Apiture
   * user applies before enrolling, so `source: 'applications'` covers almost everyone and each
   * GET is light; `enrollments` adds the user side (user emails and phones) and enrollees without
   * an application, at ~10x the payload. A full sweep costs A/limit + A + E/limit + E calls;
   * afterwards pass `updatedSince` (the time the previous sweep started) to read only changes.
   * Items that fail are reported in `failures` and the rest of the page still arrives.
   */
  async applicantRecordsPage(
    options: ApplicantRecordsOptions,
    ctx: CallContext,
  ): Promise<ApplicantRecordsPage> {
    const limit = this.limitOf(options.limit, DEFAULT_FEED_LIMIT);
    const list = { start: options.start, limit, updatedSince: options.updatedSince };
    const records: PersonRecordModel[] = [];
    const failures = new Map<string, Error>();
    let nextStart: number | null;
    if (options.source === 'applications') {
      const page = await this.listApplications(list, ctx);
      nextStart = page.nextStart;
      const reads = await fanOut(
        page.items.map((item) => item.ref.id),
        FANOUT_CONCURRENCY,
        (id) => this.getApplication(id, ctx),
      );
      for (const [id, read] of reads) {
        if (read instanceof Error) failures.set(id, read);
        else records.push(...read.applicants);
      }
    } else {
      const page = await this.listEnrollments(list, ctx);
      nextStart = page.nextStart;
      const reads = await this.getEnrollments(
        page.items.map((item) => item.enrollmentId),
        ctx,
      );
      for (const [id, read] of reads) {
        if (read instanceof Error) failures.set(id, read);
        else if (read.applicant) records.push(read.applicant);
      }
    }
    return { records: dedupePersonRecords(records), nextStart, failures };
  }

  // -------------------------------------------------------------------------------------------
  // Internals

  private applicationRequest(id: string): VendorRequest {
    const applicationId = requireId(id, 'An application id', ['id']);
    return {
      endpoint: ENDPOINTS.getApplication,
      method: 'GET',
      path: `${BASE_PATH}/applications/${encodeURIComponent(applicationId)}`,
      headers: READ_HEADERS,
      idempotent: true,
      resource: 'application',
    };
  }

  private applicationReadOf(
    request: VendorRequest,
    response: VendorResponse,
    ctx: CallContext,
  ): ApplicationRead {
    const wire = this.http.parse(request, wireApplication, response, ctx);
    return toApplicationRead(wire, normalizeEtag(response.headers['etag']));
  }

  /** A write answered with the application representation and its new ETag. */
  private async applicationWrite(
    request: VendorRequest,
    ctx: CallContext,
  ): Promise<ApplicationRead> {
    const response = await this.http.send(request, ctx);
    return this.applicationReadOf(request, response, ctx);
  }

  private forbiddenTransition(
    state: ApplicationStateModel,
    action: ApplicationActionModel,
  ): AppError {
    const rule = ACTION_RULES[action];
    const message = `Cannot ${action} an application in state ${state}; ${action} is allowed only from ${describeStates(rule.from)}`;
    return badInput(message, [{ path: ['action'], message: `is not allowed in state ${state}` }]);
  }

  private changedMeanwhile(cause: unknown): VendorError {
    return new VendorError(
      VENDOR,
      ErrorCode.CONFLICT,
      'Apiture: the application changed since it was read',
      {
        status: 412,
        cause,
      },
    );
  }

  private contactIdOf(value: string): string {
    const id = contactIdOfRef(value);
    if (!id)
      throw badInput('Apiture lists applications by contact only', [
        { path: ['applicantContactId'], message: 'must be a contact id or a contact: ref' },
      ]);
    return id;
  }

  private startOf(start: number | undefined): number {
    if (start === undefined) return 0;
    if (!Number.isInteger(start) || start < 0)
      throw badInput('start must be a non-negative integer', [
        { path: ['start'], message: 'must be a non-negative integer' },
      ]);
    return start;
  }

  private limitOf(limit: number | undefined, fallback: number): number {
    if (limit === undefined) return fallback;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT)
      throw badInput(`limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`, [
        { path: ['limit'], message: `must be from 1 to ${MAX_PAGE_LIMIT}` },
      ]);
    return limit;
  }

  private sinceOf(updatedSince: string | undefined): string | null {
    if (updatedSince === undefined) return null;
    const iso = toDateTime(updatedSince);
    if (!iso)
      throw badInput('updatedSince must be an ISO 8601 date-time', [
        { path: ['updatedSince'], message: 'must be an ISO 8601 date-time' },
      ]);
    return iso;
  }
}

/** The client from the shared dependencies (configuration, logger, metrics, limiter store). */
export function createApitureClient(deps: VendorClientDeps): ApitureClient {
  return new ApitureClient(deps);
}
