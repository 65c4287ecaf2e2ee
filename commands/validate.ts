import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../cli/base.js';
import { closureOf, rootFor, zoneArg } from '../cli/zone-selection.js';
import { MsezError } from '../src/core/index.js';
import { loadSchemaRegistry } from '../src/schema/index.js';
import { formatProblem, loadWorkspace, selectPath, validateSelection, type Problem, type ValidateReport, type ValidateSelection } from '../src/zone/index.js';

export default class Validate extends MsezCommand<ValidateReport> {
  static override summary = 'Check modules, profiles and zones against their schemas and the semantic rules.';
  static override description =
    'Each problem is one line `file:line:col  /json/pointer  message [CODE]`, sorted, then a summary line. ' +
    'Exit 0 when there are no errors (YAML 1.1 warnings do not fail), 2 otherwise. With no PATH and no flag, ' +
    'everything in the workspace is checked, registries included.';
  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate --all-modules --all-profiles --all-zones',
    '<%= config.bin %> validate --zone jurisdictions/_starter/zone.yaml',
    '<%= config.bin %> validate modules/corridors/swift/module.yaml --json',
  ];
  static override args = {
    path: Args.string({ description: 'a module.yaml, profile.yaml or zone.yaml (or a folder holding one)', required: false, ignoreStdin: true }),
  };
  static override flags = {
    'all-modules': Flags.boolean({ summary: 'Check every modules/**/module.yaml.' }),
    'all-profiles': Flags.boolean({ summary: 'Check every profiles/**/profile.yaml.' }),
    'all-zones': Flags.boolean({ summary: 'Check every jurisdictions/**/zone.yaml.' }),
    zone: Flags.string({ summary: 'Check one zone with its profile and modules.' }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<ValidateReport> {
    const { args, flags } = await this.parse(Validate);
    const ws = loadWorkspace(rootFor(flags.root, args.path ?? flags.zone));
    const registry = loadSchemaRegistry(ws.root);
    const all = flags['all-modules'] || flags['all-profiles'] || flags['all-zones'];
    const parts: ValidateSelection[] = [];
    const extra: Problem[] = [];
    if (args.path !== undefined) {
      const sel = selectPath(ws, args.path);
      if ('severity' in sel) extra.push(sel);
      else parts.push(sel.zones.length > 0 || sel.profiles.length > 0 ? closureOf(ws, sel.zones, sel.profiles) : sel);
    }
    if (flags.zone !== undefined) parts.push(closureOf(ws, [zoneArg(ws, flags.zone)]));
    if (all || (args.path === undefined && flags.zone === undefined)) {
      const every = !all;
      parts.push({
        modules: flags['all-modules'] || every ? [...ws.modules.values()] : [],
        profiles: flags['all-profiles'] || every ? [...ws.profiles.values()] : [],
        zones: flags['all-zones'] || every ? ws.zones : [],
        registries: true,
      });
    }
    const report = validateSelection(ws, merge(parts), registry);
    const problems = [...report.problems, ...extra];
    const errors = report.errors + extra.length;
    const result: ValidateReport = { ...report, problems, errors };
    for (const p of problems) this.print(`${formatProblem(p)}\n`);
    const c = report.checked;
    const scope = `${c.modules} modules, ${c.profiles} profiles, ${c.zones} zones${c.registries > 0 ? `, ${c.registries} registries` : ''}`;
    const warn = report.warnings > 0 ? `, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}` : '';
    if (errors > 0) {
      this.print(`${this.out.red('FAIL')}: ${errors} error${errors === 1 ? '' : 's'}${warn} (${scope})\n`);
      throw new MsezError('VALIDATION_FAILED', `${errors} validation error(s)`, { ...result });
    }
    this.print(`${this.out.green('OK')}: ${scope}${warn}\n`);
    return result;
  }
}

function merge(parts: readonly ValidateSelection[]): ValidateSelection {
  const uniq = <T extends { doc: { path: string } }>(xs: T[]): T[] => [...new Map(xs.map((x) => [x.doc.path, x])).values()];
  return {
    modules: uniq(parts.flatMap((p) => [...p.modules])),
    profiles: uniq(parts.flatMap((p) => [...p.profiles])),
    zones: uniq(parts.flatMap((p) => [...p.zones])),
    registries: parts.some((p) => p.registries),
  };
}
