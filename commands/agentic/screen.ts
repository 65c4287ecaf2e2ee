import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { loadPolicies, nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { ScreeningResult } from '../../src/state/index.js';

export default class AgenticScreen extends MsezCommand<ScreeningResult> {
  static override summary = 'Screen every entity against a sanctions snapshot; listed entities fire sanctions_list_update.';
  static override args = { file: Args.string({ description: 'sanctions snapshot (schema sanctions.snapshot)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<ScreeningResult> {
    const { args, flags } = await this.parse(AgenticScreen);
    const { screenSanctions } = await import('../../src/state/index.js');
    const policies = await loadPolicies(flags.root);
    const db = await openState(flags);
    try {
      const r = screenSanctions(db, readInput(args.file), policies, nowOf(flags));
      this.print(`screened ${r.screened}, listed ${r.listed.length}\n`);
      for (const l of r.listed) this.print(`  ${l.entity_id} (${l.entry_id}): ${l.trigger.scheduled.map((a) => `${a.action_type} ${a.status}`).join(', ') || 'no action'}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
