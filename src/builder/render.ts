import { MsezError, isJsonObject, mcfText, type JsonObject, type JsonValue } from '../core/index.js';

/** Files whose placeholders are rendered (formats.md §4); manifests and locks never are. */
export function isRenderable(relPath: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (name === 'module.yaml' || name === 'profile.yaml' || name === 'zone.yaml' || name === 'stack.lock') return false;
  return /\.(xml|ya?ml|md)$/i.test(name);
}

/**
 * The parameter context of one module, lowest to highest priority: zone ids → module defaults → profile
 * params → zone `params_overrides` (formats.md §4). Every key is also reachable under its UPPERCASE alias.
 */
export function parameterContext(layers: readonly JsonObject[]): JsonObject {
  const out: JsonObject = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) out[k] = v;
  return out;
}

function lookup(ctx: JsonObject, name: string): JsonValue | undefined {
  if (Object.hasOwn(ctx, name)) return ctx[name];
  for (const [k, v] of Object.entries(ctx)) if (k.toUpperCase() === name) return v;
  return undefined;
}

function text(v: JsonValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return mcfText(v);
}

const MUSTACHE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
const DOLLAR = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/**
 * Replaces `{{ NAME }}` and `${name}` (the `${}` form also tries the uppercase name). An unknown name is
 * left as written, or fails with RENDER_VARIABLE_MISSING under `strict`.
 */
export function renderTemplate(source: string, ctx: JsonObject, file: string, strict: boolean): string {
  const missing = (name: string, raw: string): string => {
    if (strict) throw new MsezError('RENDER_VARIABLE_MISSING', `${file}: no parameter ${name} for ${raw}`, { file, name });
    return raw;
  };
  const step1 = source.replace(MUSTACHE, (raw, name: string) => {
    const v = lookup(ctx, name);
    return v === undefined ? missing(name, raw) : text(v);
  });
  return step1.replace(DOLLAR, (raw, name: string) => {
    const v = lookup(ctx, name) ?? lookup(ctx, name.toUpperCase());
    return v === undefined ? missing(name, raw) : text(v);
  });
}

/** Module defaults as an object: each declared parameter that has a `default`. */
export function moduleDefaults(parameters: JsonValue | undefined): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(parameters)) return out;
  for (const [name, spec] of Object.entries(parameters)) {
    if (isJsonObject(spec) && Object.hasOwn(spec, 'default')) out[name] = spec.default as JsonValue;
  }
  return out;
}
