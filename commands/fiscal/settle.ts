import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, ratesFlags, resolveRates, stateFlags } from '../../cli/compliance.js';
import type { Payment } from '../../src/state/index.js';

export default class FiscalSettle extends MsezCommand<Payment> {
  static override summary = 'Complete (or reject) a dual-control payment once its consent request resolved.';
  static override description = 'Withholding is recomputed from the same rate table as the payment: the zone tax regpack (payer zone unless --zone) or --rates FILE.';
  static override args = { payment: Args.string({ description: 'payment id', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags, ...ratesFlags };

  async run(): Promise<Payment> {
    const { args, flags } = await this.parse(FiscalSettle);
    const { getAccount, getEntity, getPayment, settlePayment } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const rates = await resolveRates(flags, () => getEntity(db, getAccount(db, getPayment(db, args.payment).payer_account_id).entity_id).jurisdiction_id);
      const p = settlePayment(db, args.payment, rates, nowOf(flags));
      this.print(`${p.payment_id} ${p.status}\n`);
      return p;
    } finally {
      db.close();
    }
  }
}
