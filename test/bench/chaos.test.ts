import {
  circuitChanges,
  exitCause,
  finalStates,
  inFaultWindow,
  judgeLead,
  phaseOf,
  recoveryOf,
  summarizeLeads,
  summarizeRequests,
} from '../../bench/chaos/analysis';
import type { LeadAtVendor, Slot } from '../../bench/chaos/analysis';
import type { CircuitPoll, CircuitReading } from '../../bench/chaos/circuit';
import { leadInput, readAnswer } from '../../bench/chaos/load';
import type { Sample, SubmissionSeen } from '../../bench/chaos/load';
import { FAULTS, expectedCodes, faultName } from '../../bench/chaos/plan';

/**
 * The chaos run's arithmetic, which its report rests on: attribution of requests to faults,
 * client-visible outcomes, recovery, circuit changes, and the duplicate and lost lead rules.
 * No timing here: `npm run chaos` measures, these check the sums.
 */

const read = (startedAt: number, ms: number, extra: Partial<Sample> = {}): Sample => ({
  kind: 'read',
  startedAt,
  ms,
  httpStatus: 200,
  hasData: true,
  errors: [],
  staleVendors: [],
  personIn: ['AMERICOR', 'AGENCYZOOM'],
  ...extra,
});
const failing = (vendor: string, code = 'VENDOR_UNAVAILABLE') => ({
  errors: [{ code, vendor }],
});
const poll = (at: number, circuit: CircuitReading, vendor = 'AMERICOR'): CircuitPoll => ({
  at,
  circuits: { [vendor]: circuit },
});

describe('chaos: attribution', () => {
  const slots: Slot[] = [
    { baselineStart: 1_000, faultStart: 2_000, clearedAt: 4_000, end: 6_000 },
    { baselineStart: 6_000, faultStart: 7_000, clearedAt: 9_000, end: 12_000 },
  ];

  it('places a moment in warm-up, baseline, fault, recovery or after', () => {
    expect(phaseOf(500, slots)).toEqual({ slot: -1, kind: 'warmup' });
    expect(phaseOf(1_000, slots)).toEqual({ slot: 0, kind: 'baseline' });
    expect(phaseOf(2_000, slots)).toEqual({ slot: 0, kind: 'fault' });
    expect(phaseOf(3_999, slots)).toEqual({ slot: 0, kind: 'fault' });
    expect(phaseOf(4_000, slots)).toEqual({ slot: 0, kind: 'recovery' });
    // The next slot's baseline starts where the previous recovery ended.
    expect(phaseOf(6_000, slots)).toEqual({ slot: 1, kind: 'baseline' });
    expect(phaseOf(11_999, slots)).toEqual({ slot: 1, kind: 'recovery' });
    expect(phaseOf(12_000, slots)).toEqual({ slot: -1, kind: 'after' });
  });

  it("counts a fault's window as its fault and recovery, not its baseline", () => {
    expect(inFaultWindow(1_500, slots, 0)).toBe(false);
    expect(inFaultWindow(2_500, slots, 0)).toBe(true);
    expect(inFaultWindow(5_500, slots, 0)).toBe(true);
    expect(inFaultWindow(5_500, slots, 1)).toBe(false);
  });
});

