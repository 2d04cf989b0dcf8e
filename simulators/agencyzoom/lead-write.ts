import {
  ASSIGN_GROUPS,
  CUSTOM_FIELDS,
  DEPARTMENTS,
  EMPLOYEES,
  GROUPS,
  LEAD_SOURCES,
  LOCATIONS,
  OWNER_ID,
  PIPELINES,
} from './reference-data';
import type { AgencyZoomStore } from './store';
import type { CustomFieldValue, LeadRecord } from './types';
import { LEAD_STATUS } from './types';
import type { BodyReader } from './validation';

/**
 * The personal lead write body (reference §5.1.4), shared by create, batch-create items and
 * update. Required: `firstname`, `email`, `pipelineId`, `stageId`, `leadSourceId`, `assignTo`,
 * `country`. Ids must name existing configuration (pipeline, stage of that pipeline, lead source,
 * employees, location, department, group, assignment group); unknown fields are ignored.
 */
export interface LeadWrite {
  firstname: string;
  middlename: string | null;
  lastname: string | null;
  nickname: string | null;
  email: string;
  phone: string | null;
  secondaryEmail: string | null;
  secondaryPhone: string | null;
  notes: string | null;
  pipelineId: number;
  stageId: number;
  contactDate: string | null;
  soldDate: string | null;
  xDate: string | null;
  quoteDate: string | null;
  leadSourceId: number;
  assignmentGroupId: number | null;
  assignTo: number;
  csrId: number | null;
  streetAddress: string | null;
  streetAddressLine2: string | null;
  city: string | null;
  state: string | null;
  country: string;
  zip: string | null;
  agencyNumber: string | null;
  departmentCode: string | null;
  groupCode: string | null;
  customFields: CustomFieldValue[];
  birthday: string | null;
  maritalStatus: number | null;
  tagNames: string | null;
  nextExpirationDate: string | null;
  otherProducers: number[];
  otherCsrs: number[];
}

const EMPLOYEE_IDS = EMPLOYEES.map((e) => e.id);

/** Reads and checks a lead write body; problems go to `reader`, null when any was found. */
export function readLeadWrite(reader: BodyReader): LeadWrite | null {
  const firstname = reader.string('firstname', { required: true });
  const email = reader.string('email', { required: true });
  if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email.trim())) {
    reader.problem('email must be an email address');
  }
  const secondaryEmail = reader.string('secondaryEmail');
  const pipelineId = reader.integer('pipelineId', {
    required: true,
    oneOf: PIPELINES.map((p) => p.id),
  });
  const stageId = reader.integer('stageId', { required: true });
  const pipeline = PIPELINES.find((p) => p.id === pipelineId);
  if (pipeline && stageId !== null && !pipeline.stages.some((s) => s.id === stageId)) {
    reader.problem(`stageId ${stageId} is not a stage of pipeline ${pipeline.id}`);
  }
  const leadSourceId = reader.integer('leadSourceId', {
    required: true,
    oneOf: LEAD_SOURCES.map((s) => s.id),
  });
  const assignTo = reader.integer('assignTo', { required: true, oneOf: EMPLOYEE_IDS });
  const country = reader.string('country', { required: true });
  const optional: Omit<
    LeadWrite,
    'firstname' | 'email' | 'pipelineId' | 'stageId' | 'leadSourceId' | 'assignTo' | 'country'
  > = {
    middlename: reader.string('middlename'),
    lastname: reader.string('lastname'),
    nickname: reader.string('nickname'),
    phone: reader.string('phone'),
    secondaryEmail,
    secondaryPhone: reader.string('secondaryPhone'),
    notes: reader.string('notes'),
    contactDate: reader.date('contactDate', 'iso'),
    soldDate: reader.date('soldDate', 'iso'),
    xDate: reader.date('xDate', 'iso'),
    quoteDate: reader.date('quoteDate', 'iso'),
    assignmentGroupId: reader.integer('assignmentGroupId', {
      oneOf: ASSIGN_GROUPS.map((g) => g.id),
    }),
    csrId: reader.integer('csrId', { oneOf: EMPLOYEE_IDS }),
    streetAddress: reader.string('streetAddress'),
    streetAddressLine2: reader.string('streetAddressLine2'),
    city: reader.string('city'),
    state: reader.string('state'),
    zip: reader.string('zip'),
    agencyNumber: knownCode(
      reader,
      'agencyNumber',
      LOCATIONS.map((l) => l.id),
    ),
    departmentCode: knownCode(
      reader,
      'departmentCode',
      DEPARTMENTS.map((d) => d.code),
    ),
    groupCode: knownCode(
      reader,
      'groupCode',
      GROUPS.map((g) => g.code),
    ),
    customFields: readCustomFields(reader),
    birthday: reader.date('birthday', 'usShortYear'),
    maritalStatus: reader.integer('maritalStatus', { min: 1, max: 10 }),
    tagNames: reader.string('tagNames'),
    nextExpirationDate: reader.date('nextExpirationDate', 'usShortYear'),
    otherProducers: employeeList(reader, 'otherProducers'),
    otherCsrs: employeeList(reader, 'otherCsrs'),
  };
  if (reader.problemsSoFar().length > 0) return null;
  return {
    ...optional,
    firstname: firstname as string,
    email: (email as string).trim(),
    pipelineId: pipelineId as number,
    stageId: stageId as number,
    leadSourceId: leadSourceId as number,
    assignTo: assignTo as number,
    country: country as string,
  };
}

