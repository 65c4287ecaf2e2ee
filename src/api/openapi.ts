import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MsezError, decodeUtf8, isJsonObject, parseJson, readFileBytes, type JsonObject, type JsonValue } from '../core/index.js';
import { builtinSchemaDir, schemaId } from '../schema/index.js';
import { PAGE_QUERY_PROPERTIES, type ApiRoute, type SchemaRef } from './route.js';

export const ERROR_SCHEMA_ID = schemaId('api-error');
export const PAGE_SCHEMA_ID = schemaId('api-page');

/** The unauthenticated system paths (spec/api.md §5). */
export const LIVENESS_PATH = '/health/liveness';
export const READINESS_PATH = '/health/readiness';
export const OPENAPI_PATH = '/openapi.json';

/**
 * The schema files as parsed objects, keyed by `$id`: the same files `loadSchemaRegistry(root)` compiles
 * (the built-ins, then `<root>/schemas/`, which cannot replace a built-in `$id`).
 */
export function loadSchemaObjects(workspaceRoot?: string): Map<string, JsonObject> {
  const builtin = builtinSchemaDir();
  const dirs = [builtin];
  if (workspaceRoot !== undefined) {
    const extra = resolve(workspaceRoot, 'schemas');
    if (extra !== resolve(builtin) && existsSync(extra)) dirs.push(extra);
  }
  const out = new Map<string, JsonObject>();
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
      const file = join(dir, name);
      const value = parseJson(decodeUtf8(readFileBytes(file), file), { file }).value;
      if (isJsonObject(value) && typeof value.$id === 'string' && !out.has(value.$id)) out.set(value.$id, value);
    }
  }
  return out;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'The request could not be read (malformed JSON, float or duplicate key in the body).',
  401: 'Missing, malformed or invalid bearer token.',
  404: 'No such resource or route.',
  409: 'The request conflicts with the current state.',
  413: 'The request body is larger than the limit.',
  415: 'The request body is not application/json.',
  422: 'The request failed schema validation or a domain check; details.pointer names the failing value.',
  429: 'Rate limit exceeded for this token; see Retry-After.',
  500: 'Internal error.',
  503: 'The server is not ready or is shutting down.',
};

/**
 * Builds the OpenAPI 3.1 document from the route table (spec/api.md §6). Request and response schemas are
 * the registry's own schema files, copied into `components.schemas` under their file stem with every
 * `$ref` rewritten to a document-local pointer, so the document is self-contained.
 */
export function buildOpenApi(routes: readonly ApiRoute[], schemas: ReadonlyMap<string, JsonObject>, version: string): JsonObject {
  const components = new ComponentSet(schemas);
  const errorRef = components.ref(ERROR_SCHEMA_ID);
  const pageRef = components.ref(PAGE_SCHEMA_ID);
  const responses: JsonObject = {};
  for (const [status, text] of Object.entries(STATUS_TEXT)) {
    responses[`Error${status}`] = { description: text, content: { 'application/json': { schema: errorRef } } };
  }
  const paths: JsonObject = {};
  const addOp = (path: string, method: string, op: JsonObject): void => {
    const item = (paths[path] ?? {}) as JsonObject;
    if (item[method] !== undefined) throw new MsezError('INTERNAL', `duplicate route ${method.toUpperCase()} ${path}`);
    item[method] = op;
    paths[path] = item;
  };
  const errorResponses = (statuses: readonly number[]): JsonObject => {
    const out: JsonObject = {};
    for (const s of [...new Set(statuses)].sort((a, b) => a - b)) out[String(s)] = { $ref: `#/components/responses/Error${s}` };
    return out;
  };

  const system: [string, string, string][] = [
    [LIVENESS_PATH, 'getLiveness', 'The process is up.'],
    [READINESS_PATH, 'getReadiness', 'The database answers and the schema registry is loaded (503 otherwise).'],
    [OPENAPI_PATH, 'getOpenApi', 'This OpenAPI 3.1 document.'],
  ];
  for (const [path, operationId, summary] of system) {
    addOp(path, 'get', {
      operationId,
      summary,
      tags: ['system'],
      security: [],
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        ...errorResponses(path === READINESS_PATH ? [503] : [500]),
      },
    });
  }

  const seenIds = new Set<string>();
  for (const r of routes) {
    if (seenIds.has(r.operationId)) throw new MsezError('INTERNAL', `duplicate operationId ${r.operationId}`);
    seenIds.add(r.operationId);
    const parameters: JsonValue[] = [];
    const pathNames = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
    const paramProps = (r.params?.properties ?? {}) as JsonObject;
    for (const name of pathNames) {
      const schema = paramProps[name];
      if (schema === undefined) throw new MsezError('INTERNAL', `${r.operationId}: path parameter ${name} has no schema`);
      parameters.push({ name, in: 'path', required: true, schema: components.rewriteInline(schema) });
    }
    const queryProps: JsonObject = { ...((r.query?.properties ?? {}) as JsonObject), ...(r.kind === 'list' ? PAGE_QUERY_PROPERTIES : {}) };
    const queryRequired = new Set(((r.query?.required ?? []) as JsonValue[]).map(String));
    for (const [name, schema] of Object.entries(queryProps)) {
      parameters.push({ name, in: 'query', required: queryRequired.has(name), schema: components.rewriteInline(schema) });
    }
    const statuses = [401, 429, 500, 503];
    if (parameters.length > 0 || r.body !== undefined) statuses.push(422);
    if (r.body !== undefined) statuses.push(400, 413, 415);
    if (pathNames.length > 0) statuses.push(404);
    statuses.push(...(r.errors ?? []));
    const op: JsonObject = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      responses: {},
    };
    if (parameters.length > 0) op.parameters = parameters;
    if (r.body !== undefined) {
      op.requestBody = { required: true, content: { 'application/json': { schema: components.ref(r.body) } } };
    }
    const ok: JsonObject =
      r.kind === 'item'
        ? { [String(r.status)]: { description: 'OK', content: { 'application/json': { schema: components.schemaOf(r.response) } } } }
        : {
            '200': {
              description: 'One page of items.',
              content: {
                'application/json': {
                  schema: { allOf: [pageRef, { type: 'object', properties: { items: { type: 'array', items: components.schemaOf(r.item) } } }] },
                },
              },
            },
          };
    op.responses = { ...ok, ...errorResponses(statuses) };
    addOp(toOpenApiPath(r.path), r.method.toLowerCase(), op);
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'msez API',
      version,
      description: 'The SEZ Stack state over HTTP: the same library functions as the msez CLI (spec/api.md).',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token from `msez serve --token-file` or MSEZ_API_TOKEN.' } },
      responses,
      schemas: components.toJson(),
    },
  };
}

