import { dirname, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { findWorkspaceRoot } from './workspace.js';
import { MsezError } from '../src/core/index.js';
import { loadZoneFile, type ModuleInfo, type ProfileInfo, type ValidateSelection, type Workspace, type ZoneInfo } from '../src/zone/index.js';

/** The workspace root for a command that names a file: `--root`, else found upward from that file (D17). */
export function rootFor(flag: string | undefined, path: string | undefined): string {
  if (flag !== undefined || path === undefined) return findWorkspaceRoot(flag);
  const abs = resolve(path);
  const from = existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
  return findWorkspaceRoot(undefined, from);
}

/** A zone file argument: a zone.yaml, or a folder holding one. */
export function zoneArg(ws: Workspace, path: string): ZoneInfo {
  let file = resolve(path);
  if (existsSync(file) && statSync(file).isDirectory()) file = resolve(file, 'zone.yaml');
  if (!existsSync(file)) throw new MsezError('FILE_NOT_FOUND', `${path}: no such zone file`, { path });
  return ws.zones.find((z) => z.doc.path === file) ?? loadZoneFile(ws.root, file);
}

/** A zone plus the profile and modules (including corridor modules) it uses. */
export function closureOf(ws: Workspace, zones: readonly ZoneInfo[], profiles: readonly ProfileInfo[] = []): ValidateSelection {
  const ps = new Map<string, ProfileInfo>(profiles.map((p) => [p.doc.path, p]));
  for (const z of zones) {
    const p = ws.profiles.get(z.profileId);
    if (p !== undefined) ps.set(p.doc.path, p);
  }
  const ms = new Map<string, ModuleInfo>();
  for (const p of ps.values()) {
    for (const e of p.modules) {
      const m = ws.modules.get(e.module_id);
      if (m !== undefined) ms.set(m.id, m);
    }
    for (const c of p.corridors) {
      const cor = ws.corridors.get(c);
      if (cor !== undefined) ms.set(cor.module.id, cor.module);
    }
  }
  for (const z of zones) {
    for (const c of z.corridors) {
      const cor = ws.corridors.get(c);
      if (cor !== undefined) ms.set(cor.module.id, cor.module);
    }
  }
  return { modules: [...ms.values()], profiles: [...ps.values()], zones, registries: false };
}

