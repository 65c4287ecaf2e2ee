import { isJsonObject, MsezError, type JsonObject, type JsonValue } from '../core/index.js';

/**
 * Corridor anchors (corridors.md §9, spec/corridors.md §14). An anchor is operator-supplied evidence that a head
 * commitment was posted to a public chain. msez has no network: it checks the anchor's shape and chain table
 * consistency and counts confirmations against an operator-supplied observed block number. Anchors change no root.
 */

export const CHAIN_NETWORKS = ['ethereum', 'arbitrum', 'base', 'polygon'] as const;
export type ChainNetwork = (typeof CHAIN_NETWORKS)[number];

/** chain_id and finality depth (confirmations, in blocks) per network (corridors.md §9). */
export const CHAINS: Readonly<Record<ChainNetwork, { readonly chain_id: number; readonly finality_blocks: number }>> = {
  ethereum: { chain_id: 1, finality_blocks: 64 },
  arbitrum: { chain_id: 42161, finality_blocks: 1 },
  base: { chain_id: 8453, finality_blocks: 1 },
  polygon: { chain_id: 137, finality_blocks: 256 },
};

export const DEFAULT_CHAIN: ChainNetwork = 'arbitrum';

export interface AnchorChain {
  readonly network: ChainNetwork;
  readonly chain_id: number;
  readonly tx_hash: string;
  readonly block_number: number;
  readonly block_hash: string;
  /** Unix seconds of the block, as the chain reports it. */
  readonly block_timestamp: number;
}

export interface CorridorAnchor {
  readonly head_commitment_digest_sha256: string;
  readonly checkpoint_ref?: JsonObject;
  readonly chain: AnchorChain;
}

/** Reason codes carried in `details.rule` of the VALIDATION_FAILED an invalid anchor raises. */
export type AnchorRule =
  | 'ANCHOR_NOT_OBJECT'
  | 'ANCHOR_UNKNOWN_FIELD'
  | 'ANCHOR_MISSING_FIELD'
  | 'ANCHOR_HEAD_COMMITMENT'
  | 'ANCHOR_CHECKPOINT_REF'
  | 'ANCHOR_UNKNOWN_NETWORK'
  | 'ANCHOR_CHAIN_ID_MISMATCH'
  | 'ANCHOR_HASH_FORMAT'
  | 'ANCHOR_INTEGER';

function fail(rule: AnchorRule, pointer: string, message: string): never {
  throw new MsezError('VALIDATION_FAILED', `anchor ${pointer || '/'}: ${message}`, { rule, pointer });
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const CHAIN_HASH = /^0x[0-9a-f]{64}$/;

function closed(o: JsonObject, pointer: string, required: readonly string[], optional: readonly string[]): void {
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) fail('ANCHOR_UNKNOWN_FIELD', `${pointer}/${k}`, 'unknown field');
  for (const k of required) if (!(k in o)) fail('ANCHOR_MISSING_FIELD', `${pointer}/${k}`, 'required field missing');
}

function exactInt(v: JsonValue | undefined, pointer: string, min: number): number {
  // Integers arrive as number (safe) or bigint (parseJson keeps large ones exact); both must be safe and >= min.
  if (typeof v === 'bigint') fail('ANCHOR_INTEGER', pointer, 'integer is beyond 2^53-1');
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail('ANCHOR_INTEGER', pointer, `must be an integer >= ${min}`);
  return v;
}

function chainHash(v: JsonValue | undefined, pointer: string): string {
  if (typeof v !== 'string' || !CHAIN_HASH.test(v)) fail('ANCHOR_HASH_FORMAT', pointer, 'must be 0x followed by 64 lowercase hex digits');
  return v;
}

function isNetwork(v: string): v is ChainNetwork {
  return (CHAIN_NETWORKS as readonly string[]).includes(v);
}

/**
 * Validates every field of a `CorridorAnchor` (closed objects; network/chain_id pair from the chain table; hashes
 * 0x + 64 lowercase hex; block_number and block_timestamp exact non-negative integers).
 * @throws MsezError VALIDATION_FAILED with `details.rule` an {@link AnchorRule} and `details.pointer`
 */
