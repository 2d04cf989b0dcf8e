import { CARRIERS, EMPLOYEES, LEAD_SOURCES, LOCATIONS, PRODUCT_LINES } from './reference-data';
import type { PolicyRecord } from './types';
import type { BodyReader } from './validation';
import { toIsoDate } from './validation';

/** Policy fields a create or update body sets (reference §5.4.1, §5.4.2). */
export type PolicyWrite = Pick<
  PolicyRecord,
  | 'insuredName'
  | 'carrierId'
  | 'productLineId'
  | 'policyNumber'
  | 'premium'
  | 'brokerFee'
  | 'items'
  | 'soldDate'
  | 'effectiveDate'
  | 'expiryDate'
  | 'agentId'
  | 'csrId'
  | 'leadSourceId'
  | 'agencyNumber'
  | 'departmentCode'
  | 'groupCode'
  | 'priorCarrierName'
  | 'priorPolicyNumber'
  | 'priorExpiryDate'
  | 'tagNames'
>;

const EMPLOYEE_IDS = EMPLOYEES.map((e) => e.id);

/**
 * Reads a policy create/update body. Required (documented): `soldDate`, `agentId`, `premium`
 * (cents), `items`, `leadSourceId`, `agencyNumber`, `effectiveDate`, `expiryDate`, and the
 * carrier and product line, each as an id (`carrierId`, `policyType`) or a standard code
 * (`standardCarrierCode`, `standardProductLineCode`); an id wins when both are sent. Dates are
 * `MM/dd/yyyy` as in the samples, `yyyy-MM-dd` also accepted (inferred); effective and expiry are
 * stored as `yyyy-MM-dd`, the sold date as written. Null when a problem was found.
 */
export function readPolicyWrite(reader: BodyReader): PolicyWrite | null {
  const carrierId = readReference(
    reader,
    ['carrierId', 'standardCarrierCode'],
    CARRIERS.map((c) => ({ id: c.id, code: c.standardCarrierCode })),
  );
  const productLineId = readReference(
    reader,
    ['policyType', 'standardProductLineCode'],
    PRODUCT_LINES.map((l) => ({ id: l.id, code: l.standardProductLineCode })),
  );
  const soldDate = reader.date('soldDate', 'usOrIso', { required: true });
  const effectiveDate = reader.date('effectiveDate', 'usOrIso', { required: true });
  const expiryDate = reader.date('expiryDate', 'usOrIso', { required: true });
  if (effectiveDate !== null && expiryDate !== null) {
    if (toIsoDate(expiryDate) <= toIsoDate(effectiveDate)) {
      reader.problem('expiryDate must be after effectiveDate');
    }
  }
  const agencyNumber = reader.string('agencyNumber', { required: true });
  if (agencyNumber !== null && !LOCATIONS.some((l) => l.id === agencyNumber)) {
    reader.problem(`agencyNumber must be one of ${LOCATIONS.map((l) => l.id).join(', ')}`);
  }
  const write = {
    insuredName: reader.string('insuredName'),
    policyNumber: reader.string('policyNumber'),
    premium: reader.integer('premium', { required: true, min: 0 }),
    brokerFee: reader.integer('brokerFee', { min: 0 }),
    items: reader.integer('items', { required: true, min: 1 }),
    agentId: reader.integer('agentId', { required: true, oneOf: EMPLOYEE_IDS }),
    csrId: reader.integer('csrId', { oneOf: EMPLOYEE_IDS }),
    leadSourceId: reader.integer('leadSourceId', {
      required: true,
      oneOf: LEAD_SOURCES.map((s) => s.id),
    }),
    departmentCode: reader.string('departmentCode'),
    groupCode: reader.string('groupCode'),
    priorCarrierName: reader.string('priorCarrierName'),
    priorPolicyNumber: reader.string('priorPolicyNumber'),
    priorExpiryDate: reader.string('priorExpiryDate'),
    tagNames: reader.string('tagNames'),
  };
  if (reader.problemsSoFar().length > 0) return null;
  return {
    ...write,
    carrierId: carrierId as number,
    productLineId: productLineId as number,
    premium: write.premium as number,
    items: write.items as number,
    agentId: write.agentId as number,
    leadSourceId: write.leadSourceId as number,
    agencyNumber: agencyNumber as string,
    soldDate: soldDate as string,
    effectiveDate: toIsoDate(effectiveDate as string),
    expiryDate: toIsoDate(expiryDate as string),
  };
}

/**
 * A reference given as an id field or a standard-code field (e.g. `carrierId` or
 * `standardCarrierCode`): the id is "required" but optional when the code is sent (doc quirk 12).
 */
export function readReference(
  reader: BodyReader,
  [idKey, codeKey]: [string, string],
  known: { id: number; code: string }[],
): number | null {
  const id = reader.integer(idKey);
  const code = reader.string(codeKey);
  if (id !== null) {
    if (known.some((k) => k.id === id)) return id;
    reader.problem(`${idKey} ${id} does not exist`);
    return null;
  }
  if (code !== null && code.trim() !== '') {
    const found = known.find((k) => k.code.toLowerCase() === code.trim().toLowerCase());
    if (found) return found.id;
    reader.problem(`${codeKey} ${code} does not exist`);
    return null;
  }
  reader.problem(`${idKey} or ${codeKey} is required`);
  return null;
}
