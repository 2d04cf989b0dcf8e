import type { FastifyInstance } from 'fastify';
import type { AgencyZoomContext } from '../context';
import { now, today } from '../context';
import { addMonths, isoToUsDate, usDateToIso } from '../dates';
import { invalidParameters, success } from '../errors';
import { searchLeads } from '../lead-search';
import { createLead, readLeadWrite, replaceLead } from '../lead-write';
import type { LeadWrite } from '../lead-write';
import { readReference } from '../policy-write';
import {
  CARRIERS,
  LEAD_SOURCES,
  LOSS_REASONS,
  OWNER_ID,
  PIPELINES,
  PRODUCT_LINES,
  employeeName,
} from '../reference-data';
import type { CustomerRecord, LeadRecord, PolicyRecord } from '../types';
import { LEAD_STATUS, LEAD_STATUS_CHANGE_VALUES } from '../types';
import { BodyReader, pathId, toIsoDate } from '../validation';
import { leadDetail, noteView, opportunityView, quoteView, taskView } from '../views';

/** Most leads one `POST /v1/api/leads/batch-create` may carry (documented). */
export const MAX_BATCH_LEADS = 5;

interface LeadParams {
  leadId: string;
}

/** Lead management (reference §5.1): search, detail, writes, status, sale, deletion, notes. */
export function registerLeadRoutes(app: FastifyInstance, context: AgencyZoomContext): void {
  const { store } = context;

  app.post('/v1/api/leads/list', async (request) =>
    searchLeads(store, request.body, today(context)),
  );

  app.get<{ Params: LeadParams }>('/v1/api/leads/:leadId', async (request) =>
    leadDetail(store.lead(pathId('leadId', request.params.leadId)), store),
  );

  app.post('/v1/api/leads/create', async (request) => {
    const reader = new BodyReader(request.body);
    const write = readLeadWrite(reader);
    reader.throwIfInvalid();
    const lead = insertLead(context, write as LeadWrite);
    return success('Lead created', lead.id);
  });

  // All or nothing: one bad item refuses the whole batch (inferred; per-item errors are undocumented).
  app.post('/v1/api/leads/batch-create', async (request) => {
    const reader = new BodyReader(request.body);
    const items = reader.objectList('leadDataRequests', { required: true });
    reader.throwIfInvalid();
    const list = items ?? [];
    if (list.length === 0) throw invalidParameters('leadDataRequests must hold at least one lead');
    if (list.length > MAX_BATCH_LEADS) {
      throw invalidParameters(
        `leadDataRequests holds ${list.length} leads; at most ${MAX_BATCH_LEADS} can be created per call`,
      );
    }
    const problems: string[] = [];
    const writes: LeadWrite[] = [];
    for (const [index, item] of list.entries()) {
      const itemReader = new BodyReader(item, `leadDataRequests[${index}].`);
      const write = readLeadWrite(itemReader);
      problems.push(...itemReader.problemsSoFar());
      if (write) writes.push(write);
    }
    if (problems.length > 0) throw invalidParameters(...problems);
    for (const write of writes) insertLead(context, write);
    // The docs return one generic message without per-item ids: reconcile by searching.
    return success(`${writes.length} lead(s) created`);
  });

  app.put<{ Params: LeadParams }>('/v1/api/leads/:leadId', async (request) => {
    const previous = store.lead(pathId('leadId', request.params.leadId));
    const reader = new BodyReader(request.body);
    const write = readLeadWrite(reader);
    reader.throwIfInvalid();
    store.leads.set(previous.id, replaceLead(previous, write as LeadWrite, now(context), store));
    return success('Lead updated', previous.id);
  });

  const changeStatus = async (request: { params: LeadParams; body: unknown }) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    applyStatusChange(context, lead, request.body);
    return success('Lead status changed', lead.id);
  };
  app.put<{ Params: LeadParams }>('/v1/api/leads/:leadId/status', changeStatus);
  // Same title and body as `/status` in the docs; treated the same (inferred).
  app.put<{ Params: LeadParams }>('/v1/api/leads/:leadId/stage', changeStatus);

  app.post<{ Params: LeadParams }>('/v1/api/leads/:leadId/sold', async (request) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    return sellLead(context, lead, request.body);
  });

  app.post<{ Params: LeadParams }>('/v1/api/leads/:leadId/delete-lead', async (request) => {
    const id = pathId('leadId', request.params.leadId);
    const reader = new BodyReader(request.body);
    reader.boolean('deleteContact');
    reader.throwIfInvalid();
    store.deleteLead(id);
    return success('Lead deleted', id);
  });

  app.get<{ Params: LeadParams }>('/v1/api/leads/:leadId/notes', async (request) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    return store.notesOfLead(lead.id).map(noteView);
  });

  app.post<{ Params: LeadParams }>('/v1/api/leads/:leadId/notes', async (request) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    const reader = new BodyReader(request.body);
    const note = reader.string('note', { required: true });
    reader.throwIfInvalid();
    store.notes.push({
      leadId: lead.id,
      customerId: null,
      type: 'Note',
      createDate: now(context),
      createdBy: employeeName(OWNER_ID),
      title: 'Note',
      body: note as string,
    });
    return success('Note created', lead.id);
  });

  app.get<{ Params: LeadParams }>('/v1/api/leads/:leadId/tasks', async (request) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    return store.tasksOfLead(lead.id).map((task) => taskView(task, store));
  });

  app.get<{ Params: LeadParams }>('/v1/api/leads/:leadId/quotes', async (request) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    return store.quotesOf(lead.id).map(quoteView);
  });

  app.get<{ Params: LeadParams }>('/v1/api/leads/:leadId/opportunities', async (request) => {
    const lead = store.lead(pathId('leadId', request.params.leadId));
    return store.opportunitiesOf(lead.id).map(opportunityView);
  });
}

