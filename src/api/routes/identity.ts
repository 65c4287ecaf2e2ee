import { findByIdentifier, getIdentity, linkIdentifier, listAttestations, recordAttestation, registerIdentity, type IdType } from '../../state/index.js';
import type { ApiRoute, InlineSchema } from '../route.js';
import { ID, assertSameId, body, filters, fromStatePage, json, obj, pageOptions, pathParams, queryOf } from './common.js';

/** Identity (compliance.md §12, D13): DIDs, KYC tiers, linked CNIC/NTN/passport, attestations. */

const TAG = 'identity';
const DID: InlineSchema = { type: 'string', pattern: '^did:[a-z0-9]+:[A-Za-z0-9._:%#-]+$', maxLength: 512 };
const identity = obj(['did', 'kyc_tier', 'identifiers', 'created_at', 'updated_at'], { identifiers: { type: 'array' } });
export const ATTESTATION: InlineSchema = obj(['attestation_id', 'subject_id', 'jurisdiction_id', 'domain', 'attestation_type', 'state', 'digest', 'issued_at']);

export const IDENTITY_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/identities',
    operationId: 'registerIdentity',
    summary: 'Register a DID with a KYC tier (optionally bound to an entity).',
    tag: TAG,
    body: body('identity.register'),
    status: 201,
    response: { inline: identity },
    errors: [404, 409],
    handler: ({ body: b }, { db, now }) => json(registerIdentity(db, b, now())),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/identities/:did',
    operationId: 'getIdentity',
    summary: 'One identity with its linked identifiers (the DID is URL-encoded in the path).',
    tag: TAG,
    params: pathParams({ did: DID }),
    status: 200,
    response: { inline: identity },
    handler: ({ params }, { db }) => json(getIdentity(db, params.did ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/identities/:did/identifiers',
    operationId: 'linkIdentifier',
    summary: 'Link a CNIC, NTN or passport (validated and normalised per D13); records the verification attestation.',
    tag: TAG,
    params: pathParams({ did: DID }),
    body: body('identity.link'),
    status: 201,
    response: { inline: identity },
    errors: [409],
    handler: ({ params, body: b }, { db, now }) => {
      assertSameId(params, b, 'did');
      return json(linkIdentifier(db, b, now()));
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/identifiers/:id_type/:value',
    operationId: 'findByIdentifier',
    summary: 'The identity holding a CNIC, NTN or passport (any accepted input form).',
    tag: TAG,
    params: pathParams({ id_type: { enum: ['cnic', 'ntn', 'passport'] }, value: { type: 'string', minLength: 1, maxLength: 64 } }),
    status: 200,
    response: { inline: identity },
    handler: ({ params }, { db }) => json(findByIdentifier(db, params.id_type as IdType, params.value ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/attestations',
    operationId: 'recordAttestation',
    summary: 'Record an attestation about a subject in one compliance domain.',
    tag: TAG,
    body: body('identity.attestation'),
    status: 201,
    response: { inline: ATTESTATION },
    errors: [409],
    handler: ({ body: b }, { db }) => json(recordAttestation(db, b)),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/attestations',
    operationId: 'listAttestations',
    summary: 'Attestations ordered by id, optionally about one subject.',
    tag: TAG,
    query: queryOf({ subject_id: ID }),
    item: { inline: ATTESTATION },
    handler: ({ page, query }, { db }) => fromStatePage(listAttestations(db, { ...pageOptions(page), ...filters(query, ['subject_id']) })),
  },
];
