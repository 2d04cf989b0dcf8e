import { americorSeedLinks } from '../../simulators/americor/seed';
import type { Population } from '../../simulators/population/generate';
import type { PersonRecordModel } from '../domain/models';
import { normalizeEmail, normalizePhone } from '../domain/normalize';
import type { IdentityService } from './service';

/**
 * Embedded mode only: writes, once per population, the links the sandbox's Americor leads would
 * have got had they been created through the gateway (Americor cannot be searched, so without
 * them those leads could never be found). Returns how many records it linked (0 when done before).
 */
export async function seedAmericorLinks(
  identity: IdentityService,
  population: Population,
): Promise<number> {
  const marker = `${population.seed}:${population.size}`;
  if ((await identity.getMeta<string>('seeded-americor')) === marker) return 0;
  const records: PersonRecordModel[] = americorSeedLinks(population).map((link) => ({
    ref: { vendor: 'AMERICOR', id: link.uuid },
    firstName: link.firstName,
    middleName: null,
    lastName: link.lastName,
    emails: link.email && normalizeEmail(link.email) ? [normalizeEmail(link.email) as string] : [],
    phones: link.phone && normalizePhone(link.phone) ? [normalizePhone(link.phone) as string] : [],
    dateOfBirth: link.dateOfBirth,
    ssn: null,
    addresses: [],
  }));
  await identity.resolve(records);
  for (const record of records) await identity.saveSnapshot(record);
  await identity.setMeta('seeded-americor', marker);
  return records.length;
}
