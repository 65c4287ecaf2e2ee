import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestValue, mcf, parseJson, sha256, type JsonObject, type JsonValue } from '../core/index.js';
import canonicalizeText from 'canonicalize';
import { fromBase58btc, secretSeedFromMultibase, toBase58btc } from '../crypto/index.js';
import { expectMsezError, hex, vectorJson, vectorText } from '../../test/support/vectors.js';
import {
  attachProof,
  createProof,
  credentialPayloadDigest,
  jcs,
  jcsHashData,
  jcsProofConfig,
  signCredential,
  signingKeyFromSeed,
  unsecuredDocument,
  verifyCredential,
  type SigningKey,
} from './index.js';

const W3C = 'w3c-eddsa-jcs-2022';
const w3cText = (f: string): string => vectorText(`${W3C}/${f}`);
const w3cJson = (f: string): JsonObject => parseJson(w3cText(f)).value as JsonObject;

function w3cKey(impl: 'node' | 'noble' = 'node'): SigningKey {
  const kp = w3cJson('keyPair.json');
  const seed = secretSeedFromMultibase(kp.privateKeyMultibase as string);
  const pub = kp.publicKeyMultibase as string;
  try {
    return signingKeyFromSeed(seed, pub, { impl, verificationMethod: `did:key:${pub}#${pub}` });
  } finally {
    seed.fill(0);
  }
}

describe('eddsa-jcs-2022: the W3C vector at every step', () => {
  const signed = w3cJson('signedJCS.json');
  const doc = unsecuredDocument(signed);
  const key = w3cKey();
  const config = jcsProofConfig(doc, {
    created: '2023-02-24T23:36:38Z',
    verificationMethod: key.verificationMethod,
    proofPurpose: 'assertionMethod',
  });

  it('builds the proof config of proofConfigJCS.json', () => {
    expect(JSON.stringify(config)).toBe(JSON.stringify(w3cJson('proofConfigJCS.json')));
  });
  it('canonicalises the proof config and the document', () => {
    expect(Buffer.from(jcs(config)).toString('utf8')).toBe(w3cText('proofCanonJCS.txt'));
    expect(Buffer.from(jcs(doc)).toString('utf8')).toBe(w3cText('canonDocJCS.txt'));
  });
  it('hashes both and combines them proof-config first', () => {
    expect(hex(sha256(jcs(config)))).toBe(w3cText('proofHashJCS.txt').trim());
    expect(hex(sha256(jcs(doc)))).toBe(w3cText('docHashJCS.txt').trim());
    expect(hex(jcsHashData(config, doc))).toBe(w3cText('combinedHashJCS.txt').trim());
  });
  it.each(['node', 'noble'] as const)('signs to sigHexJCS / sigBTC58JCS and reproduces signedJCS.json (%s)', (impl) => {
    const k = w3cKey(impl);
    const proof = createProof(doc, k, { suite: 'eddsa-jcs-2022', created: '2023-02-24T23:36:38Z' });
    expect(proof.proofValue).toBe(w3cText('sigBTC58JCS.txt').trim());
    expect(hex(fromBase58btc((proof.proofValue as string).slice(1)))).toBe(w3cText('sigHexJCS.txt').trim());
    const out = signCredential(doc, k, { suite: 'eddsa-jcs-2022', created: '2023-02-24T23:36:38Z' });
    expect(JSON.stringify(out)).toBe(JSON.stringify(signed));
    k.dispose();
  });
  it.each(['node', 'noble'] as const)('verifies signedJCS.json (%s)', (impl) => {
    const r = verifyCredential(signed, { impl });
    expect(r).toEqual({
      ok: true,
      proofs: [
        {
          index: 0,
          type: 'DataIntegrityProof/eddsa-jcs-2022',
          verificationMethod: key.verificationMethod,
          did: key.did,
          suite: 'eddsa-jcs-2022',
          ok: true,
        },
      ],
    });
  });
  it('signs the proof options: changing created breaks the proof', () => {
    const p = { ...(signed.proof as JsonObject), created: '2023-02-24T23:36:39Z' };
    expect(verifyCredential({ ...signed, proof: p }).proofs[0]?.reason).toBe('bad_signature');
  });
  it('requires the document @context to start with the proof @context', () => {
    const r = verifyCredential({ ...signed, '@context': ['https://www.w3.org/ns/credentials/v2'] });
    expect(r.ok).toBe(false);
    expect(r.proofs[0]?.reason).toBe('bad_signature');
  });
});