/** `/v1/entities/:entity_id` → `/v1/entities/{entity_id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Schema files copied into `components.schemas`, with `$ref`s made document-local. */
class ComponentSet {
  private readonly out = new Map<string, JsonValue>();

  constructor(private readonly schemas: ReadonlyMap<string, JsonObject>) {}

  /** `{ $ref }` to the component for a registry `$id` (adding it and everything it references). */
  ref(id: string): JsonObject {
    return { $ref: `#/components/schemas/${this.add(id)}` };
  }

  schemaOf(ref: SchemaRef): JsonValue {
    return 'id' in ref ? this.ref(ref.id) : this.rewriteInline(ref.inline);
  }

  rewriteInline(schema: JsonValue): JsonValue {
    return this.rewrite(schema, undefined, '');
  }

  toJson(): JsonObject {
    const obj: JsonObject = {};
    for (const key of [...this.out.keys()].sort()) obj[key] = this.out.get(key) ?? null;
    return obj;
  }

  private add(id: string): string {
    const name = componentName(id);
    if (this.out.has(name)) return name;
    const schema = this.schemas.get(id);
    if (schema === undefined) throw new MsezError('INTERNAL', `OpenAPI: no built-in schema with $id ${id}`, { id });
    this.out.set(name, null); // reserve first: schemas may reference themselves
    const copy = this.rewrite(schema, id, name) as JsonObject;
    delete copy.$id;
    delete copy.$schema;
    this.out.set(name, copy);
    return name;
  }

  private rewrite(v: JsonValue, baseId: string | undefined, name: string): JsonValue {
    if (Array.isArray(v)) return v.map((x) => this.rewrite(x, baseId, name));
    if (!isJsonObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out[k] = this.rewriteRef(x, baseId, name);
      else if (k === 'const' || k === 'enum' || k === 'default' || k === 'examples') out[k] = x;
      else out[k] = this.rewrite(x, baseId, name);
    }
    return out;
  }

  private rewriteRef(ref: string, baseId: string | undefined, name: string): string {
    if (ref.startsWith('#')) {
      if (baseId === undefined) throw new MsezError('INTERNAL', `OpenAPI: inline schema has a local $ref ${ref}`);
      return `#/components/schemas/${name}${ref.slice(1)}`;
    }
    const hash = ref.indexOf('#');
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    const target = baseId === undefined ? base : new URL(base, baseId).href;
    return `#/components/schemas/${this.add(target)}${fragment}`;
  }
}

/** `https://…/msez/stack.lock.schema.json` → `stack.lock`. */
function componentName(id: string): string {
  const last = id.slice(id.lastIndexOf('/') + 1);
  return last.endsWith('.schema.json') ? last.slice(0, -'.schema.json'.length) : last.replace(/[^A-Za-z0-9._-]/g, '_');
}
