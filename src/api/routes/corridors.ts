import { MsezError, type JsonObject, type JsonValue } from '../../core/index.js';
import { configToJson } from '../../corridor/index.js';
import type { LifecycleVerb } from '../../corridor/index.js';
import { appendReceipt, applyTransition, corridorFinality, getCorridor, listAttestations, listCheckpoints, listCorridors, listForks, listReceipts, receiptInclusionProof, transitionLog, type CorridorRecord } from '../../store/index.js';
import { pageOf, paginate, type ApiRoute, type InlineSchema } from '../route.js';
import { assertSameId, body } from './common.js';

/** Corridor state over HTTP (corridors.md §3–5): the same store functions as `msez corridor …`. */

const TAG = 'corridors';
const HEX64: InlineSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const CORRIDOR_ID: InlineSchema = { type: 'string', minLength: 1, maxLength: 256 };
const SEQUENCE: InlineSchema = { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})$', description: 'Receipt sequence (0-based).' };

const corridorParams: InlineSchema = { type: 'object', required: ['corridor_id'], additionalProperties: false, properties: { corridor_id: CORRIDOR_ID } };
const receiptParams: InlineSchema = {
  type: 'object',
  required: ['corridor_id', 'sequence'],
  additionalProperties: false,
  properties: { corridor_id: CORRIDOR_ID, sequence: SEQUENCE },
};

const corridorStatus: InlineSchema = {
  type: 'object',
  required: ['corridor_id', 'state', 'state_since', 'genesis_root', 'receipt_count', 'head', 'mmr', 'created_at', 'config'],
  properties: {
    corridor_id: { type: 'string' },
    state: { enum: ['DRAFT', 'PENDING', 'ACTIVE', 'HALTED', 'SUSPENDED', 'DEPRECATED'] },
    state_since: { type: 'string' },
    genesis_root: HEX64,
    receipt_count: { type: 'integer', minimum: 0 },
    head: HEX64,
    mmr: {
      type: 'object',
      required: ['size', 'root', 'peaks'],
      properties: { size: { type: 'integer' }, root: HEX64, peaks: { type: 'array' } },
    },
    created_at: { type: 'string' },
    config: { type: 'object' },
  },
};

const receiptSchema: InlineSchema = {
  type: 'object',
  required: ['type', 'corridor_id', 'sequence', 'timestamp', 'prev_root', 'next_root', 'lawpack_digest_set', 'ruleset_digest_set', 'proof'],
  properties: {
    type: { const: 'MSEZCorridorStateReceipt' },
    corridor_id: { type: 'string' },
    sequence: { type: 'integer', minimum: 0 },
    timestamp: { type: 'string' },
    prev_root: HEX64,
    next_root: HEX64,
  },
};

function statusOf(rec: CorridorRecord): JsonObject {
  return {
    corridor_id: rec.config.corridor_id,
    state: rec.state,
    state_since: rec.state_since,
    genesis_root: rec.genesis_root,
    receipt_count: rec.receipt_count,
    head: rec.head,
    mmr: { size: rec.receipt_count, root: rec.mmr_root, peaks: rec.mmr_peaks as unknown as JsonValue },
    created_at: rec.created_at,
    config: configToJson(rec.config),
  };
}

function id(params: Readonly<Record<string, string>>): string {
  return params.corridor_id ?? '';
}

