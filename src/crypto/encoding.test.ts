import { base58, base64urlnopad } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectMsezError } from '../../test/support/vectors.js';
import { fromBase58btc, fromBase64url, toBase58btc, toBase64url } from './encoding.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Byte arrays rich in leading and inner zero bytes, where base58 edge cases live. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 100 }),
  fc
    .tuple(fc.uint8Array({ max: 0, maxLength: 5 }), fc.uint8Array({ maxLength: 70 }))
    .map(([z, b]) => Uint8Array.from([...z, ...b])),
  fc.array(fc.constantFrom(0, 1, 57, 58, 255), { maxLength: 40 }).map((a) => Uint8Array.from(a)),
);

describe('base58btc', () => {
  it('matches @scure/base on fixed edge cases', () => {
    for (const b of [[], [0], [0, 0], [0, 1], [1], [57], [58], [255, 255, 0], [0, 0, 0, 255]]) {
      const u = Uint8Array.from(b);
      expect(toBase58btc(u)).toBe(base58.encode(u));
      expect(fromBase58btc(toBase58btc(u))).toEqual(u);
    }
    // The did:key of the RFC 8032 test-1 public key (crypto.md §4 vector).
    const pub = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
    expect(toBase58btc(Uint8Array.of(0xed, 0x01, ...pub))).toBe('6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw');
  });

  it('encodes exactly as @scure/base (property)', () => {
    fc.assert(
      fc.property(bytes, (b) => toBase58btc(b) === base58.encode(b)),
      { numRuns: 2000 },
    );
  });

  it('decodes exactly as @scure/base, including what it refuses (property)', () => {
    const text = fc.oneof(
      bytes.map((b) => base58.encode(b)),
      fc.string({ unit: fc.constantFrom(...ALPHABET, '0', 'O', 'I', 'l', ' ', '\u00e9', '+'), maxLength: 60 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        let expected: Uint8Array | 'throws';
        try {
          expected = base58.decode(t);
        } catch {
          expected = 'throws';
        }
        if (expected === 'throws') expectMsezError(() => fromBase58btc(t), 'USAGE');
        else expect(fromBase58btc(t)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('base64url', () => {
  it('encodes exactly as @scure/base unpadded base64url (property)', () => {
    fc.assert(
      fc.property(bytes, (b) => toBase64url(b) === base64urlnopad.encode(b)),
      { numRuns: 1000 },
    );
  });

  it('round-trips and refuses padding and foreign characters', () => {
    const b = Uint8Array.from({ length: 64 }, (_, i) => i * 7);
    expect(fromBase64url(toBase64url(b))).toEqual(b);
    expect(toBase64url(b.subarray(3, 10))).toBe(base64urlnopad.encode(b.slice(3, 10)));
    expectMsezError(() => fromBase64url('AA=='), 'USAGE');
    expectMsezError(() => fromBase64url('A+'), 'USAGE');
  });
});
