import { capTable, createShareClass, getEntity, issueShares, listShareLedger, transferShares } from '../../state/index.js';
import type { ApiRoute } from '../route.js';
import { ID, body, fromStatePage, json, obj, pageOptions, pathParams } from './common.js';

/** Ownership (compliance.md §10): share classes, issuance, transfers and the cap table. */

const TAG = 'ownership';
const entityParams = pathParams({ entity_id: ID });
const ledgerEntry = obj(['seq', 'entity_id', 'class_id', 'kind', 'to_holder', 'quantity', 'consideration', 'cost_basis', 'capital_gain', 'at'], {
  kind: { enum: ['issuance', 'transfer'] },
  quantity: { type: 'integer', minimum: 1 },
});

export const OWNERSHIP_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/ownership/share-classes',
    operationId: 'createShareClass',
    summary: 'Create a share class of an entity.',
    tag: TAG,
    body: body('ownership.share-class'),
    status: 201,
    response: { inline: obj(['entity_id', 'class_id', 'name', 'authorized', 'issued', 'par_value', 'currency']) },
    errors: [404, 409],
    handler: ({ body: b }, { db }) => json(createShareClass(db, b)),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/ownership/issuances',
    operationId: 'issueShares',
    summary: 'Issue shares of a class to a holder.',
    tag: TAG,
    body: body('ownership.issue'),
    status: 201,
    response: { inline: ledgerEntry },
    errors: [404, 409],
    handler: ({ body: b }, { db, now }) => json(issueShares(db, b, now())),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/ownership/transfers',
    operationId: 'transferShares',
    summary: 'Transfer shares between holders (quantity > 0); records the capital gain.',
    tag: TAG,
    body: body('ownership.transfer'),
    status: 201,
    response: { inline: ledgerEntry },
    errors: [404, 409],
    handler: ({ body: b }, { db, now }) => json(transferShares(db, b, now())),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/entities/:entity_id/cap-table',
    operationId: 'getCapTable',
    summary: 'The cap table: share classes with their holders.',
    tag: TAG,
    params: entityParams,
    status: 200,
    response: { inline: obj(['entity_id', 'classes'], { classes: { type: 'array' } }) },
    handler: ({ params }, { db }) => json(capTable(db, params.entity_id ?? '')),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/entities/:entity_id/share-ledger',
    operationId: 'listShareLedger',
    summary: 'Issuances and transfers of an entity, oldest first.',
    tag: TAG,
    params: entityParams,
    item: { inline: ledgerEntry },
    handler: ({ params, page }, { db }) => {
      getEntity(db, params.entity_id ?? '');
      return fromStatePage(listShareLedger(db, params.entity_id ?? '', pageOptions(page)));
    },
  },
];
