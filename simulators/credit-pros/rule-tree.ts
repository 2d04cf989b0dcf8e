import type { ValidationErrors } from './errors';
import { isIsoDate, isJsonObject } from './validation';
import type { AttributeValue, ClientRecord, NegativeItemRecord } from './types';

/**
 * The SegmentRuleGroup condition language of `POST /clients/search` (credit-pros.md §3.3),
 * compiled into a predicate over clients.
 *
 * Documented: `combinator` AND/OR, `not` negating the group, `relation`, `count_repeat`, rules of
 * `{field, operator, value}`, the `=` operator. Inferred here:
 * - operators use react-querybuilder's names; `GET /segments/attribute-types` lists them per type;
 *   there is no `in` operator and array values are refused (the doc documents neither);
 * - a rule that has `rules` is a nested group; an empty group matches everything;
 * - string comparisons ignore case (MySQL's default collation), phones compare as stored text;
 * - a group or rule with `relation: "negativeItems"` matches a client having at least
 *   `count_repeat` (default 1) negative items that satisfy it; `not` on such a group negates the
 *   whole test ("has no such items");
 * - comparisons with a null field follow SQL: only `null` matches it.
 */

export type FieldType = 'string' | 'integer' | 'boolean' | 'date';

export const OPERATORS_BY_TYPE: Record<FieldType, readonly string[]> = {
  string: ['=', '!=', 'contains', 'beginsWith', 'endsWith', 'doesNotContain', 'null', 'notNull'],
  integer: ['=', '!=', '<', '>', '<=', '>=', 'null', 'notNull'],
  boolean: ['=', '!='],
  date: ['=', '!=', '<', '>', '<=', '>=', 'null', 'notNull'],
};

interface FieldDef<S> {
  type: FieldType;
  read: (subject: S) => AttributeValue | undefined;
}

const attribute =
  (key: string): FieldDef<ClientRecord>['read'] =>
  (client) =>
    client.attributes[key];

/** Client fields a rule may name: top-level columns and the Salesforce-style attributes. */
export const CLIENT_FIELDS: Record<string, FieldDef<ClientRecord>> = {
  id: { type: 'integer', read: (c) => c.id },
  email: { type: 'string', read: (c) => c.email },
  mobile_phone: { type: 'string', read: (c) => c.mobile_phone },
  ssn: { type: 'integer', read: (c) => c.ssn },
  client_key: { type: 'string', read: (c) => c.client_key },
  salesforce_id: { type: 'integer', read: (c) => c.salesforce_id },
  joint_customer_sf_id: { type: 'string', read: (c) => c.joint_customer_sf_id },
  Id: { type: 'string', read: attribute('Id') },
  FirstName: { type: 'string', read: attribute('FirstName') },
  MiddleName: { type: 'string', read: attribute('MiddleName') },
  LastName: { type: 'string', read: attribute('LastName') },
  Email: { type: 'string', read: attribute('Email') },
  MobilePhone: { type: 'string', read: attribute('MobilePhone') },
  Phone: { type: 'string', read: attribute('Phone') },
  HomePhone: { type: 'string', read: attribute('HomePhone') },
  D_O_B__c: { type: 'date', read: attribute('D_O_B__c') },
  MailingStreet: { type: 'string', read: attribute('MailingStreet') },
  MailingCity: { type: 'string', read: attribute('MailingCity') },
  MailingState: { type: 'string', read: attribute('MailingState') },
  MailingPostalCode: { type: 'integer', read: attribute('MailingPostalCode') },
};

export const NEGATIVE_ITEM_FIELDS: Record<string, FieldDef<NegativeItemRecord>> = {
  id: { type: 'integer', read: (i) => i.id },
  status: { type: 'string', read: (i) => i.metadata.status },
  account_name: { type: 'string', read: (i) => i.account_name },
  account_type: { type: 'string', read: (i) => i.account_type },
  account_status: { type: 'string', read: (i) => i.account_status },
  is_negative: { type: 'boolean', read: (i) => i.is_negative },
  is_disputed: { type: 'boolean', read: (i) => i.is_disputed },
  is_collection: { type: 'boolean', read: (i) => i.is_collection },
  is_charge_off: { type: 'boolean', read: (i) => i.is_charge_off },
  report_id: { type: 'string', read: (i) => i.report_id },
};

