import { createHash } from 'node:crypto';
import type { AgencyZoomLeadInput } from '../../datasources/agencyzoom/types';
import type { AmericorLeadInput } from '../../datasources/americor/models';
import type { CreateLeadInput } from '../__generated__/resolvers-types';
import type { CallContext } from '../../datasources/http/context';
import type { LeadModel, MoneyModel, PersonRecordModel, VendorRefModel } from '../domain/models';
import { normalizeSsn } from '../domain/normalize';
import type { VendorId } from '../domain/vendor';
import { AppError, ErrorCode } from '../errors';
import type { FieldProblem } from '../errors';
import type { VendorClients } from '../vendor-clients';

/** Vendors that take leads. */
export const LEAD_VENDORS: readonly VendorId[] = ['AMERICOR', 'AGENCYZOOM'];

export const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'.split(
    ' ',
  ),
);

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A UUID derived from the idempotency key and vendor: the same submission always carries the same external ID. */
export function externalIdFor(idempotencyKey: string, vendor: VendorId): string {
  const h = sha256(`${vendor}:${idempotencyKey}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Checks the whole input before any vendor call; every problem is reported with its path. */
export function validateCreateLead(input: CreateLeadInput): void {
  const problems: FieldProblem[] = [];
  const at = (path: string[], message: string) =>
    problems.push({ path: ['input', ...path], message });
  const text = (
    path: string[],
    value: string | null | undefined,
    max: number,
    required: boolean,
  ) => {
    if (value == null || value.trim() === '') {
      if (required) at(path, 'is required');
    } else if (value.length > max) at(path, `must be at most ${max} characters`);
  };
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(input.idempotencyKey)) {
    at(['idempotencyKey'], 'must be 8 to 128 letters, digits or . _ : -');
  }
  if (input.vendors.length === 0) at(['vendors'], 'must name at least one vendor');
  for (const [index, vendor] of input.vendors.entries()) {
    if (!LEAD_VENDORS.includes(vendor))
      at(['vendors', String(index)], `${vendor} does not take leads (AMERICOR or AGENCYZOOM)`);
  }
  if (new Set(input.vendors).size !== input.vendors.length)
    at(['vendors'], 'must not repeat a vendor');
  text(['firstName'], input.firstName, 100, true);
  text(['middleName'], input.middleName, 100, false);
  text(['lastName'], input.lastName, 100, true);
  text(['source'], input.source, 100, false);
  if (input.vendors.includes('AGENCYZOOM') && !input.email)
    at(['email'], 'is required for AGENCYZOOM');
  if (input.ssn != null && !normalizeSsn(input.ssn))
    at(['ssn'], 'must be a valid SSN as NNN-NN-NNNN');
  if (input.dateOfBirth) {
    const age = (Date.now() - Date.parse(`${input.dateOfBirth}T00:00:00Z`)) / (365.25 * 86_400_000);
    if (age < 18 || age > 120) at(['dateOfBirth'], 'must give an age from 18 to 120');
  }
  const address = input.address;
  if (address) {
    text(['address', 'line1'], address.line1, 200, true);
    text(['address', 'line2'], address.line2, 200, false);
    text(['address', 'city'], address.city, 100, true);
    if (!US_STATES.has(address.state))
      at(['address', 'state'], 'must be a two-letter US state code');
    if (!/^\d{5}$/.test(address.postalCode))
      at(['address', 'postalCode'], 'must be a five-digit ZIP code');
  } else if (input.vendors.includes('AMERICOR')) {
    at(['address'], 'is required for AMERICOR (at least the state)');
  }
  const debt = input.estimatedDebt;
  if (debt) {
    if (!/^\d{1,10}(\.\d{1,2})?$/.test(debt.amount))
      at(['estimatedDebt', 'amount'], 'must be a decimal amount like 23500.00');
    if ((debt.currency ?? 'USD') !== 'USD') at(['estimatedDebt', 'currency'], 'must be USD');
  }
  if (problems.length > 0) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `Invalid lead: ${problems.map((p) => `${p.path.join('.')} ${p.message}`).join('; ')}`,
      {
        fields: problems,
      },
    );
  }
}

/** The identity fields the input gives, as the record of `ref`. */
function recordOf(ref: VendorRefModel, input: CreateLeadInput): PersonRecordModel {
  return {
    ref,
    firstName: input.firstName.trim(),
    middleName: input.middleName?.trim() || null,
    lastName: input.lastName.trim(),
    emails: input.email ? [input.email] : [],
    phones: [input.phone],
    dateOfBirth: input.dateOfBirth ?? null,
    ssn: input.ssn ? normalizeSsn(input.ssn) : null,
    addresses: input.address
      ? [
          {
            line1: input.address.line1,
            line2: input.address.line2 ?? null,
            city: input.address.city,
            state: input.address.state,
            postalCode: input.address.postalCode,
            country: 'US',
          },
        ]
      : [],
  };
}

/** The lead as just created: new, unassigned, created now. */
function newLead(
  ref: VendorRefModel,
  subject: VendorRefModel,
  input: CreateLeadInput,
  estimatedDebt: MoneyModel | null,
): LeadModel {
  return {
    ref,
    subject,
    status: 'NEW',
    vendorStatus:
      ref.vendor === 'AMERICOR' ? { code: '0', label: 'New' } : { code: '0', label: 'NEW' },
    source: input.source ?? null,
    createdAt: new Date().toISOString(),
    estimatedDebt,
    assignedTo: null,
    enrollment: null,
  };
}

/** A lead a vendor created, with the identity record to link (null when the vendor gave no ID). */
export interface Delivered {
  lead: LeadModel | null;
  record: PersonRecordModel | null;
}

/**
 * The note every AgencyZoom lead the gateway creates carries: how the lead is found again when
 * the answer to its creation was lost.
 */
export function leadMarker(idempotencyKey: string): string {
  return `gateway-ref:${externalIdFor(idempotencyKey, 'AGENCYZOOM')}`;
}

const estimatedDebtOf = (input: CreateLeadInput): MoneyModel | null =>
  input.estimatedDebt
    ? { amount: input.estimatedDebt.amount, currency: input.estimatedDebt.currency ?? 'USD' }
    : null;

/** Sends the lead to one vendor: one write, which the client never repeats once it may have arrived. */
export async function sendLead(
  vendor: VendorId,
  input: CreateLeadInput,
  clients: VendorClients,
  call: CallContext,
): Promise<Delivered> {
  const estimatedDebt = estimatedDebtOf(input);
  if (vendor === 'AMERICOR') {
    const body: AmericorLeadInput = {
      firstName: input.firstName,
      middleName: input.middleName,
      lastName: input.lastName,
      email: input.email ?? null,
      mobilePhone: input.phone,
      dateOfBirth: input.dateOfBirth,
      ssn: input.ssn ? normalizeSsn(input.ssn) : null,
      address: input.address
        ? {
            line1: input.address.line1,
            line2: input.address.line2,
            city: input.address.city,
            state: input.address.state,
            postalCode: input.address.postalCode,
          }
        : null,
      estimatedDebt,
      source: input.source,
      externalId: externalIdFor(input.idempotencyKey, vendor),
    };
    const created = await clients.americor.createLead(body, call);
    const ref: VendorRefModel = { vendor, id: created.uuid };
    return { lead: newLead(ref, ref, input, estimatedDebt), record: recordOf(ref, input) };
  }
  const body: AgencyZoomLeadInput = {
    firstName: input.firstName,
    middleName: input.middleName,
    lastName: input.lastName,
    email: input.email ?? '',
    phone: input.phone,
    dateOfBirth: input.dateOfBirth,
    address: input.address ? { ...input.address, country: 'US' } : null,
    source: input.source,
    notes: leadMarker(input.idempotencyKey),
  };
  const created = await clients.agencyZoom.createLead(body, call);
  if (!created.id) return { lead: null, record: null };
  const ref: VendorRefModel = { vendor, id: created.id };
  const subject: VendorRefModel = { vendor, id: `lead:${created.id}` };
  return { lead: newLead(ref, subject, input, estimatedDebt), record: recordOf(subject, input) };
}

/** Whether a lead an earlier call may have created can be looked for at `vendor` (Americor has no search). */
export const canFindSentLead = (vendor: VendorId): boolean => vendor === 'AGENCYZOOM';

/** The lead an earlier call of this submission created at `vendor`, or null when there is none. */
export async function findSentLead(
  vendor: VendorId,
  input: CreateLeadInput,
  clients: VendorClients,
  call: CallContext,
): Promise<Delivered | null> {
  if (!canFindSentLead(vendor)) throw new Error(`${vendor} leads cannot be searched`);
  const found = await clients.agencyZoom.findLeadByNote(
    input.phone,
    leadMarker(input.idempotencyKey),
    call,
  );
  return found ? { lead: found.lead, record: found.person } : null;
}
