import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  MsezError,
  compareCodePoints,
  decodeUtf8,
  isJsonObject,
  parseYaml,
  readFileBytes,
  type JsonObject,
  type JsonValue,
  type ParsedYaml,
} from '../core/index.js';
import { problemFromError, type Problem } from './problems.js';

/** A YAML document of the workspace, read once with positions. `rel` is workspace-relative (posix). */
export interface LoadedDoc {
  readonly path: string;
  readonly rel: string;
  readonly dir: string;
  readonly bytes: Uint8Array;
  readonly parsed: ParsedYaml;
  readonly value: JsonObject;
}

export interface Dependency {
  readonly module_id: string;
  readonly constraint?: string;
  readonly index: number;
}

export interface Provided {
  readonly interface: string;
  readonly path?: string;
}

export interface ParameterSpec {
  readonly name: string;
  readonly type: string;
  readonly default?: JsonValue;
  readonly required: boolean;
  readonly values?: readonly JsonValue[];
}

/** The fields of module.yaml msez uses, read defensively (the schema reports the rest). */
export interface ModuleInfo {
  readonly doc: LoadedDoc;
  readonly id: string;
  readonly version: string;
  readonly kind: string;
  readonly variants: readonly string[];
  readonly depends: readonly Dependency[];
  readonly provides: readonly Provided[];
  readonly parameters: readonly ParameterSpec[];
}

export interface ProfileModule {
  readonly module_id: string;
  readonly version: string;
  readonly variant: string;
  readonly params: JsonObject;
  readonly index: number;
}

export interface ProfileInfo {
  readonly doc: LoadedDoc;
  readonly id: string;
  readonly stackSpecVersion: string;
  readonly modules: readonly ProfileModule[];
  readonly corridors: readonly string[];
}

export interface ZoneInfo {
  readonly doc: LoadedDoc;
  readonly id: string;
  readonly jurisdictionId: string;
  readonly zoneName: string;
  readonly profileId: string;
  readonly profileVersion: string;
  readonly corridors: readonly string[];
}

/** A corridor declared by the corridor.yaml of a `kind: corridor` module. */
export interface CorridorInfo {
  readonly id: string;
  readonly module: ModuleInfo;
  readonly doc: LoadedDoc;
}

export interface Workspace {
  readonly root: string;
  readonly modules: ReadonlyMap<string, ModuleInfo>;
  readonly profiles: ReadonlyMap<string, ProfileInfo>;
  readonly zones: readonly ZoneInfo[];
  readonly corridors: ReadonlyMap<string, CorridorInfo>;
  /** Files that failed to read or parse, and duplicate ids (exit 2 in validate). */
  readonly problems: readonly Problem[];
}

/** Workspace-relative posix path. */
export function relPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/**
 * Reads one YAML file with positions; reader errors become a problem instead of a throw. The top level
 * must be a mapping unless `allowList` (registries may be bare lists; `value` is then `{}`).
 */
export function loadDoc(root: string, path: string, allowList = false): LoadedDoc | Problem {
  const rel = relPath(root, path);
  try {
    const bytes = readFileBytes(path);
    const parsed = parseYaml(decodeUtf8(bytes, rel), rel);
    if (allowList && Array.isArray(parsed.value)) return { path, rel, dir: dirname(path), bytes, parsed, value: {} };
    if (!isJsonObject(parsed.value)) {
      return { file: rel, line: 1, col: 1, pointer: '', code: 'SCHEMA_INVALID', message: 'expected a mapping at the top level', severity: 'error' };
    }
    return { path, rel, dir: dirname(path), bytes, parsed, value: parsed.value };
  } catch (err) {
    if (err instanceof MsezError) return problemFromError(err, rel);
    throw err;
  }
}

export function isProblem(x: LoadedDoc | Problem): x is Problem {
  return 'severity' in x;
}

/** Every file named `name` under `dir`, recursively, in code-point order; dot folders and node_modules skipped. */
export function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    entries.sort(compareCodePoints);
    for (const e of entries) {
      if (e.startsWith('.') || e === 'node_modules') continue;
      const full = join(d, e);
      const st = statSync(full, { throwIfNoEntry: false });
      if (st === undefined) continue;
      if (st.isDirectory()) walk(full);
      else if (e === name && st.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out;
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const obj = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});

export function toModuleInfo(doc: LoadedDoc): ModuleInfo {
  const v = doc.value;
  const variants = arr(v.variants).flatMap((x) => (typeof x === 'string' ? [x] : isJsonObject(x) && typeof x.variant_id === 'string' ? [x.variant_id] : []));
  const depends = arr(v.depends_on).flatMap((x, index): Dependency[] => {
    if (typeof x === 'string') return [{ module_id: x, index }];
    if (isJsonObject(x) && typeof x.module_id === 'string') {
      return [typeof x.constraint === 'string' ? { module_id: x.module_id, constraint: x.constraint, index } : { module_id: x.module_id, index }];
    }
    return [];
  });
  const provides = arr(v.provides).flatMap((x): Provided[] =>
    isJsonObject(x) && typeof x.interface === 'string' ? [typeof x.path === 'string' ? { interface: x.interface, path: x.path } : { interface: x.interface }] : [],
  );
  const parameters = Object.entries(obj(v.parameters)).flatMap(([name, spec]): ParameterSpec[] => {
    if (!isJsonObject(spec) || typeof spec.type !== 'string') return [];
    const p: ParameterSpec = { name, type: spec.type, required: spec.required === true };
    return [{ ...p, ...('default' in spec ? { default: spec.default } : {}), ...(Array.isArray(spec.values) ? { values: spec.values } : {}) }];
  });
  return { doc, id: str(v.module_id), version: str(v.version), kind: str(v.kind), variants, depends, provides, parameters };
}