export function parseAnchor(value: JsonValue): CorridorAnchor {
  if (!isJsonObject(value)) fail('ANCHOR_NOT_OBJECT', '', 'must be an object');
  closed(value, '', ['head_commitment_digest_sha256', 'chain'], ['checkpoint_ref']);
  const hc = value.head_commitment_digest_sha256;
  if (typeof hc !== 'string' || !SHA256_HEX.test(hc)) fail('ANCHOR_HEAD_COMMITMENT', '/head_commitment_digest_sha256', 'must be 64 lowercase hex digits');
  const ref = value.checkpoint_ref;
  if (ref !== undefined && !isJsonObject(ref)) fail('ANCHOR_CHECKPOINT_REF', '/checkpoint_ref', 'must be an object');
  const c = value.chain;
  if (!isJsonObject(c)) fail('ANCHOR_NOT_OBJECT', '/chain', 'must be an object');
  closed(c, '/chain', ['network', 'chain_id', 'tx_hash', 'block_number', 'block_hash', 'block_timestamp'], []);
  const network = c.network;
  if (typeof network !== 'string' || !isNetwork(network)) fail('ANCHOR_UNKNOWN_NETWORK', '/chain/network', `must be one of ${CHAIN_NETWORKS.join(', ')}`);
  const chainId = exactInt(c.chain_id, '/chain/chain_id', 1);
  if (chainId !== CHAINS[network].chain_id) fail('ANCHOR_CHAIN_ID_MISMATCH', '/chain/chain_id', `${network} has chain_id ${CHAINS[network].chain_id}, not ${chainId}`);
  const chain: AnchorChain = {
    network,
    chain_id: chainId,
    tx_hash: chainHash(c.tx_hash, '/chain/tx_hash'),
    block_number: exactInt(c.block_number, '/chain/block_number', 0),
    block_hash: chainHash(c.block_hash, '/chain/block_hash'),
    block_timestamp: exactInt(c.block_timestamp, '/chain/block_timestamp', 0),
  };
  return { head_commitment_digest_sha256: hc, ...(ref !== undefined ? { checkpoint_ref: ref } : {}), chain };
}

/** The anchor as a JSON object (field order as in §9). */
export function anchorToJson(a: CorridorAnchor): JsonObject {
  return {
    head_commitment_digest_sha256: a.head_commitment_digest_sha256,
    ...(a.checkpoint_ref !== undefined ? { checkpoint_ref: a.checkpoint_ref } : {}),
    chain: { ...a.chain },
  };
}

export interface AnchorFinality {
  readonly network: ChainNetwork;
  readonly observed_block_number: number;
  /** observed − block_number + 1 (the anchoring block counts as one confirmation). */
  readonly confirmations: number;
  readonly finality_blocks: number;
  readonly final: boolean;
}

/**
 * Confirmations of an anchor at an operator-observed block height, and whether its chain's finality depth is met.
 * @throws MsezError VALIDATION_FAILED (observed not an integer, or below the anchor's block: rule ANCHOR_OBSERVED_BEFORE_BLOCK)
 */
export function anchorFinality(anchor: CorridorAnchor, observedBlockNumber: number): AnchorFinality {
  if (!Number.isSafeInteger(observedBlockNumber) || observedBlockNumber < 0) {
    throw new MsezError('VALIDATION_FAILED', `observed block number must be a non-negative integer, got ${String(observedBlockNumber)}`, { rule: 'ANCHOR_INTEGER' });
  }
  if (observedBlockNumber < anchor.chain.block_number) {
    throw new MsezError('VALIDATION_FAILED', `observed block ${observedBlockNumber} is before the anchor block ${anchor.chain.block_number}`, {
      rule: 'ANCHOR_OBSERVED_BEFORE_BLOCK',
      observed_block_number: observedBlockNumber,
      block_number: anchor.chain.block_number,
    });
  }
  const confirmations = observedBlockNumber - anchor.chain.block_number + 1;
  const depth = CHAINS[anchor.chain.network].finality_blocks;
  return { network: anchor.chain.network, observed_block_number: observedBlockNumber, confirmations, finality_blocks: depth, final: confirmations >= depth };
}
