import { isObject } from './validation';
import type { ApplicationRecord, EnrollmentRecord, JsonObject, JsonValue } from './types';

/** Helpers over the applicant objects of applications and enrollments (§6.8). */

/**
 * `https://host/contacts/contacts/x?y` and `/contacts/contacts/x` both -> `/contacts/contacts/x`.
 * A value that is no URI reference at all comes back unchanged (callers then reject it).
 */
export function uriPath(href: string): string {
  try {
    return new URL(href, 'http://base').pathname.replace(/\/$/, '');
  } catch {
    return href;
  }
}

function selfHref(value: JsonValue | undefined): string | undefined {
  if (!isObject(value)) return undefined;
  const links = value['_links'];
  const self = isObject(links) ? links['self'] : undefined;
  const href = isObject(self) ? self['href'] : undefined;
  return typeof href === 'string' ? href : undefined;
}

/** The contact URI paths of applicants: the keys of `GET /applications?applicant=` (§3.3). */
export function contactPathsOf(applicants: readonly JsonValue[]): string[] {
  return applicants
    .map((applicant) => (isObject(applicant) ? selfHref(applicant['contact']) : undefined))
    .filter((href): href is string => href !== undefined)
    .map(uriPath);
}

/** `First Last` from a contact or user, or null without names. */
export function personName(person: JsonValue | undefined): string | null {
  if (!isObject(person)) return null;
  const first = person['firstName'];
  const last = person['lastName'];
  const parts = [first, last].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length > 0 ? parts.join(' ') : null;
}

/** `applicantName`: the first applicant's contact (else user) name. */
export function applicantNameOf(applicant: JsonValue | undefined): string {
  if (!isObject(applicant)) return '';
  return personName(applicant['contact']) ?? personName(applicant['user']) ?? '';
}

export interface KnownContact {
  contact: JsonObject;
  /** The user URI of the same person, for `apiture:applicant`. */
  userHref: string | null;
}

/**
 * A contact already held by some application or enrollment, looked up by its URI, so a new
 * application naming a known contact carries the full contact as the service would fetch it.
 */
export function findKnownContact(
  path: string,
  applications: Iterable<ApplicationRecord>,
  enrollments: Iterable<EnrollmentRecord>,
): KnownContact | undefined {
  for (const record of applications) {
    for (const applicant of record.applicants) {
      if (!isObject(applicant)) continue;
      const href = selfHref(applicant['contact']);
      if (href !== undefined && uriPath(href) === path && isObject(applicant['contact'])) {
        return {
          contact: structuredClone(applicant['contact']),
          userHref: record.links['apiture:applicant']?.href ?? null,
        };
      }
    }
  }
  for (const record of enrollments) {
    const contact = record.applicant['contact'];
    const href = selfHref(contact);
    if (href !== undefined && uriPath(href) === path && isObject(contact)) {
      return {
        contact: structuredClone(contact),
        userHref: record.links['apiture:applicant']?.href ?? null,
      };
    }
  }
  return undefined;
}