/** The relation name accepted in `relation` (the Laravel relation of Client, inferred). */
export const NEGATIVE_ITEMS_RELATION = 'negativeItems';

export interface RuleContext {
  negativeItemsOf(clientId: number): NegativeItemRecord[];
}

type Predicate<S> = (subject: S, context: RuleContext) => boolean;

type Scope = 'client' | 'negativeItem';

function readCombinator(
  raw: Record<string, unknown>,
  path: string,
  errors: ValidationErrors,
): 'AND' | 'OR' {
  const value = raw.combinator ?? 'AND';
  if (value === 'AND' || value === 'OR') return value;
  errors.add(`${path}.combinator`, `The selected ${path}.combinator is invalid.`);
  return 'AND';
}

function readNot(raw: Record<string, unknown>, path: string, errors: ValidationErrors): boolean {
  const value = raw.not ?? 0;
  if (value === true || value === 1 || value === '1') return true;
  if (value === false || value === 0 || value === '0') return false;
  errors.add(`${path}.not`, `The ${path}.not field must be true or false.`);
  return false;
}

function readCountRepeat(
  raw: Record<string, unknown>,
  path: string,
  errors: ValidationErrors,
): number {
  const value = raw.count_repeat ?? 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  errors.add(`${path}.count_repeat`, `The ${path}.count_repeat field must be at least 1.`);
  return 1;
}

/** Wraps a negative-item predicate as a client predicate under `relation`. */
function throughRelation(
  predicate: Predicate<NegativeItemRecord>,
  minimum: number,
): Predicate<ClientRecord> {
  return (client, context) => {
    let matched = 0;
    for (const item of context.negativeItemsOf(client.id)) {
      if (predicate(item, context)) matched += 1;
    }
    return matched >= minimum;
  };
}

/**
 * Reads a relation name; returns true when the node switches from client to negative-item
 * scope, and records an error for an unknown relation.
 */
function entersRelation(
  raw: Record<string, unknown>,
  scope: Scope,
  path: string,
  errors: ValidationErrors,
): boolean {
  const relation = raw.relation;
  if (relation === undefined || relation === null || relation === '') return false;
  if (scope === 'client' && relation === NEGATIVE_ITEMS_RELATION) return true;
  errors.add(`${path}.relation`, `The selected ${path}.relation is invalid.`);
  return false;
}

function compileGroup<S>(
  raw: unknown,
  path: string,
  scope: Scope,
  errors: ValidationErrors,
): Predicate<S> {
  if (!isJsonObject(raw)) {
    errors.add(path, `The ${path} field must be an array.`);
    return () => false;
  }
  if (entersRelation(raw, scope, path, errors)) {
    // `not` negates the whole relation test ("has no such items"), not each item.
    const negate = readNot(raw, path, errors);
    const inner = compileGroup<NegativeItemRecord>(
      { ...raw, relation: null, count_repeat: null, not: 0 },
      path,
      'negativeItem',
      errors,
    );
    const related = throughRelation(inner, readCountRepeat(raw, path, errors));
    return ((client: ClientRecord, context: RuleContext) =>
      negate !== related(client, context)) as Predicate<S>;
  }
  const combinator = readCombinator(raw, path, errors);
  const negate = readNot(raw, path, errors);
  if (!Array.isArray(raw.rules)) {
    errors.add(`${path}.rules`, `The ${path}.rules field must be an array.`);
    return () => false;
  }
  const children = raw.rules.map((rule, i) => {
    const rulePath = `${path}.rules.${i}`;
    if (isJsonObject(rule) && 'rules' in rule)
      return compileGroup<S>(rule, rulePath, scope, errors);
    return compileRule<S>(rule, rulePath, scope, errors);
  });
  return (subject, context) => {
    if (children.length === 0) return !negate;
    const result =
      combinator === 'AND'
        ? children.every((child) => child(subject, context))
        : children.some((child) => child(subject, context));
    return negate ? !result : result;
  };
}

