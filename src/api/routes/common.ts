import { MsezError, isJsonObject, type JsonObject, type JsonValue } from '../../core/index.js';
import { schemaId } from '../../schema/index.js';
import type { Page } from '../../state/index.js';
import type { InlineSchema, PageRequest, PageResult } from '../route.js';

/** `$id` of a built-in schema by stem. */
export const body = (name: string): string => schemaId(name);

/** An id path segment: what the library's own schemas accept, bounded. */
export const ID: InlineSchema = { type: 'string', minLength: 1, maxLength: 256 };

/** An object schema of required string path parameters. */
export function pathParams(props: Record<string, InlineSchema>): InlineSchema {
  return { type: 'object', required: Object.keys(props), additionalProperties: false, properties: props };
}

/** An object schema of optional query filters. */
export function queryOf(props: Record<string, InlineSchema>): InlineSchema {
  return { type: 'object', additionalProperties: false, properties: props };
}

/** The library's `{limit, offset}` for one page. */
export function pageOptions(page: PageRequest): { limit: number; offset: number } {
  return { limit: page.limit, offset: page.offset };
}

/** A `src/state` page (`{items, next_offset?}`) as a route page. */
export function fromStatePage<T>(p: Page<T>): PageResult {
  return { items: p.items as unknown as JsonValue[], hasMore: p.next_offset !== undefined };
}

/** Library records are plain JSON objects; this only changes their static type. */
export function json<T>(v: T): JsonObject {
  return v as unknown as JsonObject;
}

/**
 * For routes whose body schema repeats the path id (`{entity_id, …}`): the two must agree, otherwise 422
 * with the pointer of the body field.
 */
export function assertSameId(params: Readonly<Record<string, string>>, b: JsonValue | undefined, key: string): void {
  const given = isJsonObject(b) ? b[key] : undefined;
  if (given !== params[key]) {
    throw new MsezError('VALIDATION_FAILED', `body ${key} must equal the path's ${key}`, { in: 'body', pointer: `/${key}`, expected: params[key] ?? '', found: typeof given === 'string' ? given : null });
  }
}

/** The optional string filters of a query, without the paging keys. */
export function filters(query: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof query[k] === 'string') out[k] = query[k] as string;
  return out;
}

/** A response object schema naming the fields a client can rely on. */
export function obj(required: readonly string[], properties: Record<string, InlineSchema> = {}): InlineSchema {
  return { type: 'object', required: [...required], properties };
}