describe('chaos: what clients saw', () => {
  it('counts outcomes per response and code, partial and failed shares, percentiles', () => {
    const samples = [
      read(0, 100),
      read(0, 200, failing('AMERICOR')),
      read(0, 300, {
        errors: [
          { code: 'VENDOR_UNAVAILABLE', vendor: 'AMERICOR' },
          { code: 'VENDOR_UNAVAILABLE', vendor: 'APITURE' },
          { code: 'VENDOR_TIMEOUT', vendor: 'APITURE' },
        ],
      }),
      read(0, 400, {
        staleVendors: ['APITURE'],
        hasData: false,
        httpStatus: null,
        errors: [{ code: 'NO_RESPONSE', vendor: null }],
      }),
    ];
    const summary = summarizeRequests(samples);
    expect(summary.requests).toBe(4);
    // A response with two vendors failing with one code counts once under that code.
    expect(summary.outcomes).toEqual({
      ok: 1,
      VENDOR_UNAVAILABLE: 2,
      VENDOR_TIMEOUT: 1,
      NO_RESPONSE: 1,
    });
    expect(summary.outcomesByVendor).toMatchObject({
      'VENDOR_UNAVAILABLE AMERICOR': 2,
      'VENDOR_UNAVAILABLE APITURE': 1,
      NO_RESPONSE: 1,
    });
    expect(summary.partialShare).toBe(0.5);
    expect(summary.failedShare).toBe(0.25);
    expect(summary.staleShare).toBe(0.25);
    expect(summary.staleByVendor).toEqual({ APITURE: 1 });
    expect(summary.p50Ms).toBe(200);
    expect(summary.p99Ms).toBe(400);
  });

  it('reads codes, vendors and stale parts from a GraphQL answer', () => {
    const seen = readAnswer({
      data: { findPeople: [] },
      errors: [
        { message: 'a', extensions: { code: 'VENDOR_TIMEOUT', vendor: 'CREDIT_PROS' } },
        { message: 'b', extensions: { code: 'VENDOR_TIMEOUT', vendor: 'CREDIT_PROS' } },
        { message: 'c' },
      ],
      extensions: { stale: [{ path: ['x'], vendor: 'LENDING_CRM', ageSeconds: 3 }] },
    });
    expect(seen).toEqual({
      hasData: true,
      errors: [
        { code: 'VENDOR_TIMEOUT', vendor: 'CREDIT_PROS' },
        { code: 'UNKNOWN', vendor: null },
      ],
      staleVendors: ['LENDING_CRM'],
    });
  });
});

describe('chaos: recovery', () => {
  const clearedAt = 10_000;

  it('waits for the circuit to close for good and a clean read after the last dirty one', () => {
    const reads = [
      read(9_000, 100, failing('AMERICOR')), // before the clear: ignored
      read(10_500, 50, failing('AMERICOR')),
      read(11_000, 100), // clean, but a dirty read starts later
      read(12_000, 100, failing('AMERICOR')),
      read(12_500, 300, { personIn: ['APITURE'] }), // the person is not at Americor: no evidence
      read(13_000, 400), // first clean read after the last dirty one: done at 13,400
      read(13_100, 100),
    ];
    const polls = [
      poll(9_800, 'OPEN'),
      poll(10_300, 'OPEN'),
      poll(11_800, 'HALF_OPEN'),
      poll(12_300, 'CLOSED'),
      poll(12_800, 'CLOSED'),
    ];
    const r = recoveryOf({ vendor: 'AMERICOR', clearedAt, until: 20_000, reads, polls });
    expect(r.circuitClosedAt).toBe(12_300);
    expect(r.cleanReadAt).toBe(13_200);
    expect(r.recoveredAt).toBe(13_200);
    expect(r.seconds).toBe(3.2);
    expect(r.dirtyReads).toBe(2);
    expect(r.cleanReadsAfter).toBe(0);
  });

  it('takes the clear itself when the circuit never left CLOSED', () => {
    const r = recoveryOf({
      vendor: 'AMERICOR',
      clearedAt,
      until: 20_000,
      reads: [read(10_100, 200)],
      polls: [poll(9_900, 'CLOSED'), poll(10_400, 'CLOSED')],
    });
    expect(r.circuitClosedAt).toBe(clearedAt);
    expect(r.seconds).toBe(0.3);
  });

  it('is not recovered while the last reading is not CLOSED, or with no clean read', () => {
    const polls = [poll(10_500, 'CLOSED'), poll(11_000, 'OPEN')];
    expect(
      recoveryOf({ vendor: 'AMERICOR', clearedAt, until: 20_000, reads: [read(10_100, 10)], polls })
        .seconds,
    ).toBeNull();
    const stale = read(10_100, 10, { staleVendors: ['AMERICOR'] });
    const r = recoveryOf({
      vendor: 'AMERICOR',
      clearedAt,
      until: 20_000,
      reads: [stale],
      polls: [poll(10_500, 'CLOSED')],
    });
    expect(r.cleanReadAt).toBeNull();
    expect(r.seconds).toBeNull();
  });

  it('counts a request with no answer at all as dirty for every vendor', () => {
    const r = recoveryOf({
      vendor: 'AMERICOR',
      clearedAt,
      until: 20_000,
      reads: [
        read(10_100, 10),
        read(10_200, 5_000, {
          hasData: false,
          httpStatus: null,
          errors: [{ code: 'NO_RESPONSE', vendor: null }],
        }),
        read(10_300, 10),
      ],
      polls: [poll(10_000, 'CLOSED')],
    });
    expect(r.lastDirtyAt).toBe(10_200);
    expect(r.cleanReadAt).toBe(10_310);
  });
});

