import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectMsezError, hex } from '../../test/support/vectors.js';
import { isMsezError } from '../core/index.js';
import { createKeyFile, isEncryptedKeyFile, loadKeyFile, parseKeyFile, signingKeyFromSeed, toBase64url, writeNewKeyFile } from './index.js';

const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const DID = 'did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw';
const dir = mkdtempSync(join(tmpdir(), 'msez-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `k${++n}.json`);
const SECRETS = [SEED.toString('hex'), toBase64url(SEED)];

function write(text: string, mode = 0o600): string {
  const p = fresh();
  writeFileSync(p, text, { mode });
  chmodSync(p, mode);
  return p;
}

/** Asserts the code and that neither message nor details carry the seed in any encoding. */
function expectSecretFree(fn: () => unknown, code: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isMsezError(err)).toBe(true);
  if (!isMsezError(err)) return;
  expect(err.code).toBe(code);
  const text = `${err.message} ${JSON.stringify(err.details)} ${String(err.stack)}`;
  for (const s of SECRETS) expect(text).not.toContain(s);
}

describe('key files (crypto.md §2)', () => {
  it('writes a 0600 private OKP JWK that loads back to the RFC 8032 key', () => {
    const p = fresh();
    writeNewKeyFile(p, createKeyFile(SEED));
    expect(statSync(p).mode & 0o777).toBe(0o600);
    const k = loadKeyFile(p);
    expect(k.did).toBe(DID);
    expect(k.verificationMethod).toBe(`${DID}#key-1`);
    expect(hex(k.sign(new Uint8Array(0)))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    k.dispose();
  });
  it('never overwrites an existing file', () => {
    const p = write('{}');
    expectMsezError(() => writeNewKeyFile(p, createKeyFile(SEED)), 'CONFLICT');
    expect(readFileSync(p, 'utf8')).toBe('{}');
  });
  it('accepts the reference wrapper shapes', () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64url(signingKeyFromSeed(SEED).publicKey), d: toBase64url(SEED), kid: 'k9' };
    const a = parseKeyFile(Buffer.from(JSON.stringify({ private_jwk: jwk, verificationMethod: `${DID}#other` })));
    expect(a.verificationMethod).toBe(`${DID}#other`);
    const b = parseKeyFile(Buffer.from(JSON.stringify({ jwk, vm: `${DID}#v` })));
    expect(b.verificationMethod).toBe(`${DID}#v`);
    const c = parseKeyFile(Buffer.from(JSON.stringify({ ...jwk, kid: undefined })));
    expect(c.kid).toBe('key-1');
    expectSecretFree(() => parseKeyFile(Buffer.from(JSON.stringify({ jwk, vm: 'did:key:z6MkOther#k' }))), 'KEY_FILE_INVALID');
  });
  it('refuses group/other-accessible files', () => {
    const p = fresh();
    writeNewKeyFile(p, createKeyFile(SEED));
    chmodSync(p, 0o640);
    expectSecretFree(() => loadKeyFile(p), 'KEY_FILE_INSECURE');
    chmodSync(p, 0o604);
    expectSecretFree(() => loadKeyFile(p), 'KEY_FILE_INSECURE');
  });
  it('refuses truncated, malformed and inconsistent files without echoing the secret', () => {
    const good = Buffer.from(createKeyFile(SEED)).toString('utf8');
    for (let cut = 1; cut < good.length - 2; cut += 7) {
      expectSecretFree(() => loadKeyFile(write(good.slice(0, cut))), 'KEY_FILE_INVALID');
    }
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64url(signingKeyFromSeed(SEED).publicKey), d: toBase64url(SEED) };
    expectSecretFree(() => loadKeyFile(write(JSON.stringify({ ...jwk, x: toBase64url(new Uint8Array(32).fill(1)) }))), 'KEY_FILE_INVALID');
    expectSecretFree(() => loadKeyFile(write(JSON.stringify({ ...jwk, crv: 'X25519' }))), 'KEY_FILE_INVALID');
    expectSecretFree(() => loadKeyFile(write(JSON.stringify({ ...jwk, d: `${jwk.d}A` }))), 'KEY_FILE_INVALID');
    expectSecretFree(() => loadKeyFile(write(JSON.stringify({ ...jwk, d: undefined }))), 'KEY_FILE_INVALID');
    expectSecretFree(() => loadKeyFile(write('[]')), 'KEY_FILE_INVALID');
    expectSecretFree(() => loadKeyFile(join(dir, 'missing.json')), 'FILE_NOT_FOUND');
  });
});

describe('encrypted key files', () => {
  const bytes = createKeyFile(SEED, { passphrase: 'correct horse', scryptLogN: 14 });
  const text = Buffer.from(bytes).toString('utf8');

  it('seals the seed: no secret in the file, loads with the passphrase', () => {
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(isEncryptedKeyFile(bytes)).toBe(true);
    const k = parseKeyFile(bytes, { passphrase: 'correct horse' });
    expect(k.did).toBe(DID);
    k.dispose();
  });
  it('wrong or missing passphrase is PASSPHRASE_INVALID', () => {
    expectSecretFree(() => parseKeyFile(bytes, { passphrase: 'wrong' }), 'PASSPHRASE_INVALID');
    expectSecretFree(() => parseKeyFile(bytes, {}), 'PASSPHRASE_INVALID');
  });
  it('binds the header: a changed public key or kid fails to open', () => {
    const other = toBase64url(signingKeyFromSeed(new Uint8Array(32).fill(1)).publicKey);
    const x = JSON.parse(text) as { public_jwk: { x: string } };
    const swapped = text.replace(x.public_jwk.x, other);
    expectSecretFree(() => parseKeyFile(Buffer.from(swapped), { passphrase: 'correct horse' }), 'PASSPHRASE_INVALID');
    expectSecretFree(() => parseKeyFile(Buffer.from(text.replace('"kid": "key-1"', '"kid": "key-2"')), { passphrase: 'correct horse' }), 'PASSPHRASE_INVALID');
  });
  it('refuses out-of-range scrypt cost and truncation', () => {
    expectSecretFree(() => parseKeyFile(Buffer.from(text.replace('"log_n": 14', '"log_n": 30')), { passphrase: 'x' }), 'KEY_FILE_INVALID');
    expectSecretFree(() => parseKeyFile(Buffer.from(text.slice(0, text.length - 40)), { passphrase: 'x' }), 'KEY_FILE_INVALID');
  });
});
