/** The scopes a caller may hold; each guards the fields marked `@requires(scope: ...)` in the SDL. */
export const SCOPES = [
  'people:read',
  'pii:read',
  'pii:ssn',
  'credit:read',
  'leads:write',
  'applications:write',
  'identity:write',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Who is asking, once authenticated. */
export interface Caller {
  /** Stable identifier: the JWT subject, the API key's name, or `anonymous`. */
  id: string;
  kind: 'jwt' | 'apikey' | 'anonymous';
  scopes: ReadonlySet<Scope>;
}

/**
 * What `AUTH_MODE=none` callers (development only) may do: everything but see personal data
 * (date of birth, full address, full SSN), which stays masked.
 */
export const DEVELOPMENT_SCOPES: readonly Scope[] = SCOPES.filter(
  (scope) => !scope.startsWith('pii:'),
);
