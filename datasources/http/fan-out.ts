import { ErrorCode, isAppError } from '../../src/errors';

/** Runs `fn` over `items`, at most `limit` at a time; results in item order. A rejection rejects the whole. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(limit, 1), items.length) }, worker));
  return results;
}

/**
 * The batch read of a vendor that has none: one `read` per distinct key, at most `limit` at a
 * time. Keys the vendor does not know (NOT_FOUND, or `read` answering null) are absent from the
 * map; any other failure is stored as that key's Error, so one bad key never fails the others.
 */
export async function fanOut<T>(
  keys: readonly string[],
  limit: number,
  read: (key: string) => Promise<T | null>,
): Promise<Map<string, T | Error>> {
  const distinct = [...new Set(keys)];
  const settled = await mapLimit(distinct, limit, async (key): Promise<T | Error | null> => {
    try {
      return await read(key);
    } catch (error) {
      if (isAppError(error) && error.code === ErrorCode.NOT_FOUND) return null;
      return error instanceof Error ? error : new Error('vendor read failed');
    }
  });
  const results = new Map<string, T | Error>();
  distinct.forEach((key, index) => {
    const value = settled[index];
    if (value !== null && value !== undefined) results.set(key, value);
  });
  return results;
}