/** Server-kept fields of a lead that a write body cannot set. */
export interface LeadStamp {
  id: number;
  /** `yyyy-MM-dd`. */
  today: string;
  /** `yyyy-MM-dd HH:mm:ss`. */
  now: string;
}

/**
 * A new lead from a write body. It starts NEW, created by the logged-in user (the sandbox's one
 * user is the agency owner, employee 6818; inferred).
 */
export function createLead(write: LeadWrite, stamp: LeadStamp, store: AgencyZoomStore): LeadRecord {
  return {
    ...fieldsFrom(write, store),
    id: stamp.id,
    status: LEAD_STATUS.NEW,
    createDate: stamp.today,
    creatorId: OWNER_ID,
    lastActivityDate: stamp.now,
    enterStageDate: stamp.now,
    convertedHouseholdId: null,
    externalSystem: null,
    externalId: null,
    lossReasonId: null,
    xDateType: null,
  };
}

/**
 * `PUT /v1/api/leads/{leadId}` replaces the lead: every writable field takes the body's value, and
 * a field left out is cleared (documented: "If no parameter is provided, the existing data will be
 * deleted"). Status, dates the server keeps, conversion and external ids stay.
 */
export function replaceLead(
  previous: LeadRecord,
  write: LeadWrite,
  now: string,
  store: AgencyZoomStore,
): LeadRecord {
  const stageChanged = previous.workflowStageId !== write.stageId;
  return {
    ...fieldsFrom(write, store),
    id: previous.id,
    status: previous.status,
    createDate: previous.createDate,
    creatorId: previous.creatorId,
    lastActivityDate: now,
    enterStageDate: stageChanged ? now : previous.enterStageDate,
    convertedHouseholdId: previous.convertedHouseholdId,
    externalSystem: previous.externalSystem,
    externalId: previous.externalId,
    lossReasonId: previous.lossReasonId,
    xDateType: previous.xDateType,
  };
}

type WritableLeadFields = Omit<
  LeadRecord,
  | 'id'
  | 'status'
  | 'createDate'
  | 'creatorId'
  | 'lastActivityDate'
  | 'enterStageDate'
  | 'convertedHouseholdId'
  | 'externalSystem'
  | 'externalId'
  | 'lossReasonId'
  | 'xDateType'
>;

function fieldsFrom(write: LeadWrite, store: AgencyZoomStore): WritableLeadFields {
  return {
    firstname: write.firstname,
    middlename: write.middlename,
    lastname: write.lastname,
    nickname: write.nickname,
    email: write.email,
    phone: write.phone,
    secondaryEmail: write.secondaryEmail,
    secondaryPhone: write.secondaryPhone,
    streetAddress: write.streetAddress,
    streetAddressLine2: write.streetAddressLine2,
    city: write.city,
    state: write.state,
    country: write.country,
    zip: write.zip,
    comments: write.notes,
    contactDate: write.contactDate,
    soldDate: write.soldDate,
    xDate: write.xDate,
    quoteDate: write.quoteDate,
    leadSourceId: write.leadSourceId,
    assignedTo: write.assignTo,
    csrId: write.csrId,
    assignmentGroupId: write.assignmentGroupId,
    otherProducers: [...write.otherProducers],
    otherCsrs: [...write.otherCsrs],
    workflowId: write.pipelineId,
    workflowStageId: write.stageId,
    locationCode: write.agencyNumber,
    departmentCode: write.departmentCode,
    groupCode: write.groupCode,
    tagIds: write.tagNames !== null ? store.tagIdsFor(write.tagNames) : [],
    nextExpirationDate: write.nextExpirationDate,
    customFields: write.customFields.map((field) => ({ ...field })),
    birthday: write.birthday,
    maritalStatus: write.maritalStatus,
  };
}

function knownCode(reader: BodyReader, key: string, known: readonly string[]): string | null {
  const code = reader.string(key);
  if (code === null || code.trim() === '') return null;
  if (!known.includes(code)) {
    reader.problem(`${key} must be one of ${known.join(', ')}`);
    return null;
  }
  return code;
}

function employeeList(reader: BodyReader, key: string): number[] {
  const ids = reader.integerList(key) ?? [];
  const unknown = ids.filter((id) => !EMPLOYEE_IDS.includes(id));
  if (unknown.length > 0) reader.problem(`${key} holds unknown employee ids ${unknown.join(', ')}`);
  return ids;
}

/**
 * `customFields`: `[{ fieldName, value }]` (the item shape is inferred: the vendor never expands
 * `CustomField`); `fieldName` must be a defined custom field (`GET /v1/api/custom-fields`).
 */
export function readCustomFields(reader: BodyReader): CustomFieldValue[] {
  const items = reader.objectList('customFields') ?? [];
  const fields: CustomFieldValue[] = [];
  for (const [index, item] of items.entries()) {
    const { fieldName, value } = item;
    if (typeof fieldName !== 'string' || !CUSTOM_FIELDS.some((f) => f.fieldName === fieldName)) {
      reader.problem(
        `customFields[${index}].fieldName must be one of ${CUSTOM_FIELDS.map((f) => f.fieldName).join(', ')}`,
      );
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      reader.problem(`customFields[${index}].value must be a string or a number`);
      continue;
    }
    fields.push({ fieldName, value: String(value) });
  }
  return fields;
}
