import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import { MsezError } from '../../src/core/index.js';
import { parseComplianceDomain, type CellInclusionProof } from '../../src/tensor/index.js';

export default class TensorProve extends MsezCommand<CellInclusionProof> {
  static override summary = 'Print an RFC 9162 inclusion proof of one stored cell against the tensor commitment.';
  static override args = { cell: Args.string({ description: 'cell as ENTITY/JURISDICTION/DOMAIN', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<CellInclusionProof> {
    const { args, flags } = await this.parse(TensorProve);
    const parts = args.cell.split('/');
    if (parts.length !== 3) throw new MsezError('USAGE', 'CELL must be ENTITY/JURISDICTION/DOMAIN', { cell: args.cell });
    const { proveStoredCell } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const p = proveStoredCell(db, { entity_id: parts[0] as string, jurisdiction_id: parts[1] as string, domain: parseComplianceDomain(parts[2]) });
      this.print(`${p.cell.state} at leaf ${p.leaf_index}/${p.tree_size}, ${p.path.length} hash(es)\nroot ${p.root}\n`);
      return p;
    } finally {
      db.close();
    }
  }
}
