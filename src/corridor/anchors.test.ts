import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isMsezError, type JsonObject, type JsonValue } from '../core/index.js';
import { anchorFinality, anchorToJson, CHAINS, parseAnchor } from './anchors.js';

const H = (c: string): string => c.repeat(64);
const anchor = (chain: Partial<Record<string, JsonValue>> = {}, top: JsonObject = {}): JsonObject => ({
  head_commitment_digest_sha256: H('a'),
  chain: Object.fromEntries(
    Object.entries({ network: 'arbitrum', chain_id: 42161, tx_hash: `0x${H('1')}`, block_number: 100, block_hash: `0x${H('2')}`, block_timestamp: 1767225600, ...chain }).filter(([, v]) => v !== undefined),
  ) as JsonObject,
  ...top,
});

function ruleOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (isMsezError(e)) return [e.code, (e.details as JsonObject).rule];
    throw e;
  }
  return undefined;
}

describe('parseAnchor (corridors.md §9)', () => {
  test('accepts a valid anchor and round-trips it', () => {
    const a = parseAnchor(anchor({}, { checkpoint_ref: { artifact_type: 'checkpoint', digest_sha256: H('c') } }));
    expect(a.chain.network).toBe('arbitrum');
    expect(anchorToJson(a)).toEqual(anchor({}, { checkpoint_ref: { artifact_type: 'checkpoint', digest_sha256: H('c') } }));
  });

  test('chain table', () => {
    expect(CHAINS).toEqual({
      ethereum: { chain_id: 1, finality_blocks: 64 },
      arbitrum: { chain_id: 42161, finality_blocks: 1 },
      base: { chain_id: 8453, finality_blocks: 1 },
      polygon: { chain_id: 137, finality_blocks: 256 },
    });
    for (const [network, c] of Object.entries(CHAINS)) expect(parseAnchor(anchor({ network, chain_id: c.chain_id })).chain.chain_id).toBe(c.chain_id);
  });

  test.each([
    ['not an object', [], 'ANCHOR_NOT_OBJECT'],
    ['unknown top field', anchor({}, { extra: 1 }), 'ANCHOR_UNKNOWN_FIELD'],
    ['unknown chain field', anchor({ gas: 1 }), 'ANCHOR_UNKNOWN_FIELD'],
    ['missing chain field', anchor({ block_hash: undefined }), 'ANCHOR_MISSING_FIELD'],
    ['uppercase head commitment', anchor({}, { head_commitment_digest_sha256: H('A') }), 'ANCHOR_HEAD_COMMITMENT'],
    ['short head commitment', anchor({}, { head_commitment_digest_sha256: 'ab' }), 'ANCHOR_HEAD_COMMITMENT'],
    ['checkpoint_ref not object', anchor({}, { checkpoint_ref: 'x' }), 'ANCHOR_CHECKPOINT_REF'],
    ['unknown network', anchor({ network: 'solana' }), 'ANCHOR_UNKNOWN_NETWORK'],
    ['chain id of another network', anchor({ chain_id: 1 }), 'ANCHOR_CHAIN_ID_MISMATCH'],
    ['polygon with ethereum id', anchor({ network: 'polygon', chain_id: 1 }), 'ANCHOR_CHAIN_ID_MISMATCH'],
    ['tx hash without 0x', anchor({ tx_hash: H('1') }), 'ANCHOR_HASH_FORMAT'],
    ['block hash 63 hex', anchor({ block_hash: `0x${'2'.repeat(63)}` }), 'ANCHOR_HASH_FORMAT'],
    ['block number string', anchor({ block_number: '100' }), 'ANCHOR_INTEGER'],
    ['block number negative', anchor({ block_number: -1 }), 'ANCHOR_INTEGER'],
    ['block number bigint', anchor({ block_number: 2n ** 60n }), 'ANCHOR_INTEGER'],
    ['timestamp fraction', anchor({ block_timestamp: 1.5 }), 'ANCHOR_INTEGER'],
    ['chain id zero', anchor({ chain_id: 0 }), 'ANCHOR_INTEGER'],
  ])('%s → VALIDATION_FAILED %s', (_name, value, rule) => {
    expect(ruleOf(() => parseAnchor(value as JsonValue))).toEqual(['VALIDATION_FAILED', rule]);
  });
});

describe('anchorFinality', () => {
  test('confirmations = observed − block + 1 against the chain depth', () => {
    const eth = parseAnchor(anchor({ network: 'ethereum', chain_id: 1 }));
    expect(anchorFinality(eth, 100)).toEqual({ network: 'ethereum', observed_block_number: 100, confirmations: 1, finality_blocks: 64, final: false });
    expect(anchorFinality(eth, 162)).toMatchObject({ confirmations: 63, final: false });
    expect(anchorFinality(eth, 163)).toMatchObject({ confirmations: 64, final: true });
    expect(anchorFinality(parseAnchor(anchor()), 100)).toMatchObject({ confirmations: 1, finality_blocks: 1, final: true });
    expect(anchorFinality(parseAnchor(anchor({ network: 'polygon', chain_id: 137 })), 354)).toMatchObject({ confirmations: 255, final: false });
    expect(ruleOf(() => anchorFinality(eth, 99))).toEqual(['VALIDATION_FAILED', 'ANCHOR_OBSERVED_BEFORE_BLOCK']);
    expect(ruleOf(() => anchorFinality(eth, 1.5))).toEqual(['VALIDATION_FAILED', 'ANCHOR_INTEGER']);
  });

  test('property: final exactly when observed − block + 1 ≥ depth', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(CHAINS)), fc.nat(1_000_000), fc.nat(1000), (network, block, delta) => {
        const c = CHAINS[network as keyof typeof CHAINS];
        const f = anchorFinality(parseAnchor(anchor({ network, chain_id: c.chain_id, block_number: block })), block + delta);
        expect(f.confirmations).toBe(delta + 1);
        expect(f.final).toBe(delta + 1 >= c.finality_blocks);
      }),
    );
  });
});
