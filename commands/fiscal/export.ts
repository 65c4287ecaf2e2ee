import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import { mcfText, writeFileAtomic } from '../../src/core/index.js';
import type { IrisStatement } from '../../src/state/index.js';

export default class FiscalExport extends MsezCommand<IrisStatement> {
  static override summary = 'Export the FBR IRIS-style withholding statement of a period (CSV or JSON).';
  static override flags = {
    ...stateFlags,
    period: Flags.string({ summary: 'Tax period YYYY-MM.', required: true }),
    format: Flags.string({ summary: 'Output format.', options: ['csv', 'json'], default: 'csv' }),
    out: Flags.string({ summary: 'Write to this file (atomically) instead of stdout.' }),
  };

  async run(): Promise<IrisStatement> {
    const { flags } = await this.parse(FiscalExport);
    const { irisCsv, irisStatement } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const st = irisStatement(db, flags.period);
      const text = flags.format === 'csv' ? irisCsv(st) : `${mcfText(st)}\n`;
      if (flags.out !== undefined) {
        writeFileAtomic(flags.out, text);
        this.note(`wrote ${st.rows.length} row(s) to ${flags.out}`);
      } else this.print(text);
      return st;
    } finally {
      db.close();
    }
  }
}
