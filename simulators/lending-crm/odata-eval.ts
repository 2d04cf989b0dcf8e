import type { ComparisonOperator, EdmType, Expression, LiteralValue, OrderByItem } from './odata';

/**
 * Binds a parsed OData expression to an entity type (every property known, operand types
 * compatible, as the vendor's OData stack checks them) and compiles it to plain functions.
 *
 * Semantics, following OData v4: `eq null` / `ne null` test for null; any other comparison with a
 * null operand is false; string comparison is ordinal (case-sensitive: use `tolower(...)` for a
 * case-insensitive match); guids compare case-insensitively; date-times compare as instants.
 */

/** The properties of an entity type and their EDM types. */
export interface EntityType {
  /** Named in error messages, e.g. `Client`. */
  name: string;
  properties: Readonly<Record<string, EdmType>>;
}

/** A query option that parses but does not fit the entity type. */
export class ODataBindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataBindError';
  }
}

type Value = string | number | boolean | null;
/** Any record; properties are read by name. */
type Entity = object;

/** A compiled expression: its static type (null for the `null` literal) and its evaluator. */
interface Bound {
  type: EdmType | null;
  evaluate(entity: Entity): Value;
}

/** The keywords of binary operators as the vendor's OData library names them in messages. */
const OPERATOR_KIND: Record<ComparisonOperator | 'and' | 'or', string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  and: 'And',
  or: 'Or',
};

const NUMERIC: ReadonlySet<EdmType> = new Set(['Edm.Int32', 'Edm.Int64', 'Edm.Double']);
const TEMPORAL: ReadonlySet<EdmType> = new Set(['Edm.DateTimeOffset', 'Edm.Date']);

/** True when values of the two types can be compared with each other. */
function comparable(a: EdmType | null, b: EdmType | null): boolean {
  if (a === null || b === null || a === b) return true;
  if (NUMERIC.has(a) && NUMERIC.has(b)) return true;
  return TEMPORAL.has(a) && TEMPORAL.has(b);
}

/** Text of a type for messages; the null literal has no type. */
function typeName(type: EdmType | null): string {
  return type ?? '<null>';
}

interface FunctionSignature {
  parameters: readonly EdmType[];
  returns: EdmType;
  apply(args: readonly Value[]): Value;
}

const asText = (value: Value): string | null => (typeof value === 'string' ? value : null);

/** The canonical string functions; a null argument gives null (false for the predicates). */
const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  contains: stringPredicate((text, part) => text.includes(part)),
  startswith: stringPredicate((text, part) => text.startsWith(part)),
  endswith: stringPredicate((text, part) => text.endsWith(part)),
  tolower: stringFunction((text) => text.toLowerCase()),
  toupper: stringFunction((text) => text.toUpperCase()),
  trim: stringFunction((text) => text.trim()),
  length: {
    parameters: ['Edm.String'],
    returns: 'Edm.Int32',
    apply: ([text]) => asText(text)?.length ?? null,
  },
  indexof: {
    parameters: ['Edm.String', 'Edm.String'],
    returns: 'Edm.Int32',
    apply: ([text, part]) => {
      const t = asText(text);
      const p = asText(part);
      return t === null || p === null ? null : t.indexOf(p);
    },
  },
};

function stringPredicate(test: (text: string, part: string) => boolean): FunctionSignature {
  return {
    parameters: ['Edm.String', 'Edm.String'],
    returns: 'Edm.Boolean',
    apply: ([text, part]) => {
      const t = asText(text);
      const p = asText(part);
      return t !== null && p !== null && test(t, p);
    },
  };
}

function stringFunction(map: (text: string) => string): FunctionSignature {
  return {
    parameters: ['Edm.String'],
    returns: 'Edm.String',
    apply: ([text]) => {
      const t = asText(text);
      return t === null ? null : map(t);
    },
  };
}

/** A value in the form comparisons use: guids lower-cased, date-times as epoch ms. */
function normalise(value: Value, type: EdmType | null): Value {
  if (value === null) return null;
  if (type === 'Edm.Guid' && typeof value === 'string') return value.toLowerCase();
  if (type !== null && TEMPORAL.has(type) && typeof value === 'string') {
    const ms = Date.parse(
      type === 'Edm.Date' && value.length === 10 ? `${value}T00:00:00Z` : value,
    );
    return Number.isNaN(ms) ? null : ms;
  }
  return value;
}

function literalValue(literal: LiteralValue): Value {
  if (literal.type === 'Edm.DateTimeOffset' || literal.type === 'Edm.Date') return literal.epochMs;
  return literal.value;
}

/** Total order of two non-null values of comparable types. */
function compareDefined(a: string | number | boolean, b: string | number | boolean): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Order used by `$orderby`: null first in ascending order (as SQL Server sorts), then by value.
 */
export function compareValues(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareDefined(a, b);
}