function insertLead(context: AgencyZoomContext, write: LeadWrite): LeadRecord {
  const { store } = context;
  const lead = createLead(
    write,
    { id: store.nextId('lead'), today: today(context), now: now(context) },
    store,
  );
  store.leads.set(lead.id, lead);
  return lead;
}

/**
 * `PUT /leads/{leadId}/status`: `status` is the write enum 0 ACTIVE, 2 WON, 3 LOST, 5 XDATED; the
 * lead then reads back with the search enum (ACTIVE -> 0 NEW, XDATED -> 5 EXPIRED; inferred).
 * `date` is the sold date for WON, the X-date for XDATED, otherwise the contact date.
 */
function applyStatusChange(context: AgencyZoomContext, lead: LeadRecord, body: unknown): void {
  const reader = new BodyReader(body);
  const status = reader.integer('status', { required: true, oneOf: LEAD_STATUS_CHANGE_VALUES });
  const workflowId = reader.integer('workflowId', { oneOf: PIPELINES.map((p) => p.id) });
  const stageId = reader.integer('toStageId') ?? reader.integer('workflowStageId');
  const date = reader.date('date', 'iso');
  const lossReasonId = reader.integer('lossReasonId', { oneOf: LOSS_REASONS.map((r) => r.id) });
  const xDateType = reader.string('xDateType');
  const leadSourceId = reader.integer('changeLeadSourceTo', {
    oneOf: LEAD_SOURCES.map((s) => s.id),
  });
  const recycleToPipeline = reader.integer('recycleToPipeline', {
    oneOf: PIPELINES.map((p) => p.id),
  });
  const recycleToStage = reader.integer('recycleToStage');
  const tagIds = reader.integerList('tagIds');
  if (tagIds) {
    const unknown = tagIds.filter((id) => context.store.tagName(id) === undefined);
    if (unknown.length > 0) reader.problem(`tagIds holds unknown tag ids ${unknown.join(', ')}`);
  }
  const target = resolveStage(reader, workflowId ?? lead.workflowId, stageId, 'toStageId');
  const recycle =
    status === 5
      ? resolveStage(reader, recycleToPipeline ?? lead.workflowId, recycleToStage, 'recycleToStage')
      : null;
  reader.throwIfInvalid();

  const stamp = now(context);
  const next = { ...lead, lastActivityDate: stamp };
  const stage = recycle ?? target;
  if (stage && (stage.pipelineId !== lead.workflowId || stage.stageId !== lead.workflowStageId)) {
    next.workflowId = stage.pipelineId;
    next.workflowStageId = stage.stageId;
    next.enterStageDate = stamp;
  }
  if (leadSourceId !== null) next.leadSourceId = leadSourceId;
  if (tagIds) next.tagIds = [...tagIds];
  switch (status) {
    case 2:
      next.status = LEAD_STATUS.WON;
      next.soldDate = date ?? today(context);
      break;
    case 3:
      next.status = LEAD_STATUS.LOST;
      next.lossReasonId = lossReasonId;
      if (date !== null) next.contactDate = date;
      break;
    case 5:
      next.status = LEAD_STATUS.EXPIRED;
      next.xDate = date;
      next.xDateType = xDateType;
      break;
    default:
      next.status = LEAD_STATUS.NEW;
      next.lossReasonId = null;
      if (date !== null) next.contactDate = date;
  }
  context.store.leads.set(lead.id, next);
}

function resolveStage(
  reader: BodyReader,
  pipelineId: number,
  stageId: number | null,
  key: string,
): { pipelineId: number; stageId: number } | null {
  if (stageId === null) return null;
  const pipeline = PIPELINES.find((p) => p.id === pipelineId);
  if (!pipeline?.stages.some((s) => s.id === stageId)) {
    reader.problem(`${key} ${stageId} is not a stage of pipeline ${pipelineId}`);
    return null;
  }
  return { pipelineId, stageId };
}

/**
 * `POST /leads/{leadId}/sold`: the lead becomes (or joins) a customer and each sold product becomes
 * an active policy on it. `SoldProduct` is never expanded by the docs; the sandbox reads
 * `{ carrierId | standardCarrierCode, productLineId | standardProductLineCode, premium (cents),
 * items?, effectiveDate?, expiryDate?, policyNumber? }` (inferred). Unless `keepOpen`, the lead is
 * WON. Answers `{ customerId, leadSourceId, opportunities }` (documented).
 */
