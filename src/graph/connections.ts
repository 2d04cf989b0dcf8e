import { AppError, ErrorCode } from '../errors';

/** Largest page a connection serves. */
export const MAX_PAGE_SIZE = 100;

/** `first`, checked: 1 to 100, default 20. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `first must be from 1 to ${MAX_PAGE_SIZE}`, {
      fields: [{ path: ['first'], message: `must be from 1 to ${MAX_PAGE_SIZE}` }],
    });
  }
  return size;
}

/** Opaque cursors: base64url of the offset of the next item. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor from this connection', {
      fields: [{ path: ['after'], message: 'is not a cursor from this connection' }],
    });
  }
  return Number(match[1]);
}
