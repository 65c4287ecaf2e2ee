import { MsezError } from '../../core/index.js';
import { COMPLIANCE_DOMAINS, type ComplianceDomain } from '../../tensor/index.js';
import { evaluateAndStore, getEntity, listAttestations, loadZonePacks, proveStoredCell, regulatorSummary, tensorMatrix, zoneLicenses, zoneSanctions, type TensorPacks } from '../../state/index.js';
import type { ApiContext, ApiRoute, InlineSchema } from '../route.js';
import { ID, body, filters, fromStatePage, json, obj, pageOptions, pathParams, queryOf } from './common.js';
import { ATTESTATION } from './identity.js';

/**
 * Regulator: read-only queries over attestations, the stored compliance tensor and the zone summary, plus
 * the one write a regulator triggers: evaluating and committing the tensor (as `msez tensor evaluate`).
 */

const TAG = 'regulator';
const HEX64: InlineSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };

interface TensorEvaluationBody {
  zone_id: string;
  jurisdiction_id?: string;
  entity_id?: string;
  all?: boolean;
  without_packs?: boolean;
}

/** The zone's regpack sanctions and licensepack licenses, read from the workspace as the CLI does. */
function zonePacksOf(ctx: ApiContext, zone: string): { packs: TensorPacks; digests: { regpacks: string[]; licensepacks: string[] } } {
  if (ctx.workspace === undefined) throw new MsezError('NOT_READY', 'this server has no workspace to read zone packs from; pass without_packs', {});
  const z = loadZonePacks(ctx.workspace.root, ctx.workspace.artifacts, zone);
  return {
    packs: { sanctions: zoneSanctions(z), licenses: zoneLicenses(z) },
    digests: { regpacks: z.regpacks.map((r) => r.digest_sha256), licensepacks: z.licensepacks.map((l) => l.digest_sha256) },
  };
}

export const REGULATOR_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/regulator/attestations',
    operationId: 'regulatorListAttestations',
    summary: 'Attestations (read-only), optionally about one subject.',
    tag: TAG,
    query: queryOf({ subject_id: ID }),
    item: { inline: ATTESTATION },
    handler: ({ page, query }, { db }) => fromStatePage(listAttestations(db, { ...pageOptions(page), ...filters(query, ['subject_id']) })),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/regulator/compliance',
    operationId: 'regulatorComplianceMatrix',
    summary: 'The stored compliance tensor as a matrix (entities × 20 domains) with its commitment root.',
    tag: TAG,
    query: queryOf({ entity_id: ID }),
    status: 200,
    response: { inline: obj(['root', 'size', 'rows'], { root: HEX64, size: { type: 'integer', minimum: 0 }, rows: { type: 'array' } }) },
    errors: [404],
    handler: ({ query }, { db }) => {
      const f = filters(query, ['entity_id']);
      if (f.entity_id !== undefined) getEntity(db, f.entity_id);
      return json(tensorMatrix(db, f));
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/regulator/compliance/:entity_id/:jurisdiction_id/:domain/proof',
    operationId: 'regulatorProveComplianceCell',
    summary: 'Inclusion proof of one stored tensor cell against the commitment of the whole stored tensor.',
    tag: TAG,
    params: pathParams({ entity_id: ID, jurisdiction_id: ID, domain: { enum: [...COMPLIANCE_DOMAINS] } }),
    status: 200,
    response: { inline: { type: 'object' } },
    handler: ({ params }, { db }) => {
      const key = { entity_id: params.entity_id ?? '', jurisdiction_id: params.jurisdiction_id ?? '', domain: params.domain as ComplianceDomain };
      return json(proveStoredCell(db, key));
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/regulator/summary',
    operationId: 'regulatorSummary',
    summary: 'Counts: entities by lifecycle state, tensor cells by domain × state, open consent requests, withholding per period × section, corridors by state, smart assets.',
    tag: TAG,
    query: queryOf({ period: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Only this withholding period (YYYY-MM).' } }),
    status: 200,
    response: {
      inline: obj(['generated_at', 'entities', 'tensor', 'consent', 'withholding', 'corridors', 'smart_assets'], {
        entities: obj(['total', 'halted', 'by_state']),
        tensor: obj(['cells', 'by_domain']),
        consent: obj(['open', 'open_by_kind']),
        withholding: { type: 'array', items: obj(['period', 'section', 'currency', 'payments', 'gross_amount', 'tax_withheld']) },
        corridors: obj(['total', 'by_state']),
        smart_assets: obj(['total', 'by_class', 'by_compliance_status']),
      }),
    },
    handler: ({ query }, { db, now }) => json(regulatorSummary(db, now(), filters(query, ['period']))),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/regulator/tensor/evaluations',
    operationId: 'regulatorEvaluateTensor',
    summary: "Evaluate the tensor at the server's now (with the zone's packs unless without_packs) and record the commitment, as msez tensor evaluate.",
    tag: TAG,
    body: body('api-tensor-evaluation'),
    status: 200,
    response: { inline: obj(['zone_id', 'as_of', 'evaluated_entities', 'root', 'size'], { root: HEX64, size: { type: 'integer', minimum: 0 }, evaluated_entities: { type: 'integer', minimum: 0 } }) },
    errors: [503],
    handler: ({ body: b }, ctx) => {
      const v = b as unknown as TensorEvaluationBody;
      if (v.entity_id !== undefined) getEntity(ctx.db, v.entity_id);
      const zp = v.without_packs === true ? undefined : zonePacksOf(ctx, v.zone_id);
      const jurisdiction = v.all === true ? undefined : (v.jurisdiction_id ?? v.zone_id);
      const r = evaluateAndStore(
        ctx.db,
        { zone_id: v.zone_id, ...(jurisdiction !== undefined ? { jurisdiction_id: jurisdiction } : {}), ...(v.entity_id !== undefined ? { entity_id: v.entity_id } : {}) },
        ctx.now(),
        zp?.packs,
      );
      return json(zp === undefined ? r : { ...r, packs: zp.digests });
    },
  },
];