describe('chaos: circuit changes', () => {
  it('gives the state in force at the start, then each change, relative to the origin', () => {
    const polls = [
      poll(900, 'CLOSED'),
      poll(1_400, 'CLOSED'),
      poll(1_900, 'OPEN'),
      poll(2_400, 'OPEN'),
      poll(11_900, 'HALF_OPEN'),
      poll(12_400, 'CLOSED'),
      poll(30_000, 'OPEN'),
    ];
    expect(circuitChanges(polls, 'AMERICOR', 1_000, 20_000, 1_000)).toEqual([
      { atS: 0, circuit: 'CLOSED' },
      { atS: 0.9, circuit: 'OPEN' },
      { atS: 10.9, circuit: 'HALF_OPEN' },
      { atS: 11.4, circuit: 'CLOSED' },
    ]);
  });
});

describe('chaos: leads', () => {
  const submission = (n: number, extra: Partial<SubmissionSeen> = {}): SubmissionSeen => ({
    n,
    idempotencyKey: `k-${n}`,
    email: `e${n}@example.org`,
    phone: '+15055550001',
    vendors: ['AMERICOR', 'AGENCYZOOM'],
    startedAt: 0,
    accepted: true,
    errorCodes: [],
    results: [
      {
        vendor: 'AMERICOR',
        status: 'CREATED',
        submissionId: null,
        code: null,
        outcomeUnknown: false,
      },
      {
        vendor: 'AGENCYZOOM',
        status: 'PENDING',
        submissionId: 's1',
        code: 'VENDOR_UNAVAILABLE',
        outcomeUnknown: false,
      },
    ],
    ...extra,
  });
  const at = (extra: Partial<LeadAtVendor>): LeadAtVendor => ({
    submission: 1,
    vendor: 'AMERICOR',
    accepted: true,
    answered: 'CREATED',
    final: 'CREATED',
    code: null,
    outcomeUnknown: false,
    sandboxCount: 1,
    ...extra,
  });

  it('brings PENDING results up to date from the last leadSubmission reading', () => {
    const states = finalStates(
      submission(1),
      { AGENCYZOOM: { status: 'DELIVERED', code: null, outcomeUnknown: false } },
      { AMERICOR: 1, AGENCYZOOM: 1 },
    );
    expect(states.map((s) => [s.vendor, s.answered, s.final, s.sandboxCount])).toEqual([
      ['AMERICOR', 'CREATED', 'CREATED', 1],
      ['AGENCYZOOM', 'PENDING', 'DELIVERED', 1],
    ]);
    // Never read again: still pending.
    expect(finalStates(submission(1), undefined, {})[1]?.final).toBe('PENDING');
  });

  it('judges duplicates, lost leads and honest failures', () => {
    expect(judgeLead(at({ sandboxCount: 2 }))).toMatchObject({ duplicate: true, lost: false });
    expect(judgeLead(at({ final: 'PENDING', answered: 'PENDING', sandboxCount: 0 })).lost).toBe(
      true,
    );
    expect(judgeLead(at({ final: 'DELIVERED', sandboxCount: 0 })).lost).toBe(true);
    // Reported FAILED is not lost, with or without an unknown outcome.
    expect(judgeLead(at({ final: 'FAILED', sandboxCount: 0 })).lost).toBe(false);
    expect(judgeLead(at({ final: 'FAILED', outcomeUnknown: true, sandboxCount: 1 }))).toMatchObject(
      {
        lost: false,
        unknownButCreated: true,
        failedButCreated: false,
      },
    );
    expect(judgeLead(at({ final: 'FAILED', sandboxCount: 1 })).failedButCreated).toBe(true);
    // A createLead that returned nothing was never accepted: not lost, whatever it left.
    expect(
      judgeLead(at({ accepted: false, answered: 'NO_ANSWER', final: 'NO_ANSWER', sandboxCount: 0 }))
        .lost,
    ).toBe(false);
  });

  it('sums a fault’s submissions only', () => {
    const subs = [
      submission(1),
      submission(2, { accepted: false, results: [], errorCodes: ['INTERNAL_SERVER_ERROR'] }),
    ];
    const leads = [
      at({ submission: 1, sandboxCount: 2 }),
      at({
        submission: 1,
        vendor: 'AGENCYZOOM',
        answered: 'PENDING',
        final: 'PENDING',
        sandboxCount: 0,
      }),
      at({
        submission: 2,
        accepted: false,
        answered: 'NO_ANSWER',
        final: 'NO_ANSWER',
        sandboxCount: 0,
      }),
      at({ submission: 3, sandboxCount: 5 }),
    ];
    const summary = summarizeLeads(subs, leads);
    expect(summary).toMatchObject({
      submissions: 2,
      accepted: 1,
      notAccepted: { INTERNAL_SERVER_ERROR: 1 },
      duplicateWrites: 1,
      lostLeads: 1,
    });
    expect(summary.byStatus.AGENCYZOOM).toEqual({ PENDING: 1 });
  });

  it('makes every submission a new person', () => {
    const a = leadInput('run', 1);
    const b = leadInput('run', 10_001);
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
    expect(a.email).not.toBe(b.email);
    expect(a.phone).toBe('+15055550001');
    expect(b.phone).toBe('+19075550001');
  });
});

