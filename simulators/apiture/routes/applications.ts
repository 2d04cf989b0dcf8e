import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applicantNameOf, contactPathsOf, findKnownContact, uriPath } from '../applicants';
import { productById } from '../catalog';
import { PROFILES, paths } from '../constants';
import { ApitureError, notFound } from '../errors';
import { checkIfMatch, etagOf, noneMatchHits } from '../etag';
import type { Predicate } from '../filter';
import { renderApplication, renderApplicationSummary, renderCollection } from '../hal';
import { APPLICATION_LIST } from '../list-specs';
import { listPage, singleParam } from '../listing';
import type { QueryParams } from '../listing';
import { primaryUserRole } from '../people';
import { accountApprovalFor } from '../seed-applications';
import { APPLICATION_STATES } from '../types';
import type { ApplicationRecord, ApplicationState, JsonObject, JsonValue } from '../types';
import { applicationChanges, bodyObject, isObject, productHrefOf } from '../validation';
import type { ApplicationChanges } from '../validation';
import { nowIso, sendCollection, sendResource } from './context';
import type { RouteContext } from './context';

/** Operations 1-8 of §5: the application collections and items. */

type IdParams = { Params: { applicationId: string } };

/** Only the FI may delete, and only expired applications; the applicant only pending ones (§4.1). */
const DELETABLE_STATES: readonly ApplicationState[] = ['expired', 'pending'];

function stateParam(query: QueryParams): Predicate<ApplicationRecord> | null {
  const raw = singleParam(query, 'state');
  if (raw === undefined || raw === '') return null;
  const wanted = raw.split('|');
  const unknown = wanted.filter(
    (state) => !(APPLICATION_STATES as readonly string[]).includes(state),
  );
  if (unknown.length > 0) {
    throw new ApitureError({
      statusCode: 422,
      type: 'invalidState',
      message: `Unknown application state "${unknown[0]}".`,
      attributes: { parameter: 'state', value: raw, allowed: APPLICATION_STATES.join('|') },
    });
  }
  return (record) => wanted.includes(record.state);
}

function nameParam(query: QueryParams): Predicate<ApplicationRecord> | null {
  const raw = singleParam(query, 'name');
  if (raw === undefined || raw === '') return null;
  const wanted = raw.split('|');
  return (record) => wanted.includes(record.accountName);
}

/** `?applicant=` takes a contact URI, never a user URI (§3.3). */
function applicantParam(query: QueryParams): Predicate<ApplicationRecord> | null {
  const raw = singleParam(query, 'applicant');
  if (raw === undefined || raw === '') return null;
  const path = uriPath(raw);
  if (!/^\/contacts\/contacts\/[^/]+$/.test(path)) {
    const userUri = /^\/users\/users?\//.test(path);
    throw new ApitureError({
      statusCode: userUri ? 422 : 400,
      type: userUri ? 'contactUriRequired' : 'malformedQueryParameter',
      message: userUri
        ? 'applicant must be a contact URI, not a user URI; use the apiture:contact link of the user.'
        : 'applicant must be a contact URI such as /contacts/contacts/{contactId}.',
      attributes: { parameter: 'applicant', value: raw },
    });
  }
  return (record) => contactPathsOf(record.applicants).includes(path);
}

function stateIs(state: ApplicationState): Predicate<ApplicationRecord> {
  return (record) => record.state === state;
}

function getRecord(context: RouteContext, id: string): ApplicationRecord {
  const record = context.store.getApplication(id);
  if (!record) throw notFound('application', id);
  return record;
}

function applyChanges(
  record: ApplicationRecord,
  changes: ApplicationChanges,
  now: string,
): ApplicationRecord {
  const next: ApplicationRecord = { ...record, ...structuredClone(changes), updatedAt: now };
  if (changes.applicants) next.applicantName = applicantNameOf(changes.applicants[0]);
  return next;
}

/** Normalises the applicants of a new application: known contacts are expanded, roles defaulted. */
function newApplicants(
  context: RouteContext,
  applicants: readonly JsonValue[],
): { applicants: JsonValue[]; userHref: string | null } {
  let userHref: string | null = null;
  const out = applicants.map((applicant, index) => {
    const item: JsonObject = isObject(applicant) ? { ...applicant } : {};
    const [path] = contactPathsOf([item]);
    const known = path
      ? findKnownContact(path, context.store.allApplications(), context.store.allEnrollments())
      : undefined;
    if (known) {
      item['contact'] = known.contact;
      if (index === 0) userHref = known.userHref;
    }
    if (item['role'] === undefined && index === 0) item['role'] = primaryUserRole();
    return item;
  });
  return { applicants: out, userHref };
}

/** A user may have only one running application (§1.1); the sandbox keys users by contact (inferred: 409). */
function refuseSecondRunning(context: RouteContext, applicants: readonly JsonValue[]): void {
  const contacts = contactPathsOf(applicants);
  if (contacts.length === 0) return;
  for (const record of context.store.allApplications()) {
    if (record.state !== 'running') continue;
    const shared = contactPathsOf(record.applicants).find((path) => contacts.includes(path));
    if (shared) {
      throw new ApitureError({
        statusCode: 409,
        type: 'runningApplicationExists',
        message: 'The applicant already has a running application; a user may have only one.',
        attributes: { applicant: shared, application: record._id },
      });
    }
  }
}