function compileRule<S>(
  raw: unknown,
  path: string,
  scope: Scope,
  errors: ValidationErrors,
): Predicate<S> {
  if (!isJsonObject(raw)) {
    errors.add(path, `The ${path} field must be an array.`);
    return () => false;
  }
  if (entersRelation(raw, scope, path, errors)) {
    const inner = compileRule<NegativeItemRecord>(
      { ...raw, relation: null },
      path,
      'negativeItem',
      errors,
    );
    return throughRelation(inner, readCountRepeat(raw, path, errors)) as Predicate<S>;
  }
  const fields = (scope === 'client' ? CLIENT_FIELDS : NEGATIVE_ITEM_FIELDS) as Record<
    string,
    FieldDef<S>
  >;
  const fieldName = raw.field;
  const field =
    typeof fieldName === 'string' && Object.hasOwn(fields, fieldName)
      ? fields[fieldName]
      : undefined;
  if (!field) {
    if (typeof fieldName !== 'string' || fieldName === '') {
      errors.add(`${path}.field`, `The ${path}.field field is required.`);
    } else {
      errors.add(`${path}.field`, `The selected ${path}.field is invalid.`);
    }
    return () => false;
  }
  const operator = raw.operator;
  if (typeof operator !== 'string' || !OPERATORS_BY_TYPE[field.type].includes(operator)) {
    errors.add(`${path}.operator`, `The selected ${path}.operator is invalid.`);
    return () => false;
  }
  if (operator === 'null') return (subject) => field.read(subject) == null;
  if (operator === 'notNull') return (subject) => field.read(subject) != null;
  const expected = readValue(raw.value, field.type, `${path}.value`, errors);
  if (expected === undefined) return () => false;
  return (subject) => {
    const actual = field.read(subject);
    return actual != null && compare(actual, operator, expected, field.type);
  };
}

type Comparable = string | number | boolean;

function readValue(
  value: unknown,
  type: FieldType,
  path: string,
  errors: ValidationErrors,
): Comparable | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    errors.add(path, `The ${path} field must be a string.`);
    return undefined;
  }
  const raw = String(value);
  const text = raw.trim();
  switch (type) {
    case 'integer':
      if (/^-?\d+$/.test(text)) return Number.parseInt(text, 10);
      errors.add(path, `The ${path} field must be an integer.`);
      return undefined;
    case 'boolean':
      if (['1', 'true'].includes(text)) return true;
      if (['0', 'false'].includes(text)) return false;
      errors.add(path, `The ${path} field must be true or false.`);
      return undefined;
    case 'date':
      if (isIsoDate(text)) return text;
      errors.add(path, `The ${path} field must match the format Y-m-d.`);
      return undefined;
    case 'string':
      return raw.toLowerCase();
  }
}

function compare(
  actual: AttributeValue,
  operator: string,
  expected: Comparable,
  type: FieldType,
): boolean {
  const value: Comparable =
    type === 'string'
      ? String(actual).toLowerCase()
      : type === 'integer'
        ? Number(actual)
        : (actual as Comparable);
  switch (operator) {
    case '=':
      return value === expected;
    case '!=':
      return value !== expected;
    case '<':
      return value < expected;
    case '>':
      return value > expected;
    case '<=':
      return value <= expected;
    case '>=':
      return value >= expected;
    case 'contains':
      return String(value).includes(String(expected));
    case 'doesNotContain':
      return !String(value).includes(String(expected));
    case 'beginsWith':
      return String(value).startsWith(String(expected));
    case 'endsWith':
      return String(value).endsWith(String(expected));
    default:
      return false;
  }
}

/** Compiles the `conditions` group of a search body; check `errors` before using the result. */
export function compileConditions(raw: unknown, errors: ValidationErrors): Predicate<ClientRecord> {
  return compileGroup<ClientRecord>(raw, 'conditions', 'client', errors);
}
