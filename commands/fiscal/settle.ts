import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { loadRates, nowOf, openState, stateFlags } from '../../cli/compliance.js';
import type { Payment } from '../../src/state/index.js';

export default class FiscalSettle extends MsezCommand<Payment> {
  static override summary = 'Complete (or reject) a dual-control payment once its consent request resolved.';
  static override args = { payment: Args.string({ description: 'payment id', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags, rates: Flags.string({ summary: 'Withholding rate table file.', required: true }) };

  async run(): Promise<Payment> {
    const { args, flags } = await this.parse(FiscalSettle);
    const { settlePayment } = await import('../../src/state/index.js');
    const rates = await loadRates(flags.rates);
    const db = await openState(flags);
    try {
      const p = settlePayment(db, args.payment, rates, nowOf(flags));
      this.print(`${p.payment_id} ${p.status}\n`);
      return p;
    } finally {
      db.close();
    }
  }
}
