import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { MsezError, fsError, mcf, readFileBytes, writeFileAtomic, digestCanonical, type Sha256Hex } from '../core/index.js';
import { parseArtifactDigest, parseArtifactType, type ArtifactType } from './names.js';
import { BUILTIN_RULES, ruleFor, type DigestRule } from './rules.js';

export interface CasOptions {
  /** Workspace root; writes go to `<root>/dist/artifacts`. */
  readonly root: string;
  /** Extra read roots, e.g. from MSEZ_ARTIFACT_STORE_DIRS (relative entries are relative to `root`). */
  readonly extraRoots?: readonly string[];
  /** Digest rules of higher layers (pack digests of zips, regpacks). */
  readonly rules?: readonly DigestRule[];
}

export interface StoredArtifact {
  readonly artifact_type: ArtifactType;
  readonly digest_sha256: Sha256Hex;
  /** Path relative to the workspace root, with `/` separators. */
  readonly path: string;
  readonly byte_length: number;
  /** False when an identical file was already there. */
  readonly written: boolean;
}

export interface ResolvedArtifact {
  readonly artifact_type: ArtifactType;
  readonly digest_sha256: Sha256Hex;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface VerifyEntry {
  readonly path: string;
  readonly artifact_type: string;
  readonly expected: string;
  readonly actual: string | null;
  readonly ok: boolean;
  readonly problem?: string;
}

export interface VerifyReport {
  readonly checked: number;
  readonly failed: number;
  readonly entries: readonly VerifyEntry[];
}

const NAME = /^([a-f0-9]{64})(\..+)?$/;

/** The content-addressed store (canonical.md §7, design README D4). */
export class ArtifactStore {
  readonly root: string;
  readonly writeRoot: string;
  readonly roots: readonly string[];
  private readonly rules: readonly DigestRule[];

  constructor(options: CasOptions) {
    this.root = resolve(options.root);
    this.writeRoot = join(this.root, 'dist', 'artifacts');
    const roots: string[] = [];
    for (const entry of options.extraRoots ?? []) {
      if (entry.trim() === '') continue;
      const abs = isAbsolute(entry) ? entry : resolve(this.root, entry);
      if (!roots.includes(abs)) roots.push(abs);
    }
    if (!roots.includes(this.writeRoot)) roots.push(this.writeRoot);
    this.roots = roots;
    this.rules = [...BUILTIN_RULES, ...(options.rules ?? [])];
  }

  /** Stores a JSON value: the stored bytes are its canonical bytes. */
  storeJson(type: string, value: unknown): StoredArtifact {
    const bytes = mcf(value);
    const t = parseArtifactType(type);
    const digest = ruleFor(this.rules, t, '.json')(bytes);
    return this.put(t, digest, '.json', bytes);
  }

  /** Stores a blob under `<digest><suffix>`; the digest comes from the type's rule, never the caller. */
  storeBlob(type: string, bytes: Uint8Array, suffix: string): StoredArtifact {
    const t = parseArtifactType(type);
    if (!/^(\.[A-Za-z0-9_-]+)+$/.test(suffix)) {
      throw new MsezError('USAGE', `blob suffix ${JSON.stringify(suffix)} must look like .name or .name.ext`, { suffix });
    }
    const digest = ruleFor(this.rules, t, suffix)(bytes);
    return this.put(t, digest, suffix, bytes);
  }

  private put(type: ArtifactType, digest: Sha256Hex, suffix: string, bytes: Uint8Array): StoredArtifact {
    const dir = join(this.writeRoot, type);
    const file = join(dir, `${digest}${suffix}`);
    const path = this.rel(file);
    if (existsSync(file)) {
      const existing = readFileBytes(file);
      if (Buffer.compare(Buffer.from(existing), Buffer.from(bytes)) !== 0) {
        throw new MsezError('HASH_COLLISION', `${path} exists with different bytes`, { path, digest });
      }
      return { artifact_type: type, digest_sha256: digest, path, byte_length: bytes.byteLength, written: false };
    }
    writeFileAtomic(file, bytes);
    return { artifact_type: type, digest_sha256: digest, path, byte_length: bytes.byteLength, written: true };
  }

  /** Finds exactly one file for (type, digest) across all roots and re-checks its digest. */
  resolve(type: string, digestText: string): ResolvedArtifact {
    const t = parseArtifactType(type);
    const digest = parseArtifactDigest(digestText);
    const hits = new Map<string, string>();
    for (const root of this.roots) {
      const dir = join(root, t);
      for (const name of listDir(dir)) {
        if (name === digest || name.startsWith(`${digest}.`)) {
          const full = join(dir, name);
          hits.set(realpathSync(full), full);
        }
      }
    }
    if (hits.size === 0) {
      throw new MsezError('ARTIFACT_NOT_FOUND', `no ${t} artifact ${digest} in ${this.roots.map((r) => this.rel(r)).join(', ')}`, {
        artifact_type: t,
        digest,
      });
    }
    if (hits.size > 1) {
      throw new MsezError('ARTIFACT_AMBIGUOUS', `${hits.size} files match ${t}/${digest}`, {
        artifact_type: t,
        digest,
        paths: [...hits.values()].map((p) => this.rel(p)).sort(),
      });
    }
    const file = [...hits.values()][0] as string;
    const bytes = readFileBytes(file);
    const actual = this.digestFile(t, file.slice(file.lastIndexOf(digest) + 64), bytes);
    if (actual !== digest) {
      throw new MsezError('DIGEST_MISMATCH', `${this.rel(file)} hashes to ${actual}, not ${digest}`, {
        path: this.rel(file),
        expected: digest,
        actual,
      });
    }
    return { artifact_type: t, digest_sha256: digest, path: this.rel(file), bytes };
  }

  /** Re-hashes every artifact under `dir` (default: the write root). */
  verifyAll(dir: string = this.writeRoot): VerifyReport {
    const entries: VerifyEntry[] = [];
    for (const type of listDir(dir).sort()) {
      const typeDir = join(dir, type);
      if (!isDirectory(typeDir)) continue;
      for (const name of listDir(typeDir).sort()) {
        const m = NAME.exec(name);
        const path = this.rel(join(typeDir, name));
        if (m === null) {
          if (name.startsWith('.') && name.endsWith('.tmp')) continue;
          entries.push({ path, artifact_type: type, expected: '', actual: null, ok: false, problem: 'file name is not <digest>[.suffix]' });
          continue;
        }
        const expected = m[1] as string;
        try {
          const actual = this.digestFile(type, m[2] ?? '', readFileBytes(join(typeDir, name)));
          entries.push({ path, artifact_type: type, expected, actual, ok: actual === expected });
        } catch (err) {
          const problem = err instanceof MsezError ? `${err.code}: ${err.message}` : String(err);
          entries.push({ path, artifact_type: type, expected, actual: null, ok: false, problem });
        }
      }
    }
    return { checked: entries.length, failed: entries.filter((e) => !e.ok).length, entries };
  }

  private digestFile(type: string, suffix: string, bytes: Uint8Array): Sha256Hex {
    return ruleFor(this.rules, type, suffix)(bytes);
  }

  private rel(p: string): string {
    return relative(this.root, p).split('\\').join('/');
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw fsError(cause, dir, 'list');
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Digest a JSON value would be stored under (no I/O). */
export function jsonArtifactName(value: unknown): Sha256Hex {
  return digestCanonical(mcf(value)).hex;
}
