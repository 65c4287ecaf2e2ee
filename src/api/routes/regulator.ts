import { COMPLIANCE_DOMAINS, type ComplianceDomain } from '../../tensor/index.js';
import { getEntity, listAttestations, proveStoredCell, tensorMatrix } from '../../state/index.js';
import type { ApiRoute, InlineSchema } from '../route.js';
import { ID, filters, fromStatePage, json, obj, pageOptions, pathParams, queryOf } from './common.js';
import { ATTESTATION } from './identity.js';

/** Regulator: read-only queries over attestations and the stored compliance tensor. */

const TAG = 'regulator';
const HEX64: InlineSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };

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
];
