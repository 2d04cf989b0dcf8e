import { setTimeout as sleep } from 'node:timers/promises';
import type { PersonSeed } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import type { GraphQLBody } from '../lib/gateway';
import { errorCode } from '../lib/gateway';
import { BENCH_VENDORS } from '../lib/vendors';
import type { ChaosPlan } from './plan';

/** A client-visible outcome with no GraphQL body: the request failed or timed out at the client. */
export const NO_RESPONSE = 'NO_RESPONSE';
export const CLIENT_TIMEOUT = 'CLIENT_TIMEOUT';
/** An answer that was not a GraphQL JSON body. */
export const BAD_RESPONSE = 'BAD_RESPONSE';

/** One request as the client saw it. Times are epoch ms (one machine, one clock). */
export interface Sample {
  kind: 'read' | 'lead';
  startedAt: number;
  ms: number;
  /** HTTP status, null when no answer came. */
  httpStatus: number | null;
  /** `data` was present and not null. */
  hasData: boolean;
  /** Distinct (code, vendor) pairs of `errors[]`; a failed exchange gives one client-side code. */
  errors: { code: string; vendor: string | null }[];
  /** Vendors named in `extensions.stale`. */
  staleVendors: string[];
  /** Reads: the vendors (GraphQL enum) that hold the person read. */
  personIn: string[];
}

/** What one vendor answered for a submission. */
export interface LeadResultSeen {
  vendor: string;
  status: 'CREATED' | 'FAILED' | 'PENDING';
  submissionId: string | null;
  code: string | null;
  outcomeUnknown: boolean;
}

/** One `createLead` the load sent. */
export interface SubmissionSeen {
  n: number;
  idempotencyKey: string;
  email: string;
  phone: string;
  vendors: string[];
  startedAt: number;
  /** `createLead` returned its results (the gateway took the submission on). */
  accepted: boolean;
  /** The codes of an answer without results. */
  errorCodes: string[];
  results: LeadResultSeen[];
}

export const CREATE_LEAD = `mutation ChaosLead($input: CreateLeadInput!) {
  createLead(input: $input) {
    results {
      vendor
      status
      submissionId
      lead { id vendorRef { id } }
      error { code message outcomeUnknown }
    }
  }
}`;

interface CreateLeadData {
  createLead: {
    results: {
      vendor: string;
      status: LeadResultSeen['status'];
      submissionId: string | null;
      error: { code: string; outcomeUnknown: boolean } | null;
    }[];
  } | null;
}

export const LEAD_VENDORS = ['AMERICOR', 'AGENCYZOOM'];

/** Area codes no person of the sandbox population has (theirs are in `population/names.ts`). */
const LEAD_AREA_CODES = ['505', '907', '808', '401', '302', '701'];

/** A new person each time: unique key, email and phone (555 lines), valid for both vendors. */
export function leadInput(runId: string, n: number): Record<string, unknown> {
  const areaCode = LEAD_AREA_CODES[Math.floor(n / 10_000) % LEAD_AREA_CODES.length];
  const line = String(n % 10_000).padStart(4, '0');
  return {
    idempotencyKey: `chaos-${runId}-${n}`,
    vendors: LEAD_VENDORS,
    firstName: 'Casey',
    lastName: `Chaos${n}`,
    email: `casey.chaos.${runId}.${n}@example.org`,
    phone: `+1${areaCode}555${line}`,
    dateOfBirth: `19${60 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`,
    address: { line1: `${n} Test St`, city: 'Albuquerque', state: 'NM', postalCode: '87101' },
    estimatedDebt: { amount: `${10_000 + (n % 50) * 500}.00`, currency: 'USD' },
  };
}

/** Reads a GraphQL answer into the parts the chaos run counts. */
export function readAnswer(body: GraphQLBody): Pick<Sample, 'hasData' | 'errors' | 'staleVendors'> {
  const pairs = new Map<string, { code: string; vendor: string | null }>();
  for (const error of body.errors ?? []) {
    const code = errorCode(error);
    const vendor = typeof error.extensions?.vendor === 'string' ? error.extensions.vendor : null;
    pairs.set(`${code}|${vendor}`, { code, vendor });
  }
  const stale = body.extensions?.stale;
  const staleVendors = Array.isArray(stale)
    ? [
        ...new Set(
          stale.flatMap((entry: unknown) => {
            const vendor = (entry as { vendor?: unknown } | null)?.vendor;
            return typeof vendor === 'string' ? [vendor] : [];
          }),
        ),
      ]
    : [];
  return {
    hasData: body.data !== undefined && body.data !== null,
    errors: [...pairs.values()],
    staleVendors,
  };
}

