import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { ArtifactStore, type DigestRule } from '../src/cas/index.js';
import { MsezError, formatUtcSeconds, parseEpochSeconds } from '../src/core/index.js';
import { PACK_DIGEST_RULES } from '../src/pack/index.js';

/**
 * The workspace root (design README D17): `--root`, else the nearest ancestor holding `msez.yaml` or a
 * `modules/` folder, else the current directory.
 */
export function findWorkspaceRoot(flag?: string, from: string = process.cwd()): string {
  if (flag !== undefined) return resolve(flag);
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'msez.yaml')) || existsSync(join(dir, 'modules'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

/**
 * The artifact store of a workspace, with extra read roots from MSEZ_ARTIFACT_STORE_DIRS. The pack digest
 * rules are on by default, so `.lawpack.zip`, `.licensepack.zip` and regpacks are named and verified by
 * their pack digests (canonical.md §7).
 */
export function openStore(root: string, rules: readonly DigestRule[] = PACK_DIGEST_RULES): ArtifactStore {
  const extra = (process.env.MSEZ_ARTIFACT_STORE_DIRS ?? '').split(delimiter).filter((e) => e.trim() !== '');
  return new ArtifactStore({ root, extraRoots: extra, rules });
}

/**
 * The time msez stamps into generated artifacts: `--at`/flag value first, else SOURCE_DATE_EPOCH, else now
 * (canonical.md §8). Library code never reads the clock; commands pass this in.
 */
export function resolveNow(explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const sde = process.env.SOURCE_DATE_EPOCH;
  if (sde !== undefined && sde !== '') {
    const secs = parseEpochSeconds(sde);
    if (secs === undefined) throw new MsezError('USAGE', `SOURCE_DATE_EPOCH must be an integer number of seconds, got ${JSON.stringify(sde)}`);
    return formatUtcSeconds(secs);
  }
  return formatUtcSeconds(Math.floor(Date.now() / 1000));
}
