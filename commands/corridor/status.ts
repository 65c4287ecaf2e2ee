import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../cli/corridor.js';
import { resolveNow } from '../../cli/workspace.js';
import { evaluateQuorum, finalityStatus, headCommitment, majority, parseAttestation, type CorridorState, type FinalityStatus } from '../../src/corridor/index.js';
import type { ForkRecord, TransitionLogEntry } from '../../src/store/index.js';

interface StatusResult {
  corridor_id: string;
  state: CorridorState;
  since: string;
  genesis_root: string;
  history: TransitionLogEntry[];
  forks: ForkRecord[];
  finality: FinalityStatus;
}

export default class CorridorStatus extends MsezCommand<StatusResult> {
  static override summary = 'Lifecycle state, transition log, open forks and the finality status object of a corridor.';
  static override examples = ['<%= config.bin %> corridor status -c org.example.corridor --json'];
  static override flags = { ...dbFlags, corridor: corridorFlag, at: Flags.string({ summary: 'as_of time (default: SOURCE_DATE_EPOCH or now).' }) };

  async run(): Promise<StatusResult> {
    const { flags } = await this.parse(CorridorStatus);
    const db = await openStateDb(flags);
    const store = await import('../../src/store/index.js');
    try {
      const rec = store.getCorridor(db, flags.corridor);
      const cps = store.listCheckpoints(db, flags.corridor);
      const head = { corridor_id: flags.corridor, genesis_root: rec.genesis_root, receipt_count: rec.receipt_count, final_state_root: rec.head, mmr_root: rec.mmr_root };
      const atts = store.listAttestations(db, flags.corridor).map((vc) => parseAttestation(vc, rec.config.watchers));
      const required = rec.config.watcher_quorum?.required ?? majority(rec.config.watchers.length);
      const quorum = rec.config.watchers.length > 0 ? evaluateQuorum(atts, headCommitment(head), { required }) : undefined;
      const cp = cps[cps.length - 1];
      const finality = finalityStatus({ head, as_of: resolveNow(flags.at), ...(cp !== undefined ? { checkpoint: cp } : {}), ...(quorum !== undefined ? { quorum } : {}) });
      const result = { corridor_id: flags.corridor, state: rec.state, since: rec.state_since, genesis_root: rec.genesis_root, history: store.transitionLog(db, flags.corridor), forks: store.listForks(db, flags.corridor), finality };
      this.print(`${flags.corridor}: ${rec.state} since ${rec.state_since}; ${rec.receipt_count} receipt(s), finality ${finality.finality_level}, ${result.forks.length} fork(s)\n`);
      return result;
    } finally {
      db.close();
    }
  }
}
