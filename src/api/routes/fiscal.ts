import { MsezError } from '../../core/index.js';
import { computeWithholding, getAccount, getPayment, irisStatement, listAccounts, listPayments, listTaxEvents, makePayment, openAccount, settlePayment, type WithholdingInput, type WithholdingRateTable } from '../../state/index.js';
import type { ApiContext, ApiRoute, InlineSchema } from '../route.js';
import { ID, body, filters, fromStatePage, json, obj, pageOptions, pathParams, queryOf } from './common.js';

/** Fiscal (compliance.md §10–11): accounts, payments with withholding at source, tax events, statements. */

const TAG = 'fiscal';
const PERIOD: InlineSchema = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' };
const account = obj(['account_id', 'entity_id', 'filer_status', 'currency', 'created_at'], { filer_status: { enum: ['filer', 'late_filer', 'non_filer'] } });
const payment = obj(['payment_id', 'payer_account_id', 'payee_account_id', 'event_type', 'tax_category', 'currency', 'gross_amount', 'withholding_amount', 'net_amount', 'status', 'period', 'created_at', 'withholding'], {
  status: { enum: ['pending_approval', 'completed', 'rejected'] },
  withholding: { type: 'array' },
});
const taxEvent = obj(['event_id', 'entity_id', 'event_type', 'tax_category', 'filer_status', 'jurisdiction_id', 'currency', 'gross_amount', 'withholding_amount', 'period', 'at']);

/** The configured rate table; without one (`msez serve --rates`) the withholding engine cannot run. */
function rates(ctx: ApiContext): WithholdingRateTable {
  if (ctx.rates === undefined) throw new MsezError('NOT_READY', 'no withholding rate table is configured (msez serve --rates FILE)');
  return ctx.rates;
}

export const FISCAL_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/fiscal/accounts',
    operationId: 'openAccount',
    summary: 'Open a fiscal account (NTN optional).',
    tag: TAG,
    body: body('fiscal.account'),
    status: 201,
    response: { inline: account },
    errors: [404, 409],
    handler: ({ body: b }, { db, now }) => json(openAccount(db, b, now())),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/fiscal/accounts',
    operationId: 'listAccounts',
    summary: 'Fiscal accounts, optionally of one entity.',
    tag: TAG,
    query: queryOf({ entity_id: ID }),
    item: { inline: account },
    handler: ({ page, query }, { db }) => fromStatePage(listAccounts(db, { ...pageOptions(page), ...filters(query, ['entity_id']) })),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/fiscal/accounts/:account_id',
    operationId: 'getAccount',
    summary: 'One fiscal account.',
    tag: TAG,
    params: pathParams({ account_id: ID }),
    status: 200,
    response: { inline: account },
    handler: ({ params }, { db }) => json(getAccount(db, params.account_id ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/fiscal/payments',
    operationId: 'makePayment',
    summary: 'Make a payment with withholding at source; at or above the dual-control threshold it waits for two signers.',
    tag: TAG,
    body: body('fiscal.payment'),
    status: 201,
    response: { inline: payment },
    errors: [404, 409],
    handler: ({ body: b }, ctx) =>
      json(
        makePayment(
          ctx.db,
          b,
          { rates: rates(ctx), ...(ctx.dualControl !== undefined ? { dual_control_threshold: ctx.dualControl.threshold, signers: ctx.dualControl.signers } : {}) },
          ctx.now(),
        ),
      ),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/fiscal/payments',
    operationId: 'listPayments',
    summary: 'Payments, optionally of one period (YYYY-MM).',
    tag: TAG,
    query: queryOf({ period: PERIOD }),
    item: { inline: payment },
    handler: ({ page, query }, { db }) => fromStatePage(listPayments(db, { ...pageOptions(page), ...filters(query, ['period']) })),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/fiscal/payments/:payment_id',
    operationId: 'getPayment',
    summary: 'One payment with its withholding lines.',
    tag: TAG,
    params: pathParams({ payment_id: ID }),
    status: 200,
    response: { inline: payment },
    handler: ({ params }, { db }) => json(getPayment(db, params.payment_id ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/fiscal/payments/:payment_id/settlement',
    operationId: 'settlePayment',
    summary: 'Complete or reject a dual-control payment once its consent request is decided.',
    tag: TAG,
    params: pathParams({ payment_id: ID }),
    status: 200,
    response: { inline: payment },
    errors: [409],
    handler: ({ params }, ctx) => json(settlePayment(ctx.db, params.payment_id ?? '', rates(ctx), ctx.now())),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/fiscal/withholding/calculate',
    operationId: 'calculateWithholding',
    summary: 'Run the withholding engine on one input (compliance.md §11); results sorted by rule_id. Nothing is stored.',
    tag: TAG,
    body: body('api-withholding-calculation'),
    status: 200,
    response: {
      inline: obj(['results'], {
        results: { type: 'array', items: obj(['rule_id', 'gross_amount', 'rate_percent', 'withholding_amount', 'net_amount']) },
      }),
    },
    handler: ({ body: b }, ctx) => ({ results: json(computeWithholding(rates(ctx), b as unknown as WithholdingInput)) }),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/fiscal/tax-events',
    operationId: 'listTaxEvents',
    summary: 'Recorded tax events, optionally of one period or entity.',
    tag: TAG,
    query: queryOf({ period: PERIOD, entity_id: ID }),
    item: { inline: taxEvent },
    handler: ({ page, query }, { db }) => fromStatePage(listTaxEvents(db, { ...pageOptions(page), ...filters(query, ['period', 'entity_id']) })),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/fiscal/statements/:period',
    operationId: 'getWithholdingStatement',
    summary: 'The FBR IRIS-style withholding statement of a period (YYYY-MM).',
    tag: TAG,
    params: pathParams({ period: PERIOD }),
    status: 200,
    response: { inline: obj(['period', 'rows', 'totals'], { rows: { type: 'array' }, totals: { type: 'array' } }) },
    handler: ({ params }, { db }) => json(irisStatement(db, params.period ?? '')),
  },
];
