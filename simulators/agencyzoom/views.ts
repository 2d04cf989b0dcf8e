import {
  CARRIERS,
  DEPARTMENTS,
  EMPLOYEES,
  GROUPS,
  LEAD_SOURCES,
  LOCATIONS,
  LOSS_REASONS,
  MARITAL_STATUS_LABELS,
  PIPELINES,
  PRODUCT_LINES,
} from './reference-data';
import type { AgencyZoomStore } from './store';
import type {
  CustomerRecord,
  FileRecord,
  LeadRecord,
  NoteRecord,
  PolicyRecord,
  ProductRecord,
  TaskRecord,
} from './types';

/**
 * Wire shapes of the AgencyZoom responses, field for field as the reference samples list them
 * (typos and inconsistencies included). Shapes the docs leave as `{}` reuse the nearest documented
 * shape, as the reference suggests (inferred).
 */

/** A policy is in force on `today` (`yyyy-MM-dd`) when not cancelled and today is inside its term. */
export function isInForce(policy: PolicyRecord, today: string): boolean {
  return policy.status !== 0 && policy.effectiveDate <= today && today < policy.expiryDate;
}

function employee(id: number | null): { firstname: string | null; lastname: string | null } {
  const found = id === null ? undefined : EMPLOYEES.find((e) => e.id === id);
  return { firstname: found?.firstname ?? null, lastname: found?.lastname ?? null };
}

