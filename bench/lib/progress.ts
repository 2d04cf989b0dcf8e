/**
 * Progress lines on stderr (`[S3] concurrency 32: 12.3 s / 20 s`), so stdout keeps only the
 * summary. On a terminal a ticking line rewrites itself; in a log every tick is its own line.
 */
const tty = process.stderr.isTTY;
let open = false;

function finishLine(): void {
  if (open) process.stderr.write('\n');
  open = false;
}

/** A line that stays. */
export function log(scope: string, message: string): void {
  finishLine();
  process.stderr.write(`[${scope}] ${message}\n`);
}

/** A line that the next tick or log replaces on a terminal. */
export function tick(scope: string, message: string): void {
  if (tty) {
    process.stderr.write(`\r\x1b[2K[${scope}] ${message}`);
    open = true;
  } else {
    process.stderr.write(`[${scope}] ${message}\n`);
  }
}

/** Calls `report` with the elapsed seconds every `everyMs` until the returned stop is called. */
export function ticker(everyMs: number, report: (elapsedS: number) => void): () => void {
  const started = performance.now();
  const timer = setInterval(() => report((performance.now() - started) / 1000), everyMs);
  return () => {
    clearInterval(timer);
    finishLine();
  };
}
