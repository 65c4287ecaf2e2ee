import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { loadRates, nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { Payment } from '../../src/state/index.js';

export default class FiscalPay extends MsezCommand<Payment> {
  static override summary = 'Make a payment with withholding at source (schema fiscal.payment).';
  static override description = 'Withholding follows the rate table (--rates, {jurisdiction_id, rules[]}) in exact integer arithmetic. At or above --dual-control-threshold the payment waits for two distinct --signer approvals (msez consent decide, then msez fiscal settle).';
  static override args = { file: Args.string({ description: 'payment input (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = {
    ...stateFlags,
    rates: Flags.string({ summary: 'Withholding rate table file (from the tax regpack).', required: true }),
    'dual-control-threshold': Flags.string({ summary: 'Gross amount at or above which two signers must approve.' }),
    signer: Flags.string({ summary: 'Signer asked to approve a dual-control payment (repeat).', multiple: true }),
  };

  async run(): Promise<Payment> {
    const { args, flags } = await this.parse(FiscalPay);
    const { makePayment } = await import('../../src/state/index.js');
    const rates = await loadRates(flags.rates);
    const db = await openState(flags);
    try {
      const threshold = flags['dual-control-threshold'];
      const p = makePayment(db, readInput(args.file), { rates, ...(threshold !== undefined ? { dual_control_threshold: threshold } : {}), signers: flags.signer ?? [] }, nowOf(flags));
      this.print(`${p.payment_id} ${p.status} gross ${p.gross_amount} withheld ${p.withholding_amount} net ${p.net_amount} ${p.currency}\n`);
      return p;
    } finally {
      db.close();
    }
  }
}