export const CORRIDOR_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/corridors',
    operationId: 'listCorridors',
    summary: 'Corridors initialised in this database (ids, sorted).',
    tag: TAG,
    item: { inline: CORRIDOR_ID },
    handler: ({ page }, { db }) => pageOf(page, listCorridors(db)),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/corridors/:corridor_id',
    operationId: 'getCorridorStatus',
    summary: 'Corridor status: lifecycle state, receipt count, head, MMR and configuration.',
    tag: TAG,
    params: corridorParams,
    status: 200,
    response: { inline: corridorStatus },
    handler: ({ params }, { db }) => statusOf(getCorridor(db, id(params))),
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/transitions',
    operationId: 'listCorridorTransitions',
    summary: 'The lifecycle transition log, oldest first.',
    tag: TAG,
    params: corridorParams,
    item: {
      inline: { type: 'object', required: ['seq', 'kind', 'from_state', 'to_state', 'at', 'evidence'], properties: { seq: { type: 'integer' }, evidence: { type: 'array' } } },
    },
    handler: ({ params, page }, { db }) => {
      getCorridor(db, id(params));
      return pageOf(page, transitionLog(db, id(params)) as unknown as JsonObject[]);
    },
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/receipts',
    operationId: 'listCorridorReceipts',
    summary: 'Signed state receipts in sequence order (offset = sequence).',
    tag: TAG,
    params: corridorParams,
    item: { inline: receiptSchema },
    handler: ({ params, page }, { db }) => {
      getCorridor(db, id(params));
      return paginate(page, (limit, offset) => listReceipts(db, id(params), offset, offset + limit));
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/receipts/:sequence',
    operationId: 'getCorridorReceipt',
    summary: 'One receipt by sequence.',
    tag: TAG,
    params: receiptParams,
    status: 200,
    response: { inline: receiptSchema },
    handler: ({ params }, { db }) => {
      getCorridor(db, id(params));
      const seq = Number(params.sequence);
      const [receipt] = listReceipts(db, id(params), seq, seq + 1);
      if (receipt === undefined) throw new MsezError('NOT_FOUND', `corridor ${id(params)} has no receipt ${seq}`, { corridor_id: id(params), sequence: seq });
      return receipt;
    },
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/receipts/:sequence/proof',
    operationId: 'getCorridorReceiptInclusionProof',
    summary: 'MMR inclusion proof of a receipt against the latest checkpoint covering it (as msez corridor prove).',
    tag: TAG,
    params: receiptParams,
    status: 200,
    response: {
      inline: {
        type: 'object',
        required: ['type', 'corridor_id', 'mmr', 'checkpoint_digest_sha256'],
        properties: { type: { const: 'MSEZCorridorReceiptInclusionProof' }, corridor_id: { type: 'string' }, mmr: { type: 'object' }, checkpoint_digest_sha256: HEX64 },
      },
    },
    handler: ({ params }, { db, now }) => receiptInclusionProof(db, id(params), Number(params.sequence), now()),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/finality',
    operationId: 'getCorridorFinality',
    summary: 'The finality status object (corridors.md §3): checkpoint and watcher-quorum evidence for the current head.',
    tag: TAG,
    params: corridorParams,
    status: 200,
    response: {
      inline: {
        type: 'object',
        required: ['corridor_id', 'as_of', 'finality_level', 'receipt_count', 'final_state_root', 'head_commitment_digest_sha256', 'evidence', 'warnings'],
        properties: {
          finality_level: { enum: ['proposed', 'receipt_signed', 'checkpoint_signed', 'watcher_quorum', 'l1_anchored', 'legally_recognized'] },
          receipt_count: { type: 'integer', minimum: 0 },
          final_state_root: HEX64,
          mmr_root: HEX64,
          head_commitment_digest_sha256: HEX64,
          evidence: { type: 'object', required: ['checkpoint', 'watcher_quorum', 'anchors', 'disputes'] },
          warnings: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    handler: ({ params }, { db, now }) => corridorFinality(db, id(params), now()) as unknown as JsonObject,
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/checkpoints',
    operationId: 'listCorridorCheckpoints',
    summary: 'Signed checkpoints, oldest first.',
    tag: TAG,
    params: corridorParams,
    item: { inline: { type: 'object', required: ['type', 'corridor_id', 'receipt_count', 'mmr'], properties: { type: { const: 'MSEZCorridorStateCheckpoint' } } } },
    handler: ({ params, page }, { db }) => {
      getCorridor(db, id(params));
      return pageOf(page, listCheckpoints(db, id(params)));
    },
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/forks',
    operationId: 'listCorridorForks',
    summary: 'Recorded forks: two signed receipts sharing (sequence, prev_root).',
    tag: TAG,
    params: corridorParams,
    item: { inline: { type: 'object', required: ['sequence', 'prev_root', 'next_roots', 'detected_at'], properties: { next_roots: { type: 'array', items: HEX64 } } } },
    handler: ({ params, page }, { db }) => {
      getCorridor(db, id(params));
      return pageOf(page, listForks(db, id(params)) as unknown as JsonObject[]);
    },
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/corridors/:corridor_id/attestations',
    operationId: 'listCorridorAttestations',
    summary: 'Stored watcher attestation credentials (read-only).',
    tag: TAG,
    params: corridorParams,
    item: { inline: { type: 'object', required: ['credentialSubject'] } },
    handler: ({ params, page }, { db }) => {
      getCorridor(db, id(params));
      return pageOf(page, listAttestations(db, id(params)));
    },
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/corridors/:corridor_id/receipts',
    operationId: 'appendCorridorReceipt',
    summary: 'Append an externally signed receipt (as msez corridor receipt append): linkage, next_root, digest sets, signatures and thresholds are checked; a rival receipt is recorded as a fork (409 FORK_DETECTED).',
    tag: TAG,
    params: corridorParams,
    body: body('corridor.receipt'),
    status: 201,
    response: {
      inline: {
        type: 'object',
        required: ['sequence', 'next_root', 'receipt_count', 'mmr_root'],
        properties: { sequence: { type: 'integer', minimum: 0 }, next_root: HEX64, receipt_count: { type: 'integer', minimum: 1 }, mmr_root: HEX64 },
      },
    },
    errors: [409],
    handler: ({ params, body: b }, { db, now }) => {
      assertSameId(params, b, 'corridor_id');
      return appendReceipt(db, id(params), b ?? null, now()) as unknown as JsonObject;
    },
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/corridors/:corridor_id/transitions',
    operationId: 'applyCorridorTransition',
    summary: 'Apply a lifecycle verb (submit, halt, resume, suspend, deprecate) with its evidence credentials, as msez corridor <verb>; activate stays a CLI step (it needs the corridor package).',
    tag: TAG,
    params: corridorParams,
    body: body('api-corridor-transition'),
    status: 200,
    response: { inline: { type: 'object', required: ['seq', 'kind', 'from_state', 'to_state', 'at', 'evidence'], properties: { seq: { type: 'integer' }, evidence: { type: 'array' } } } },
    errors: [409],
    handler: ({ params, body: b }, { db, now }) => {
      const v = b as unknown as { verb: LifecycleVerb; evidence: JsonValue[] };
      return applyTransition(db, id(params), v.verb, v.evidence, now()) as unknown as JsonObject;
    },
  },
];
