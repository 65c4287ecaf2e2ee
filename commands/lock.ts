import { existsSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../cli/base.js';
import { resolveNow } from '../cli/workspace.js';
import { rootFor, zoneArg } from '../cli/zone-selection.js';
import { corridorActivation } from '../cli/corridor-activation.js';
import { MsezError, digestRaw, readFileBytes, writeFileAtomic } from '../src/core/index.js';
import { LOCK_FORMATS, checkLock, computeLock, parseLockFormat, serializeLock } from '../src/lock/index.js';
import { loadWorkspace, relPath } from '../src/zone/index.js';

interface LockCommandResult {
  readonly path: string;
  readonly zone_id: string;
  readonly ok?: boolean;
  readonly differences?: readonly string[];
  readonly format?: string;
  readonly written?: boolean;
  /** --skip-existing left an existing file untouched; `up_to_date` says whether it equals the new bytes. */
  readonly skipped?: boolean;
  readonly up_to_date?: boolean;
  readonly lock_sha256?: string;
}

export default class Lock extends MsezCommand<LockCommandResult> {
  static override summary = 'Write or check a zone\'s stack.lock (canonical JSON + one newline).';
  static override description =
    'Pins every module of the zone\'s profile (manifest and content digests, params, provides), overlay patches, ' +
    'lawpacks, regpacks, licensepacks and corridors. generated_at comes from --generated-at, else the existing ' +
    'lock, else SOURCE_DATE_EPOCH. Corridors with agreement VCs record the corridors.md §2 activation result. ' +
    '--check (strict, skip-existing, canonical-json) never writes: exit 0 when the file is byte-identical, ' +
    '1 (LOCK_MISMATCH) naming the differing fields, 2 on invalid input.';
  static override aliases = ['zone:lock'];
  static override examples = [
    '<%= config.bin %> lock jurisdictions/_starter/zone.yaml',
    '<%= config.bin %> lock jurisdictions/_starter/zone.yaml --check',
    '<%= config.bin %> lock jurisdictions/pk-sifc/zone.yaml --emit-artifactrefs --format yaml --out /tmp/pk-sifc.lock.yaml',
    'SOURCE_DATE_EPOCH=1700000000 <%= config.bin %> lock jurisdictions/pk-sifc/zone.yaml --strict',
  ];
  static override args = {
    zone: Args.string({ description: 'zone.yaml (or its folder)', required: true, ignoreStdin: true }),
  };
  static override flags = {
    out: Flags.string({ summary: 'Output path (default: <zone dir>/<lockfile_path or stack.lock>).' }),
    check: Flags.boolean({ summary: 'Compare with the existing lock instead of writing (implies --strict, --skip-existing, canonical-json).' }),
    format: Flags.string({ summary: 'Output encoding.', options: [...LOCK_FORMATS], default: 'canonical-json' }),
    'skip-existing': Flags.boolean({ summary: 'Leave an existing lock file untouched (report whether it is up to date).' }),
    'emit-artifactrefs': Flags.boolean({ summary: 'Write pack digests as typed ArtifactRefs and corridor file digests as blob refs, with uri hints.' }),
    'generated-at': Flags.string({ summary: 'RFC 3339 date-time to record as generated_at.' }),
    strict: Flags.boolean({ summary: 'Refuse MISSING pack entries (MISSING_IN_STRICT).' }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<LockCommandResult> {
    const { args, flags } = await this.parse(Lock);
    const ws = loadWorkspace(rootFor(flags.root, args.zone));
    const zone = zoneArg(ws, args.zone);
    const generatedAt = flags['generated-at'];
    const common = {
      activation: corridorActivation,
      emitArtifactRefs: flags['emit-artifactrefs'],
      ...(flags.out === undefined ? {} : { out: flags.out }),
      ...(generatedAt === undefined ? {} : { generatedAt }),
    };
    if (flags.check) {
      const report = checkLock(ws, zone, common);
      const path = relPath(ws.root, report.path);
      if (!report.ok) {
        for (const d of report.differences) this.print(`${this.out.red('differs')} ${d === '' ? '/' : d}\n`);
        throw new MsezError('LOCK_MISMATCH', `${path} is out of date: ${report.differences.slice(0, 5).join(', ')}${report.differences.length > 5 ? ', …' : ''}`, {
          path,
          differences: report.differences,
        });
      }
      this.note(`${path} is up to date`);
      return { path, zone_id: zone.id, ok: true, differences: [] };
    }
    const sde = process.env.SOURCE_DATE_EPOCH;
    const format = parseLockFormat(flags.format);
    const result = computeLock(ws, zone, {
      ...common,
      strict: flags.strict,
      ...(sde !== undefined && sde !== '' ? { sourceDateEpoch: resolveNow() } : {}),
      ...(flags.strict ? {} : { now: resolveNow() }),
    });
    const bytes = serializeLock(result.lock, format);
    const path = relPath(ws.root, result.path);
    const lock_sha256 = digestRaw(bytes).hex;
    if (flags['skip-existing'] && existsSync(result.path)) {
      const up_to_date = Buffer.from(readFileBytes(result.path)).equals(Buffer.from(bytes));
      this.note(`${path} exists: left unchanged (${up_to_date ? 'up to date' : 'differs from a fresh lock'})`);
      return { path, zone_id: zone.id, format, written: false, skipped: true, up_to_date, lock_sha256 };
    }
    writeFileAtomic(result.path, bytes);
    this.note(`wrote ${path}`);
    return { path, zone_id: zone.id, format, written: true, lock_sha256 };
  }
}
