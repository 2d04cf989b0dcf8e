/**
 * Preload of the S5 gateway (`node --expose-gc --import tsx --import ./bench/gc-on-signal.ts`):
 * SIGUSR2 runs a full garbage collection, so the bench can read resident memory after one.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
});
