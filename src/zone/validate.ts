import { existsSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import {
  MsezError,
  childPointer,
  compareCodePoints,
  decodeUtf8,
  digestRaw,
  isJsonObject,
  parseJson,
  readFileBytes,
  type JsonObject,
  type JsonValue,
  type ParsedSource,
} from '../core/index.js';
import { positionIssues, validateAgainst, type SchemaRegistry } from '../schema/index.js';
import { satisfies } from './constraint.js';
import { schemaProblems, sortProblems, problemFromError, type Problem, type ProblemCode } from './problems.js';
import {
  corridorFile,
  isProblem,
  loadDoc,
  relPath,
  toModuleInfo,
  toProfileInfo,
  toZoneInfo,
  type LoadedDoc,
  type ModuleInfo,
  type ParameterSpec,
  type ProfileInfo,
  type Workspace,
  type ZoneInfo,
} from './workspace.js';

/** `stack_spec_version` every profile must declare (design README D1). */
export const STACK_SPEC_VERSION = '0.4.44';

export interface ValidateSelection {
  readonly modules: readonly ModuleInfo[];
  readonly profiles: readonly ProfileInfo[];
  readonly zones: readonly ZoneInfo[];
  /** Check `registries/*.yaml` and `rulesets/` for completeness (formats.md §10). */
  readonly registries: boolean;
}

export interface ValidateReport {
  readonly problems: readonly Problem[];
  readonly errors: number;
  readonly warnings: number;
  readonly checked: { readonly modules: number; readonly profiles: number; readonly zones: number; readonly registries: number };
}

/** Runs the schema and semantic checks of formats.md §6 on the selection; never throws for bad data. */
export function validateSelection(ws: Workspace, sel: ValidateSelection, registry: SchemaRegistry): ValidateReport {
  const c = new Checker(ws, registry);
  for (const p of ws.problems) c.push(p);
  for (const m of sel.modules) c.module(m);
  for (const p of sel.profiles) c.profile(p);
  for (const z of sel.zones) c.zone(z);
  let registries = 0;
  if (sel.registries) registries = c.registries();
  const problems = sortProblems(c.problems);
  return {
    problems,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    checked: { modules: sel.modules.length, profiles: sel.profiles.length, zones: sel.zones.length, registries },
  };
}

/** The selection for one file argument: a module.yaml, profile.yaml or zone.yaml (or a folder holding one). */
export function selectPath(ws: Workspace, path: string): ValidateSelection | Problem {
  let file = resolve(path);
  if (existsSync(join(file, 'module.yaml'))) file = join(file, 'module.yaml');
  else if (existsSync(join(file, 'profile.yaml'))) file = join(file, 'profile.yaml');
  else if (existsSync(join(file, 'zone.yaml'))) file = join(file, 'zone.yaml');
  if (!existsSync(file)) throw new MsezError('FILE_NOT_FOUND', `${path}: no such file`, { path });
  const doc = loadDoc(ws.root, file);
  if (isProblem(doc)) return doc;
  const none = { modules: [], profiles: [], zones: [], registries: false };
  const v = doc.value;
  const name = basename(file);
  if (name === 'module.yaml' || (name !== 'profile.yaml' && name !== 'zone.yaml' && 'module_id' in v)) {
    return { ...none, modules: [[...ws.modules.values()].find((m) => m.doc.path === file) ?? toModuleInfo(doc)] };
  }
  if (name === 'profile.yaml' || (name !== 'zone.yaml' && 'profile_id' in v && 'modules' in v)) {
    return { ...none, profiles: [[...ws.profiles.values()].find((p) => p.doc.path === file) ?? toProfileInfo(doc)] };
  }
  if (name === 'zone.yaml' || 'zone_id' in v) return { ...none, zones: [toZoneInfo(doc)] };
  throw new MsezError('USAGE', `${path}: not a module.yaml, profile.yaml or zone.yaml`, { path });
}

class Checker {
  readonly problems: Problem[] = [];

  constructor(
    private readonly ws: Workspace,
    private readonly registry: SchemaRegistry,
  ) {}

  push(p: Problem): void {
    this.problems.push(p);
  }

  at(src: ParsedSource, pointer: string, code: ProblemCode, message: string): void {
    const pos = src.locate(pointer);
    this.problems.push({ file: src.file, line: pos.line, col: pos.col, pointer, code, message, severity: 'error' });
  }

  /** Schema issues and YAML 1.1 warnings of one document. */
  schema(doc: LoadedDoc | ParsedSource, value: JsonValue, name: string): boolean {
    const parsed = 'parsed' in doc ? doc.parsed : doc;
    const issues = validateAgainst(name, value, this.registry);
    for (const p of schemaProblems(positionIssues(issues, parsed))) this.push(p);
    if ('warnings' in parsed) {
      for (const w of parsed.warnings as readonly { pointer: string; line: number; col: number; message: string }[]) {
        this.push({ file: parsed.file, line: w.line, col: w.col, pointer: w.pointer, code: 'YAML11_AMBIGUOUS', message: w.message, severity: 'warning' });
      }
    }
    return issues.length === 0;
  }

  module(m: ModuleInfo): void {
    const src = m.doc.parsed;
    this.schema(m.doc, m.doc.value, 'module');
    m.provides.forEach((p, i) => {
      if (p.path === undefined) return;
      const ptr = `/provides/${i}/path`;
      const target = inside(m.doc.dir, p.path);
      if (target === undefined) this.at(src, ptr, 'SCHEMA_INVALID', `path ${JSON.stringify(p.path)} leaves the module folder`);
      else if (!existsSync(target)) this.at(src, ptr, 'FILE_NOT_FOUND', `provided path ${p.path} does not exist`);
    });
    m.depends.forEach((d) => {
      const ptr = `/depends_on/${d.index}`;
      const target = this.ws.modules.get(d.module_id);
      if (target === undefined) this.at(src, ptr, 'DEPENDENCY_MISSING', `depends on ${d.module_id}, which no module declares`);
      else if (d.constraint !== undefined && !safeSatisfies(target.version, d.constraint)) {
        this.at(src, ptr, 'DEPENDENCY_UNSATISFIED', `depends on ${d.module_id} ${d.constraint}, but the workspace has ${target.version}`);
      }
    });
    for (const p of m.parameters) {
      if (p.default === undefined) continue;
      const why = paramTypeError(p, p.default);
      if (why !== undefined) this.at(src, `/parameters/${p.name}/default`, 'PARAM_INVALID', `default of ${p.name}: ${why}`);
    }
    this.akn(m);
    if (m.kind === 'corridor') this.corridor(m);
  }

  /** Akoma Ntoso documents under src/akn parse and carry at least one eId (formats.md §6). */
  akn(m: ModuleInfo): void {
    for (const file of findXml(join(m.doc.dir, 'src', 'akn'))) {
      const rel = relPath(this.ws.root, file);
      const problem = xmlProblem(decodeUtf8(readFileBytes(file), rel));
      if (problem !== undefined) this.problems.push({ file: rel, line: 1, col: 1, pointer: '', code: 'XML_INVALID', message: problem, severity: 'error' });
    }
  }

  corridor(m: ModuleInfo): void {
    const file = corridorFile(m);
    if (!existsSync(file)) {
      this.at(m.doc.parsed, '/kind', 'FILE_NOT_FOUND', 'a kind: corridor module needs corridor.yaml');
      return;
    }
    const doc = loadDoc(this.ws.root, file);
    if (isProblem(doc)) return; // reported by the workspace loader
    const src = doc.parsed;
    this.schema(doc, doc.value, 'corridor');
    const id = doc.value.corridor_id;
    if (typeof id === 'string' && !m.variants.some((v) => `${m.id}.${v}` === id)) {
      this.at(src, '/corridor_id', 'ID_MISMATCH', `corridor_id must be ${m.id}.<variant> for one of: ${m.variants.join(', ')}`);
    }
    const side = (key: string, fallback: string, schema: string): { doc: LoadedDoc; path: string } | undefined => {
      const rel = typeof doc.value[key] === 'string' ? (doc.value[key] as string) : fallback;
      const path = inside(m.doc.dir, rel);
      if (path === undefined || !existsSync(path)) {
        this.at(src, key in doc.value ? `/${key}` : '', 'FILE_NOT_FOUND', `${rel} does not exist in ${m.doc.rel.replace(/\/module\.yaml$/, '')}`);
        return undefined;
      }
      const sideDoc = loadDoc(this.ws.root, path);
      if (isProblem(sideDoc)) {
        this.push(sideDoc);
        return undefined;
      }
      this.schema(sideDoc, sideDoc.value, schema);
      return { doc: sideDoc, path };
    };
    const anchors = side('trust_anchors_path', 'trust-anchors.yaml', 'trust-anchors');
    const rotation = side('key_rotation_path', 'key-rotation.yaml', 'key-rotation');
    const vcRel = doc.value.definition_vc_path;
    if (typeof vcRel !== 'string') return;
    const vcPath = inside(m.doc.dir, vcRel);
    if (vcPath === undefined || !existsSync(vcPath)) {
      this.at(src, '/definition_vc_path', 'FILE_NOT_FOUND', `definition VC ${vcRel} does not exist`);
      return;
    }
    const vcFile = relPath(this.ws.root, vcPath);
    let vc: ParsedSource<JsonValue>;
    try {
      vc = parseJson(decodeUtf8(readFileBytes(vcPath), vcFile), { file: vcFile, positions: true });
    } catch (err) {
      if (err instanceof MsezError) this.push(problemFromError(err, vcFile));
      else throw err;
      return;
    }
    if (!this.schema(vc, vc.value, 'vc.corridor-definition') || !isJsonObject(vc.value)) return;
    const subject = vc.value.credentialSubject as JsonObject;
    if (subject.corridor_id !== id) {
      this.at(vc, '/credentialSubject/corridor_id', 'ID_MISMATCH', `credential names corridor ${String(subject.corridor_id)}, corridor.yaml says ${String(id)}`);
    }
    // D16: the definition VC pins the three files by raw file-byte digests, as the lock does.
    const artifacts = subject.artifacts as JsonObject;
    const pinned: [string, Uint8Array | undefined][] = [
      ['corridor_manifest', doc.bytes],
      ['trust_anchors', anchors?.doc.bytes],
      ['key_rotation', rotation?.doc.bytes],
    ];
    for (const [name, bytes] of pinned) {
      const entry = artifacts[name];
      if (bytes === undefined || !isJsonObject(entry)) continue;
      const claimed = typeof entry.digest_sha256 === 'string' ? entry.digest_sha256 : entry.sha256;
      const actual = digestRaw(bytes).hex;
      if (typeof claimed === 'string' && claimed.trim().toLowerCase() !== actual) {
        this.at(vc, `/credentialSubject/artifacts/${name}`, 'DIGEST_MISMATCH', `${name} is pinned as ${claimed}, but the file hashes to ${actual}`);
      }
    }
    if (anchors !== undefined) this.signers(vc, anchors.doc.value);
  }

  /** Every definition-VC signer must be a trust anchor allowed `corridor_definition` (or `*`). */
  signers(vc: ParsedSource<JsonValue>, anchors: JsonObject): void {
    const allowed = new Set<string>();
    for (const a of Array.isArray(anchors.trust_anchors) ? anchors.trust_anchors : []) {
      if (!isJsonObject(a) || typeof a.identifier !== 'string') continue;
      const atts = Array.isArray(a.allowed_attestations) ? a.allowed_attestations : [];
      if (atts.includes('corridor_definition') || atts.includes('*')) allowed.add(a.identifier.split('#')[0] as string);
    }
    const proof = isJsonObject(vc.value) ? vc.value.proof : undefined;
    const proofs = Array.isArray(proof) ? proof : proof === undefined ? [] : [proof];
    proofs.forEach((p, i) => {
      if (!isJsonObject(p) || typeof p.verificationMethod !== 'string') return;
      const did = p.verificationMethod.split('#')[0] as string;
      if (!allowed.has(did)) {
        this.at(vc, Array.isArray(proof) ? `/proof/${i}/verificationMethod` : '/proof/verificationMethod', 'UNTRUSTED_SIGNER', `${did} is not a trust anchor allowed corridor_definition`);
      }
    });
  }

  profile(p: ProfileInfo): void {
    const src = p.doc.parsed;
    this.schema(p.doc, p.doc.value, 'profile');
    const dirName = basename(p.doc.dir);
    if (p.id !== '' && p.id !== `org.momentum.msez.profile.${dirName}`) {
      this.at(src, '/profile_id', 'ID_MISMATCH', `profile_id must be org.momentum.msez.profile.${dirName} (the folder name)`);
    }
    if (p.stackSpecVersion !== '' && p.stackSpecVersion !== STACK_SPEC_VERSION) {
      this.at(src, '/stack_spec_version', 'VERSION_MISMATCH', `stack_spec_version must be "${STACK_SPEC_VERSION}", found "${p.stackSpecVersion}"`);
    }
    const listed = new Map<string, string>();
    for (const entry of p.modules) {
      const base = `/modules/${entry.index}`;
      if (listed.has(entry.module_id)) this.at(src, `${base}/module_id`, 'DUPLICATE_ID', `${entry.module_id} is listed twice`);
      listed.set(entry.module_id, entry.version);
      const m = this.ws.modules.get(entry.module_id);
      if (m === undefined) {
        this.at(src, `${base}/module_id`, 'MODULE_NOT_FOUND', `no module declares module_id ${entry.module_id}`);
        continue;
      }
      if (entry.version !== m.version) {
        this.at(src, `${base}/version`, 'VERSION_MISMATCH', `pins ${entry.module_id} ${entry.version}, but ${m.doc.rel} is ${m.version}`);
      }
      if (!m.variants.includes(entry.variant)) {
        this.at(src, `${base}/variant`, 'UNKNOWN_VARIANT', `${entry.module_id} has no variant ${entry.variant} (variants: ${m.variants.join(', ') || 'none'})`);
      }
      this.params(src, `${base}/params`, m, entry.params);
    }
    for (const entry of p.modules) {
      const m = this.ws.modules.get(entry.module_id);
      if (m === undefined) continue;
      for (const d of m.depends) {
        const pinned = listed.get(d.module_id);
        if (pinned === undefined) {
          this.at(src, `/modules/${entry.index}`, 'DEPENDENCY_MISSING', `${entry.module_id} depends on ${d.module_id}, which the profile does not list`);
        } else if (d.constraint !== undefined && !safeSatisfies(pinned, d.constraint)) {
          this.at(src, `/modules/${entry.index}`, 'DEPENDENCY_UNSATISFIED', `${entry.module_id} needs ${d.module_id} ${d.constraint}, the profile pins ${pinned}`);
        }
      }
    }
    p.corridors.forEach((c, i) => {
      if (!this.ws.corridors.has(c)) this.at(src, `/corridors/${i}`, 'CORRIDOR_UNRESOLVED', `no corridor module declares corridor_id ${c}`);
    });
  }

  /** Parameter names must be declared by the module, and values must fit the declared type. */
  params(src: ParsedSource, base: string, m: ModuleInfo, params: JsonObject): void {
    for (const [name, value] of Object.entries(params)) {
      const spec = m.parameters.find((x) => x.name === name);
      const ptr = childPointer(base, name);
      if (spec === undefined) {
        this.at(src, ptr, 'PARAM_INVALID', `${m.id} declares no parameter ${name}`);
        continue;
      }
      const why = paramTypeError(spec, value);
      if (why !== undefined) this.at(src, ptr, 'PARAM_INVALID', `${name}: ${why}`);
    }
  }

  zone(z: ZoneInfo): void {
    const src = z.doc.parsed;
    const v = z.doc.value;
    this.schema(z.doc, v, 'zone');
    const profile = this.ws.profiles.get(z.profileId);
    if (z.profileId !== '' && profile === undefined) {
      this.at(src, '/profile/profile_id', 'PROFILE_NOT_FOUND', `no profile declares profile_id ${z.profileId}`);
    }
    z.corridors.forEach((c, i) => {
      if (!this.ws.corridors.has(c)) this.at(src, `/corridors/${i}`, 'CORRIDOR_UNRESOLVED', `no corridor module declares corridor_id ${c}`);
    });
    const inProfile = (id: string): ModuleInfo | undefined =>
      profile?.modules.some((e) => e.module_id === id) === true ? this.ws.modules.get(id) : undefined;
    const overlays = Array.isArray(v.overlays) ? v.overlays : [];
    overlays.forEach((o, i) => {
      if (!isJsonObject(o)) return;
      if (typeof o.module_id === 'string' && profile !== undefined && inProfile(o.module_id) === undefined) {
        this.at(src, `/overlays/${i}/module_id`, 'MODULE_NOT_FOUND', `overlay targets ${o.module_id}, which the profile does not list`);
      }
      (Array.isArray(o.patches) ? o.patches : []).forEach((patch, j) => {
        if (typeof patch !== 'string') return;
        if (!existsSync(resolve(z.doc.dir, patch))) this.at(src, `/overlays/${i}/patches/${j}`, 'FILE_NOT_FOUND', `patch ${patch} does not exist`);
      });
    });
    const overrides = isJsonObject(v.params_overrides) ? v.params_overrides : {};
    for (const [moduleId, params] of Object.entries(overrides)) {
      const ptr = childPointer('/params_overrides', moduleId);
      if (profile === undefined) continue;
      const m = inProfile(moduleId);
      if (m === undefined) this.at(src, ptr, 'MODULE_NOT_FOUND', `params_overrides names ${moduleId}, which the profile does not list`);
      else if (isJsonObject(params)) this.params(src, ptr, m, params);
    }
    if (profile !== undefined) {
      for (const entry of profile.modules) {
        const m = this.ws.modules.get(entry.module_id);
        if (m === undefined) continue;
        const zoneParams = overrides[entry.module_id];
        for (const p of m.parameters) {
          if (!p.required || p.default !== undefined || p.name in entry.params) continue;
          if (isJsonObject(zoneParams) && p.name in zoneParams) continue;
          this.at(src, '/params_overrides', 'PARAM_INVALID', `required parameter ${p.name} of ${m.id} has no default, profile value or override`);
        }
      }
    }
    const lockRel = typeof v.lockfile_path === 'string' ? v.lockfile_path : 'stack.lock';
    const lockPath = resolve(z.doc.dir, lockRel);
    if (existsSync(lockPath)) {
      const lockFile = relPath(this.ws.root, lockPath);
      try {
        const lock = parseJson(decodeUtf8(readFileBytes(lockPath), lockFile), { file: lockFile, positions: true });
        this.schema(lock, lock.value, 'stack.lock');
      } catch (err) {
        if (err instanceof MsezError) this.push(problemFromError(err, lockFile));
        else throw err;
      }
    }
  }

  /** Registries list everything, and everything they list exists (formats.md §10). */
  registries(): number {
    const dir = join(this.ws.root, 'registries');
    if (!existsSync(dir)) return 0;
    let count = 0;
    const load = (name: string, key: string): { doc: LoadedDoc; entries: { entry: JsonObject; ptr: string }[] } | undefined => {
      const path = join(dir, `${name}.yaml`);
      if (!existsSync(path)) {
        this.push({ file: relPath(this.ws.root, path), line: 1, col: 1, pointer: '', code: 'REGISTRY_INCOMPLETE', message: `registries/${name}.yaml is missing`, severity: 'error' });
        return undefined;
      }
      const doc = loadDoc(this.ws.root, path, true);
      count++;
      if (isProblem(doc)) {
        this.push(doc);
        return undefined;
      }
      this.schema(doc, doc.parsed.value, `registry.${name}`);
      const list = Array.isArray(doc.parsed.value) ? doc.parsed.value : doc.value[name];
      const base = Array.isArray(doc.parsed.value) ? '' : `/${name}`;
      const entries = (Array.isArray(list) ? list : []).flatMap((e, i) => (isJsonObject(e) && typeof e[key] === 'string' ? [{ entry: e, ptr: `${base}/${i}` }] : []));
      return { doc, entries };
    };
    const complete = (reg: ReturnType<typeof load>, key: string, expected: Iterable<string>, what: string): void => {
      if (reg === undefined) return;
      const listed = new Set(reg.entries.map((e) => e.entry[key] as string));
      const missing = [...new Set(expected)].filter((id) => !listed.has(id)).sort(compareCodePoints);
      if (missing.length > 0) {
        this.at(reg.doc.parsed, '', 'REGISTRY_INCOMPLETE', `${reg.doc.rel} does not list ${what} ${missing.join(', ')}`);
      }
    };
    const modules = load('modules', 'module_id');
    for (const { entry, ptr } of modules?.entries ?? []) {
      const m = this.ws.modules.get(entry.module_id as string);
      if (m === undefined) this.at(modules!.doc.parsed, `${ptr}/module_id`, 'MODULE_NOT_FOUND', `no module declares ${String(entry.module_id)}`);
      else if (typeof entry.latest === 'string' && entry.latest !== m.version) {
        this.at(modules!.doc.parsed, `${ptr}/latest`, 'VERSION_MISMATCH', `latest ${entry.latest}, but ${m.doc.rel} is ${m.version}`);
      }
    }
    complete(modules, 'module_id', this.ws.modules.keys(), 'modules');
    const profiles = load('profiles', 'profile_id');
    for (const { entry, ptr } of profiles?.entries ?? []) {
      if (!this.ws.profiles.has(entry.profile_id as string)) this.at(profiles!.doc.parsed, `${ptr}/profile_id`, 'PROFILE_NOT_FOUND', `no profile declares ${String(entry.profile_id)}`);
    }
    complete(profiles, 'profile_id', this.ws.profiles.keys(), 'profiles');
    const corridors = load('corridors', 'corridor_id');
    for (const { entry, ptr } of corridors?.entries ?? []) {
      if (!this.ws.corridors.has(entry.corridor_id as string)) this.at(corridors!.doc.parsed, `${ptr}/corridor_id`, 'CORRIDOR_UNRESOLVED', `no corridor module declares ${String(entry.corridor_id)}`);
    }
    complete(corridors, 'corridor_id', this.ws.corridors.keys(), 'corridors');
    const jurisdictions = load('jurisdictions', 'jurisdiction_id');
    complete(jurisdictions, 'jurisdiction_id', this.ws.zones.map((z) => z.jurisdictionId).filter((j) => j !== ''), 'jurisdictions');
    const rulesets = load('rulesets', 'ruleset_id');
    const listedFiles = new Set<string>();
    for (const { entry, ptr } of rulesets?.entries ?? []) {
      if (typeof entry.path !== 'string') continue;
      const path = inside(this.ws.root, entry.path);
      if (path === undefined || !existsSync(path)) {
        this.at(rulesets!.doc.parsed, `${ptr}/path`, 'FILE_NOT_FOUND', `${entry.path} does not exist`);
        continue;
      }
      listedFiles.add(path);
      const file = relPath(this.ws.root, path);
      try {
        const rs = parseJson(decodeUtf8(readFileBytes(path), file), { file, positions: true });
        this.schema(rs, rs.value, 'ruleset');
        if (isJsonObject(rs.value) && rs.value.ruleset_id !== entry.ruleset_id) {
          this.at(rs, '/ruleset_id', 'ID_MISMATCH', `registries/rulesets.yaml lists this file as ${String(entry.ruleset_id)}`);
        }
      } catch (err) {
        if (err instanceof MsezError) this.push(problemFromError(err, file));
        else throw err;
      }
    }
    if (rulesets !== undefined) {
      const all = listJson(join(this.ws.root, 'rulesets')).filter((f) => !listedFiles.has(f));
      complete(rulesets, 'path', [], 'rulesets');
      if (all.length > 0) {
        this.at(rulesets.doc.parsed, '', 'REGISTRY_INCOMPLETE', `registries/rulesets.yaml does not list ${all.map((f) => relPath(this.ws.root, f)).join(', ')}`);
      }
    }
    return count;
  }
}

function safeSatisfies(version: string, constraint: string): boolean {
  try {
    return satisfies(version, constraint);
  } catch {
    return false;
  }
}

/** `rel` resolved under `dir`, or undefined when it escapes `dir` (absolute or `..`). */
export function inside(dir: string, rel: string): string | undefined {
  if (isAbsolute(rel)) return undefined;
  const full = normalize(join(dir, rel));
  const back = relative(dir, full);
  return back.startsWith('..') || isAbsolute(back) ? undefined : full;
}

/** Why `value` does not fit a parameter's declared type, or undefined when it does. */
export function paramTypeError(spec: ParameterSpec, value: JsonValue): string | undefined {
  const isInt = (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
  switch (spec.type) {
    case 'string':
    case 'duration':
    case 'jurisdiction_ref':
      return typeof value === 'string' ? undefined : `expected a string (${spec.type})`;
    case 'integer':
      return isInt ? undefined : 'expected an integer';
    case 'number':
      return isInt || (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) ? undefined : 'expected an integer or a decimal string';
    case 'money':
      return typeof value === 'string' || isJsonObject(value) ? undefined : 'expected a decimal string or a money object';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected a boolean';
    case 'object':
      return isJsonObject(value) ? undefined : 'expected an object';
    case 'array':
      return Array.isArray(value) ? undefined : 'expected an array';
    case 'enum':
      return spec.values === undefined || spec.values.some((x) => x === value) ? undefined : `expected one of ${(spec.values ?? []).map((x) => JSON.stringify(typeof x === 'bigint' ? x.toString() : x)).join(', ')}`;
    default:
      return undefined;
  }
}

function findXml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => compareCodePoints(a.name, b.name))) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.xml')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function listJson(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort(compareCodePoints)
    .map((n) => join(dir, n));
}

/** Parse problem or missing eId of an Akoma Ntoso document, or undefined when it is fine. */
function xmlProblem(text: string): string | undefined {
  const errors: string[] = [];
  try {
    const doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(text, 'text/xml');
    if (errors.length > 0) return `XML does not parse: ${errors[0]}`;
    const all = doc.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) if (all.item(i)?.getAttribute('eId')) return undefined;
    return 'Akoma Ntoso document has no element with an eId';
  } catch (err) {
    return `XML does not parse: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

