import { MsezError, parseJson, type JsonValue } from '../core/index.js';

/** Offset paging for list functions (the HTTP layer maps it to `limit` + cursor). */
export interface PageOptions {
  /** 1..1000, default 100. */
  readonly limit?: number;
  /** Rows to skip, default 0. */
  readonly offset?: number;
}

export interface Page<T> {
  readonly items: T[];
  /** Offset of the next page; absent on the last page. */
  readonly next_offset?: number;
}

export function pageBounds(o: PageOptions = {}): { limit: number; offset: number } {
  const limit = o.limit ?? 100;
  const offset = o.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new MsezError('USAGE', 'limit must be 1..1000', { limit });
  if (!Number.isSafeInteger(offset) || offset < 0) throw new MsezError('USAGE', 'offset must be a non-negative integer', { offset });
  return { limit, offset };
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, offset: number): Page<T> {
  return rows.length > limit ? { items: rows.slice(0, limit), next_offset: offset + limit } : { items: rows };
}

/** Reads JSON this layer itself stored (strict reader, never JSON.parse). */
export function readStoredJson(text: string, what: string): JsonValue {
  return parseJson(text, { file: what }).value;
}

/** Money in minor units must stay a safe integer to live in an INTEGER column. */
export function toSafeMinor(v: bigint, field: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new MsezError('VALIDATION_FAILED', `${field}: amount too large`, { field });
  return Number(v);
}
