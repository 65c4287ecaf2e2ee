import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../cli/corridor.js';
import { resolveNow } from '../../cli/workspace.js';
import { isMsezError } from '../../src/core/index.js';
import type { CorridorActivationReport } from '../../src/corridor/index.js';
import type { ActivationOutcome } from '../../src/store/index.js';
import { readCorridorPackage } from '../../src/vc/index.js';

export default class CorridorActivate extends MsezCommand<ActivationOutcome> {
  static override summary = 'Corridor lifecycle: activate (PENDING→ACTIVE) after the full activation check of corridors.md §2.';
  static override description =
    'Reads the corridor package (corridor.yaml, definition VC, trust anchors or authority-registry chain) and runs the ' +
    'activation check on the agreement VCs (--evidence, default agreement_vc_path of corridor.yaml), bound to the stored ' +
    'corridor (definition payload, agreement set, participants, receipt thresholds). Needs ≥ 1 receipt (receipt_signed). ' +
    'Exit 1 with THRESHOLD_NOT_MET or ACTIVATION_BLOCKED and the report when activation does not hold.';
  static override examples = ['<%= config.bin %> corridor activate -c org.example.corridor --package modules/corridors/pk-ae --evidence agreement-a.json --evidence agreement-b.json'];
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    package: Flags.directory({ summary: 'Corridor package directory (holds corridor.yaml).', required: true, exists: true }),
    evidence: Flags.string({ summary: 'Agreement VC file (repeatable; default: agreement_vc_path of corridor.yaml).', multiple: true }),
    at: Flags.string({ summary: 'Transition time (default: SOURCE_DATE_EPOCH or now).' }),
  };

  async run(): Promise<ActivationOutcome> {
    const { flags: f } = await this.parse(CorridorActivate);
    const input = readCorridorPackage(f.package, f.evidence !== undefined ? { agreements: f.evidence } : {});
    const db = await openStateDb(f);
    const { activateCorridor } = await import('../../src/store/index.js');
    try {
      const outcome = activateCorridor(db, f.corridor, input, resolveNow(f.at));
      this.report(outcome.activation);
      this.print(`${f.corridor}: ${outcome.entry.from_state} -> ${outcome.entry.to_state} (activate, ${outcome.entry.evidence.length} agreement VC(s))\n`);
      return outcome;
    } catch (err) {
      if (isMsezError(err) && (err.code === 'THRESHOLD_NOT_MET' || err.code === 'ACTIVATION_BLOCKED')) this.report(err.details as unknown as CorridorActivationReport);
      throw err;
    } finally {
      db.close();
    }
  }

  private report(r: CorridorActivationReport): void {
    for (const t of r.thresholds) {
      const mark = t.met ? this.out.green('met') : this.out.red('NOT MET');
      this.print(`threshold ${t.role}: ${t.parties.length}/${t.required}${t.of === undefined ? '' : ` of ${t.of}`} ${mark}${t.parties.length ? ` (${t.parties.join(', ')})` : ''}\n`);
    }
    for (const b of r.blockers) this.print(`${this.out.red('blocked')} ${b}\n`);
    for (const e of r.errors) this.print(`${this.out.red('error')} [${e.check}] ${e.file ? `${e.file}: ` : ''}${e.message}\n`);
    for (const b of r.binding) this.print(`${this.out.red('binding')} [${b.check}] ${b.message}\n`);
  }
}
