/**
 * `npm run identity:import -- FILE [--skip-invalid]`: imports vendor records that predate the
 * gateway into the identity store (DATA_DIR, or REDIS_URL once scaled out), so they join people
 * like records the gateway found itself. FILE is JSON (an array of objects) or CSV (with a header
 * row); the columns: vendor, vendorId, email, phone, firstName, lastName (or name), dateOfBirth.
 *
 * Every row is checked first; with any invalid row nothing is imported (unless --skip-invalid),
 * and the problems are listed by row number without repeating the values.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../src/config';
import type { PersonRecordModel } from '../src/domain/models';
import { normalizeEmail, normalizeIsoDate, normalizePhone } from '../src/domain/normalize';
import { recordRefOf } from '../src/domain/record-ids';
import { isVendorId } from '../src/domain/vendor';
import { createSsnHasher } from '../src/identity/match-keys';
import { IdentityService } from '../src/identity/service';
import { createLogger } from '../src/logger';
import { identityHashKey, openConfiguredStores } from '../src/stores';

type Row = Record<string, unknown>;

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string): never => {
  process.stderr.write(`identity:import: ${line}\n`);
  process.exit(1);
};

/** The first non-empty value of the given column names (case and `_` ignored). */
function field(row: Row, ...names: string[]): string | null {
  const wanted = names.map((n) => n.toLowerCase().replace(/_/g, ''));
  for (const [key, value] of Object.entries(row)) {
    if (!wanted.includes(key.toLowerCase().replace(/_/g, ''))) continue;
    // Only scalars are values; an object or array in a column is ignored.
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text !== '') return text;
  }
  return null;
}

export function toRecord(row: Row): { record: PersonRecordModel } | { problem: string } {
  const vendor = field(row, 'vendor')?.toUpperCase().replace(/[\s-]/g, '_') ?? '';
  if (!isVendorId(vendor))
    return { problem: 'vendor must be AMERICOR, CREDIT_PROS, LENDING_CRM, APITURE or AGENCYZOOM' };
  const id = field(row, 'vendorId', 'id');
  const ref = id ? recordRefOf(vendor, id) : null;
  if (!ref) return { problem: `vendorId is missing or not a ${vendor} record ID` };
  const emailText = field(row, 'email');
  const email = emailText ? normalizeEmail(emailText) : null;
  if (emailText && !email) return { problem: 'email is not an email address' };
  const phoneText = field(row, 'phone');
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (phoneText && !phone) return { problem: 'phone is not a phone number' };
  const dobText = field(row, 'dateOfBirth', 'dob');
  const dateOfBirth = dobText ? normalizeIsoDate(dobText) : null;
  if (dobText && !dateOfBirth) return { problem: 'dateOfBirth is not a YYYY-MM-DD date' };
  let firstName = field(row, 'firstName');
  let lastName = field(row, 'lastName');
  const name = field(row, 'name');
  if (name && !lastName) {
    const parts = name.split(/\s+/);
    lastName = parts.pop() ?? null;
    firstName ??= parts.join(' ') || null;
  }
  if (!email && !phone && !(lastName && dateOfBirth))
    return { problem: 'needs an email, a phone, or a last name with a date of birth' };
  return {
    record: {
      ref,
      firstName,
      middleName: null,
      lastName,
      emails: email ? [email] : [],
      phones: phone ? [phone] : [],
      dateOfBirth,
      ssn: null,
      addresses: [],
    },
  };
}

function readRows(file: string): Row[] {
  const text = readFileSync(file, 'utf8');
  if (path.extname(file).toLowerCase() === '.json' || text.trimStart().startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) fail('a JSON file must hold an array of records');
    return parsed as Row[];
  }
  return parse<Row>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const skipInvalid = args.includes('--skip-invalid');
  if (!file)
    fail('usage: npm run identity:import -- FILE [--skip-invalid]   (FILE: .json or .csv)');
  let rows: Row[] = [];
  try {
    rows = readRows(file as string);
  } catch (error) {
    fail(`cannot read ${file as string}: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const records: PersonRecordModel[] = [];
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const result = toRecord(row);
    if ('problem' in result) problems.push(`row ${index + 1}: ${result.problem}`);
    else records.push(result.record);
  });
  for (const problem of problems.slice(0, 50)) process.stderr.write(`${problem}\n`);
  if (problems.length > 50) process.stderr.write(`... and ${problems.length - 50} more\n`);
  if (problems.length > 0 && !skipInvalid)
    fail(
      `${problems.length} of ${rows.length} rows are invalid; nothing was imported (--skip-invalid imports the others)`,
    );

  const config = loadConfig();
  const logger = createLogger({ level: 'warn' });
  const stores = openConfiguredStores(config, logger);
  if (!(await stores.whenReady(10_000)))
    fail('The identity store (REDIS_URL) does not answer; nothing was imported');
  const identity = new IdentityService(
    stores.identity,
    createSsnHasher(identityHashKey(config.identityHashKey, config.dataDir)),
    { locker: stores.locker, shared: stores.backend === 'redis' },
  );
  const people = new Set<string>();
  const chunk = 200;
  for (let i = 0; i < records.length; i += chunk) {
    const part = records.slice(i, i + chunk);
    for (const id of (await identity.resolve(part)).values()) people.add(id);
    // Records whose vendor cannot be read back keep the identity fields imported here.
    for (const record of part)
      if (record.ref.vendor === 'AMERICOR' || record.ref.vendor === 'APITURE')
        await identity.saveSnapshot(record);
    out(`imported ${Math.min(i + chunk, records.length)} of ${records.length} records`);
  }
  await stores.close();
  out(
    `done: ${records.length} records linked to ${people.size} people in ${config.dataDir}${problems.length ? `; ${problems.length} invalid rows skipped` : ''}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => fail((error as Error).message));
}
