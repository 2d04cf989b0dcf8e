/**
 * Client ids of the lending CRM are GUIDs (`string · uuid` in the vendor's schema). The gateway
 * keeps them in canonical form: 8-4-4-4-12 hex digits, lower case.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The canonical form of a client id, or null when the text is not a uuid (such an id cannot exist
 * at the vendor). Surrounding blanks and the braces .NET sometimes prints (`{...}`) are tolerated.
 */
export function normalizeClientId(value: string): string | null {
  const text = value
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  return UUID_PATTERN.test(text) ? text : null;
}
