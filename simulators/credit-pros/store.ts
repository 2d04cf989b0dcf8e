import type {
  AttributeValue,
  Bureau,
  ClientRecord,
  CreditProsSeed,
  InternalReportRecord,
  MasterSchemaRecord,
  NegativeItemRecord,
  SegmentRecord,
  StaffUserRecord,
} from './types';

/** A partial client update as validated from `PUT /portal/clients/{client}`. */
export interface ClientPatch {
  email?: string;
  mobile_phone?: string;
  /** Already converted to the vendor's integer form (leading zeros lost). */
  ssn?: number;
  attributes?: Record<string, AttributeValue>;
}

/** Clients and negative items counted per segment, for SegmentResource. */
interface SegmentCounts {
  clients: number;
  negativeItems: number;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/**
 * The in-memory state of one sandbox: integer ids as the vendor uses them, every list in id
 * order. Built from a seed copy, so writes never change the seed.
 */
export class CreditProsStore {
  private readonly clients: Map<number, ClientRecord>;
  private readonly segments: Map<number, SegmentRecord>;
  private readonly segmentCounts = new Map<number, SegmentCounts>();
  private readonly reportsByClient: Map<number, InternalReportRecord[]>;
  private readonly masterSchemas: Map<number, MasterSchemaRecord>;
  private readonly masterSchemasByClient: Map<number, MasterSchemaRecord[]>;
  private readonly negativeItems: Map<number, NegativeItemRecord>;
  private readonly negativeItemsByClient: Map<number, NegativeItemRecord[]>;
  private readonly staff: Map<number, StaffUserRecord>;
  /** ISO date-time of each staff user's last login (user_access_log). */
  private readonly lastLogins = new Map<number, string>();

  constructor(seed: CreditProsSeed) {
    const copy = structuredClone(seed);
    const byId = <T extends { id: number }>(items: readonly T[]): Map<number, T> =>
      new Map([...items].sort((a, b) => a.id - b.id).map((item) => [item.id, item]));
    this.clients = byId(copy.clients);
    this.segments = byId(copy.segments);
    this.masterSchemas = byId(copy.masterSchemas);
    this.negativeItems = byId(copy.negativeItems);
    this.staff = byId(copy.staffUsers);
    this.reportsByClient = groupBy(copy.reports, (report) => report.client_id);
    this.masterSchemasByClient = groupBy([...this.masterSchemas.values()], (s) => s.client_id);
    this.negativeItemsByClient = groupBy([...this.negativeItems.values()], (i) => i.client_id);
    for (const segment of this.segments.values()) {
      this.segmentCounts.set(segment.id, { clients: 0, negativeItems: 0 });
    }
    for (const client of this.clients.values()) {
      const counts = this.segmentCounts.get(client.segment_id);
      if (!counts) continue;
      counts.clients += 1;
      counts.negativeItems += this.negativeItemsByClient.get(client.id)?.length ?? 0;
    }
  }

  // ---- clients ----

  listClients(): ClientRecord[] {
    return [...this.clients.values()];
  }

  getClient(id: number): ClientRecord | undefined {
    return this.clients.get(id);
  }

  /** Another client already using `email` (compared case-insensitively, like MySQL). */
  emailTakenByOther(email: string, clientId: number): boolean {
    const wanted = email.toLowerCase();
    for (const client of this.clients.values()) {
      if (client.id !== clientId && client.email.toLowerCase() === wanted) return true;
    }
    return false;
  }

  /** Applies a validated patch; `nowIso` becomes `updated_at`. */
  updateClient(id: number, patch: ClientPatch, nowIso: string): ClientRecord | undefined {
    const client = this.clients.get(id);
    if (!client) return undefined;
    if (patch.email !== undefined) client.email = patch.email;
    if (patch.mobile_phone !== undefined) client.mobile_phone = patch.mobile_phone;
    if (patch.ssn !== undefined) client.ssn = patch.ssn;
    if (patch.attributes) Object.assign(client.attributes, patch.attributes);
    client.updated_at = nowIso;
    return client;
  }

  // ---- segments ----

  getSegment(id: number): SegmentRecord | undefined {
    return this.segments.get(id);
  }

  countsOf(segmentId: number): SegmentCounts {
    return this.segmentCounts.get(segmentId) ?? { clients: 0, negativeItems: 0 };
  }

  // ---- internal reports ----

  reportsOf(clientId: number): InternalReportRecord[] {
    return [...(this.reportsByClient.get(clientId) ?? [])];
  }

  reportOf(clientId: number, bureau: Bureau): InternalReportRecord | undefined {
    return this.reportsByClient.get(clientId)?.find((report) => report.bureau === bureau);
  }

  // ---- master schemas ----

  getMasterSchema(id: number): MasterSchemaRecord | undefined {
    return this.masterSchemas.get(id);
  }

  masterSchemasOf(clientId: number): MasterSchemaRecord[] {
    return [...(this.masterSchemasByClient.get(clientId) ?? [])];
  }

  /** The client's most recent pull across all bureaus (inferred): latest `report_date`, then highest id. */
  latestMasterSchemaOf(clientId: number): MasterSchemaRecord | undefined {
    let latest: MasterSchemaRecord | undefined;
    for (const schema of this.masterSchemasByClient.get(clientId) ?? []) {
      if (!latest || schema.report_date > latest.report_date) latest = schema;
      else if (schema.report_date === latest.report_date && schema.id > latest.id) latest = schema;
    }
    return latest;
  }

  // ---- negative items ----

  listNegativeItems(): NegativeItemRecord[] {
    return [...this.negativeItems.values()];
  }

  negativeItemsOf(clientId: number): NegativeItemRecord[] {
    return [...(this.negativeItemsByClient.get(clientId) ?? [])];
  }

  getNegativeItem(id: number): NegativeItemRecord | undefined {
    return this.negativeItems.get(id);
  }

  // ---- staff users ----

  getStaffUser(id: number): StaffUserRecord | undefined {
    return this.staff.get(id);
  }

  staffUserByEmail(email: string): StaffUserRecord | undefined {
    const wanted = email.toLowerCase();
    return [...this.staff.values()].find((user) => user.email.toLowerCase() === wanted);
  }

  recordLogin(userId: number, nowIso: string): void {
    this.lastLogins.set(userId, nowIso);
  }

  lastLoginOf(userId: number): string | null {
    return this.lastLogins.get(userId) ?? null;
  }
}