function employeeFullName(id: number | null): string | null {
  const { firstname, lastname } = employee(id);
  return firstname === null ? null : `${firstname} ${lastname ?? ''}`.trim();
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// ---- leads ----

export function leadDetail(lead: LeadRecord, store: AgencyZoomStore): Record<string, unknown> {
  const assignee = employee(lead.assignedTo);
  const csr = employee(lead.csrId);
  const pipeline = PIPELINES.find((p) => p.id === lead.workflowId);
  const stage = pipeline?.stages.find((s) => s.id === lead.workflowStageId);
  const quotes = store.quotesOf(lead.id);
  const opportunities = store.opportunitiesOf(lead.id);
  const policies =
    lead.convertedHouseholdId !== null ? store.policiesOf(lead.convertedHouseholdId) : [];
  return {
    id: lead.id,
    firstname: lead.firstname,
    middlename: lead.middlename,
    lastname: lead.lastname,
    leadType: 'Personal',
    email: lead.email,
    phone: lead.phone,
    secondaryEmail: lead.secondaryEmail,
    secondaryPhone: lead.secondaryPhone,
    streetAddress: lead.streetAddress,
    city: lead.city,
    state: lead.state,
    country: lead.country,
    zip: lead.zip,
    comments: lead.comments,
    status: lead.status,
    contactDate: lead.contactDate,
    soldDate: lead.soldDate,
    leadSourceId: lead.leadSourceId,
    leadSourceName: LEAD_SOURCES.find((s) => s.id === lead.leadSourceId)?.name ?? null,
    xDate: lead.xDate,
    quoteDate: lead.quoteDate,
    createDate: lead.createDate,
    premium: sum(quotes.filter((q) => q.sold).map((q) => q.premium)),
    quoted: sum(quotes.map((q) => q.premium)),
    assignedTo: lead.assignedTo,
    assignToFirstname: assignee.firstname,
    assignToLastname: assignee.lastname,
    csrId: lead.csrId,
    csrFirstname: csr.firstname,
    csrLastname: csr.lastname,
    creditToFirstname: assignee.firstname,
    creditToLastname: assignee.lastname,
    taskCount: store.tasksOfLead(lead.id).length,
    contactFirstName: null,
    contactLastName: null,
    locationCode: lead.locationCode,
    locationName: LOCATIONS.find((l) => l.id === lead.locationCode)?.name ?? null,
    departmentCode: lead.departmentCode,
    departmentName: DEPARTMENTS.find((d) => d.code === lead.departmentCode)?.name ?? null,
    groupCode: lead.groupCode,
    groupName: GROUPS.find((g) => g.code === lead.groupCode)?.name ?? null,
    workflowId: lead.workflowId,
    workflowName: pipeline?.name ?? null,
    workflowStageId: lead.workflowStageId,
    workflowStageName: stage?.name ?? null,
    lastActivityDate: lead.lastActivityDate,
    enterStageDate: lead.enterStageDate,
    tagNames: [...lead.tagIds],
    convertedHouseholdId: lead.convertedHouseholdId,
    nextExpirationDate: lead.nextExpirationDate,
    externalSystem: lead.externalSystem,
    externalId: lead.externalId,
    customFields: lead.customFields.map((field) => ({ ...field })),
    opportunities: opportunities.map(opportunityView),
    otherProducers: lead.otherProducers.map((id) => ({ id, ...employee(id) })),
    quotes: quotes.map(quoteView),
    totalOpportunityPremium: sum(opportunities.map((o) => o.premium)),
    totalQuotePremium: sum(quotes.map((q) => q.premium)),
    totalPolicyPremium: sum(policies.map((p) => p.premium)),
    lossReason: LOSS_REASONS.find((r) => r.id === lead.lossReasonId)?.name ?? null,
    xDateType: lead.xDateType,
    birthday: lead.birthday,
    nickname: lead.nickname,
    maritalStatus:
      lead.maritalStatus === null ? null : (MARITAL_STATUS_LABELS[lead.maritalStatus] ?? null),
    fein: null,
    contactMiddleName: null,
    businessEntity: null,
    businessClassification: null,
    businessClassificationId: null,
    businessClassificationCode: null,
    yearBusinessStarted: null,
    numberOfEmployees: null,
    annualRevenue: null,
    payroll: null,
  };
}

export function opportunityView(product: ProductRecord): Record<string, unknown> {
  return {
    id: product.id,
    carrierId: product.carrierId,
    standardCarrierCode:
      CARRIERS.find((c) => c.id === product.carrierId)?.standardCarrierCode ?? null,
    productLineId: product.productLineId,
    standardProductLineCode:
      PRODUCT_LINES.find((l) => l.id === product.productLineId)?.standardProductLineCode ?? null,
    status: product.status,
    premium: product.premium,
    items: product.items,
    customFields: [],
    propertyAddress: [],
  };
}

/** Potential revenue of a quote: the agency's commission, 12 % of the premium (inferred). */
const COMMISSION_RATE = 0.12;

export function quoteView(product: ProductRecord): Record<string, unknown> {
  return {
    ...opportunityView(product),
    sold: product.sold,
    carrierName: CARRIERS.find((c) => c.id === product.carrierId)?.name ?? null,
    productName: PRODUCT_LINES.find((l) => l.id === product.productLineId)?.name ?? null,
    potentialRevenue: Math.round(product.premium * COMMISSION_RATE),
    effectiveDate: product.effectiveDate,
  };
}

export function noteView(note: NoteRecord): Record<string, unknown> {
  return {
    type: note.type,
    createDate: note.createDate,
    createdBy: note.createdBy,
    title: note.title,
    body: note.body,
    attr: {},
  };
}

export function taskView(task: TaskRecord, store: AgencyZoomStore): Record<string, unknown> {
  const customer = task.customerId !== null ? store.customers.get(task.customerId) : undefined;
  const lead = task.leadId !== null ? store.leads.get(task.leadId) : undefined;
  const owner = customer ?? lead;
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    createDate: task.createDate,
    dueDate: task.dueDate,
    taskDateTime: task.dueDate,
    duration: task.duration,
    completeDate: task.completeDate,
    assignedDate: task.createDate,
    comments: task.comments,
    assignees: [{ id: task.assigneeId, ...employee(task.assigneeId) }],
    // The vendor's sample puts a date in `completedBy` (doc quirk 28); reproduced.
    completedBy: task.completeDate,
    isCompletedByEmployee: task.status === 1,
    timeSpecific: task.timeSpecific,
    customerName: owner ? `${owner.firstname} ${owner.lastname ?? ''}`.trim() : null,
    customerId: task.customerId ?? task.leadId,
    customerType: task.customerId !== null ? 'customer' : 'lead',
  };
}

export function fileView(file: FileRecord): Record<string, unknown> {
  return {
    id: file.id,
    title: file.title,
    mediaType: file.mediaType,
    comments: file.comments,
    size: file.size,
    createDate: file.createDate,
    createdBy: file.createdBy,
    modifyDate: file.createDate,
    modifiedBy: file.createdBy,
    entityId: file.customerId,
    docType: 0,
  };
}

// ---- customers and policies ----

