/**
 * `npm run token:mint -- [--scopes "people:read pii:read"] [--subject NAME] [--ttl SECONDS]`:
 * prints a JWT the gateway accepts with `AUTH_MODE=jwt`, signed with `JWT_SECRET` for
 * `JWT_ISSUER` / `JWT_AUDIENCE` (the same variables the gateway reads). Default: every scope,
 * subject `developer`, one hour.
 */
import { mintToken } from '../src/auth/mint';
import { SCOPES, isScope } from '../src/auth/scopes';
import { loadConfig } from '../src/config';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const scopes = (option('scopes') ?? SCOPES.join(' ')).split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0)
    throw new Error(`unknown scopes: ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`);
  const ttl = Number(option('ttl') ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 31 * 86_400)
    throw new Error('--ttl must be a whole number of seconds up to 31 days');
  const config = loadConfig({ ...process.env, AUTH_MODE: 'jwt' });
  process.stdout.write(
    `${await mintToken(config.auth, { subject: option('subject') ?? 'developer', scopes: scopes.filter(isScope), ttlSeconds: ttl })}\n`,
  );
}

main().catch((error: unknown) => {
  const problems = error instanceof AggregateError ? error.errors : [error];
  for (const problem of problems)
    process.stderr.write(`token:mint: ${(problem as Error).message}\n`);
  process.exit(1);
});
