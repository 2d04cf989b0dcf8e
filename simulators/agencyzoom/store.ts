import { invalidParameters } from './errors';
import { IdSequence } from './ids';
import type { IdKind } from './ids';
import { SEED_TAGS } from './reference-data';
import type { AgencyZoomSeed } from './seed';
import type {
  CustomerRecord,
  FileRecord,
  LeadRecord,
  NoteRecord,
  PolicyRecord,
  ProductRecord,
  TaskRecord,
} from './types';

/**
 * The sandbox's in-memory data. Maps iterate in insertion order, which is id order, so every
 * listing is deterministic. Lookups that miss throw the vendor's 400 (an unknown id is a 400 in
 * AgencyZoom, inferred: no 404 is documented).
 */
export class AgencyZoomStore {
  readonly leads = new Map<number, LeadRecord>();
  readonly customers = new Map<number, CustomerRecord>();
  readonly policies = new Map<number, PolicyRecord>();
  readonly tasks = new Map<number, TaskRecord>();
  readonly files = new Map<number, FileRecord>();
  readonly quotes = new Map<number, ProductRecord>();
  readonly opportunities = new Map<number, ProductRecord>();
  notes: NoteRecord[] = [];
  private readonly ids = new IdSequence();
  /** Tag id by lower-case tag name; tags written by name get the next free id. */
  private readonly tagIds = new Map<string, number>();
  private readonly tagNames = new Map<number, string>();

  constructor(seed: AgencyZoomSeed) {
    const copy = structuredClone(seed);
    this.load('lead', this.leads, copy.leads);
    this.load('customer', this.customers, copy.customers);
    this.load('policy', this.policies, copy.policies);
    this.load('task', this.tasks, copy.tasks);
    this.load('file', this.files, copy.files);
    this.load('product', this.quotes, copy.quotes);
    this.load('product', this.opportunities, copy.opportunities);
    for (const policy of copy.policies) {
      if (policy.amsPolicyId !== null) this.ids.observe('amsPolicy', policy.amsPolicyId);
    }
    this.notes = copy.notes;
    for (const tag of SEED_TAGS) this.registerTag(tag.name, tag.id);
  }

  nextId(kind: IdKind): number {
    return this.ids.next(kind);
  }

  lead(id: number): LeadRecord {
    const lead = this.leads.get(id);
    if (!lead) throw invalidParameters(`lead ${id} does not exist`);
    return lead;
  }

  customer(id: number): CustomerRecord {
    const customer = this.customers.get(id);
    if (!customer) throw invalidParameters(`customer ${id} does not exist`);
    return customer;
  }

  policy(id: number): PolicyRecord {
    const policy = this.policies.get(id);
    if (!policy) throw invalidParameters(`policy ${id} does not exist`);
    return policy;
  }

  policyByAmsId(amsPolicyId: number): PolicyRecord {
    for (const policy of this.policies.values()) {
      if (policy.amsPolicyId === amsPolicyId) return policy;
    }
    throw invalidParameters(`AMS policy ${amsPolicyId} does not exist`);
  }

  policiesOf(customerId: number): PolicyRecord[] {
    return [...this.policies.values()].filter((p) => p.customerId === customerId);
  }

  /** Policies grouped by customer id, for searches that look at every customer's policies. */
  policiesByCustomer(): Map<number, PolicyRecord[]> {
    const grouped = new Map<number, PolicyRecord[]>();
    for (const policy of this.policies.values()) {
      const list = grouped.get(policy.customerId);
      if (list) list.push(policy);
      else grouped.set(policy.customerId, [policy]);
    }
    return grouped;
  }

  notesOfLead(leadId: number): NoteRecord[] {
    return this.notes.filter((n) => n.leadId === leadId);
  }

  notesOfCustomer(customerId: number): NoteRecord[] {
    return this.notes.filter((n) => n.customerId === customerId);
  }

  tasksOfLead(leadId: number): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.leadId === leadId);
  }

  tasksOfCustomer(customerId: number): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.customerId === customerId);
  }

  filesOfCustomer(customerId: number): FileRecord[] {
    return [...this.files.values()].filter((f) => f.customerId === customerId);
  }

  quotesOf(leadId: number): ProductRecord[] {
    return [...this.quotes.values()].filter((q) => q.leadId === leadId);
  }

  opportunitiesOf(leadId: number): ProductRecord[] {
    return [...this.opportunities.values()].filter((o) => o.leadId === leadId);
  }

  /** Removes a lead with its notes, tasks, quotes and opportunities. */
  deleteLead(id: number): void {
    this.lead(id);
    this.leads.delete(id);
    this.notes = this.notes.filter((n) => n.leadId !== id);
    for (const [taskId, task] of this.tasks) if (task.leadId === id) this.tasks.delete(taskId);
    for (const [quoteId, quote] of this.quotes)
      if (quote.leadId === id) this.quotes.delete(quoteId);
    for (const [oppId, opp] of this.opportunities) {
      if (opp.leadId === id) this.opportunities.delete(oppId);
    }
  }

  /** Removes a customer with its policies, notes, tasks and files. */
  deleteCustomer(id: number): void {
    this.customer(id);
    this.customers.delete(id);
    this.notes = this.notes.filter((n) => n.customerId !== id);
    for (const [policyId, p] of this.policies)
      if (p.customerId === id) this.policies.delete(policyId);
    for (const [taskId, t] of this.tasks) if (t.customerId === id) this.tasks.delete(taskId);
    for (const [fileId, f] of this.files) if (f.customerId === id) this.files.delete(fileId);
  }

  /** Ids of the `;`-separated tag names, registering names not seen before. */
  tagIdsFor(tagNames: string): number[] {
    const ids: number[] = [];
    for (const name of tagNames.split(';').map((n) => n.trim())) {
      if (name === '') continue;
      const id = this.tagIds.get(name.toLowerCase()) ?? this.registerTag(name);
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  tagName(id: number): string | undefined {
    return this.tagNames.get(id);
  }

  private registerTag(name: string, id = Math.max(0, ...this.tagNames.keys()) + 1): number {
    this.tagIds.set(name.toLowerCase(), id);
    this.tagNames.set(id, name);
    return id;
  }

  private load<T extends { id: number }>(kind: IdKind, into: Map<number, T>, records: T[]): void {
    for (const record of records) {
      into.set(record.id, record);
      this.ids.observe(kind, record.id);
    }
  }
}