/** `GET /customers/{id}/policies` item (and the detail's embedded `policies`): no status, no carrier name. */
export function customerPolicyView(policy: PolicyRecord): Record<string, unknown> {
  const line = PRODUCT_LINES.find((l) => l.id === policy.productLineId);
  return {
    id: policy.id,
    leadSourceId: policy.leadSourceId,
    policyTypeName: line?.name ?? null,
    carrierId: policy.carrierId,
    standardCarrierCode:
      CARRIERS.find((c) => c.id === policy.carrierId)?.standardCarrierCode ?? null,
    // A string here, an integer in ams-policies (doc quirk 14).
    policyTypeId: String(policy.productLineId),
    standardProductLineCode: line?.standardProductLineCode ?? null,
    policyNumber: policy.policyNumber,
    premium: policy.premium,
    items: policy.items,
    soldDate: policy.soldDate,
    agentId: policy.agentId,
    agentName: employeeFullName(policy.agentId),
    csrId: policy.csrId,
    csrName: employeeFullName(policy.csrId),
    effectiveDate: policy.effectiveDate,
    expiryDate: policy.expiryDate,
    tagNames: policy.tagNames,
    externalSystem: policy.externalSystem,
    externalId: policy.externalId,
  };
}

/** `GET /customers/{id}/ams-policies` item; `id` is the AMS policy id. */
export function amsPolicyView(policy: PolicyRecord): Record<string, unknown> {
  return {
    id: policy.amsPolicyId,
    leadSourceId: policy.leadSourceId,
    carrierId: policy.carrierId,
    policyTypeName: PRODUCT_LINES.find((l) => l.id === policy.productLineId)?.name ?? null,
    policyTypeId: policy.productLineId,
    policyNumber: policy.policyNumber,
    premium: policy.premium,
    items: policy.items,
    soldDate: policy.soldDate,
    agentId: policy.agentId,
    agentName: employeeFullName(policy.agentId),
    csrId: policy.csrId,
    csrName: employeeFullName(policy.csrId),
    effectiveDate: policy.effectiveDate,
    expiryDate: policy.expiryDate,
    tagNames: policy.tagNames,
    // The standard product line id; the sandbox numbers standard lines like its product lines (inferred).
    standardProductLineId: policy.productLineId,
    externalSystem: policy.externalSystem,
    externalId: policy.externalId,
  };
}

/** Search result item: the detail shape without the embedded collections (inferred). */
export function customerSummary(
  customer: CustomerRecord,
  policies: PolicyRecord[],
  today: string,
): Record<string, unknown> {
  return {
    id: customer.id,
    businessName: customer.businessName,
    firstname: customer.firstname,
    middlename: customer.middlename,
    lastname: customer.lastname,
    email: customer.email,
    phone: customer.phone,
    secondaryEmail: customer.secondaryEmail,
    secondaryPhone: customer.secondaryPhone,
    streetAddress: customer.streetAddress,
    city: customer.city,
    state: customer.state,
    country: customer.country,
    zip: customer.zip,
    createDate: customer.createDate,
    asCustomerDate: customer.asCustomerDate,
    customerType: customer.bizCustomer === 1 ? 'Commercial' : 'Personal',
    customFields: customer.customFields.map((field) => ({ ...field })),
    totalPremium: totalPremium(policies, today),
    birthday: customer.birthday,
    externalSystem: customer.externalSystem,
    externalId: customer.externalId,
  };
}

export function customerDetail(
  customer: CustomerRecord,
  store: AgencyZoomStore,
  today: string,
): Record<string, unknown> {
  const policies = store.policiesOf(customer.id);
  const summary = customerSummary(customer, policies, today);
  return {
    id: summary.id,
    businessName: summary.businessName,
    firstname: summary.firstname,
    middlename: summary.middlename,
    lastname: summary.lastname,
    email: summary.email,
    phone: summary.phone,
    secondaryEmail: summary.secondaryEmail,
    secondaryPhone: summary.secondaryPhone,
    streetAddress: summary.streetAddress,
    city: summary.city,
    state: summary.state,
    country: summary.country,
    zip: summary.zip,
    createDate: summary.createDate,
    asCustomerDate: summary.asCustomerDate,
    customerType: summary.customerType,
    customFields: summary.customFields,
    policies: policies.map(customerPolicyView),
    notes: store.notesOfCustomer(customer.id).map(noteView),
    tasks: store.tasksOfCustomer(customer.id).map((task) => taskView(task, store)),
    files: store.filesOfCustomer(customer.id).map(fileView),
    totalPremium: summary.totalPremium,
    birthday: summary.birthday,
    externalSystem: summary.externalSystem,
    externalId: summary.externalId,
  };
}

/** Sum of the premiums (cents) of the policies in force today (inferred: the docs do not define it). */
function totalPremium(policies: PolicyRecord[], today: string): number {
  return sum(policies.filter((p) => isInForce(p, today)).map((p) => p.premium));
}