describe('RFC 8785 data on the JCS path', () => {
  const names = ['arrays', 'french', 'structures', 'unicode', 'values', 'weird'];
  it.each(names)('%s: canonicalize output matches byte for byte', async (name) => {
    const { rfc8785Text } = await import('./jcs.js');
    const input: unknown = JSON.parse(vectorText(`rfc8785/input/${name}.json`));
    const want = vectorText(`rfc8785/output/${name}.json`);
    expect(rfc8785Text(input)).toBe(want);
    const hexWant = vectorText(`rfc8785/outhex/${name}.txt`).replace(/\s+/g, '');
    expect(Buffer.from(rfc8785Text(input), 'utf8').toString('hex')).toBe(hexWant);
  });
  it.each(['arrays', 'french', 'unicode', 'weird'])('%s: the checked jcs() gives the same bytes', (name) => {
    const input: unknown = JSON.parse(vectorText(`rfc8785/input/${name}.json`));
    expect(Buffer.from(jcs(input)).toString('utf8')).toBe(vectorText(`rfc8785/output/${name}.json`));
  });
  it.each(['structures', 'values'])('%s: floats are refused before signing', (name) => {
    // The strict reader already refuses `56.0`; a float that reaches jcs() as a value is refused there.
    expectMsezError(() => parseJson(vectorText(`rfc8785/input/${name}.json`)), 'FLOAT_REJECTED');
    if (name === 'values') expectMsezError(() => jcs(JSON.parse(vectorText(`rfc8785/input/${name}.json`)) as unknown), 'FLOAT_REJECTED');
  });
  it('refuses bigints, unsafe integers, lone surrogates and non-JSON values', () => {
    expectMsezError(() => jcs({ a: 2n ** 64n }), 'UNSAFE_INTEGER');
    expectMsezError(() => jcs({ a: 2 ** 53 }), 'UNSAFE_INTEGER');
    expectMsezError(() => jcs(['\ud800']), 'LONE_SURROGATE');
    expectMsezError(() => jcs({ a: undefined }), 'UNSUPPORTED_VALUE');
    expectMsezError(() => jcs({ a: new Date(0) }), 'UNSUPPORTED_VALUE');
  });
});

interface Msez2025Case {
  name: string;
  unsigned_credential?: JsonObject;
  signing_input_hex?: string;
  signature_hex?: string;
  signed_credential: JsonObject;
  signed_credential_canonical_sha256?: string;
  expected_verified: boolean;
  created?: string;
}

describe('MsezEd25519Signature2025: generated/vc_msez2025.json', () => {
  const v = vectorJson<{ key: { seed_hex: string; verification_method: string }; cases: Msez2025Case[] }>('generated/vc_msez2025.json');
  const seed = Buffer.from(v.key.seed_hex, 'hex');
  const positive = v.cases.filter((c) => c.expected_verified);
  const negative = v.cases.filter((c) => !c.expected_verified);

  it('has 3 positive and 2 negative cases', () => {
    expect(positive.map((c) => c.name)).toEqual(['minimal', 'nested_non_ascii', 'integer_amounts_date_only']);
    expect(negative).toHaveLength(2);
  });
  it.each(positive.flatMap((c) => (['node', 'noble'] as const).map((impl) => [c.name, impl, c] as const)))(
    '%s reproduced byte for byte (%s)',
    (_name, impl, c) => {
      const key = signingKeyFromSeed(seed, 'key-1', { impl });
      expect(key.verificationMethod).toBe(v.key.verification_method);
      const unsigned = c.unsigned_credential as JsonObject;
      expect(hex(mcf(unsigned))).toBe(c.signing_input_hex);
      const out = signCredential(unsigned, key, { suite: 'msez-2025', created: c.created as string });
      const jws = (out.proof as JsonObject).jws as string;
      expect(hex(Buffer.from(jws, 'base64url'))).toBe(c.signature_hex);
      expect(JSON.stringify(out)).toBe(JSON.stringify(c.signed_credential));
      expect(digestValue(out).hex).toBe(c.signed_credential_canonical_sha256);
      expect(verifyCredential(c.signed_credential, { impl }).ok).toBe(true);
      key.dispose();
    },
  );
  it.each(negative.map((c) => [c.name, c] as const))('%s is rejected', (_name, c) => {
    for (const impl of ['node', 'noble'] as const) {
      const r = verifyCredential(c.signed_credential, { impl });
      expect(r.ok).toBe(false);
      expect(r.proofs[0]?.ok).toBe(false);
    }
  });
  it('leaves the proof options unsigned (crypto.md §4)', () => {
    const c = positive[0] as Msez2025Case;
    const p = { ...(c.signed_credential.proof as JsonObject), created: '2030-01-01T00:00:00Z' };
    expect(verifyCredential({ ...c.signed_credential, proof: p }).ok).toBe(true);
  });
});

