import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactStore } from './index.js';
import { digestRaw } from '../core/index.js';
import { expectMsezError, hex, vectorJson } from '../../test/support/vectors.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'msez-cas-'));

interface CasCase {
  artifact_type: string;
  input: unknown;
  canonical_hex: string;
  sha256_digest: string;
  expected_path: string;
}

describe('reference/cas_digests.json', () => {
  const { artifacts } = vectorJson<{ artifacts: CasCase[] }>('reference/cas_digests.json');
  it('has 5 artifacts', () => expect(artifacts).toHaveLength(5));
  for (const a of artifacts) {
    it(`${a.artifact_type} is stored at its path with its canonical bytes`, () => {
      const root = tmp();
      const store = new ArtifactStore({ root });
      const stored = store.storeJson(a.artifact_type, a.input);
      expect(stored.digest_sha256).toBe(a.sha256_digest);
      expect(stored.path).toBe(a.expected_path);
      expect(hex(readFileSync(join(root, stored.path)))).toBe(a.canonical_hex);
      expect(store.resolve(a.artifact_type, `  ${a.sha256_digest.toUpperCase()} `).path).toBe(a.expected_path);
    });
  }
});

describe('ArtifactStore', () => {
  it('names a blob by its raw digest (canonical.md §7 vector)', () => {
    const root = tmp();
    const bytes = Buffer.from('MSEZ example blob artifact (attachments/proofs)\n', 'utf8');
    const stored = new ArtifactStore({ root }).storeBlob('blob', bytes, '.example.txt');
    expect(stored.digest_sha256).toBe('d6e1b186ddd511ee8b2d28beb530bc2b1acdda18e643f30d22f29bd5332ed5a0');
    expect(stored.path).toBe('dist/artifacts/blob/d6e1b186ddd511ee8b2d28beb530bc2b1acdda18e643f30d22f29bd5332ed5a0.example.txt');
  });
  it('is idempotent and leaves no temp files', () => {
    const root = tmp();
    const store = new ArtifactStore({ root });
    expect(store.storeJson('vc', { a: 1 }).written).toBe(true);
    expect(store.storeJson('vc', { a: 1 }).written).toBe(false);
    expect(readdirSync(join(root, 'dist/artifacts/vc'))).toHaveLength(1);
  });
  it('refuses bad names and sha256: prefixes', () => {
    const store = new ArtifactStore({ root: tmp() });
    expectMsezError(() => store.storeJson('Bad_Type', {}), 'INVALID_ARTIFACT_TYPE');
    expectMsezError(() => store.resolve('vc', `sha256:${'a'.repeat(64)}`), 'INVALID_DIGEST');
    expectMsezError(() => store.resolve('vc', 'a'.repeat(64)), 'ARTIFACT_NOT_FOUND');
  });
  it('detects a flipped byte on resolve and verify', () => {
    const root = tmp();
    const store = new ArtifactStore({ root });
    const s = store.storeJson('ruleset', { rule: 'x' });
    const file = join(root, s.path);
    writeFileSync(file, '{"rule":"y"}');
    expectMsezError(() => store.resolve('ruleset', s.digest_sha256), 'DIGEST_MISMATCH');
    const report = store.verifyAll();
    expect(report).toMatchObject({ checked: 1, failed: 1 });
  });
  it('refuses an existing file with different bytes as a collision', () => {
    const root = tmp();
    const store = new ArtifactStore({ root });
    const s = store.storeBlob('blob', Buffer.from('abc'), '.txt');
    writeFileSync(join(root, s.path), 'abd');
    expectMsezError(() => store.storeBlob('blob', Buffer.from('abc'), '.txt'), 'HASH_COLLISION');
  });
  it('resolves across extra roots and reports ambiguity', () => {
    const root = tmp();
    const extra = tmp();
    const bytes = Buffer.from('hello');
    const d = digestRaw(bytes).hex;
    mkdirSync(join(extra, 'blob'), { recursive: true });
    writeFileSync(join(extra, 'blob', `${d}.txt`), bytes);
    const store = new ArtifactStore({ root, extraRoots: [extra] });
    expect(Buffer.from(store.resolve('blob', d).bytes).toString()).toBe('hello');
    store.storeBlob('blob', bytes, '.txt');
    expectMsezError(() => store.resolve('blob', d), 'ARTIFACT_AMBIGUOUS');
  });
  it('leaves no temp file behind when the final rename fails', () => {
    const root = tmp();
    const store = new ArtifactStore({ root });
    const target = join(root, 'dist/artifacts/vc', `${digestRaw(Buffer.from('{}')).hex}.json`);
    mkdirSync(target, { recursive: true }); // a directory where the file must go: rename fails
    expect(() => store.storeJson('vc', {})).toThrow();
    expect(readdirSync(join(root, 'dist/artifacts/vc'))).toEqual([`${digestRaw(Buffer.from('{}')).hex}.json`]);
  });
  it('names checkpoints by the digest without proof', () => {
    const root = tmp();
    const store = new ArtifactStore({ root });
    const a = store.storeJson('checkpoint', { n: 1, proof: { jws: 'x' } });
    expect(a.digest_sha256).toBe(digestRaw(Buffer.from('{"n":1}')).hex);
    expect(readFileSync(join(root, a.path), 'utf8')).toBe('{"n":1,"proof":{"jws":"x"}}');
  });
});