/** Where the gateway is now (a restarted gateway listens on another port). */
export interface GatewayTarget {
  url: string;
}

async function post(
  target: GatewayTarget,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs: number,
): Promise<{ httpStatus: number | null; body: GraphQLBody | null; failure: string | null }> {
  try {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    try {
      return { httpStatus: response.status, body: JSON.parse(text) as GraphQLBody, failure: null };
    } catch {
      return { httpStatus: response.status, body: null, failure: BAD_RESPONSE };
    }
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { httpStatus: null, body: null, failure: timedOut ? CLIENT_TIMEOUT : NO_RESPONSE };
  }
}

export interface LoadHandle {
  samples: Sample[];
  submissions: SubmissionSeen[];
  /** Stops the clients after their current request; resolves once all have stopped. */
  stop(): Promise<void>;
}

/**
 * Starts `plan.clients` virtual clients against the gateway: each reads the combined view of a
 * random person of the population, or (`plan.leadShare` of the time) submits a new lead to
 * Americor and AgencyZoom, then thinks, until stopped. Every request is bounded by
 * `plan.clientTimeoutMs`.
 */
export function startLoad(
  target: GatewayTarget,
  people: readonly PersonSeed[],
  plan: ChaosPlan,
  runId: string,
): LoadHandle {
  const samples: Sample[] = [];
  const submissions: SubmissionSeen[] = [];
  let stopped = false;
  let next = 0;
  const holders = (person: PersonSeed): string[] =>
    BENCH_VENDORS.filter((v) => person.in[v.sandbox]).map((v) => v.id);

  const read = async (): Promise<void> => {
    const person = people[Math.floor(Math.random() * people.length)];
    if (!person) return;
    const startedAt = Date.now();
    const started = performance.now();
    const answer = await post(target, DEFAULT_QUERY, { email: person.email }, plan.clientTimeoutMs);
    samples.push({
      kind: 'read',
      startedAt,
      ms: performance.now() - started,
      httpStatus: answer.httpStatus,
      ...(answer.body
        ? readAnswer(answer.body)
        : {
            hasData: false,
            errors: [{ code: answer.failure ?? NO_RESPONSE, vendor: null }],
            staleVendors: [],
          }),
      personIn: holders(person),
    });
  };

  const submit = async (): Promise<void> => {
    const n = next++;
    const input = leadInput(runId, n);
    const startedAt = Date.now();
    const started = performance.now();
    const answer = await post(target, CREATE_LEAD, { input }, plan.clientTimeoutMs);
    const seen = answer.body
      ? readAnswer(answer.body)
      : {
          hasData: false,
          errors: [{ code: answer.failure ?? NO_RESPONSE, vendor: null }],
          staleVendors: [],
        };
    samples.push({
      kind: 'lead',
      startedAt,
      ms: performance.now() - started,
      httpStatus: answer.httpStatus,
      ...seen,
      personIn: [],
    });
    const results = (answer.body?.data as CreateLeadData | null | undefined)?.createLead?.results;
    submissions.push({
      n,
      idempotencyKey: input.idempotencyKey as string,
      email: input.email as string,
      phone: input.phone as string,
      vendors: LEAD_VENDORS,
      startedAt,
      accepted: Array.isArray(results) && results.length > 0,
      errorCodes: [...new Set(seen.errors.map((e) => e.code))],
      results: (results ?? []).map((r) => ({
        vendor: r.vendor,
        status: r.status,
        submissionId: r.submissionId,
        code: r.error?.code ?? null,
        outcomeUnknown: r.error?.outcomeUnknown ?? false,
      })),
    });
  };

  const client = async (): Promise<void> => {
    while (!stopped) {
      await (Math.random() < plan.leadShare ? submit() : read());
      if (stopped) break;
      await sleep(plan.thinkMinMs + Math.random() * (plan.thinkMaxMs - plan.thinkMinMs));
    }
  };
  const running = Array.from({ length: plan.clients }, () => client());
  return {
    samples,
    submissions,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}