describe('signCredential / verifyCredential', () => {
  const seedA = new Uint8Array(32).fill(7);
  const seedB = new Uint8Array(32).fill(9);
  const a = signingKeyFromSeed(seedA);
  const b = signingKeyFromSeed(seedB);
  const cred: JsonObject = { id: 'urn:x:1', type: ['VerifiableCredential'], credentialSubject: { n: 1, s: 'ü' } };
  const created = '2025-01-01T00:00:00Z';

  it('co-signing appends to a proof array, suites mixed', () => {
    const one = signCredential(cred, a, { suite: 'eddsa-jcs-2022', created });
    expect(Array.isArray(one.proof)).toBe(false);
    const two = signCredential(one, b, { suite: 'msez-2025', created });
    expect(Array.isArray(two.proof) && two.proof.length).toBe(2);
    const three = signCredential(two, a, { suite: 'msez-2025', created });
    expect((three.proof as JsonValue[]).length).toBe(3);
    const r = verifyCredential(three);
    expect(r.ok).toBe(true);
    expect(r.proofs.map((p) => p.did)).toEqual([a.did, b.did, a.did]);
    expect(credentialPayloadDigest(three)).toBe(credentialPayloadDigest(cred));
    expect(cred.proof).toBeUndefined();
  });
  it('attachProof follows the table of crypto.md §6', () => {
    const p = { x: 1 };
    expect(attachProof({}, p).proof).toEqual(p);
    expect(attachProof({ proof: [] }, p).proof).toEqual([p]);
    expect(attachProof({ proof: 'junk' }, p).proof).toEqual([p]);
    expect(attachProof({ proof: { y: 2 } }, p).proof).toEqual([{ y: 2 }, p]);
  });
  it('reports each failure reason', () => {
    const signed = signCredential(cred, a, { suite: 'eddsa-jcs-2022', created });
    const p = signed.proof as JsonObject;
    const reason = (proof: JsonValue, opts = {}): string | undefined => verifyCredential({ ...cred, proof }, opts).proofs[0]?.reason;
    expect(reason(p, { trustedDids: [b.did] })).toBe('unknown_key');
    expect(reason(p, { trustedDids: [a.did] })).toBeUndefined();
    expect(reason({ ...p, proofPurpose: 'authentication' })).toBe('wrong_purpose');
    expect(reason(p, { expectedPurpose: 'authentication' })).toBe('wrong_purpose');
    expect(reason({ ...p, verificationMethod: 'did:web:example.com#k' })).toBe('unsupported_did_method');
    expect(reason({ ...p, verificationMethod: 'did:key:zBAD' })).toBe('malformed');
    expect(reason({ ...p, proofValue: 'zabc' })).toBe('malformed');
    expect(reason({ ...p, type: 'Ed25519Signature2020' })).toBe('malformed');
    expect(reason({ ...p, cryptosuite: 'eddsa-rdfc-2022' })).toBe('malformed');
    expect(reason('not an object')).toBe('malformed');
    expect(reason({ ...p, verificationMethod: b.verificationMethod })).toBe('bad_signature');
    const m = signCredential(cred, a, { suite: 'msez-2025', created }).proof as JsonObject;
    expect(reason({ ...m, jws: `${(m.jws as string).slice(0, 85)}B` })).toBe('malformed'); // non-canonical spare bits
    expect(reason({ ...m, created: '2025-01-01' })).toBe('malformed');
  });
  it('no proof is not ok; misuse throws', () => {
    expect(verifyCredential(cred)).toEqual({ ok: false, proofs: [] });
    expect(verifyCredential({ ...cred, proof: [] }).ok).toBe(false);
    expectMsezError(() => verifyCredential([]), 'SCHEMA_INVALID');
    expectMsezError(() => signCredential({ f: 1.5 }, a, { suite: 'msez-2025', created }), 'FLOAT_REJECTED');
    expectMsezError(() => signCredential({ f: 1.5 }, a, { suite: 'eddsa-jcs-2022', created }), 'FLOAT_REJECTED');
    expectMsezError(() => signCredential(cred, a, { suite: 'msez-2025', created: '2025-01-01T00:00:00.5Z' }), 'PROOF_GENERATION_ERROR');
    expectMsezError(() => signCredential(cred, a, { suite: 'eddsa-jcs-2022', created: 'yesterday' }), 'PROOF_GENERATION_ERROR');
  });
  it('cross-checks node and noble on signing and verifying', () => {
    const n = signingKeyFromSeed(seedA, 'key-1', { impl: 'noble' });
    for (const suite of ['eddsa-jcs-2022', 'msez-2025'] as const) {
      const x = signCredential(cred, a, { suite, created });
      const y = signCredential(cred, n, { suite, created });
      expect(JSON.stringify(x)).toBe(JSON.stringify(y));
      expect(verifyCredential(x, { impl: 'noble' }).ok).toBe(true);
    }
  });
  it('a disposed key refuses to sign', () => {
    const k = signingKeyFromSeed(seedA);
    k.dispose();
    expectMsezError(() => k.sign(new Uint8Array(1)), 'USAGE');
  });
});

