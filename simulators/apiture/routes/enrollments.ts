import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applicantNameOf } from '../applicants';
import { PROFILES, paths } from '../constants';
import { ApitureError, notFound } from '../errors';
import { checkIfMatch, etagOf, noneMatchHits } from '../etag';
import { renderCollection, renderEnrollment, renderEnrollmentSummary } from '../hal';
import { ENROLLMENT_LIST } from '../list-specs';
import { listPage } from '../listing';
import type { QueryParams } from '../listing';
import type { EnrollmentRecord, HalLinks, JsonObject } from '../types';
import { bodyObject, enrollmentChanges, isObject } from '../validation';
import type { EnrollmentChanges } from '../validation';
import { nowIso, sendCollection, sendResource } from './context';
import type { RouteContext } from './context';

/** Operations 14-19 of §5: the enrollment collection and items. */

type IdParams = { Params: { enrollmentId: string } };

/** Fields of the applicant only the service sets (inferred from the PUT example omitting them, §5.2). */
const SERVER_OWNED_APPLICANT_FIELDS = ['verified', 'verificationToken'] as const;

function getRecord(context: RouteContext, id: string): EnrollmentRecord {
  const record = context.store.getEnrollment(id);
  if (!record) throw notFound('enrollment', id);
  return record;
}

function withServerFields(applicant: JsonObject, from: JsonObject): JsonObject {
  const out: JsonObject = { ...applicant };
  for (const key of SERVER_OWNED_APPLICANT_FIELDS) {
    const value = from[key];
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

function hrefAt(value: unknown, ...keys: string[]): string | null {
  let node = value;
  for (const key of keys) node = isObject(node) ? node[key] : undefined;
  return typeof node === 'string' ? node : null;
}

/** `apiture:applicant` (the user) and `apiture:contact` of an applicant, when it names them. */
function applicantLinks(applicant: JsonObject): HalLinks {
  const user = hrefAt(applicant, 'user', '_links', 'self', 'href');
  const contact = hrefAt(applicant, 'contact', '_links', 'self', 'href');
  return {
    ...(user ? { 'apiture:applicant': { href: user } } : {}),
    ...(contact ? { 'apiture:contact': { href: contact, title: 'Applicant' } } : {}),
  };
}

/** Applies validated changes; `applicants` follows `applicant` unless the body set it (quirk 24). */
function applyChanges(
  record: EnrollmentRecord,
  changes: EnrollmentChanges,
  now: string,
): EnrollmentRecord {
  const next: EnrollmentRecord = { ...record, ...structuredClone(changes), updatedAt: now };
  if (changes.applicant) {
    next.applicant = withServerFields(next.applicant, record.applicant);
    if (!changes.applicants) next.applicants = [next.applicant, ...record.applicants.slice(1)];
    next.applicantName = applicantNameOf(next.applicant);
    next.links = { ...record.links, ...applicantLinks(next.applicant) };
  }
  return next;
}

function isActive(record: EnrollmentRecord): boolean {
  return record.state === 'running' || record.state === 'blocked';
}

/** A user may have only one active enrollment (§1.1); keyed by username (inferred: 409). */
function refuseSecondActive(context: RouteContext, applicant: JsonObject): void {
  const username = applicant['username'];
  if (typeof username !== 'string') return;
  for (const record of context.store.allEnrollments()) {
    if (isActive(record) && record.applicant['username'] === username) {
      throw new ApitureError({
        statusCode: 409,
        type: 'activeEnrollmentExists',
        message: 'The user already has an active enrollment; a user may have only one.',
        attributes: { username, enrollment: record._id },
      });
    }
  }
}

function createEnrollment(context: RouteContext, body: JsonObject): EnrollmentRecord {
  const changes = enrollmentChanges(body, 'create', null);
  const sent = changes.applicant ?? {};
  refuseSecondActive(context, sent);
  // A new applicant has not completed identity verification yet, so approve is not offered.
  const applicant: JsonObject = {
    ...withServerFields(sent, {}),
    verified: false,
    verificationToken: context.store.newRelatedId().replace(/-/g, ''),
  };
  const now = nowIso(context);
  return {
    _id: context.store.newId(),
    applicant,
    applicants: changes.applicants
      ? changes.applicants.map((item, index) => (index === 0 ? applicant : item))
      : [applicant],
    requiredDocuments: changes.requiredDocuments ?? [],
    documents: changes.documents ?? [],
    approvals: [],
    applicantName: applicantNameOf(applicant),
    workflowState: 'running',
    state: 'running',
    flaggedForReview: false,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    error: null,
    links: applicantLinks(applicant),
  };
}

export function registerEnrollmentRoutes(app: FastifyInstance, context: RouteContext): void {
  const store = context.store;

  // 14.
  app.get('/enrollments', async (request, reply) => {
    const page = listPage(
      store.allEnrollments(),
      request.query as QueryParams,
      ENROLLMENT_LIST,
      paths.enrollments,
    );
    return sendCollection(
      reply,
      renderCollection({
        profile: PROFILES.enrollments,
        withName: false,
        start: page.start,
        limit: page.limit,
        count: page.count,
        links: page.links,
        items: page.items.map(renderEnrollmentSummary),
      }),
    );
  });

  // 15.
  app.post('/enrollments', async (request, reply) => {
    const record = createEnrollment(context, bodyObject(request.body));
    store.putEnrollment(record);
    reply.header('location', paths.enrollment(record._id));
    return sendResource(reply, 201, renderEnrollment(record));
  });

  // 16.
  app.get<IdParams>('/enrollments/:enrollmentId', async (request, reply) => {
    const representation = renderEnrollment(getRecord(context, request.params.enrollmentId));
    const etag = etagOf(representation);
    if (noneMatchHits(request.headers['if-none-match'], etag)) {
      return reply.code(304).header('etag', etag).send();
    }
    return sendResource(reply, 200, representation);
  });

  // 17. and 18.
  const update =
    (mode: 'put' | 'patch') => async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const record = getRecord(context, request.params.enrollmentId);
      checkIfMatch(
        request.headers['if-match'],
        etagOf(renderEnrollment(record)),
        context.requireIfMatch,
      );
      const changes = enrollmentChanges(bodyObject(request.body), mode, record.applicant);
      const next = applyChanges(record, changes, nowIso(context));
      store.putEnrollment(next);
      return sendResource(reply, 200, renderEnrollment(next));
    };
  app.put<IdParams>('/enrollments/:enrollmentId', update('put'));
  app.patch<IdParams>('/enrollments/:enrollmentId', update('patch'));

  // 19. No If-Match and no state rule (§5.2); an unknown id gets a 404 (inferred).
  app.delete<IdParams>('/enrollments/:enrollmentId', async (request, reply) => {
    const record = getRecord(context, request.params.enrollmentId);
    store.deleteEnrollment(record._id);
    return reply.code(204).send();
  });
}