describe('chaos: the plan', () => {
  it('plays the fifteen faults of the issue once each', () => {
    expect(new Set(FAULTS.map(faultName)).size).toBe(15);
    const count = (kind: string) => FAULTS.filter((f) => f.kind === kind).length;
    expect([
      count('down'),
      count('slow'),
      count('burst5xx'),
      count('storm429'),
      count('revoked'),
      count('malformed'),
    ]).toEqual([5, 2, 2, 2, 2, 2]);
    expect(expectedCodes({ kind: 'revoked', vendor: 'AMERICOR' })).toEqual([]);
    expect(expectedCodes({ kind: 'revoked', vendor: 'CREDIT_PROS' })).toEqual([
      'VENDOR_AUTH_FAILED',
    ]);
  });
});

describe('chaos: why a gateway ended', () => {
  const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 'info', ...fields });

  it('tells an orderly stop on a signal from a crash', () => {
    const log = [
      line({ msg: 'gateway listening' }),
      line({ signal: 'SIGTERM', msg: 'shutting down: draining in-flight requests' }),
      line({ msg: 'stopped' }),
    ].join('\n');
    expect(exitCause(log, { code: 0, signal: null })).toEqual({
      cause:
        'orderly shutdown on SIGTERM ("shutting down: draining in-flight requests", then exit code 0)',
      stoppedFromOutside: true,
    });
    const crashed = [
      line({ msg: 'gateway listening' }),
      line({ level: 'fatal', msg: 'uncaught exception', err: { type: 'TypeError' } }),
      'not json',
    ].join('\n');
    expect(exitCause(crashed, { code: 1, signal: null })).toEqual({
      cause: 'exit code 1; last error logged: "uncaught exception" (TypeError)',
      stoppedFromOutside: false,
    });
    expect(
      exitCause(line({ msg: 'gateway listening' }), { code: null, signal: 'SIGKILL' }),
    ).toEqual({ cause: 'killed by SIGKILL, no error logged', stoppedFromOutside: false });
  });
});
