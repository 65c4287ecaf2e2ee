import { expect } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/core/index.js';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const PARAM_IN = new Set(['query', 'header', 'path', 'cookie']);
const COMPONENT_KEY = /^[a-zA-Z0-9.\-_]+$/;

/** Resolves a document-local JSON pointer (`#/a/b`); undefined when it does not resolve. */
export function resolvePointer(doc: JsonValue, ref: string): JsonValue | undefined {
  if (!ref.startsWith('#')) return undefined;
  if (ref === '#') return doc;
  if (!ref.startsWith('#/')) return undefined;
  let cur: JsonValue | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isJsonObject(cur)) cur = Object.hasOwn(cur, token) ? cur[token] : undefined;
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function collectRefs(v: JsonValue, out: string[]): void {
  if (Array.isArray(v)) for (const x of v) collectRefs(x, out);
  else if (isJsonObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else if (k !== 'const' && k !== 'enum' && k !== 'default' && k !== 'examples') collectRefs(x, out);
    }
  }
}

/**
 * Structural OpenAPI 3.1 check (the fields the 3.1.0 specification requires, plus path parameters and
 * references): no network, no external meta-schema.
 */
export function checkOpenApi31(doc: JsonObject): void {
  expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  const info = doc.info as JsonObject;
  expect(typeof info.title).toBe('string');
  expect(typeof info.version).toBe('string');
  expect(isJsonObject(doc.paths)).toBe(true);
  const components = (doc.components ?? {}) as JsonObject;
  for (const section of Object.values(components)) {
    for (const key of Object.keys(section as JsonObject)) expect(key).toMatch(COMPONENT_KEY);
  }
  const schemes = (components.securitySchemes ?? {}) as JsonObject;
  const checkSecurity = (sec: JsonValue | undefined): void => {
    if (sec === undefined) return;
    for (const req of sec as JsonObject[]) for (const name of Object.keys(req)) expect(Object.keys(schemes)).toContain(name);
  };
  checkSecurity(doc.security);
  const opIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
    expect(path.startsWith('/')).toBe(true);
    const templ = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, opValue] of Object.entries(item as JsonObject)) {
      expect(METHODS.has(method), `${method} ${path}`).toBe(true);
      const op = opValue as JsonObject;
      expect(typeof op.operationId).toBe('string');
      expect(opIds.has(op.operationId as string), `duplicate ${String(op.operationId)}`).toBe(false);
      opIds.add(op.operationId as string);
      checkSecurity(op.security);
      const responses = op.responses as JsonObject;
      expect(Object.keys(responses).length).toBeGreaterThan(0);
      for (const [status, resp] of Object.entries(responses)) {
        expect(status).toMatch(/^([1-5][0-9][0-9]|[1-5]XX|default)$/);
        const r = resp as JsonObject;
        const resolved = (typeof r.$ref === 'string' ? resolvePointer(doc, r.$ref) : r) as JsonObject | undefined;
        expect(typeof resolved?.description, `${method} ${path} ${status}`).toBe('string');
      }
      const params = (op.parameters ?? []) as JsonObject[];
      const seen = new Set<string>();
      for (const p of params) {
        expect(typeof p.name).toBe('string');
        expect(PARAM_IN.has(p.in as string)).toBe(true);
        expect(p.schema ?? p.content).toBeDefined();
        const key = `${String(p.in)}:${String(p.name)}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        if (p.in === 'path') {
          expect(p.required).toBe(true);
          expect(templ).toContain(p.name);
        }
      }
      for (const name of templ) expect(seen.has(`path:${name}`), `${path} declares {${name}}`).toBe(true);
      if (op.requestBody !== undefined) {
        const content = (op.requestBody as JsonObject).content as JsonObject;
        expect(Object.keys(content).length).toBeGreaterThan(0);
      }
    }
  }
  const refs: string[] = [];
  collectRefs(doc, refs);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) {
    expect(ref.startsWith('#/'), ref).toBe(true);
    expect(resolvePointer(doc, ref), ref).toBeDefined();
  }
}
