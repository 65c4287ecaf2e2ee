import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { Attestation } from '../../src/state/index.js';

export default class IdentityAttest extends MsezCommand<Attestation> {
  static override summary = 'Record a compliance attestation about a subject (schema identity.attestation).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<Attestation> {
    const { args, flags } = await this.parse(IdentityAttest);
    const { recordAttestation } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = recordAttestation(db, readInput(args.file));
      this.print(`${r.attestation_id} ${r.domain} ${r.state}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
