import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { didKeyFromPublicKey, publicKeyFromSeed, resolveDidKey, signEd25519, verifyEd25519 } from './index.js';
import { expectMsezError, hex, vectorJson, vectorText } from '../../test/support/vectors.js';
import { fromBase58btc } from './encoding.js';

const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUB = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

describe('Ed25519 (RFC 8032 test 1)', () => {
  it('derives the public key and did:key with both implementations', () => {
    expect(hex(publicKeyFromSeed(SEED, 'node'))).toBe(PUB);
    expect(hex(publicKeyFromSeed(SEED, 'noble'))).toBe(PUB);
    expect(didKeyFromPublicKey(publicKeyFromSeed(SEED))).toBe('did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw');
  });
  it('signs the empty message as RFC 8032 says', () => {
    const want =
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
    expect(hex(signEd25519(new Uint8Array(0), SEED, 'node'))).toBe(want);
    expect(hex(signEd25519(new Uint8Array(0), SEED, 'noble'))).toBe(want);
  });
  it('reproduces the W3C eddsa-jcs-2022 signature over the combined hash', () => {
    const kp = vectorJson<{ publicKeyMultibase: string; privateKeyMultibase: string }>('w3c-eddsa-jcs-2022/keyPair.json');
    const seed = fromBase58btc(kp.privateKeyMultibase.slice(1)).slice(2);
    const msg = Buffer.from(vectorText('w3c-eddsa-jcs-2022/combinedHashJCS.txt').trim(), 'hex');
    const sig = signEd25519(msg, seed);
    expect(hex(sig)).toBe(vectorText('w3c-eddsa-jcs-2022/sigHexJCS.txt').trim());
    const { publicKey } = resolveDidKey(`did:key:${kp.publicKeyMultibase}`);
    expect(verifyEd25519(msg, sig, publicKey, 'node')).toBe(true);
    expect(verifyEd25519(msg, sig, publicKey, 'noble')).toBe(true);
  });
  it('node:crypto and noble agree on sign and verify (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 200 }), fc.nat(63), (seed, msg, flip) => {
        const s1 = signEd25519(msg, seed, 'node');
        expect(hex(signEd25519(msg, seed, 'noble'))).toBe(hex(s1));
        const pub = publicKeyFromSeed(seed);
        expect(verifyEd25519(msg, s1, pub, 'node')).toBe(true);
        const bad = Uint8Array.from(s1);
        bad[flip] = (bad[flip] ?? 0) ^ 1;
        expect(verifyEd25519(msg, bad, pub, 'node')).toBe(false);
        expect(verifyEd25519(msg, bad, pub, 'noble')).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
  it('refuses other DID methods and the 0xed-only prefix', () => {
    expectMsezError(() => resolveDidKey('did:web:example.com'), 'UNSUPPORTED_DID_METHOD');
    expectMsezError(() => resolveDidKey('did:key:z3fSh'), 'USAGE');
  });
});
