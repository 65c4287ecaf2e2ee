import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, ratesFlags, readInput, resolveRates, stateFlags } from '../../cli/compliance.js';
import { isJsonObject } from '../../src/core/index.js';
import type { Payment } from '../../src/state/index.js';

export default class FiscalPay extends MsezCommand<Payment> {
  static override summary = 'Make a payment with withholding at source (schema fiscal.payment).';
  static override description =
    "Withholding follows the zone's tax regpack rate table (the payer's zone unless --zone; --rates FILE for a {jurisdiction_id, rules[]} table) in exact integer arithmetic. At or above --dual-control-threshold the payment waits for two distinct --signer approvals (msez consent decide, then msez fiscal settle).";
  static override args = { file: Args.string({ description: 'payment input (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = {
    ...stateFlags,
    ...ratesFlags,
    'dual-control-threshold': Flags.string({ summary: 'Gross amount at or above which two signers must approve.' }),
    signer: Flags.string({ summary: 'Signer asked to approve a dual-control payment (repeat).', multiple: true }),
  };

  async run(): Promise<Payment> {
    const { args, flags } = await this.parse(FiscalPay);
    const { getAccount, getEntity, makePayment } = await import('../../src/state/index.js');
    const input = readInput(args.file);
    const db = await openState(flags);
    try {
      const payer = isJsonObject(input) && typeof input.payer_account_id === 'string' ? input.payer_account_id : '';
      const rates = await resolveRates(flags, () => getEntity(db, getAccount(db, payer).entity_id).jurisdiction_id);
      const threshold = flags['dual-control-threshold'];
      const p = makePayment(db, input, { rates, ...(threshold !== undefined ? { dual_control_threshold: threshold } : {}), signers: flags.signer ?? [] }, nowOf(flags));
      this.print(`${p.payment_id} ${p.status} gross ${p.gross_amount} withheld ${p.withholding_amount} net ${p.net_amount} ${p.currency}\n`);
      return p;
    } finally {
      db.close();
    }
  }
}
