import type { ArtifactStore } from '../cas/index.js';
import type { JsonObject, JsonValue } from '../core/index.js';
import type { SchemaRegistry } from '../schema/index.js';
import type { WithholdingRateTable } from '../state/index.js';
import type { Database } from '../store/index.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON Schema (draft 2020-12) written inline in a route: path parameters, query strings, responses. */
export type InlineSchema = JsonObject;

/** A response or body schema: a registry `$id` (a file in `schemas/`) or an inline schema. */
export type SchemaRef = { readonly id: string } | { readonly inline: InlineSchema };

/** What a handler may use. Library code never reads the clock: `now()` is the server's injected clock. */
export interface ApiContext {
  readonly db: Database;
  readonly registry: SchemaRegistry;
  /** The current instant as `YYYY-MM-DDTHH:MM:SSZ`. */
  now(): string;
  /** The withholding rate table (`msez serve --rates`); payment and withholding routes need it. */
  readonly rates?: WithholdingRateTable;
  /** Dual control for payments at or above `threshold`: the signers asked to approve. */
  readonly dualControl?: { readonly threshold: string; readonly signers: readonly string[] };
  /** The workspace (root and its CAS): smart-asset genesis writes there, tensor evaluation reads zone packs. */
  readonly workspace?: { readonly root: string; readonly artifacts: ArtifactStore };
}

/** One page request: `limit` 1–500 (default 50) and `offset` ≥ 0 (default 0) (spec/api.md §4). */
export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

/** The validated request parts a handler receives. */
export interface RouteInput {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: JsonValue | undefined;
  /** Present on list routes. */
  readonly page: PageRequest;
}

/** One page of a list route: its items and whether more follow. */
export interface PageResult {
  readonly items: readonly JsonValue[];
  readonly hasMore: boolean;
}

interface RouteBase {
  readonly method: HttpMethod;
  /** Fastify path syntax under `/v1/`, e.g. `/v1/entities/:entity_id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** Inline object schema of the path parameters (strings). */
  readonly params?: InlineSchema;
  /** Inline object schema of the query string (values coerced from strings). */
  readonly query?: InlineSchema;
  /** `$id` of the request body schema in the registry. */
  readonly body?: string;
}

/** A route returning one JSON value. */
export interface ItemRoute extends RouteBase {
  readonly kind: 'item';
  readonly status: 200 | 201;
  readonly response: SchemaRef;
  /** Non-2xx statuses the route can answer besides the common ones (documented in OpenAPI). */
  readonly errors?: readonly number[];
  handler(input: RouteInput, ctx: ApiContext): JsonValue | Promise<JsonValue>;
}

/** A route returning one page of items in the `api-page` envelope. */
export interface ListRoute extends RouteBase {
  readonly kind: 'list';
  readonly item: SchemaRef;
  readonly errors?: readonly number[];
  handler(input: RouteInput, ctx: ApiContext): PageResult | Promise<PageResult>;
}

export type ApiRoute = ItemRoute | ListRoute;

/**
 * Runs `fetch` for one page, asking for one item more than the limit to learn whether another page
 * follows without a separate count query.
 */
export function paginate<T extends JsonValue>(page: PageRequest, fetch: (limit: number, offset: number) => readonly T[]): PageResult {
  const rows = fetch(page.limit + 1, page.offset);
  return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

/** Pages an in-memory list (for library functions that return whole, bounded lists). */
export function pageOf<T extends JsonValue>(page: PageRequest, all: readonly T[]): PageResult {
  return { items: all.slice(page.offset, page.offset + page.limit), hasMore: all.length > page.offset + page.limit };
}

/** The query-string properties every list route accepts. */
export const PAGE_QUERY_PROPERTIES: JsonObject = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT, description: 'Items per page (1–500).' },
  offset: { type: 'integer', minimum: 0, maximum: 2147483647, default: 0, description: 'Items to skip; take it from `page.next_offset`.' },
};