export function toProfileInfo(doc: LoadedDoc): ProfileInfo {
  const v = doc.value;
  const modules = arr(v.modules).flatMap((m, index): ProfileModule[] =>
    isJsonObject(m) && typeof m.module_id === 'string'
      ? [{ module_id: m.module_id, version: str(m.version), variant: typeof m.variant === 'string' ? m.variant : 'default', params: obj(m.params), index }]
      : [],
  );
  return {
    doc,
    id: str(v.profile_id),
    stackSpecVersion: str(v.stack_spec_version),
    modules,
    corridors: arr(v.corridors).filter((c): c is string => typeof c === 'string'),
  };
}

export function toZoneInfo(doc: LoadedDoc): ZoneInfo {
  const v = doc.value;
  const profile = obj(v.profile);
  return {
    doc,
    id: str(v.zone_id),
    jurisdictionId: str(v.jurisdiction_id),
    zoneName: str(v.zone_name),
    profileId: str(profile.profile_id),
    profileVersion: str(profile.version),
    corridors: arr(v.corridors).filter((c): c is string => typeof c === 'string'),
  };
}

/** Default corridor.yaml path keys (corridors.md §1). */
export function corridorFile(module: ModuleInfo): string {
  return join(module.doc.dir, 'corridor.yaml');
}

/**
 * Discovers modules, profiles and zones by globbing (formats.md §1) and matches them on their id field,
 * never the path. Two files declaring the same id is DUPLICATE_ID.
 */
export function loadWorkspace(root: string): Workspace {
  const problems: Problem[] = [];
  const modules = new Map<string, ModuleInfo>();
  const profiles = new Map<string, ProfileInfo>();
  const zones: ZoneInfo[] = [];
  const corridors = new Map<string, CorridorInfo>();

  const dup = (doc: LoadedDoc, field: string, id: string, other: LoadedDoc): void => {
    const at = doc.parsed.locate(`/${field}`);
    problems.push({ file: doc.rel, ...at, pointer: `/${field}`, code: 'DUPLICATE_ID', message: `${field} ${id} is also declared by ${other.rel}`, severity: 'error' });
  };

  for (const file of findFiles(join(root, 'modules'), 'module.yaml')) {
    const doc = loadDoc(root, file);
    if (isProblem(doc)) {
      problems.push(doc);
      continue;
    }
    const info = toModuleInfo(doc);
    if (info.id === '') continue; // the schema check reports it
    const prev = modules.get(info.id);
    if (prev !== undefined) dup(doc, 'module_id', info.id, prev.doc);
    else modules.set(info.id, info);
  }
  for (const file of findFiles(join(root, 'profiles'), 'profile.yaml')) {
    const doc = loadDoc(root, file);
    if (isProblem(doc)) {
      problems.push(doc);
      continue;
    }
    const info = toProfileInfo(doc);
    if (info.id === '') continue;
    const prev = profiles.get(info.id);
    if (prev !== undefined) dup(doc, 'profile_id', info.id, prev.doc);
    else profiles.set(info.id, info);
  }
  const zoneIds = new Map<string, ZoneInfo>();
  for (const file of findFiles(join(root, 'jurisdictions'), 'zone.yaml')) {
    const doc = loadDoc(root, file);
    if (isProblem(doc)) {
      problems.push(doc);
      continue;
    }
    const info = toZoneInfo(doc);
    zones.push(info);
    if (info.id === '') continue;
    const prev = zoneIds.get(info.id);
    if (prev !== undefined) dup(doc, 'zone_id', info.id, prev.doc);
    else zoneIds.set(info.id, info);
  }
  for (const module of modules.values()) {
    if (module.kind !== 'corridor') continue;
    const file = corridorFile(module);
    if (!existsSync(file)) continue; // validate reports a corridor module without corridor.yaml
    const doc = loadDoc(root, file);
    if (isProblem(doc)) {
      problems.push(doc);
      continue;
    }
    const id = str(doc.value.corridor_id);
    if (id === '') continue;
    const prev = corridors.get(id);
    if (prev !== undefined) dup(doc, 'corridor_id', id, prev.doc);
    else corridors.set(id, { id, module, doc });
  }
  return { root, modules, profiles, zones, corridors, problems };
}

/** Loads one zone file that may live outside `jurisdictions/` (e.g. `msez lock path/to/zone.yaml`). */
export function loadZoneFile(root: string, path: string): ZoneInfo {
  const doc = loadDoc(root, path);
  if (isProblem(doc)) throw new MsezError(doc.code === 'YAML11_AMBIGUOUS' ? 'YAML_SYNTAX' : doc.code, `${doc.file}:${doc.line}:${doc.col}: ${doc.message}`, { ...doc });
  return toZoneInfo(doc);
}
