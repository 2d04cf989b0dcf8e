import type { CallContext } from '../../datasources/http/context';
import { MIN_CALL_TIME_MS, VendorRateLimiter } from '../../datasources/http/rate-limit';

/** Deadlines are on the wall clock; the limiter's windows may be on a shifted one. */
const ctx = (ms: number): CallContext => ({ deadline: Date.now() + ms });

const WINDOW_MS = 60_000;

/**
 * A limiter of one call a minute whose current window ends `endsInMs` from now. Calls in a
 * window's last second also count against the next one, so tests start further from the end.
 */
function limiterEndingIn(endsInMs: number): VendorRateLimiter {
  const now = Date.now();
  const offset = Math.ceil(now / WINDOW_MS) * WINDOW_MS + WINDOW_MS - endsInMs - now;
  return new VendorRateLimiter({
    vendor: 'AGENCYZOOM',
    credential: 'c',
    policy: () => ({ limit: 1, windowMs: WINDOW_MS }),
    clock: () => Date.now() + offset,
  });
}

describe('VendorRateLimiter and the caller deadline', () => {
  it('refuses with VENDOR_RATE_LIMITED a queued call whose turn leaves too little of its deadline to make it', async () => {
    const limiter = limiterEndingIn(1_200);
    await limiter.take(ctx(10_000));
    // Its turn comes in about 1,200 ms, with 300 ms less than MIN_CALL_TIME_MS of its deadline left: too little to call.
    const error: unknown = await limiter
      .take(ctx(1_200 + MIN_CALL_TIME_MS - 300))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
  });

  it('grants a queued call in the next window when enough of its deadline is left then', async () => {
    const limiter = limiterEndingIn(1_200);
    await limiter.take(ctx(10_000));
    await expect(limiter.take(ctx(1_200 + MIN_CALL_TIME_MS + 2_000))).resolves.toBeUndefined();
  });

  it('lets a call that need not wait through, however little of its deadline is left', async () => {
    const limiter = limiterEndingIn(30_000);
    await expect(limiter.take(ctx(MIN_CALL_TIME_MS / 5))).resolves.toBeUndefined();
  });

  it('takes nothing from the next window for a call it refuses', async () => {
    const limiter = limiterEndingIn(1_200);
    await limiter.take(ctx(10_000));
    await expect(limiter.take(ctx(1_200 + MIN_CALL_TIME_MS - 300))).rejects.toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
    });
    // The refused call took nothing from the next window: a later caller still gets it.
    await expect(limiter.take(ctx(1_200 + MIN_CALL_TIME_MS + 2_000))).resolves.toBeUndefined();
  });
});
