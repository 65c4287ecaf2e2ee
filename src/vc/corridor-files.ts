import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { MsezError, digestRaw, isJsonObject, readDataFile, readFileBytes, type JsonObject, type JsonValue } from '../core/index.js';
import { MAX_REGISTRY_DEPTH, type ActivationInput, type NamedVc } from './corridor-agreement.js';
import { parseTrustAnchors, type TrustAnchor } from './trust.js';

/**
 * Reads a corridor package directory (corridors.md §1) into an {@link ActivationInput}: corridor.yaml, the
 * definition VC, the agreement VCs, trust-anchors.yaml, key-rotation.yaml digests and the authority-registry
 * chain (a list in corridor.yaml, or `parent_registry_ref` paths followed from a single leaf, at most 8).
 * @throws MsezError FILE_NOT_FOUND, SCHEMA_INVALID and the reader errors
 */
export function readCorridorPackage(dir: string, overrides: { agreements?: readonly string[] } = {}): ActivationInput {
  const corridorPath = join(dir, 'corridor.yaml');
  const corridor = readObject(corridorPath, 'corridor.yaml');
  const rel = (p: string): string => (isAbsolute(p) ? p : join(dir, p));
  const defPath = corridor.definition_vc_path;
  if (typeof defPath !== 'string') throw new MsezError('SCHEMA_INVALID', 'corridor.yaml: definition_vc_path is required', { file: corridorPath });
  const definition = named(rel(defPath));

  const agreementPaths = overrides.agreements ?? stringList(corridor.agreement_vc_path, 'agreement_vc_path', corridorPath).map(rel);
  const agreements = agreementPaths.map(named);

  const trustPath = rel(optionalString(corridor.trust_anchors_path) ?? 'trust-anchors.yaml');
  const trustAnchors: TrustAnchor[] = existsSync(trustPath) ? parseTrustAnchors(readDataFile(trustPath).value, trustPath) : [];
  const keyRotationPath = rel(optionalString(corridor.key_rotation_path) ?? 'key-rotation.yaml');

  const artifactDigests: NonNullable<ActivationInput['artifactDigests']> = { corridor_manifest: digestRaw(readFileBytes(corridorPath)).hex };
  if (existsSync(trustPath)) artifactDigests.trust_anchors = digestRaw(readFileBytes(trustPath)).hex;
  if (existsSync(keyRotationPath)) artifactDigests.key_rotation = digestRaw(readFileBytes(keyRotationPath)).hex;

  const registryPaths = stringList(corridor.authority_registry_vc_path, 'authority_registry_vc_path', corridorPath).map(rel);
  const registryChain = registryPaths.map(named);
  if (registryChain.length === 1) extendChain(registryChain, dir);

  return { corridor, definition, agreements, trustAnchors, registryChain, artifactDigests };
}

/** Follows `parent_registry_ref` (a path relative to the corridor directory) from the single leaf upward. */
function extendChain(chain: NamedVc[], dir: string): void {
  const seen = new Set<string>();
  for (let depth = 1; depth < MAX_REGISTRY_DEPTH; depth++) {
    const top = chain[0] as NamedVc;
    const subject = isJsonObject(top.vc.credentialSubject) ? top.vc.credentialSubject : {};
    const ref = subject.parent_registry_ref;
    if (ref === undefined) return;
    if (typeof ref !== 'string') {
      throw new MsezError('SCHEMA_INVALID', `${top.name}: parent_registry_ref must be a path (CAS references are not resolved here)`, { file: top.name });
    }
    const path = resolve(dir, ref);
    if (seen.has(path)) throw new MsezError('SCHEMA_INVALID', `${top.name}: parent_registry_ref cycle at ${ref}`, { file: top.name });
    seen.add(path);
    chain.unshift(named(path));
  }
  const top = chain[0] as NamedVc;
  if (isJsonObject(top.vc.credentialSubject) && top.vc.credentialSubject.parent_registry_ref !== undefined) {
    throw new MsezError('SCHEMA_INVALID', `authority-registry chain is deeper than ${MAX_REGISTRY_DEPTH} levels`, { file: top.name });
  }
}

function named(path: string): NamedVc {
  return { name: path, vc: readObject(path, 'credential') };
}

function readObject(path: string, what: string): JsonObject {
  const v = readDataFile(path).value;
  if (!isJsonObject(v)) throw new MsezError('SCHEMA_INVALID', `${what} ${path} must hold an object`, { file: path });
  return v;
}

function optionalString(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function stringList(v: JsonValue | undefined, field: string, file: string): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new MsezError('SCHEMA_INVALID', `corridor.yaml: ${field} must be a string or a list of strings`, { file, fields: [`/${field}`] });
}
