import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import type { RegpackDiff } from '../../src/pack/index.js';

export default class RegpackDiffCommand extends MsezCommand<RegpackDiff> {
  static override summary = 'Show what changed between two regpacks: sanctions entries, rates, deadlines, regulators.';
  static override description = 'A and B are each a regpack digest in the CAS, a regpack source folder, or a regpack JSON/YAML file.';
  static override examples = ['<%= config.bin %> regpack diff <old-digest> modules/regulatory/jurisdictions/pk/tax'];
  static override args = {
    a: Args.string({ description: 'the older regpack', required: true, ignoreStdin: true }),
    b: Args.string({ description: 'the newer regpack', required: true, ignoreStdin: true }),
  };
  static override flags = { root: Flags.directory({ summary: 'Workspace root.' }) };

  async run(): Promise<RegpackDiff> {
    const { args, flags } = await this.parse(RegpackDiffCommand);
    const { PACK_DIGEST_RULES, diffRegpacks, loadRegpack } = await import('../../src/pack/index.js');
    const store = openStore(findWorkspaceRoot(flags.root), PACK_DIGEST_RULES);
    const d = diffRegpacks(loadRegpack(args.a, store), loadRegpack(args.b, store));
    const lines = [`--- ${d.from}`, `+++ ${d.to}`];
    for (const id of d.sanctions.added) lines.push(this.out.green(`+ sanctions ${id}`));
    for (const id of d.sanctions.removed) lines.push(this.out.red(`- sanctions ${id}`));
    for (const id of d.sanctions.changed) lines.push(this.out.yellow(`~ sanctions ${id}`));
    for (const k of d.rates.added) lines.push(this.out.green(`+ rate ${k}`));
    for (const k of d.rates.removed) lines.push(this.out.red(`- rate ${k}`));
    for (const c of d.rates.changed) lines.push(this.out.yellow(`~ rate ${c.rate_id}@${c.effective_from}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`));
    for (const id of d.deadlines.added) lines.push(this.out.green(`+ deadline ${id}`));
    for (const id of d.deadlines.removed) lines.push(this.out.red(`- deadline ${id}`));
    for (const id of d.deadlines.changed) lines.push(this.out.yellow(`~ deadline ${id}`));
    for (const id of d.regulators.added) lines.push(this.out.green(`+ regulator ${id}`));
    for (const id of d.regulators.removed) lines.push(this.out.red(`- regulator ${id}`));
    this.print(`${lines.join('\n')}\n`);
    return d;
  }
}
