import { SANDBOX_CREDENTIAL } from './vendors';
import type { PerVendor } from './vendors';
import type { SandboxVendor } from '../../simulators/population/generate';

/**
 * What a mobile app does without the gateway, for the fields of the combined view (S1): it calls
 * each vendor's REST API itself, logging in where the vendor needs it, searching by the user's
 * email where the vendor can be searched, then reading what the screen shows. Vendors that cannot
 * be searched (Americor, Apiture) are read by the ids the app kept at sign-up.
 *
 * Each vendor's chain is a list of steps; the calls of one step are independent and are sent in
 * parallel, each step waits for the one before (it needs its answer). That is the fastest a
 * client can fetch one vendor's part of the screen, so:
 * - the floor of S1 is the slowest single chain (no gateway can beat the vendor it waits on);
 * - "client sequential" runs the five chains one after another, as an app that awaits each
 *   vendor in turn does.
 */

/** What the app knows about its user before it calls anyone. */
export interface ClientIdentity {
  email: string;
  /** The user's phones (E.164), for AgencyZoom's lead search. */
  phones: string[];
  /** The Americor customer uuid the app kept from sign-up. */
  americorUuid: string;
  /** The Apiture contact id the app kept from sign-up. */
  apitureContactId: string;
}

export interface ChainRun {
  /** Wall time of the whole chain, in ms. */
  ms: number;
  /** HTTP calls made. */
  calls: number;
  /** Sequential steps (round trips on the critical path). */
  steps: number;
}

type Json = Record<string, unknown>;

/** One vendor's HTTP calls, counted; a non-2xx answer fails the chain (the data would be missing). */
class VendorCalls {
  calls = 0;
  steps = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly vendor: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Marks the start of a step; calls inside it should run in parallel. */
  step(): void {
    this.steps += 1;
  }

  /** The parsed JSON answer (an object, or an array where the vendor answers one). */
  async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Json> {
    this.calls += 1;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...this.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${this.vendor}: ${method} ${path} -> ${response.status}`);
    return (await response.json()) as Json;
  }

  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const need = <T>(value: T | undefined | null, what: string): T => {
  if (value === undefined || value === null) throw new Error(`client chain: no ${what}`);
  return value;
};

/** US phone spellings AgencyZoom may hold (`customerPhoneList` matches exactly). */
function phoneSpellings(e164: string): string[] {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (!match) return [e164];
  const [, a, b, c] = match;
  return [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}${b}${c}`, `+1${a}${b}${c}`];
}

/** Americor: token, then the lead (status) and its enrollment. 2 steps. */
async function americor(http: VendorCalls, who: ClientIdentity): Promise<void> {
  http.step();
  const grant = await http.json('POST', '/v1/authentication/token', {
    username: SANDBOX_CREDENTIAL,
    publicKey: SANDBOX_CREDENTIAL,
  });
  http.setHeader('authorization', `Bearer ${String(need(grant.token, 'Americor token'))}`);
  http.step();
  await Promise.all([
    http.json('GET', `/v1/leads/${who.americorUuid}`),
    http.json('GET', `/v1/enrollment/${who.americorUuid}`),
  ]);
}

/**
 * The Credit Pros: search by email (rule tree); then the client's report list (newest first) and
 * its negative items; then the content (score) of the latest report per bureau. 3 steps.
 */
async function creditPros(http: VendorCalls, who: ClientIdentity): Promise<void> {
  const rule = (field: string) => ({ field, operator: '=', value: who.email });
  http.step();
  const found = await http.json('POST', '/clients/search?page=1&per_page=100', {
    combinator: 'AND',
    conditions: {
      combinator: 'OR',
      not: 0,
      rules: [{ combinator: 'OR', not: 0, rules: [rule('email'), rule('Email')] }],
    },
  });
  // Laravel page, which the vendor documents wrapped in a one-element array.
  const foundPage = (Array.isArray(found) ? (found[0] as Json | undefined) : found) ?? {};
  const clientId = need(list(foundPage.data)[0]?.id, 'Credit Pros client');
  http.step();
  const [schemas] = await Promise.all([
    http.json(
      'GET',
      `/clients/${String(clientId)}/credit-report-master-schemas?page=1&per_page=100&sort_by=report_date&sort_direction=desc`,
    ),
    http.json('GET', `/negative-items?client_id=${String(clientId)}&page=1&per_page=100`),
  ]);
  const latest = new Map<string, unknown>();
  for (const schema of list(schemas.data)) {
    const bureau = typeof schema.bureau === 'string' ? schema.bureau : '';
    if (!latest.has(bureau)) latest.set(bureau, schema.id);
  }
  http.step();
  await Promise.all(
    [...latest.values()].map((id) =>
      http.json('GET', `/credit-report-master-schemas/${String(id)}`),
    ),
  );
}

