import { Rng } from '../kit/random';
import type { AmericorSeed } from './seed';
import type {
  AchInput,
  BudgetInput,
  CalculatorInput,
  CreditorInput,
  CreditorRecord,
  CustomerRecord,
  LeadInput,
  ProspectInput,
  SalesRep,
} from './types';

/** The two shapes of a customer path segment (reference §3): all digits, or a UUID of any version. */
export type CustomerRef = { kind: 'id'; id: number } | { kind: 'uuid'; uuid: string };

export const UUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const INTEGER_SEGMENT = /^\d+$/;

/** Reads a path segment as a customer reference; null when it is neither shape. */
export function parseCustomerRef(segment: string): CustomerRef | null {
  if (INTEGER_SEGMENT.test(segment)) return { kind: 'id', id: Number(segment) };
  if (UUID_SEGMENT.test(segment)) return { kind: 'uuid', uuid: segment.toLowerCase() };
  return null;
}

/** What the duplicate-write probe returns for one customer. */
export interface CustomerKey {
  id: number;
  uuid: string;
}

/**
 * The in-memory Americor database. Customers are found by integer `id` or `uuid`; new ids continue
 * the seeded sequences, and new uuids come from a generator seeded by the population seed, so the
 * same calls in the same order produce the same ids.
 */
export class AmericorStore {
  private readonly byId = new Map<number, CustomerRecord>();
  private readonly idByUuid = new Map<string, number>();
  private readonly repsById = new Map<number, SalesRep>();
  private readonly repsByExternalId = new Map<string, SalesRep>();
  private nextCustomerId: number;
  private nextCreditorId: number;
  private readonly uuids: Rng;

  constructor(seed: AmericorSeed) {
    for (const rep of seed.salesReps) {
      this.repsById.set(rep.id, rep);
      this.repsByExternalId.set(String(rep.externalId), rep);
    }
    for (const customer of seed.customers) this.insert(structuredClone(customer));
    this.nextCustomerId = seed.nextCustomerId;
    this.nextCreditorId = seed.nextCreditorId;
    this.uuids = new Rng(`${seed.populationSeed}:americor:runtime-uuids`);
  }

  get size(): number {
    return this.byId.size;
  }

  find(ref: CustomerRef): CustomerRecord | undefined {
    const id = ref.kind === 'id' ? ref.id : this.idByUuid.get(ref.uuid.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  salesRep(id: number | null): SalesRep | null {
    return id === null ? null : (this.repsById.get(id) ?? null);
  }

  /** The customers created with `externalId` (more than one means a duplicated lead write). */
  findByExternalId(externalId: string): CustomerKey[] {
    const found: CustomerKey[] = [];
    for (const customer of this.byId.values()) {
      if (customer.externalId === externalId) found.push({ id: customer.id, uuid: customer.uuid });
    }
    return found;
  }

  /**
   * A new lead: status New, no sales phase; assigned when `externalSalesRepId` names a known rep,
   * otherwise unassigned (inferred: an unknown rep id is not documented as an error).
   */
  createLead(input: LeadInput): CustomerRecord {
    const rep =
      input.externalSalesRepId === undefined
        ? undefined
        : this.repsByExternalId.get(String(input.externalSalesRepId));
    return this.insert({
      ...this.blankCustomer('lead'),
      externalId: input.externalId ?? null,
      lead: structuredClone(input),
      salesRepId: rep?.id ?? null,
    });
  }

  /** A prospect is kept as a customer too, so its uuid works on the lead endpoints (inferred). */
  createProspect(input: ProspectInput): CustomerRecord {
    return this.insert({ ...this.blankCustomer('prospect'), prospect: structuredClone(input) });
  }

  addCreditor(customer: CustomerRecord, input: CreditorInput): CreditorRecord {
    const creditor: CreditorRecord = { ...structuredClone(input), id: this.nextCreditorId++ };
    customer.creditors.push(creditor);
    return creditor;
  }

  /** False when the customer has no creditor with that id (another customer's creditor included). */
  removeCreditor(customer: CustomerRecord, creditorId: number): boolean {
    const index = customer.creditors.findIndex((creditor) => creditor.id === creditorId);
    if (index < 0) return false;
    customer.creditors.splice(index, 1);
    return true;
  }

  /** PUT replaces the whole sub-resource (inferred: replace vs merge is not documented). */
  setBudget(customer: CustomerRecord, input: BudgetInput): void {
    customer.budget = structuredClone(input);
  }

  setAch(customer: CustomerRecord, input: AchInput): void {
    customer.ach = structuredClone(input);
  }

  setCalculator(customer: CustomerRecord, input: CalculatorInput): void {
    customer.calculator = structuredClone(input);
  }

  private blankCustomer(kind: CustomerRecord['kind']): CustomerRecord {
    return {
      id: this.nextCustomerId++,
      uuid: this.uuids.uuid(),
      kind,
      externalId: null,
      lead: null,
      prospect: null,
      status: 0,
      salesPhase: -1,
      salesRepId: null,
      enrollment: null,
      creditors: [],
      budget: null,
      ach: null,
      calculator: null,
    };
  }

  private insert(customer: CustomerRecord): CustomerRecord {
    this.byId.set(customer.id, customer);
    this.idByUuid.set(customer.uuid.toLowerCase(), customer.id);
    return customer;
  }
}
