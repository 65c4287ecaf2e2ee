import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../cli/base.js';
import { resolveNow } from '../cli/workspace.js';
import { rootFor, zoneArg } from '../cli/zone-selection.js';
import { MsezError, digestRaw, writeFileAtomic } from '../src/core/index.js';
import { checkLock, computeLock } from '../src/lock/index.js';
import { loadWorkspace, relPath } from '../src/zone/index.js';

interface LockCommandResult {
  readonly path: string;
  readonly zone_id: string;
  readonly ok?: boolean;
  readonly differences?: readonly string[];
  readonly written?: boolean;
  readonly lock_sha256?: string;
}

export default class Lock extends MsezCommand<LockCommandResult> {
  static override summary = 'Write or check a zone\'s stack.lock (canonical JSON + one newline).';
  static override description =
    'Pins every module of the zone\'s profile (manifest and content digests, params, provides), overlay patches, ' +
    'lawpacks, regpacks, licensepacks and corridors. generated_at comes from --generated-at, else the existing ' +
    'lock, else SOURCE_DATE_EPOCH. --check never writes: exit 0 when the file is byte-identical, 1 (LOCK_MISMATCH) ' +
    'naming the differing fields, 2 on invalid input.';
  static override aliases = ['zone:lock'];
  static override examples = [
    '<%= config.bin %> lock jurisdictions/_starter/zone.yaml',
    '<%= config.bin %> lock jurisdictions/_starter/zone.yaml --check',
    'SOURCE_DATE_EPOCH=1700000000 <%= config.bin %> lock jurisdictions/pk-sifc/zone.yaml --strict',
  ];
  static override args = {
    zone: Args.string({ description: 'zone.yaml (or its folder)', required: true, ignoreStdin: true }),
  };
  static override flags = {
    out: Flags.string({ summary: 'Output path (default: <zone dir>/<lockfile_path or stack.lock>).' }),
    check: Flags.boolean({ summary: 'Compare with the existing lock instead of writing (implies --strict).' }),
    'generated-at': Flags.string({ summary: 'RFC 3339 date-time to record as generated_at.' }),
    strict: Flags.boolean({ summary: 'Refuse MISSING pack entries (MISSING_IN_STRICT).' }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<LockCommandResult> {
    const { args, flags } = await this.parse(Lock);
    const ws = loadWorkspace(rootFor(flags.root, args.zone));
    const zone = zoneArg(ws, args.zone);
    const generatedAt = flags['generated-at'];
    if (flags.check) {
      const report = checkLock(ws, zone, { ...(flags.out === undefined ? {} : { out: flags.out }), ...(generatedAt === undefined ? {} : { generatedAt }) });
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
    const result = computeLock(ws, zone, {
      strict: flags.strict,
      ...(flags.out === undefined ? {} : { out: flags.out }),
      ...(generatedAt === undefined ? {} : { generatedAt }),
      ...(sde !== undefined && sde !== '' ? { sourceDateEpoch: resolveNow() } : {}),
      ...(flags.strict ? {} : { now: resolveNow() }),
    });
    writeFileAtomic(result.path, result.bytes);
    const path = relPath(ws.root, result.path);
    this.note(`wrote ${path}`);
    return { path, zone_id: zone.id, written: true, lock_sha256: digestRaw(result.bytes).hex };
  }
}
