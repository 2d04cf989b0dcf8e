import { Rng } from '../kit/random';
import type { ApitureSeed } from './seed';
import type { ApplicationRecord, EnrollmentRecord } from './types';

/**
 * In-memory state of one sandbox. Ids are opaque UUID-shaped strings, as in every example of the
 * reference (§1.5); ids of resources created at run time come from a generator seeded with the
 * population seed, so a replayed sequence of calls creates the same ids.
 */
export class ApitureStore {
  private readonly applications = new Map<string, ApplicationRecord>();
  private readonly enrollments = new Map<string, EnrollmentRecord>();
  private readonly ids: Rng;

  constructor(seed: ApitureSeed, idSeed: string) {
    this.ids = new Rng(`${idSeed}:apiture:runtime-ids`);
    // Records are copied so writes never reach the seed (or each other through shared contacts).
    for (const record of seed.applications)
      this.applications.set(record._id, structuredClone(record));
    for (const record of seed.enrollments)
      this.enrollments.set(record._id, structuredClone(record));
  }

  /** A fresh id unused by any application or enrollment. */
  newId(): string {
    for (;;) {
      const id = this.ids.uuid();
      if (!this.applications.has(id) && !this.enrollments.has(id)) return id;
    }
  }

  /** A fresh UUID for a related resource (workflow, approval...) of a new record. */
  newRelatedId(): string {
    return this.ids.uuid();
  }

  allApplications(): IterableIterator<ApplicationRecord> {
    return this.applications.values();
  }

  getApplication(id: string): ApplicationRecord | undefined {
    return this.applications.get(id);
  }

  putApplication(record: ApplicationRecord): void {
    this.applications.set(record._id, record);
  }

  deleteApplication(id: string): boolean {
    return this.applications.delete(id);
  }

  allEnrollments(): IterableIterator<EnrollmentRecord> {
    return this.enrollments.values();
  }

  getEnrollment(id: string): EnrollmentRecord | undefined {
    return this.enrollments.get(id);
  }

  putEnrollment(record: EnrollmentRecord): void {
    this.enrollments.set(record._id, record);
  }

  deleteEnrollment(id: string): boolean {
    return this.enrollments.delete(id);
  }
}