/** The lending CRM: one OData read by email (fico, income, debt payments). 1 step. */
async function lendingCrm(http: VendorCalls, who: ClientIdentity): Promise<void> {
  const filter = encodeURIComponent(`tolower(email) eq '${who.email.replace(/'/g, "''")}'`);
  http.step();
  const page = await http.json('GET', `/clients?$filter=${filter}&$top=100`);
  // A bare JSON array of clients.
  need(list(page)[0], 'lending CRM client');
}

/** Apiture: the contact's applications (summaries), then each application (actions). 2 steps. */
async function apiture(http: VendorCalls, who: ClientIdentity): Promise<void> {
  const applicant = encodeURIComponent(`/contacts/contacts/${who.apitureContactId}`);
  http.step();
  const page = await http.json(
    'GET',
    `/accountApplications/applications?start=0&limit=100&applicant=${applicant}&sortBy=-createdAt`,
  );
  const items = list((page._embedded as Json | undefined)?.items);
  need(items[0], 'Apiture application');
  http.step();
  await Promise.all(
    items.map((item) => http.json('GET', `/accountApplications/applications/${String(item._id)}`)),
  );
}

/**
 * AgencyZoom: login; then the customer search by email, the lead search by the user's phones and
 * the carrier list (to name carriers); then the customer's detail (it embeds the policies). 3 steps.
 */
async function agencyZoom(http: VendorCalls, who: ClientIdentity): Promise<void> {
  http.step();
  const login = await http.json('POST', '/v1/api/auth/login', {
    username: SANDBOX_CREDENTIAL,
    password: SANDBOX_CREDENTIAL,
  });
  http.setHeader('authorization', `Bearer ${String(need(login.jwt, 'AgencyZoom jwt'))}`);
  http.step();
  const [customers] = await Promise.all([
    http.json('POST', '/v1/api/customers', { page: 0, pageSize: 100, email: who.email }),
    http.json('POST', '/v1/api/leads/list', {
      page: 0,
      pageSize: 100,
      customerPhoneList: who.phones.flatMap(phoneSpellings),
    }),
    http.json('GET', '/v1/api/carriers'),
  ]);
  const customerId = need(list(customers.customers)[0]?.id, 'AgencyZoom customer');
  http.step();
  await http.json('GET', `/v1/api/customers/${String(customerId)}`);
}

const CHAINS: Record<SandboxVendor, (http: VendorCalls, who: ClientIdentity) => Promise<void>> = {
  americor,
  creditPros,
  lendingCrm,
  apiture,
  agencyZoom,
};

/** Static credentials each sandbox takes on every call (the others log in inside their chain). */
function staticHeaders(vendor: SandboxVendor): Record<string, string> {
  switch (vendor) {
    case 'creditPros':
      return { 'x-api-key': SANDBOX_CREDENTIAL };
    case 'lendingCrm':
      return { authorization: `Bearer ${SANDBOX_CREDENTIAL}` };
    case 'apiture':
      return {
        'api-key': SANDBOX_CREDENTIAL,
        authorization: `Bearer ${SANDBOX_CREDENTIAL}`,
        accept: 'application/hal+json',
      };
    default:
      return {};
  }
}

/** Runs one vendor's chain from scratch (no token kept from an earlier run). */
export async function runChain(
  vendor: SandboxVendor,
  baseUrl: string,
  who: ClientIdentity,
): Promise<ChainRun> {
  const http = new VendorCalls(baseUrl, vendor, staticHeaders(vendor));
  const started = performance.now();
  await CHAINS[vendor](http, who);
  return { ms: performance.now() - started, calls: http.calls, steps: http.steps };
}

/** The five chains one after another, as an app awaiting each vendor in turn. */
export async function runClientSequential(
  urls: PerVendor<string>,
  who: ClientIdentity,
): Promise<{ totalMs: number; chains: PerVendor<ChainRun> }> {
  const started = performance.now();
  const chains = {} as PerVendor<ChainRun>;
  for (const vendor of Object.keys(CHAINS) as SandboxVendor[])
    chains[vendor] = await runChain(vendor, urls[vendor], who);
  return { totalMs: performance.now() - started, chains };
}
