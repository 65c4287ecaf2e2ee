import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { MsezError, decodeUtf8, isJsonObject, parseJson, readFileBytes, type JsonValue } from '../core/index.js';

/** Prefix of every built-in `$id` (design README D1). */
export const SCHEMA_ID_BASE = 'https://schemas.momentum-sez.org/msez/';

/** `$id` of a built-in schema by its file name stem: `schemaId('module')` → `…/msez/module.schema.json`. */
export function schemaId(name: string): string {
  return `${SCHEMA_ID_BASE}${name}.schema.json`;
}

/** One schema failure: where in the instance (JSON pointer), what, and which ajv keyword. */
export interface SchemaIssue {
  readonly pointer: string;
  readonly message: string;
  readonly keyword: string;
}

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((ajvFormats as unknown as { default?: FormatsPlugin }).default ?? ajvFormats) as unknown as FormatsPlugin;

/**
 * The schemas shipped with msez (D17): the package's `schemas/` folder, found by walking up from this
 * file so it works from `src/schema/` (tsx) and from `build/src/schema/` (compiled).
 */
export function builtinSchemaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new MsezError('INTERNAL', 'the msez schemas/ folder is missing from the installation');
    dir = up;
  }
}

/**
 * Every `schemas/*.schema.json`, keyed by `$id`, compiled once with ajv (draft 2020-12) + ajv-formats.
 * Workspace schemas join the built-ins but may not replace a built-in `$id` (D17).
 */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly sources = new Map<string, string>();

  constructor(dirs: readonly string[]) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, strictTuples: false });
    addFormats(this.ajv);
    const builtin = dirs[0];
    for (const dir of dirs) {
      for (const name of listSchemas(dir)) {
        const file = join(dir, name);
        const schema = parseJson(decodeUtf8(readFileBytes(file), file), { file }).value;
        const id = isJsonObject(schema) && typeof schema.$id === 'string' ? schema.$id : undefined;
        if (id === undefined) throw new MsezError('SCHEMA_INVALID', `${file}: a schema needs a string $id`, { file });
        const previous = this.sources.get(id);
        if (previous !== undefined) {
          const code = dir === builtin ? 'INTERNAL' : 'SCHEMA_INVALID';
          throw new MsezError(code, `${file}: $id ${id} is already defined by ${previous}`, { file, id, previous });
        }
        this.sources.set(id, file);
        this.ajv.addSchema(schema as object, id);
      }
    }
  }

  /** Every registered `$id`, sorted. */
  ids(): string[] {
    return [...this.sources.keys()].sort();
  }

  has(id: string): boolean {
    return this.sources.has(id);
  }

  /** Validates `value` against schema `id`; an empty list means valid. */
  validate(id: string, value: JsonValue): SchemaIssue[] {
    const fn = this.compile(id);
    if (fn(value)) return [];
    return toIssues(fn.errors ?? []);
  }

  private compile(id: string): ValidateFunction {
    const hit = this.compiled.get(id);
    if (hit !== undefined) return hit;
    if (!this.sources.has(id)) throw new MsezError('SCHEMA_INVALID', `no schema with $id ${id}`, { id });
    let fn: ValidateFunction | undefined;
    try {
      fn = this.ajv.getSchema(id);
    } catch (cause) {
      throw new MsezError('SCHEMA_INVALID', `schema ${id} (${this.sources.get(id)}) does not compile: ${String(cause)}`, { id }, { cause });
    }
    if (fn === undefined) throw new MsezError('SCHEMA_INVALID', `no schema with $id ${id}`, { id });
    this.compiled.set(id, fn);
    return fn;
  }
}

function listSchemas(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.schema.json'))
    .sort();
}

const cache = new Map<string, SchemaRegistry>();

/**
 * The registry for a workspace: built-ins plus `<root>/schemas/` (unless that is the built-in folder).
 * Cached per root, so each process compiles every schema at most once.
 */
export function loadSchemaRegistry(workspaceRoot?: string): SchemaRegistry {
  const builtin = builtinSchemaDir();
  const candidate = workspaceRoot === undefined ? undefined : resolve(workspaceRoot, 'schemas');
  const extra = candidate !== undefined && existsSync(candidate) && resolve(candidate) !== resolve(builtin) ? candidate : undefined;
  const key = extra ?? '';
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const dirs = extra === undefined ? [builtin] : [builtin, extra];
  const registry = new SchemaRegistry(dirs);
  cache.set(key, registry);
  return registry;
}

/** Validates against a built-in (or workspace) schema by `$id` or by name (`'module'`). */
export function validateAgainst(idOrName: string, value: JsonValue, registry: SchemaRegistry = loadSchemaRegistry()): SchemaIssue[] {
  const id = idOrName.includes('/') ? idOrName : schemaId(idOrName);
  return registry.validate(id, value);
}

/**
 * ajv errors → issues. `if/then/else` wrappers only repeat their branch's errors, so they are dropped; an
 * additionalProperties error points at the offending key; `required` names the missing field.
 */
function toIssues(errors: readonly ErrorObject[]): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const seen = new Set<string>();
  const failedCombinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    // A failed oneOf/anyOf with deeper errors is explained by them; keep it only when nothing deeper failed.
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && errors.some((x) => x.instancePath.startsWith(`${e.instancePath}/`))) continue;
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && failedCombinators.some((c) => c.instancePath === e.instancePath && e.schemaPath.startsWith(c.schemaPath))) continue;
    const issue = toIssue(e);
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function toIssue(e: ErrorObject): SchemaIssue {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { pointer: `${e.instancePath}/${escapeToken(key)}`, message: `unknown field ${JSON.stringify(key)}`, keyword: e.keyword };
    }
    case 'required':
      return { pointer: e.instancePath, message: `missing required field ${JSON.stringify(String(params.missingProperty))}`, keyword: e.keyword };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, keyword: e.keyword };
    case 'const':
      return { pointer: e.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}`, keyword: e.keyword };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword, keyword: e.keyword };
  }
}

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}
