import type { CreditProsStore } from './store';
import { BUREAU_CODES } from './types';
import type {
  AttributeValue,
  ClientRecord,
  InternalReportRecord,
  MasterSchemaRecord,
  NegativeItemRecord,
  SegmentRecord,
  StaffUserRecord,
} from './types';

/**
 * Records -> the vendor's response resources (credit-pros.md §4.0). Keys are in the doc's
 * alphabetical order; every client-bearing resource embeds the full ClientResource.
 */

export interface SegmentResource {
  clients_count: number | null;
  conditions: SegmentRecord['conditions'];
  created_at: string;
  description: string | null;
  id: number;
  is_active: boolean;
  is_archive: boolean;
  name: string;
  negative_items_count: number | null;
  type: string;
  updated_at: string;
  usage_count: number | null;
}

export interface ClientResource {
  attributes: Record<string, AttributeValue>;
  client_key: string | null;
  email: string;
  id: number;
  joint_customer_sf_id: string | null;
  mobile_phone: string;
  salesforce_id: number;
  /** A single SegmentResource despite the plural name (as documented); null without one. */
  segments: SegmentResource | null;
  ssn: number;
}

export function renderSegment(store: CreditProsStore, segment: SegmentRecord): SegmentResource {
  const counts = store.countsOf(segment.id);
  return {
    clients_count: counts.clients,
    conditions: structuredClone(segment.conditions),
    created_at: segment.created_at,
    description: segment.description,
    id: segment.id,
    is_active: segment.is_active,
    is_archive: segment.is_archive,
    name: segment.name,
    negative_items_count: counts.negativeItems,
    type: segment.type,
    updated_at: segment.updated_at,
    usage_count: segment.usage_count,
  };
}

export function renderClient(store: CreditProsStore, client: ClientRecord): ClientResource {
  const segment = store.getSegment(client.segment_id);
  return {
    attributes: { ...client.attributes },
    client_key: client.client_key,
    email: client.email,
    id: client.id,
    joint_customer_sf_id: client.joint_customer_sf_id,
    mobile_phone: client.mobile_phone,
    salesforce_id: client.salesforce_id,
    segments: segment ? renderSegment(store, segment) : null,
    ssn: client.ssn,
  };
}

export function renderInternalReport(report: InternalReportRecord): InternalReportRecord {
  return {
    bureau: report.bureau,
    client_id: report.client_id,
    created_at: report.created_at,
    id: report.id,
    updated_at: report.updated_at,
  };
}

function masterSchemaBase(store: CreditProsStore, schema: MasterSchemaRecord) {
  const client = store.getClient(schema.client_id);
  return {
    bureau: BUREAU_CODES[schema.bureau].code,
    client: client ? renderClient(store, client) : null,
    client_key: client?.client_key ?? null,
    id: schema.id,
    internal_client_key: `CLIENT_${schema.client_id}`,
    modified_date: schema.modified_date,
    report_date: schema.report_date,
    report_id: schema.report_id,
    vendor: BUREAU_CODES[schema.bureau].vendor,
  };
}

/** CreditReportMasterSchemaResource: the list item, without content. */
export function renderMasterSchema(store: CreditProsStore, schema: MasterSchemaRecord) {
  return {
    available_file_types: [...schema.available_file_types],
    ...masterSchemaBase(store, schema),
  };
}

/** CreditReportMasterSchemaWithContentResource: no `available_file_types`, adds `content`. */
export function renderMasterSchemaWithContent(store: CreditProsStore, schema: MasterSchemaRecord) {
  const { bureau, client, client_key, ...rest } = masterSchemaBase(store, schema);
  return { bureau, client, client_key, content: structuredClone(schema.content), ...rest };
}

/** Negative Item Resource: the record's fields in alphabetical order, `client` embedded. */
export function renderNegativeItem(store: CreditProsStore, item: NegativeItemRecord) {
  const { client_id: clientId, ...fields } = structuredClone(item);
  const client = store.getClient(clientId);
  const withClient: Record<string, unknown> = {
    ...fields,
    client: client ? renderClient(store, client) : null,
  };
  return Object.fromEntries(
    Object.keys(withClient)
      .sort()
      .map((key) => [key, withClient[key]]),
  );
}

/** The User object of the login and refresh answers. */
export function renderUser(store: CreditProsStore, user: StaffUserRecord) {
  return {
    created_at: user.created_at,
    email: user.email,
    first_name: user.first_name,
    id: user.id,
    last_name: user.last_name,
    roles: structuredClone(user.roles),
    updated_at: user.updated_at,
    user_access_log: { last_login_at: store.lastLoginOf(user.id) },
  };
}
