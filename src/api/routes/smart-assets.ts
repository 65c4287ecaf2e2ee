import { MsezError } from '../../core/index.js';
import { ASSET_CLASSES, evaluateAsset, genesisAsset, getAsset, listAssetEvaluations, listAssets, type AssetClass } from '../../state/index.js';
import { COMPLIANCE_DOMAINS, COMPLIANCE_STATES } from '../../tensor/index.js';
import type { ApiContext, ApiRoute, InlineSchema } from '../route.js';
import { ID, assertSameId, body, filters, fromStatePage, json, obj, pageOptions, pathParams, queryOf } from './common.js';

/** Smart assets (spec/smart-assets.md): the same `src/state` functions as `msez asset …`. */

const TAG = 'smart-assets';
const HEX64: InlineSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const assetParams = pathParams({ asset_id: HEX64 });
const STATE: InlineSchema = { enum: [...COMPLIANCE_STATES] };

const asset = obj(['asset_id', 'asset_name', 'asset_class', 'issuer_entity_id', 'jurisdiction_id', 'created_at', 'genesis', 'genesis_ref', 'compliance_status', 'registered_at'], {
  asset_id: HEX64,
  asset_class: { enum: [...ASSET_CLASSES] },
  genesis: { type: 'object', required: ['type', 'stack_spec_version', 'asset_name', 'asset_class', 'issuer_entity_id', 'jurisdiction_id', 'created_at'] },
  genesis_ref: { type: 'object', required: ['artifact_type', 'digest_sha256'] },
  compliance_status: { enum: ['unevaluated', ...COMPLIANCE_STATES] },
});

const evaluation = obj(['asset_id', 'asset_class', 'jurisdiction_id', 'evaluated_at', 'parties', 'required_domains', 'domains', 'aggregate', 'passing', 'passing_domains', 'blocking_domains', 'tensor'], {
  asset_id: HEX64,
  required_domains: { type: 'array', items: { enum: [...COMPLIANCE_DOMAINS] } },
  domains: { type: 'array', items: obj(['domain', 'state', 'cells'], { domain: { enum: [...COMPLIANCE_DOMAINS] }, state: STATE, cells: { type: 'array' } }) },
  aggregate: STATE,
  passing: { type: 'boolean' },
  tensor: obj(['root', 'size'], { root: HEX64, size: { type: 'integer', minimum: 0 } }),
});

/** The workspace CAS a genesis is written to; without one (a server started without a root) the route is not ready. */
function artifacts(ctx: ApiContext): NonNullable<ApiContext['workspace']>['artifacts'] {
  if (ctx.workspace === undefined) throw new MsezError('NOT_READY', 'this server has no workspace artifact store', {});
  return ctx.workspace.artifacts;
}

export const SMART_ASSET_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/smart-assets',
    operationId: 'createSmartAsset',
    summary: 'Genesis: store the genesis document in the CAS (named by its MCF digest, the asset id) and register the asset.',
    tag: TAG,
    body: body('smart-asset.genesis'),
    status: 201,
    response: { inline: asset },
    errors: [409, 503],
    handler: ({ body: b }, ctx) => json(genesisAsset(ctx.db, artifacts(ctx), b, ctx.now())),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/smart-assets',
    operationId: 'listSmartAssets',
    summary: 'The asset registry ordered by asset id, optionally by issuer, jurisdiction and class.',
    tag: TAG,
    query: queryOf({ issuer_entity_id: ID, jurisdiction_id: { type: 'string', pattern: '^[a-z]{2}(-[a-z0-9-]+)*$' }, asset_class: { enum: [...ASSET_CLASSES] } }),
    item: { inline: asset },
    handler: ({ page, query }, { db }) => {
      const f = filters(query, ['issuer_entity_id', 'jurisdiction_id', 'asset_class']);
      return fromStatePage(listAssets(db, { ...pageOptions(page), ...f, ...(f.asset_class !== undefined ? { asset_class: f.asset_class as AssetClass } : {}) }));
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/smart-assets/:asset_id',
    operationId: 'getSmartAsset',
    summary: 'One asset with its genesis document and latest compliance status.',
    tag: TAG,
    params: assetParams,
    status: 200,
    response: { inline: asset },
    handler: ({ params }, { db }) => json(getAsset(db, params.asset_id ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/smart-assets/:asset_id/evaluations',
    operationId: 'evaluateSmartAsset',
    summary: "Evaluate the asset's issuer (and holder) against the stored tensor in the domains its class requires; the result is logged.",
    tag: TAG,
    params: assetParams,
    body: body('smart-asset.evaluate'),
    status: 200,
    response: { inline: evaluation },
    handler: ({ params, body: b }, { db, now }) => {
      assertSameId(params, b, 'asset_id');
      return json(evaluateAsset(db, b, now()));
    },
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/smart-assets/:asset_id/evaluations',
    operationId: 'listSmartAssetEvaluations',
    summary: "The asset's evaluation log, oldest first.",
    tag: TAG,
    params: assetParams,
    item: { inline: evaluation },
    handler: ({ params, page }, { db }) => fromStatePage(listAssetEvaluations(db, params.asset_id ?? '', pageOptions(page))),
  },
];