function createApplication(context: RouteContext, body: JsonObject): ApplicationRecord {
  const product = productHrefOf(body);
  const changes = applicationChanges(body, 'create', null);
  const { applicants, userHref } = newApplicants(context, changes.applicants ?? []);
  refuseSecondRunning(context, applicants);
  const listedName = (changes.products ?? [])
    .map((item) => (isObject(item) ? item['name'] : undefined))
    .find((name): name is string => typeof name === 'string');
  // Products live in another service; unknown ids are accepted with the name the body gives (inferred).
  const productName = productById(product.productId)?.name ?? listedName ?? 'Banking Product';
  const store = context.store;
  const id = store.newId();
  const approvalId = store.newRelatedId();
  const workflowId = store.newRelatedId();
  const now = nowIso(context);
  const applicantName = applicantNameOf(applicants[0]);
  return {
    _id: id,
    applicantName,
    accountName: changes.accountName ?? `My ${productName}`,
    productName,
    organizationName: null,
    fundingAmount: changes.fundingAmount ?? null,
    state: 'running',
    workflowState: 'running',
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    fundingAccount: changes.fundingAccount ?? null,
    organization: changes.organization ?? {},
    applicants,
    products: changes.products ?? [{ name: productName, _links: { self: { href: product.href } } }],
    documents: changes.documents ?? [],
    accountApproval: accountApprovalFor(
      approvalId,
      `${productName}, ${applicantName}`,
      'running',
      now,
    ),
    consents: changes.consents ?? [],
    links: {
      'apiture:product': { href: product.href },
      'apiture:workflow': { href: `/workflow/workflows/${workflowId}` },
      ...(userHref ? { 'apiture:applicant': { href: userHref } } : {}),
      'apiture:approval': { href: `/approvals/approval/${approvalId}` },
    },
  };
}

export function registerApplicationRoutes(app: FastifyInstance, context: RouteContext): void {
  const store = context.store;

  const list = (
    request: FastifyRequest,
    path: string,
    extra: Predicate<ApplicationRecord>[],
  ): JsonObject => {
    const query = request.query as QueryParams;
    const page = listPage(store.allApplications(), query, APPLICATION_LIST, path, extra);
    return renderCollection({
      profile: PROFILES.applications,
      withName: true,
      start: page.start,
      limit: page.limit,
      count: page.count,
      links: page.links,
      items: page.items.map(renderApplicationSummary),
    });
  };

  // 1. The running view also takes `state` and `name`, AND-combined with the view (§5.1).
  app.get('/runningApplications', async (request, reply) => {
    const query = request.query as QueryParams;
    const extra = [stateIs('running'), stateParam(query), nameParam(query)].filter(
      (test): test is Predicate<ApplicationRecord> => test !== null,
    );
    return sendCollection(reply, list(request, paths.runningApplications, extra));
  });

  // 2.
  app.get('/blockedApplications', async (request, reply) =>
    sendCollection(reply, list(request, paths.blockedApplications, [stateIs('blocked')])),
  );

  // 3.
  app.get('/applications', async (request, reply) => {
    const applicant = applicantParam(request.query as QueryParams);
    return sendCollection(reply, list(request, paths.applications, applicant ? [applicant] : []));
  });

  // 4.
  app.post('/applications', async (request, reply) => {
    const record = createApplication(context, bodyObject(request.body));
    store.putApplication(record);
    reply.header('location', paths.application(record._id));
    return sendResource(reply, 201, renderApplication(record));
  });

  // 5.
  app.get<IdParams>('/applications/:applicationId', async (request, reply) => {
    const representation = renderApplication(getRecord(context, request.params.applicationId));
    const etag = etagOf(representation);
    if (noneMatchHits(request.headers['if-none-match'], etag)) {
      return reply.code(304).header('etag', etag).send();
    }
    return sendResource(reply, 200, representation);
  });

  // 6. and 7.
  const update =
    (mode: 'put' | 'patch') => async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const record = getRecord(context, request.params.applicationId);
      checkIfMatch(
        request.headers['if-match'],
        etagOf(renderApplication(record)),
        context.requireIfMatch,
      );
      const changes = applicationChanges(bodyObject(request.body), mode, record);
      const next = applyChanges(record, changes, nowIso(context));
      store.putApplication(next);
      return sendResource(reply, 200, renderApplication(next));
    };
  app.put<IdParams>('/applications/:applicationId', update('put'));
  app.patch<IdParams>('/applications/:applicationId', update('patch'));

  // 8. The reference lists no 404 here; an unknown id still gets one (inferred).
  app.delete<IdParams>('/applications/:applicationId', async (request, reply) => {
    const record = getRecord(context, request.params.applicationId);
    checkIfMatch(
      request.headers['if-match'],
      etagOf(renderApplication(record)),
      context.requireIfMatch,
    );
    if (!DELETABLE_STATES.includes(record.state)) {
      throw new ApitureError({
        statusCode: 409,
        type: 'deleteNotAllowed',
        message: `An application may be deleted only when expired (or pending); this one is ${record.state}.`,
        attributes: { state: record.state },
      });
    }
    store.deleteApplication(record._id);
    return reply.code(204).send();
  });
}