function sellLead(
  context: AgencyZoomContext,
  lead: LeadRecord,
  body: unknown,
): Record<string, unknown> {
  const { store } = context;
  const reader = new BodyReader(body);
  const keepOpen = reader.boolean('keepOpen') ?? false;
  const items = reader.objectList('soldProducts', { required: true });
  if (items && items.length === 0) reader.problem('soldProducts must hold at least one product');
  const day = today(context);
  const products = (items ?? []).map((item, index) => {
    const product = new BodyReader(item, `soldProducts[${index}].`);
    const carrierId = readReference(
      product,
      ['carrierId', 'standardCarrierCode'],
      CARRIERS.map((c) => ({ id: c.id, code: c.standardCarrierCode })),
    );
    const productLineId = readReference(
      product,
      ['productLineId', 'standardProductLineCode'],
      PRODUCT_LINES.map((l) => ({ id: l.id, code: l.standardProductLineCode })),
    );
    const premium = product.integer('premium', { required: true, min: 0 });
    const count = product.integer('items', { min: 1 }) ?? 1;
    const effective = product.date('effectiveDate', 'usOrIso');
    const expiry = product.date('expiryDate', 'usOrIso');
    const policyNumber = product.string('policyNumber');
    for (const problem of product.problemsSoFar()) reader.problem(problem);
    const effectiveDate = effective !== null ? toIsoDate(effective) : day;
    return {
      carrierId: carrierId ?? 0,
      productLineId: productLineId ?? 0,
      premium: premium ?? 0,
      items: count,
      effectiveDate,
      expiryDate: expiry !== null ? toIsoDate(expiry) : addMonths(effectiveDate, 12),
      policyNumber,
    };
  });
  reader.throwIfInvalid();

  const existing =
    lead.convertedHouseholdId !== null ? store.customers.get(lead.convertedHouseholdId) : undefined;
  const customer = existing ?? customerFromLead(context, lead);
  if (!existing) store.customers.set(customer.id, customer);
  for (const product of products) {
    const policy: PolicyRecord = {
      id: store.nextId('policy'),
      amsPolicyId: null,
      customerId: customer.id,
      insuredName: `${lead.firstname} ${lead.lastname ?? ''}`.trim(),
      carrierId: product.carrierId,
      productLineId: product.productLineId,
      policyNumber: product.policyNumber,
      premium: product.premium,
      brokerFee: null,
      items: product.items,
      soldDate: isoToUsDate(day),
      effectiveDate: product.effectiveDate,
      expiryDate: product.expiryDate,
      agentId: lead.assignedTo,
      csrId: lead.csrId,
      leadSourceId: lead.leadSourceId,
      agencyNumber: lead.locationCode ?? 'A0A0070',
      departmentCode: lead.departmentCode,
      groupCode: lead.groupCode,
      priorCarrierName: null,
      priorPolicyNumber: null,
      priorExpiryDate: null,
      status: 10,
      tagNames: null,
      externalSystem: null,
      externalId: null,
      meta: null,
      endorsements: [],
    };
    store.policies.set(policy.id, policy);
  }
  store.leads.set(lead.id, {
    ...lead,
    status: keepOpen ? lead.status : LEAD_STATUS.WON,
    soldDate: day,
    convertedHouseholdId: customer.id,
    lastActivityDate: now(context),
  });
  return {
    customerId: customer.id,
    leadSourceId: lead.leadSourceId,
    opportunities: store.opportunitiesOf(lead.id).map(opportunityView),
  };
}

function customerFromLead(context: AgencyZoomContext, lead: LeadRecord): CustomerRecord {
  const stamp = now(context);
  const birthdayIso = lead.birthday !== null ? usDateToIso(lead.birthday, true) : null;
  return {
    id: context.store.nextId('customer'),
    bizCustomer: 0,
    businessName: null,
    firstname: lead.firstname,
    middlename: lead.middlename,
    lastname: lead.lastname,
    email: lead.email,
    phone: lead.phone,
    secondaryEmail: lead.secondaryEmail,
    secondaryPhone: lead.secondaryPhone,
    streetAddress: lead.streetAddress,
    city: lead.city,
    state: lead.state,
    country: lead.country,
    zip: lead.zip,
    createDate: stamp,
    asCustomerDate: stamp,
    birthday: birthdayIso !== null ? isoToUsDate(birthdayIso) : null,
    agentId: lead.assignedTo,
    csrId: lead.csrId,
    leadSourceId: lead.leadSourceId,
    locationCode: lead.locationCode,
    tagNames: null,
    customFields: [],
    contactFirstname: null,
    contactLastname: null,
    contactMiddlename: null,
    numberOfEmployees: null,
    annualRevenue: null,
    totalPayroll: null,
    externalSystem: null,
    externalId: null,
  };
}
