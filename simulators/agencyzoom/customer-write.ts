import { EMPLOYEES } from './reference-data';
import { readCustomFields } from './lead-write';
import type { CustomerRecord } from './types';
import type { BodyReader } from './validation';

/** Customer fields a write body may set (reference §5.3.3); `middlename` is not among them. */
export type CustomerWrite = Partial<
  Pick<
    CustomerRecord,
    | 'firstname'
    | 'lastname'
    | 'email'
    | 'phone'
    | 'secondaryEmail'
    | 'secondaryPhone'
    | 'streetAddress'
    | 'city'
    | 'state'
    | 'country'
    | 'zip'
    | 'createDate'
    | 'bizCustomer'
    | 'contactFirstname'
    | 'contactLastname'
    | 'contactMiddlename'
    | 'numberOfEmployees'
    | 'annualRevenue'
    | 'totalPayroll'
    | 'tagNames'
    | 'birthday'
    | 'csrId'
    | 'agentId'
    | 'customFields'
  >
>;

const EMPLOYEE_IDS = EMPLOYEES.map((e) => e.id);

const TEXT_FIELDS = [
  'lastname',
  'phone',
  'secondaryEmail',
  'secondaryPhone',
  'streetAddress',
  'city',
  'state',
  'country',
  'zip',
  'contactFirstname',
  'contactLastname',
  'contactMiddlename',
  'tagNames',
] as const;

/**
 * Reads a customer write body. Create requires `firstname`, `email` and `agentId` (documented);
 * update requires nothing and changes only the fields present (the docs do not say whether update
 * clears omitted fields as lead update does; keeping them is inferred). Problems go to `reader`.
 */
export function readCustomerWrite(reader: BodyReader, mode: 'create' | 'update'): CustomerWrite {
  const required = mode === 'create';
  const write: CustomerWrite = {};
  const firstname = reader.string('firstname', { required });
  if (firstname !== null) write.firstname = firstname;
  const email = reader.string('email', { required });
  if (email !== null) {
    if (!/^[^@\s]+@[^@\s]+$/.test(email.trim())) reader.problem('email must be an email address');
    write.email = email.trim();
  }
  for (const key of TEXT_FIELDS) {
    const value = reader.string(key);
    if (value !== null) write[key] = value;
  }
  const createDate = reader.date('createDate', 'isoDateTime');
  if (createDate !== null) write.createDate = createDate;
  const birthday = reader.date('birthday', 'us');
  if (birthday !== null) write.birthday = birthday;
  const bizCustomer = readBizCustomer(reader);
  if (bizCustomer !== null) write.bizCustomer = bizCustomer;
  const agentId = reader.integer('agentId', { required, oneOf: EMPLOYEE_IDS });
  if (agentId !== null) write.agentId = agentId;
  const csrId = reader.integer('csrId', { oneOf: EMPLOYEE_IDS });
  if (csrId !== null) write.csrId = csrId;
  const numberOfEmployees = reader.integer('numberOfEmployees', { min: 0 });
  if (numberOfEmployees !== null) write.numberOfEmployees = numberOfEmployees;
  const totalPayroll = reader.integer('totalPayroll', { min: 0 });
  if (totalPayroll !== null) write.totalPayroll = totalPayroll;
  const annualRevenue = reader.raw('annualRevenue');
  if (annualRevenue !== undefined && annualRevenue !== null) {
    if (typeof annualRevenue === 'number' && Number.isFinite(annualRevenue) && annualRevenue >= 0) {
      write.annualRevenue = annualRevenue;
    } else {
      reader.problem('annualRevenue must be a number >= 0');
    }
  }
  if (reader.has('customFields')) write.customFields = readCustomFields(reader);
  return write;
}

/** `bizCustomer`: 1 business, 0 personal; the docs' sample is the string `"1 or 0"`, so `"1"`/`"0"` pass too. */
function readBizCustomer(reader: BodyReader): 0 | 1 | null {
  const value = reader.raw('bizCustomer');
  if (value === undefined || value === null) return null;
  if (value === 0 || value === '0') return 0;
  if (value === 1 || value === '1') return 1;
  reader.problem('bizCustomer must be 1 (business) or 0 (personal)');
  return null;
}

/** A new customer from a create body already checked by `readCustomerWrite`. */
export function createCustomer(id: number, write: CustomerWrite, now: string): CustomerRecord {
  return {
    id,
    bizCustomer: write.bizCustomer ?? 0,
    businessName: null,
    firstname: write.firstname ?? '',
    middlename: null,
    lastname: write.lastname ?? null,
    email: write.email ?? '',
    phone: write.phone ?? null,
    secondaryEmail: write.secondaryEmail ?? null,
    secondaryPhone: write.secondaryPhone ?? null,
    streetAddress: write.streetAddress ?? null,
    city: write.city ?? null,
    state: write.state ?? null,
    country: write.country ?? null,
    zip: write.zip ?? null,
    createDate: write.createDate ?? now,
    asCustomerDate: write.createDate ?? now,
    birthday: write.birthday ?? null,
    agentId: write.agentId ?? EMPLOYEES[0].id,
    csrId: write.csrId ?? null,
    leadSourceId: null,
    locationCode: null,
    tagNames: write.tagNames ?? null,
    customFields: write.customFields ?? [],
    contactFirstname: write.contactFirstname ?? null,
    contactLastname: write.contactLastname ?? null,
    contactMiddlename: write.contactMiddlename ?? null,
    numberOfEmployees: write.numberOfEmployees ?? null,
    annualRevenue: write.annualRevenue ?? null,
    totalPayroll: write.totalPayroll ?? null,
    externalSystem: null,
    externalId: null,
  };
}
