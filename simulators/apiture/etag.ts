import { createHash } from 'node:crypto';
import { preconditionFailed, preconditionRequired } from './errors';

/**
 * Entity tags (§3.4). The reference does not show their format; the sandbox uses a strong tag
 * `"<16 hex digits>"` hashed from the representation, so any change of the resource (state,
 * fields, `updatedAt`) changes it and tags of different resources never coincide.
 */
export function etagOf(representation: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(representation)).digest('hex');
  return `"${digest.slice(0, 16)}"`;
}

/** The tags of an `If-Match` / `If-None-Match` list, quotes kept; `*` stays `*`. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .map((tag) => (tag === '*' || tag.startsWith('"') || tag.startsWith('W/') ? tag : `"${tag}"`));
}

/** `If-None-Match` uses the weak comparison (RFC 9110 13.1.2): `W/` prefixes are ignored. */
export function noneMatchHits(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  const weak = (tag: string): string => tag.replace(/^W\//, '');
  return tagsOf(header).some((tag) => tag === '*' || weak(tag) === weak(current));
}

/**
 * Checks `If-Match` (strong comparison). Throws 412 when it does not match and, when `required`,
 * 428 when it is absent; an absent optional header passes.
 */
export function checkIfMatch(header: string | undefined, current: string, required: boolean): void {
  if (header === undefined || header.trim() === '') {
    if (required) throw preconditionRequired();
    return;
  }
  const matches = tagsOf(header).some((tag) => tag === '*' || tag === current);
  if (!matches) throw preconditionFailed(header, current);
}