/** Every string leaf (and key) path of a value whose change must break the proof. */
function mutations(v: JsonValue, path: (string | number)[] = []): { path: (string | number)[]; key: boolean }[] {
  if (typeof v === 'string' || typeof v === 'number') return [{ path, key: false }];
  if (Array.isArray(v)) return v.flatMap((c, i) => mutations(c, [...path, i]));
  if (v !== null && typeof v === 'object') {
    return Object.entries(v).flatMap(([k, c]) => [{ path: [...path, k], key: true }, ...mutations(c, [...path, k])]);
  }
  return [];
}

function flip(root: JsonObject, m: { path: (string | number)[]; key: boolean }, pos: number, bit: number): JsonObject {
  const copy = structuredClone(root);
  let parent: JsonValue = copy;
  for (const seg of m.path.slice(0, -1)) parent = (parent as Record<string | number, JsonValue>)[seg] as JsonValue;
  const last = m.path[m.path.length - 1] as string | number;
  const p = parent as Record<string | number, JsonValue>;
  const change = (s: string): string => {
    const i = pos % Math.max(1, s.length);
    if (s.length === 0) return 'x';
    const c = s.charCodeAt(i) ^ (1 << bit % 5);
    return s.slice(0, i) + String.fromCharCode(c === 0 ? 0x41 : c) + s.slice(i + 1);
  };
  if (m.key) {
    const entries = Object.entries(p).map(([k, val]) => [k === last ? change(k) : k, val] as const);
    for (const k of Object.keys(p)) delete p[k];
    for (const [k, val] of entries) p[k] = val;
  } else {
    const cur = p[last];
    p[last] = typeof cur === 'number' ? cur ^ (1 << bit) : change(cur as string);
  }
  return copy;
}

