import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import { COMPLIANCE_DOMAINS, type ComplianceState } from '../../src/tensor/index.js';
import type { tensorMatrix } from '../../src/state/index.js';

type Matrix = ReturnType<typeof tensorMatrix>;

const CODE: Record<ComplianceState, string> = { non_compliant: 'NC', expired: 'EX', pending: 'PE', not_applicable: 'NA', exempt: 'XM', compliant: 'OK' };

export default class TensorShow extends MsezCommand<Matrix> {
  static override summary = 'Print the stored tensor as a matrix (entities x the 20 domains).';
  static override description = 'OK compliant, XM exempt, NA not_applicable, PE pending, EX expired, NC non_compliant. --json gives every state by name.';
  static override flags = { ...stateFlags, entity: Flags.string({ summary: 'Only this entity.' }) };

  async run(): Promise<Matrix> {
    const { flags } = await this.parse(TensorShow);
    const { tensorMatrix } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const m = tensorMatrix(db, flags.entity !== undefined ? { entity_id: flags.entity } : {});
      const c = this.out;
      const paint = (s: ComplianceState): string => (s === 'non_compliant' || s === 'expired' ? c.red(CODE[s]) : s === 'pending' ? c.yellow(CODE[s]) : c.green(CODE[s]));
      const width = Math.max(6, ...m.rows.map((r) => `${r.entity_id} ${r.jurisdiction_id}`.length));
      this.print(`${''.padEnd(width)} ${COMPLIANCE_DOMAINS.map((d) => d.slice(0, 2).toUpperCase()).join(' ')}\n`);
      for (const r of m.rows) this.print(`${`${r.entity_id} ${r.jurisdiction_id}`.padEnd(width)} ${COMPLIANCE_DOMAINS.map((d) => paint(r.states[d])).join(' ')}\n`);
      this.print(`root ${m.root} (${m.size} cells${m.as_of !== undefined ? `, as of ${m.as_of}` : ''})\n`);
      return m;
    } finally {
      db.close();
    }
  }
}
