import type { JsonObject } from '../../core/index.js';
import { addBeneficialOwner, amendEntity, dissolutionStatus, entityHistory, formEntity, getEntity, listBeneficialOwners, listEntities, transitionEntity, type EntityEvent } from '../../state/index.js';
import { pageOf, type ApiRoute, type InlineSchema } from '../route.js';
import { ID, assertSameId, body, filters, fromStatePage, json, obj, pageOptions, pathParams, queryOf } from './common.js';

/** Entities (compliance.md §7, §10): the same `src/state` functions as `msez entity …`. */

const TAG = 'entities';
const entityParams = pathParams({ entity_id: ID });
const ENTITY_STATE: InlineSchema = { enum: ['APPLIED', 'ACTIVE', 'REJECTED', 'SUSPENDED', 'DISSOLVING', 'DISSOLVED'] };
const entity = obj(['entity_id', 'jurisdiction_id', 'legal_name', 'entity_type', 'data', 'state', 'version', 'halted', 'created_at', 'updated_at'], {
  state: ENTITY_STATE,
  version: { type: 'integer', minimum: 1 },
  halted: { type: 'boolean' },
});

export const ENTITY_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/entities',
    operationId: 'formEntity',
    summary: 'Form an entity (state APPLIED).',
    tag: TAG,
    body: body('entity.form'),
    status: 201,
    response: { inline: entity },
    errors: [409],
    handler: ({ body: b }, { db, now }) => json(formEntity(db, b, now())),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/entities',
    operationId: 'listEntities',
    summary: 'Entities ordered by id, optionally in one jurisdiction.',
    tag: TAG,
    query: queryOf({ jurisdiction_id: { type: 'string', pattern: '^[a-z]{2}(-[a-z0-9-]+)*$' } }),
    item: { inline: entity },
    handler: ({ page, query }, { db }) => fromStatePage(listEntities(db, { ...pageOptions(page), ...filters(query, ['jurisdiction_id']) })),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/entities/:entity_id',
    operationId: 'getEntity',
    summary: 'One entity.',
    tag: TAG,
    params: entityParams,
    status: 200,
    response: { inline: entity },
    handler: ({ params }, { db }) => json(getEntity(db, params.entity_id ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/entities/:entity_id/amendments',
    operationId: 'amendEntity',
    summary: 'Amend name, type, registration number or data; the previous version stays in the history.',
    tag: TAG,
    params: entityParams,
    body: body('entity.amend'),
    status: 200,
    response: { inline: entity },
    errors: [409],
    handler: ({ params, body: b }, { db, now }) => {
      assertSameId(params, b, 'entity_id');
      return json(amendEntity(db, b, now()));
    },
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/entities/:entity_id/events',
    operationId: 'applyEntityEvent',
    summary: 'Apply a lifecycle event: approve, reject, suspend, reinstate, initiate or advance dissolution.',
    tag: TAG,
    params: entityParams,
    body: body('api-entity-event'),
    status: 200,
    response: { inline: entity },
    errors: [409],
    handler: ({ params, body: b }, { db, now }) => json(transitionEntity(db, params.entity_id ?? '', b as unknown as EntityEvent, now())),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/entities/:entity_id/history',
    operationId: 'listEntityHistory',
    summary: 'Every stored version of an entity, oldest first.',
    tag: TAG,
    params: entityParams,
    item: { inline: obj(['seq', 'version', 'at', 'change_kind', 'snapshot']) },
    handler: ({ params, page }, { db }) => {
      getEntity(db, params.entity_id ?? '');
      return fromStatePage(entityHistory(db, params.entity_id ?? '', pageOptions(page)));
    },
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/entities/:entity_id/beneficial-owners',
    operationId: 'addBeneficialOwner',
    summary: 'Record a beneficial owner.',
    tag: TAG,
    params: entityParams,
    body: body('entity.beneficial-owner'),
    status: 201,
    response: { inline: obj(['entity_id', 'owner_id', 'ownership_bps', 'control_type', 'recorded_at']) },
    errors: [409],
    handler: ({ params, body: b }, { db, now }) => {
      assertSameId(params, b, 'entity_id');
      return json(addBeneficialOwner(db, b, now()));
    },
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/entities/:entity_id/beneficial-owners',
    operationId: 'listBeneficialOwners',
    summary: 'Beneficial owners of an entity.',
    tag: TAG,
    params: entityParams,
    item: { inline: obj(['entity_id', 'owner_id', 'ownership_bps', 'control_type', 'recorded_at']) },
    handler: ({ params, page }, { db }) => {
      getEntity(db, params.entity_id ?? '');
      return pageOf(page, listBeneficialOwners(db, params.entity_id ?? '') as unknown as JsonObject[]);
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/entities/:entity_id/dissolution',
    operationId: 'getDissolutionStatus',
    summary: 'Dissolution stage, its minimum duration and the earliest time it may advance.',
    tag: TAG,
    params: entityParams,
    status: 200,
    response: { inline: obj(['state'], { state: ENTITY_STATE, stage_number: { type: 'integer', minimum: 1, maximum: 10 } }) },
    handler: ({ params }, { db }) => json(dissolutionStatus(db, params.entity_id ?? '')),
  },
];
