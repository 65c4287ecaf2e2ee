import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { loadPolicies, nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import { TRIGGER_TYPES } from '../../src/agentic/index.js';
import type { TriggerRun } from '../../src/state/index.js';

export default class AgenticTrigger extends MsezCommand<TriggerRun> {
  static override summary = 'Run one trigger through the agentic policies and print the scheduled actions.';
  static override description = 'Policies come from <root>/rulesets/agentic/*.yaml (else the standard and extended sets shipped with msez). Automatic halt/resume actions execute at once; the rest stay scheduled.';
  static override args = { type: Args.string({ description: 'trigger type', required: true, options: [...TRIGGER_TYPES], ignoreStdin: true }) };
  static override flags = {
    ...stateFlags,
    data: Flags.string({ summary: 'Trigger data file (.json or .yaml object).', required: true }),
    asset: Flags.string({ summary: 'Asset or entity the trigger concerns.', required: true }),
    jurisdiction: Flags.string({ summary: 'Jurisdiction of the asset (for scoped policies).' }),
  };

  async run(): Promise<TriggerRun> {
    const { args, flags } = await this.parse(AgenticTrigger);
    const { runTrigger } = await import('../../src/state/index.js');
    const policies = await loadPolicies(flags.root);
    const db = await openState(flags);
    try {
      const r = runTrigger(db, { trigger_type: args.type, asset_id: flags.asset, data: readInput(flags.data), ...(flags.jurisdiction !== undefined ? { jurisdiction_id: flags.jurisdiction } : {}) }, policies, nowOf(flags));
      this.print(`${r.trigger_id}: ${r.matches.length} polic${r.matches.length === 1 ? 'y' : 'ies'} matched\n`);
      for (const a of r.scheduled) this.print(`  ${a.action_id} ${a.action_type} ${a.status} (authorization ${a.authorization_status})\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
