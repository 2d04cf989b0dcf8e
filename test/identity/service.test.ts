import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import type { PersonRecordModel } from '../../src/domain/models';
import type { VendorId } from '../../src/domain/vendor';
import { createSsnHasher } from '../../src/identity/match-keys';
import { IdentityService } from '../../src/identity/service';
import { createLogger } from '../../src/logger';
import { openStores } from '../../src/stores';

function record(
  vendor: VendorId,
  id: string,
  fields: Partial<PersonRecordModel> = {},
): PersonRecordModel {
  return {
    ref: { vendor, id },
    firstName: 'Jordan',
    middleName: null,
    lastName: 'Rivera',
    emails: [],
    phones: [],
    dateOfBirth: null,
    ssn: null,
    addresses: [],
    ...fields,
  };
}

const hasher = createSsnHasher('test-secret-that-is-long-enough-0000');
let clockMs = Date.UTC(2026, 0, 1);
const service = () => new IdentityService(new Keyv(), hasher, { clock: () => (clockMs += 1000) });

describe('IdentityService', () => {
  it('joins records on normalised email, phone, SSN hash and last name plus date of birth', async () => {
    const identity = service();
    const ids = await identity.resolve([
      record('CREDIT_PROS', '1001', { emails: ['jordan.rivera@example.com'] }),
      record('LENDING_CRM', 'a', {
        emails: ['jordan.rivera@example.com'],
        phones: ['+16175550142'],
      }),
      record('AGENCYZOOM', 'customer:7', { phones: ['+16175550142'], ssn: '045-62-1187' }),
      record('APITURE', 'contact:x', { ssn: '045-62-1187' }),
      record('AMERICOR', 'u-1', { lastName: "O'Rivera", dateOfBirth: '1986-04-12' }),
      record('AGENCYZOOM', 'lead:9', { lastName: 'ORIVERA', dateOfBirth: '1986-04-12' }),
      record('CREDIT_PROS', '2002', { emails: ['someone.else@example.com'] }),
    ]);
    const person = ids.get('CREDIT_PROS:1001');
    expect(ids.get('LENDING_CRM:a')).toBe(person);
    expect(ids.get('AGENCYZOOM:customer:7')).toBe(person);
    expect(ids.get('APITURE:contact:x')).toBe(person);
    expect(ids.get('AMERICOR:u-1')).toBe(ids.get('AGENCYZOOM:lead:9'));
    expect(ids.get('AMERICOR:u-1')).not.toBe(person);
    expect(ids.get('CREDIT_PROS:2002')).not.toBe(person);
    expect(await identity.findByMatch({ phone: '(617) 555-0142' })).toEqual([person]);
    expect(await identity.findByMatch({ ssn: '045621187' })).toEqual([person]);
    expect(await identity.findByMatch({ lastName: 'orivera', dateOfBirth: '1986-04-12' })).toEqual([
      ids.get('AMERICOR:u-1'),
    ]);
  });

  it('merges two people a new record bridges into the older one, and the newer ID keeps working', async () => {
    const identity = service();
    const first = (
      await identity.resolve([record('CREDIT_PROS', '1', { emails: ['a@example.com'] })])
    ).get('CREDIT_PROS:1') as string;
    const second = (
      await identity.resolve([record('LENDING_CRM', '2', { phones: ['+12125550100'] })])
    ).get('LENDING_CRM:2') as string;
    expect(second).not.toBe(first);
    const bridged = await identity.resolve([
      record('AGENCYZOOM', 'customer:3', { emails: ['a@example.com'], phones: ['+12125550100'] }),
    ]);
    expect(bridged.get('AGENCYZOOM:customer:3')).toBe(first);
    expect((await identity.getPerson(second))?.id).toBe(first);
    expect((await identity.getPerson(first))?.links.sort()).toEqual([
      'AGENCYZOOM:customer:3',
      'CREDIT_PROS:1',
      'LENDING_CRM:2',
    ]);
    expect(await identity.personOf({ vendor: 'LENDING_CRM', id: '2' })).toBe(first);
  });

  it('unlink detaches a record for good; link pins it where a person says', async () => {
    const identity = service();
    const ids = await identity.resolve([
      record('CREDIT_PROS', '1', { phones: ['+12125550101'] }),
      record('AGENCYZOOM', 'customer:2', { phones: ['+12125550101'] }),
    ]);
    const shared = ids.get('CREDIT_PROS:1') as string;
    expect(ids.get('AGENCYZOOM:customer:2')).toBe(shared);
    const own = await identity.unlink({ vendor: 'AGENCYZOOM', id: 'customer:2' }, shared);
    expect(own).not.toBe(shared);
    const again = await identity.resolve([
      record('AGENCYZOOM', 'customer:2', { phones: ['+12125550101'] }),
    ]);
    expect(again.get('AGENCYZOOM:customer:2')).toBe(own);
    expect((await identity.getPerson(shared))?.links).toEqual(['CREDIT_PROS:1']);
    await identity.link({ vendor: 'AGENCYZOOM', id: 'customer:2' }, shared);
    expect(await identity.personOf({ vendor: 'AGENCYZOOM', id: 'customer:2' })).toBe(shared);
    await expect(identity.unlink({ vendor: 'CREDIT_PROS', id: '1' }, own)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      identity.link({ vendor: 'CREDIT_PROS', id: '1' }, 'p_nobody'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never stores an SSN in clear, and snapshots drop it', async () => {
    const store = new Keyv();
    const identity = new IdentityService(store, hasher);
    const withSsn = record('APITURE', 'contact:1', {
      ssn: '123-45-6789',
      emails: ['x@example.com'],
    });
    await identity.resolve([withSsn]);
    await identity.saveSnapshot(withSsn);
    const dump: string[] = [];
    for await (const [key, value] of store.iterator?.(store.namespace) ?? [])
      dump.push(`${String(key)}=${JSON.stringify(value)}`);
    expect(dump.length).toBeGreaterThanOrEqual(4);
    const text = dump.join('\n');
    expect(text).not.toContain('123-45-6789');
    expect(text).not.toContain('123456789');
    expect(await identity.snapshot({ vendor: 'APITURE', id: 'contact:1' })).not.toHaveProperty(
      'ssn',
    );
  });

  it('keeps person IDs across a restart (SQLite under DATA_DIR)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'identity-'));
    const logger = createLogger({ level: 'silent' });
    try {
      const first = openStores(dir, logger);
      const before = await new IdentityService(first.identity, hasher).resolve([
        record('AMERICOR', 'uuid-1', { emails: ['keep@example.com'] }),
      ]);
      await first.close();
      const second = openStores(dir, logger);
      const identity = new IdentityService(second.identity, hasher);
      expect(await identity.personOf({ vendor: 'AMERICOR', id: 'uuid-1' })).toBe(
        before.get('AMERICOR:uuid-1'),
      );
      expect(await identity.findByMatch({ email: 'KEEP@example.com' })).toEqual([
        before.get('AMERICOR:uuid-1'),
      ]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