function compare(operator: ComparisonOperator, a: Value, b: Value): boolean {
  if (operator === 'eq') return a === b;
  if (operator === 'ne') return a !== b;
  if (a === null || b === null) return false;
  const order = compareDefined(a, b);
  switch (operator) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

/** Binds and compiles one expression; throws `ODataBindError` naming what does not fit. */
function bind(expression: Expression, entityType: EntityType): Bound {
  switch (expression.kind) {
    case 'literal': {
      const value = literalValue(expression.literal);
      return { type: expression.literal.type, evaluate: () => value };
    }
    case 'property': {
      const name = expression.name;
      const type = entityType.properties[name];
      if (!Object.hasOwn(entityType.properties, name) || type === undefined) {
        throw new ODataBindError(
          `Could not find a property named '${name}' on type '${entityType.name}'.`,
        );
      }
      return {
        type,
        evaluate: (entity) =>
          normalise((entity as Readonly<Record<string, unknown>>)[name] as Value, type),
      };
    }
    case 'not': {
      const operand = bind(expression.operand, entityType);
      if (operand.type !== 'Edm.Boolean' && operand.type !== null) {
        throw new ODataBindError(
          `A unary operator with an incompatible type was detected. Found operand type '${typeName(operand.type)}' for operator kind 'Not'.`,
        );
      }
      return {
        type: 'Edm.Boolean',
        evaluate: (entity) => {
          const value = operand.evaluate(entity);
          return value === null ? null : !value;
        },
      };
    }
    case 'binary': {
      const left = bind(expression.left, entityType);
      const right = bind(expression.right, entityType);
      const operator = expression.operator;
      const incompatible = (): ODataBindError =>
        new ODataBindError(
          `A binary operator with incompatible types was detected. Found operand types '${typeName(left.type)}' and '${typeName(right.type)}' for operator kind '${OPERATOR_KIND[operator]}'.`,
        );
      if (operator === 'and' || operator === 'or') {
        const isBoolean = (type: EdmType | null): boolean =>
          type === 'Edm.Boolean' || type === null;
        if (!isBoolean(left.type) || !isBoolean(right.type)) throw incompatible();
        const wantAll = operator === 'and';
        return {
          type: 'Edm.Boolean',
          evaluate: (entity) => {
            const a = left.evaluate(entity) === true;
            if (a !== wantAll) return a;
            return right.evaluate(entity) === true;
          },
        };
      }
      if (!comparable(left.type, right.type)) throw incompatible();
      return {
        type: 'Edm.Boolean',
        evaluate: (entity) => compare(operator, left.evaluate(entity), right.evaluate(entity)),
      };
    }
    case 'in': {
      const operand = bind(expression.operand, entityType);
      for (const literal of expression.values) {
        if (!comparable(operand.type, literal.type)) {
          throw new ODataBindError(
            `The 'in' operator found an item of type '${typeName(literal.type)}' in a list compared with '${typeName(operand.type)}'.`,
          );
        }
      }
      const candidates = new Set(expression.values.map(literalValue));
      return {
        type: 'Edm.Boolean',
        evaluate: (entity) => candidates.has(operand.evaluate(entity)),
      };
    }
    case 'call': {
      const signature = Object.hasOwn(FUNCTIONS, expression.name)
        ? FUNCTIONS[expression.name]
        : undefined;
      if (!signature) {
        throw new ODataBindError(`An unknown function with name '${expression.name}' was found.`);
      }
      const args = expression.args.map((arg) => bind(arg, entityType));
      const fits =
        args.length === signature.parameters.length &&
        args.every((arg, i) => arg.type === null || arg.type === signature.parameters[i]);
      if (!fits) {
        const found = args.map((arg) => typeName(arg.type)).join(', ');
        throw new ODataBindError(
          `No function signature for the function with name '${expression.name}' matches the specified arguments (${found}). Expected: ${expression.name}(${signature.parameters.join(', ')}).`,
        );
      }
      return {
        type: signature.returns,
        evaluate: (entity) => signature.apply(args.map((arg) => arg.evaluate(entity))),
      };
    }
  }
}

/** Compiles a `$filter` expression into a predicate; throws `ODataBindError`. */
export function compileFilter(
  expression: Expression,
  entityType: EntityType,
): (entity: Entity) => boolean {
  const bound = bind(expression, entityType);
  if (bound.type !== 'Edm.Boolean') {
    throw new ODataBindError('The $filter expression must evaluate to a single boolean value.');
  }
  return (entity) => bound.evaluate(entity) === true;
}

/** Compiles `$orderby` items into a comparator; throws `ODataBindError`. */
export function compileOrderBy(
  items: readonly OrderByItem[],
  entityType: EntityType,
): (a: Entity, b: Entity) => number {
  const keys = items.map((item) => {
    const bound = bind(item.expression, entityType);
    if (bound.type === null) {
      throw new ODataBindError('The $orderby expression must not be the null literal.');
    }
    return { bound, sign: item.direction === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { bound, sign } of keys) {
      const order = compareValues(bound.evaluate(a), bound.evaluate(b));
      if (order !== 0) return order * sign;
    }
    return 0;
  };
}