describe('property: flipping one byte of the payload or a signed proof field breaks verification', () => {
  const key = signingKeyFromSeed(new Uint8Array(32).fill(3));
  const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdefghijkmnopqrstuvwxyzABCDEFG0123456789-_ üé中'.split('')) });
  const credArb = fc.record({
    id: word,
    type: fc.constant(['VerifiableCredential']),
    credentialSubject: fc.dictionary(word, fc.oneof(word, fc.integer({ min: -1000, max: 1000 })), { minKeys: 1, maxKeys: 4 }),
  });
  for (const suite of ['eddsa-jcs-2022', 'msez-2025'] as const) {
    it(suite, () => {
      fc.assert(
        fc.property(credArb, fc.nat(), fc.nat(), fc.nat(16), (cred, pick, pos, bit) => {
          const signed = signCredential(cred as unknown as JsonObject, key, { suite, created: '2025-01-01T00:00:00Z' });
          const candidates = mutations(signed).filter((m) => {
            if (m.path[0] !== 'proof') return true;
            // msez-2025 does not sign its proof options (crypto.md §4): only jws is covered there.
            return suite === 'eddsa-jcs-2022' || (m.path[1] === 'jws' && !m.key);
          });
          const m = candidates[pick % candidates.length] as { path: (string | number)[]; key: boolean };
          const tampered = flip(signed, m, pos, bit);
          if (JSON.stringify(tampered) === JSON.stringify(signed)) return;
          expect(verifyCredential(tampered).ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('JCS value check: one fast pass, diagnosed only on failure', () => {
  type Failure = { code: string; pointer: string } | undefined;
  const token = (k: string | number): string => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
  /** The rules of canonical.md §5 applied depth first, in member order: the first failure, if any. */
  function firstFailure(v: unknown, ptr = ''): Failure {
    switch (typeof v) {
      case 'string':
        return v.isWellFormed() ? undefined : { code: 'LONE_SURROGATE', pointer: ptr };
      case 'number':
        if (!Number.isInteger(v)) return { code: 'FLOAT_REJECTED', pointer: ptr };
        return Number.isSafeInteger(v) ? undefined : { code: 'UNSAFE_INTEGER', pointer: ptr };
      case 'bigint':
        return { code: 'UNSAFE_INTEGER', pointer: ptr };
      case 'boolean':
        return undefined;
      case 'object': {
        if (v === null) return undefined;
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            const f = firstFailure(v[i], `${ptr}/${i}`);
            if (f !== undefined) return f;
          }
          return undefined;
        }
        for (const [k, c] of Object.entries(v)) {
          if (!k.isWellFormed()) return { code: 'LONE_SURROGATE', pointer: `${ptr}/${token(k)}` };
          if (c === undefined) return { code: 'UNSUPPORTED_VALUE', pointer: `${ptr}/${token(k)}` };
          const f = firstFailure(c, `${ptr}/${token(k)}`);
          if (f !== undefined) return f;
        }
        return undefined;
      }
      default:
        return { code: 'UNSUPPORTED_VALUE', pointer: ptr };
    }
  }
  function outcome(v: unknown): { bytes: string } | { code: string; pointer: unknown } {
    try {
      return { bytes: Buffer.from(jcs(v)).toString('utf8') };
    } catch (err) {
      const e = err as { code: string; details: { pointer?: unknown } };
      return { code: e.code, pointer: e.details.pointer };
    }
  }
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.oneof(fc.double({ noInteger: true }), fc.constant(2 ** 53), fc.constant(-(2 ** 60)), fc.bigInt()) },
    { weight: 1, arbitrary: fc.constantFrom('\ud800', 'a\udc00', '\u{1F600}', 'x/~y', undefined) },
  );
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'jcs' },
      leaf,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('a', 'b/c', 'd~e', '\u00e9', '\ud801'), tie('v'), { maxKeys: 4 }),
    ),
  })).v;

  it('accepts and refuses exactly as the rules say, with the code and pointer of the first failure (property)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const want = firstFailure(v);
        const got = outcome(v);
        if (want === undefined) expect(got).toEqual({ bytes: canonicalizeText(v) });
        else expect(got).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });

  it('names the pointer of a nested failure', () => {
    expect(outcome({ a: [1, { 'b/c': 1.5 }] })).toEqual({ code: 'FLOAT_REJECTED', pointer: '/a/1/b~1c' });
    expect(outcome({ k: [1, , 3] })).toEqual({ code: 'UNSUPPORTED_VALUE', pointer: '/k/1' });
    expect(outcome({ ['\ud800']: 1 })).toEqual({ code: 'LONE_SURROGATE', pointer: '/\ud800' });
  });

  it('handles nesting deeper than the fast pass goes, and refuses cycles without overflowing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 300; i++) deep = i % 2 === 0 ? [deep] : { k: deep };
    expect(outcome(deep)).toEqual({ bytes: canonicalizeText(deep) });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expectMsezError(() => jcs(cyclic), 'UNSUPPORTED_VALUE');
    expectMsezError(() => jcs({ s: Symbol('x') }), 'UNSUPPORTED_VALUE');
    expectMsezError(() => jcs({ [Symbol('k')]: 1 }), 'UNSUPPORTED_VALUE');
    expectMsezError(() => jcs(Object.assign(Object.create({ inherited: 1 }) as object, { a: 1 })), 'UNSUPPORTED_VALUE');
  });
});

