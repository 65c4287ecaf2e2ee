import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../cli/base.js';
import { openStore, resolveNow } from '../cli/workspace.js';
import { rootFor, zoneArg } from '../cli/zone-selection.js';
import { relPath, loadWorkspace } from '../src/zone/index.js';

interface BuildCommandResult {
  readonly zone_id: string;
  readonly manifest_path: string;
  readonly manifest_sha256: string;
  readonly lock_sha256: string;
  readonly outputs: number;
}

export default class Build extends MsezCommand<BuildCommandResult> {
  static override summary = 'Build a zone into dist/: resolved parameters, overlays, rendered templates, CAS artifacts and a build manifest.';
  static override description =
    'Parameters resolve module defaults → profile params → zone params_overrides; {{ NAME }} and ${name} ' +
    'placeholders are rendered in *.xml, *.yaml, *.yml and *.md; overlay patches apply in order. Every output ' +
    'is stored in dist/artifacts (type zone-output) and written under dist/zones/<zone_id>/, with manifest.json ' +
    '(every path, sha256 and size, and the lock digest), also stored as a zone-build artifact. The result is ' +
    'byte-identical across runs, time zones, locales and umasks.';
  static override examples = [
    '<%= config.bin %> build jurisdictions/_starter/zone.yaml',
    '<%= config.bin %> build jurisdictions/pk-sifc/zone.yaml --strict-render --json',
  ];
  static override args = {
    zone: Args.string({ description: 'zone.yaml (or its folder)', required: true, ignoreStdin: true }),
  };
  static override flags = {
    'strict-render': Flags.boolean({ summary: 'Fail on a placeholder that has no parameter.' }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<BuildCommandResult> {
    const { args, flags } = await this.parse(Build);
    const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
    const { computeLock } = await import('../src/lock/index.js');
    const { corridorActivation } = await import('../cli/corridor-activation.js');
    const { buildModule, writeBuild } = await import('../src/builder/index.js');
    const { digestRaw } = await import('../src/core/index.js');
    type Ctx = {
      lock?: ReturnType<typeof computeLock>;
      modules: ReturnType<typeof buildModule>[];
      result?: ReturnType<typeof writeBuild>;
    };
    const ws = loadWorkspace(rootFor(flags.root, args.zone));
    const zone = zoneArg(ws, args.zone);
    const store = openStore(ws.root);
    const profile = ws.profiles.get(zone.profileId);
    const sde = process.env.SOURCE_DATE_EPOCH;
    // Progress goes to stderr (stdout carries the result); spinners only on a TTY, nothing under --json.
    const processOutput = new ProcessOutput(process.stderr, process.stderr);
    const tasks = new Listr<Ctx, 'default', 'simple'>(
      [
        {
          title: `Lock ${zone.id}`,
          task: (ctx) => {
            ctx.lock = computeLock(ws, zone, {
              strict: false,
              activation: corridorActivation,
              ...(sde !== undefined && sde !== '' ? { sourceDateEpoch: resolveNow() } : {}),
              now: resolveNow(),
            });
          },
        },
        {
          title: `Render ${profile?.modules.length ?? 0} modules`,
          task: (_ctx, task) =>
            task.newListr(
              (profile?.modules ?? []).map((entry) => ({
                title: entry.module_id,
                task: (ctx: Ctx) => {
                  ctx.modules.push(buildModule(ws, zone, entry, { strictRender: flags['strict-render'] }));
                },
              })),
              { concurrent: false, exitOnError: true },
            ),
        },
        {
          title: 'Write dist/ and the build manifest',
          task: (ctx) => {
            if (ctx.lock === undefined) return;
            ctx.result = writeBuild(ws.root, zone, ctx.lock, ctx.modules, store);
          },
        },
      ],
      {
        renderer: 'default',
        fallbackRenderer: 'simple',
        fallbackRendererCondition: process.stderr.isTTY !== true,
        silentRendererCondition: this.jsonEnabled(),
        exitOnError: true,
        rendererOptions: { logger: new ListrLogger({ processOutput }) },
        fallbackRendererOptions: { logger: new ListrLogger({ processOutput }) },
      },
    );
    const ctx = await tasks.run({ modules: [] });
    const result = ctx.result;
    const lock = ctx.lock;
    if (result === undefined || lock === undefined) throw new Error('build finished without a result');
    const manifestPath = relPath(ws.root, result.manifest_path);
    const outputs = Array.isArray(result.manifest.outputs) ? result.manifest.outputs.length : 0;
    this.print(`${result.manifest_sha256}  ${manifestPath}\n`);
    return { zone_id: zone.id, manifest_path: manifestPath, manifest_sha256: result.manifest_sha256, lock_sha256: digestRaw(lock.bytes).hex, outputs };
  }
}
