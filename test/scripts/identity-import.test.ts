import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSsnHasher } from '../../src/identity/match-keys';
import { IdentityService } from '../../src/identity/service';
import { createLogger } from '../../src/logger';
import { openStores } from '../../src/stores';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'import-test-hash-key-0123456789abcdef';

function run(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/identity-import.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, IDENTITY_HASH_KEY: KEY },
    encoding: 'utf8',
  });
}

async function identityAt(dataDir: string) {
  const stores = openStores(dataDir, createLogger({ level: 'silent' }));
  return {
    identity: new IdentityService(stores.identity, createSsnHasher(KEY)),
    close: () => stores.close(),
  };
}

describe('npm run identity:import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a CSV and a JSON file; records sharing keys join one person', async () => {
    const csv = path.join(dir, 'records.csv');
    writeFileSync(
      csv,
      [
        'vendor,vendor_id,email,phone,name,date_of_birth',
        'AMERICOR,48a9788c-5306-477f-bfb4-842469fa1344,Avery.Stone@Example.com,(617) 555-0111,Avery Stone,1980-01-02',
        'agencyzoom,customer:9001,,+16175550111,,',
      ].join('\n'),
    );
    const json = path.join(dir, 'records.json');
    writeFileSync(
      json,
      JSON.stringify([{ vendor: 'CREDIT_PROS', vendorId: '77', email: 'avery.stone@example.com' }]),
    );
    const first = run(path.join(dir, 'data'), csv);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('done: 2 records linked to 1 people');
    expect(run(path.join(dir, 'data'), json).status).toBe(0);
    const { identity, close } = await identityAt(path.join(dir, 'data'));
    const person = await identity.personOf({
      vendor: 'AMERICOR',
      id: '48a9788c-5306-477f-bfb4-842469fa1344',
    });
    expect(person).toBeTruthy();
    expect(await identity.personOf({ vendor: 'AGENCYZOOM', id: 'customer:9001' })).toBe(person);
    expect(await identity.personOf({ vendor: 'CREDIT_PROS', id: '77' })).toBe(person);
    expect(
      (await identity.snapshot({ vendor: 'AMERICOR', id: '48a9788c-5306-477f-bfb4-842469fa1344' }))
        ?.lastName,
    ).toBe('Stone');
    await close();
  });

  it('imports nothing when a row is invalid, naming the row but not its values', async () => {
    const json = path.join(dir, 'bad.json');
    writeFileSync(
      json,
      JSON.stringify([
        { vendor: 'CREDIT_PROS', vendorId: '78', email: 'ok@example.com' },
        { vendor: 'LENDING_CRM', vendorId: 'not-a-uuid', email: 'secret.person@example.com' },
        { vendor: 'NOPE', vendorId: '1' },
      ]),
    );
    const result = run(path.join(dir, 'data'), json);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('row 2: vendorId is missing or not a LENDING_CRM record ID');
    expect(result.stderr).toContain('row 3: vendor must be');
    expect(result.stderr).toContain('nothing was imported');
    expect(result.stderr).not.toContain('secret.person');
    const { identity, close } = await identityAt(path.join(dir, 'data'));
    expect(await identity.personOf({ vendor: 'CREDIT_PROS', id: '78' })).toBeNull();
    await close();
    const skipped = run(path.join(dir, 'data'), json, '--skip-invalid');
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toContain('2 invalid rows skipped');
  });

  it('explains its usage without a file', () => {
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage: npm run identity:import -- FILE');
  });
});
