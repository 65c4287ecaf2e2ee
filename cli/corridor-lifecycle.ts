import { Flags } from '@oclif/core';
import { MsezCommand } from './base.js';
import { corridorFlag, dbFlags, openStateDb } from './corridor.js';
import { readDataFile } from '../src/core/index.js';
import type { LifecycleVerb } from '../src/corridor/index.js';
import type { TransitionLogEntry } from '../src/store/index.js';
import { resolveNow } from './workspace.js';

/** `activate` has its own command (commands/corridor/activate.ts): it needs the corridor package. */
type GatedVerb = Exclude<LifecycleVerb, 'activate'>;

const GATES: Record<GatedVerb, string> = {
  submit: 'DRAFT→PENDING; evidence: MSEZCorridorDefinitionCredential.',
  halt: 'ACTIVE→HALTED; evidence: MSEZCorridorForkAlarmCredential.',
  resume: 'HALTED→ACTIVE (evidence: MSEZCorridorForkResolutionCredential resolving every fork) or SUSPENDED→ACTIVE (zone_authority).',
  suspend: 'ACTIVE→SUSPENDED; evidence: MSEZCorridorLifecycleTransitionCredential signed by a zone_authority participant.',
  deprecate: 'ACTIVE/HALTED/SUSPENDED→DEPRECATED (terminal); evidence: zone_authority lifecycle-transition VC.',
};

/** One class per lifecycle verb (D7): the commands differ only in the verb. */
export function lifecycleCommand(verb: GatedVerb) {
  class LifecycleCommand extends MsezCommand<TransitionLogEntry> {
    static override summary = `Corridor lifecycle: ${verb}. ${GATES[verb]}`;
    static override examples = [`<%= config.bin %> corridor ${verb} -c org.example.corridor --evidence vc.json`];
    static override flags = {
      ...dbFlags,
      corridor: corridorFlag,
      evidence: Flags.string({ summary: 'Evidence credential file (repeatable).', multiple: true }),
      at: Flags.string({ summary: 'Transition time (default: SOURCE_DATE_EPOCH or now).' }),
    };

    async run(): Promise<TransitionLogEntry> {
      const { flags: f } = await this.parse(LifecycleCommand);
      const evidence = (f.evidence ?? []).map((p) => readDataFile(p).value);
      const db = await openStateDb(f);
      const { applyTransition } = await import('../src/store/index.js');
      try {
        const entry = applyTransition(db, f.corridor, verb, evidence, resolveNow(f.at));
        this.print(`${f.corridor}: ${entry.from_state} -> ${entry.to_state} (${entry.kind}, ${entry.evidence.length} evidence)\n`);
        return entry;
      } finally {
        db.close();
      }
    }
  }
  return LifecycleCommand;
}
