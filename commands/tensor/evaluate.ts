import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, stateFlags } from '../../cli/compliance.js';
import type { TensorEvaluation } from '../../src/state/index.js';

export default class TensorEvaluate extends MsezCommand<TensorEvaluation> {
  static override summary = 'Evaluate the compliance tensor from stored state and commit to it (D11).';
  static override description =
    'Each entity x jurisdiction x domain is evaluated at --at from attestations, sanctions screenings, licenses, filer status and the entity lifecycle; cells are stored with reasons and evidence digests, and the RFC 9162 root over every stored cell is recorded.';
  static override flags = {
    ...stateFlags,
    zone: Flags.string({ summary: 'Zone id (its jurisdiction when --jurisdiction is not given).', required: true }),
    jurisdiction: Flags.string({ summary: 'Evaluate only entities of this jurisdiction (default: the zone id).' }),
    entity: Flags.string({ summary: 'Evaluate only this entity.' }),
    all: Flags.boolean({ summary: 'Evaluate entities of every jurisdiction.' }),
  };

  async run(): Promise<TensorEvaluation> {
    const { flags } = await this.parse(TensorEvaluate);
    const { evaluateAndStore } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const jurisdiction = flags.all ? undefined : (flags.jurisdiction ?? flags.zone);
      const r = evaluateAndStore(db, { zone_id: flags.zone, ...(jurisdiction !== undefined ? { jurisdiction_id: jurisdiction } : {}), ...(flags.entity !== undefined ? { entity_id: flags.entity } : {}) }, nowOf(flags));
      this.print(`evaluated ${r.evaluated_entities} entit${r.evaluated_entities === 1 ? 'y' : 'ies'} as of ${r.as_of}\nroot ${r.root} (${r.size} cells)\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