describe('eddsa-jcs-2022 verification: document hash shared or recomputed per proof @context', () => {
  const key = signingKeyFromSeed(new Uint8Array(32).fill(9));
  const other = signingKeyFromSeed(new Uint8Array(32).fill(10));
  const ctx = ['https://www.w3.org/ns/credentials/v2', 'https://example.org/ctx/v1'];
  const cred: JsonObject = { '@context': ctx, id: 'urn:x:ctx', type: ['VerifiableCredential'], credentialSubject: { n: 1 } };
  const created = '2025-01-01T00:00:00Z';

  /** A proof whose @context is `proofCtx`, signed over the document with its @context replaced (§5 verify 3). */
  function proofWithContext(signer: SigningKey, proofCtx: JsonValue): JsonObject {
    const config: JsonObject = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created,
      verificationMethod: signer.verificationMethod,
      proofPurpose: 'assertionMethod',
      '@context': proofCtx,
    };
    const sig = signer.sign(jcsHashData(config, { ...cred, '@context': proofCtx }));
    return { ...config, proofValue: `z${toBase58btc(sig)}` };
  }

  it('verifies proofs whose @context equals, prefixes, or reshapes the document @context, in one credential', () => {
    const same = signCredential(cred, key, { suite: 'eddsa-jcs-2022', created });
    const withPrefix = attachProof(same, proofWithContext(other, [ctx[0] as string]));
    const withString = attachProof(withPrefix, proofWithContext(key, ctx[0] as string));
    const all = attachProof(withString, createProof(cred, other, { suite: 'eddsa-jcs-2022', created }));
    const r = verifyCredential(all);
    expect(r.proofs.map((p) => p.ok)).toEqual([true, true, true, true]);
    expect(r.ok).toBe(true);
  });

  it('a proof signed over the unmodified document fails when its @context is only a prefix', () => {
    const config: JsonObject = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created,
      verificationMethod: key.verificationMethod,
      proofPurpose: 'assertionMethod',
      '@context': [ctx[0] as string],
    };
    const sig = key.sign(jcsHashData(config, cred));
    const good = signCredential(cred, other, { suite: 'eddsa-jcs-2022', created });
    const r = verifyCredential(attachProof(good, { ...config, proofValue: `z${toBase58btc(sig)}` }));
    expect(r.proofs.map((p) => p.reason ?? 'ok')).toEqual(['ok', 'bad_signature']);
  });

  it('a changed payload fails every proof that shares the cached hash', () => {
    const two = signCredential(signCredential(cred, key, { suite: 'eddsa-jcs-2022', created }), other, { suite: 'eddsa-jcs-2022', created });
    const r = verifyCredential({ ...two, credentialSubject: { n: 2 } });
    expect(r.proofs.map((p) => p.reason)).toEqual(['bad_signature', 'bad_signature']);
  });
});
