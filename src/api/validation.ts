import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { MsezError, isJsonObject, type JsonValue } from '../core/index.js';
import type { SchemaIssue, SchemaRegistry } from '../schema/index.js';

/** Where a failing value sat in the request. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** What fastify hands a validator compiler. */
export interface CompileRequest {
  readonly schema: unknown;
  readonly httpPart?: string;
}

export type RequestValidator = (data: unknown) => true | { value: unknown } | { error: MsezError };

/**
 * Request validation with msez's own JSON Schemas (spec/api.md §3), plugged into fastify with
 * `setValidatorCompiler`:
 * - bodies are validated by `$id` against the schema registry, the same schemas and messages as the CLI;
 * - path parameters and query strings are small inline schemas compiled with ajv (draft 2020-12), with
 *   type coercion (they arrive as strings) and defaults.
 * A failure is SCHEMA_INVALID (HTTP 422) with `details.in`, the first failing `pointer` and every `fields` item.
 */
export function makeValidatorCompiler(registry: SchemaRegistry): (req: CompileRequest) => RequestValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: true, useDefaults: true });
  return ({ schema, httpPart }) => {
    const part = toPart(httpPart);
    if (part === 'body') {
      const id = isJsonObject(schema as JsonValue) ? (schema as { $ref?: unknown }).$ref : undefined;
      if (typeof id !== 'string' || !registry.has(id)) {
        throw new MsezError('INTERNAL', `route body schema must be {$ref: <registry $id>}, got ${String(id)}`);
      }
      return (data) => {
        const issues = registry.validate(id, (data ?? null) as JsonValue);
        return issues.length === 0 ? true : { error: schemaError(part, issues) };
      };
    }
    const fn = ajv.compile(schema as object);
    return (data) => (fn(data) ? { value: data } : { error: schemaError(part, toIssues(fn.errors ?? [])) });
  };
}

function toPart(httpPart: string | undefined): RequestPart {
  switch (httpPart) {
    case 'body':
    case 'querystring':
    case 'params':
    case 'headers':
      return httpPart;
    default:
      throw new MsezError('INTERNAL', `unexpected request part ${String(httpPart)}`);
  }
}

export function schemaError(part: RequestPart, issues: readonly SchemaIssue[]): MsezError {
  const first = issues[0];
  const where = first === undefined ? part : `${part} ${first.pointer === '' ? '/' : first.pointer}`;
  return new MsezError('SCHEMA_INVALID', `${where}: ${first?.message ?? 'invalid'}`, {
    in: part,
    pointer: first?.pointer ?? '',
    fields: issues.map((i) => ({ pointer: i.pointer, message: i.message, keyword: i.keyword })),
  });
}

function toIssues(errors: readonly ErrorObject[]): SchemaIssue[] {
  return errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      return { pointer: `${e.instancePath}/${escapeToken(key)}`, message: `unknown field ${JSON.stringify(key)}`, keyword: e.keyword };
    }
    if (e.keyword === 'required') {
      const key = String(params.missingProperty);
      return { pointer: `${e.instancePath}/${escapeToken(key)}`, message: `missing required field ${JSON.stringify(key)}`, keyword: e.keyword };
    }
    return { pointer: e.instancePath, message: e.message ?? e.keyword, keyword: e.keyword };
  });
}

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}
