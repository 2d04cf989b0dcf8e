import { normalizeClientId } from './ids';

/**
 * The few OData v4 `$filter` pieces this client sends, built so that no input can change the
 * expression's shape: strings become single-quoted literals with `'` doubled (the only escape
 * OData string literals have), GUIDs are validated and inlined unquoted (OData v4 GUID literals),
 * and property names come only from the `FilterProperty` union, never from input. The result is
 * the raw expression; URL encoding is left to the HTTP layer.
 */

/** Client properties this client filters on. */
export type FilterProperty =
  'id' | 'email' | 'lastName' | 'mobilePhone' | 'homePhone' | 'workPhone';

/** A finished boolean expression (only this module makes them). */
export type FilterExpression = string & { readonly __filter: unique symbol };

const expression = (text: string): FilterExpression => text as FilterExpression;

/** An OData string literal: `o'brien` -> `'o''brien'`. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** An unquoted OData GUID literal, lower case; throws on anything that is not a uuid. */
export function guidLiteral(value: string): string {
  const id = normalizeClientId(value);
  if (id === null) throw new TypeError('not a uuid');
  return id;
}

/** `id in (g1,g2)`: OData 4.01 `in` over GUID literals. */
export function idIn(ids: readonly string[]): FilterExpression {
  if (ids.length === 0) throw new RangeError('idIn needs at least one id');
  return expression(`id in (${ids.map(guidLiteral).join(',')})`);
}

/** `id eq g1 or id eq g2`: the OData 4.0 spelling of `idIn`. */
export function idEqAny(ids: readonly string[]): FilterExpression {
  if (ids.length === 0) throw new RangeError('idEqAny needs at least one id');
  return expression(ids.map((id) => `id eq ${guidLiteral(id)}`).join(' or '));
}

/** `tolower(prop) eq 'value'`: a case-insensitive match; `value` must already be lower case. */
export function lowerEquals(property: FilterProperty, lowerValue: string): FilterExpression {
  return expression(`tolower(${property}) eq ${stringLiteral(lowerValue)}`);
}

/** `contains(prop,'part')`. */
export function contains(property: FilterProperty, part: string): FilterExpression {
  return expression(`contains(${property},${stringLiteral(part)})`);
}

/** Parenthesised disjunction of the parts (parentheses keep each part's shape whatever it holds). */
export function anyOf(parts: readonly FilterExpression[]): FilterExpression {
  if (parts.length === 0) throw new RangeError('anyOf needs at least one part');
  if (parts.length === 1) return parts[0];
  return expression(parts.map((part) => `(${part})`).join(' or '));
}
