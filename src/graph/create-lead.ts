import { createHash } from 'node:crypto';
import type { AgencyZoomLeadInput } from '../../datasources/agencyzoom/types';
import type { AmericorLeadInput } from '../../datasources/americor/models';
import type { CreateLeadInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import type {
  LeadModel,
  MoneyModel,
  PersonModel,
  PersonRecordModel,
  VendorRefModel,
} from '../domain/models';
import { normalizeSsn } from '../domain/normalize';
import type { VendorId } from '../domain/vendor';
import { AppError, ErrorCode, isAppError } from '../errors';
import type { FieldProblem } from '../errors';
import { toPersonModel } from './people';

/** Vendors that take leads. */
export const LEAD_VENDORS: readonly VendorId[] = ['AMERICOR', 'AGENCYZOOM'];

export const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'.split(
    ' ',
  ),
);

/** What one vendor did with the lead, as stored for idempotent repeats. */
export interface StoredResult {
  vendor: VendorId;
  status: 'CREATED' | 'FAILED';
  lead: LeadModel | null;
  error: { code: string; message: string; fields: FieldProblem[] } | null;
}

interface IdempotencyRecord {
  fingerprint: string;
  state: 'in_progress' | 'done';
  startedAt: string;
  results: StoredResult[];
  personId: string | null;
}

export interface CreateLeadPayloadModel {
  results: StoredResult[];
  person: PersonModel | null;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

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

const failed = (vendor: VendorId, error: unknown): StoredResult => {
  if (!isAppError(error)) throw error;
  return {
    vendor,
    status: 'FAILED',
    lead: null,
    error: { code: error.code, message: error.message, fields: error.fields },
  };
};

/** Submissions in flight in this process, so a concurrent repeat waits for the first. */
const inFlight = new Map<string, Promise<CreateLeadPayloadModel>>();

/**
 * Creates the lead at each vendor named, in parallel, records the identity links (the Americor
 * link is written before the payload returns: it can never be read back), and stores the
 * outcome under the idempotency key so a repeat returns it without writing again.
 */
export async function createLead(
  input: CreateLeadInput,
  ctx: GatewayContext,
): Promise<CreateLeadPayloadModel> {
  validateCreateLead(input);
  const key = `idem:${sha256(input.idempotencyKey)}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const run = submit(input, key, ctx).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

async function replay(
  record: IdempotencyRecord,
  ctx: GatewayContext,
): Promise<CreateLeadPayloadModel> {
  const entry = record.personId ? await ctx.identity.getPerson(record.personId) : null;
  return { results: record.results, person: entry ? toPersonModel(entry) : null };
}

async function submit(
  input: CreateLeadInput,
  key: string,
  ctx: GatewayContext,
): Promise<CreateLeadPayloadModel> {
  const { idempotencyKey: _key, ...rest } = input;
  const fingerprint = sha256(JSON.stringify(rest));
  const existing = await ctx.identity.getMeta<IdempotencyRecord>(key);
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        'This idempotencyKey was already used with different input',
        {
          fields: [
            { path: ['input', 'idempotencyKey'], message: 'was already used with different input' },
          ],
        },
      );
    }
    if (existing.state === 'done') return replay(existing, ctx);
    throw new AppError(
      ErrorCode.CONFLICT,
      'A request with this idempotencyKey is still in progress; retry shortly',
    );
  }
  await ctx.identity.setMeta(key, {
    fingerprint,
    state: 'in_progress',
    startedAt: new Date().toISOString(),
    results: [],
    personId: null,
  } satisfies IdempotencyRecord);

  const estimatedDebt: MoneyModel | null = input.estimatedDebt
    ? { amount: input.estimatedDebt.amount, currency: input.estimatedDebt.currency ?? 'USD' }
    : null;
  const records: PersonRecordModel[] = [];
  const results = await Promise.all(
    input.vendors.map(async (vendor): Promise<StoredResult> => {
      try {
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
          const created = await ctx.clients.americor.createLead(body, ctx.call);
          const ref: VendorRefModel = { vendor, id: created.uuid };
          records.push(recordOf(ref, input));
          return {
            vendor,
            status: 'CREATED',
            lead: newLead(ref, ref, input, estimatedDebt),
            error: null,
          };
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
        };
        const created = await ctx.clients.agencyZoom.createLead(body, ctx.call);
        if (!created.id) return { vendor, status: 'CREATED', lead: null, error: null };
        const ref: VendorRefModel = { vendor, id: created.id };
        const subject: VendorRefModel = { vendor, id: `lead:${created.id}` };
        records.push(recordOf(subject, input));
        return {
          vendor,
          status: 'CREATED',
          lead: newLead(ref, subject, input, estimatedDebt),
          error: null,
        };
      } catch (error) {
        return failed(vendor, error);
      }
    }),
  );

  // Our own write changed what the cache says about this phone's leads.
  if (results.some((result) => result.vendor === 'AGENCYZOOM' && result.status === 'CREATED')) {
    await ctx.shared.invalidate({ kind: 'agencyZoom.leadsByPhone', vendor: 'AGENCYZOOM' }, [
      input.phone,
    ]);
  }
  // The links: Americor records cannot be read back, so their identity fields are kept too.
  const resolved = await ctx.identity.resolve(records);
  for (const record of records)
    if (record.ref.vendor === 'AMERICOR') await ctx.identity.saveSnapshot(record);
  const personId = resolved.values().next().value ?? null;
  await ctx.identity.setMeta(key, {
    fingerprint,
    state: 'done',
    startedAt: new Date().toISOString(),
    results,
    personId,
  } satisfies IdempotencyRecord);
  const entry = personId ? await ctx.identity.getPerson(personId) : null;
  return { results, person: entry ? toPersonModel(entry) : null };
}
