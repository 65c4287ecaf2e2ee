import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectMsezError } from '../../test/support/vectors.js';
import { loadSchemaRegistry, positionIssues, schemaId, validateAgainst } from './index.js';
import { parseYaml, type JsonValue } from '../core/index.js';

describe('schema registry', () => {
  test('loads every built-in schema under the msez $id base', () => {
    const ids = loadSchemaRegistry().ids();
    for (const name of ['module', 'profile', 'zone', 'stack.lock', 'artifact-ref', 'ruleset', 'corridor', 'trust-anchors', 'key-rotation', 'vc', 'registry.modules']) {
      expect(ids).toContain(schemaId(name));
    }
  });
  test('the VC envelope and both proof suites are closed; credentialSubject is open', () => {
    const vc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
      credentialSubject: { anything: { goes: 1 } },
      proof: [
        { type: 'MsezEd25519Signature2025', created: '2023-11-14T22:13:20Z', verificationMethod: 'did:key:z6Mk#k', proofPurpose: 'assertionMethod', jws: 'A'.repeat(86) },
        { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', created: '2023-02-24T23:36:38Z', verificationMethod: 'did:key:z6Mk#k', proofPurpose: 'assertionMethod', proofValue: 'z2HnFSSPP' },
      ],
    };
    expect(validateAgainst('vc', vc as unknown as JsonValue)).toEqual([]);
    expect(validateAgainst('vc', { ...vc, extra: 1 } as unknown as JsonValue).map((i) => i.pointer)).toEqual(['/extra']);
    const bad = { ...vc, proof: { ...vc.proof[1], jws: 'x' } };
    expect(validateAgainst('vc', bad as unknown as JsonValue)).toEqual([{ pointer: '/proof/jws', message: 'unknown field "jws"', keyword: 'additionalProperties' }]);
  });
  test('issues are placed at the YAML node (additionalProperties at the offending key)', () => {
    const parsed = parseYaml('corridor_id: x\nsettlement: {}\nrecognition: {}\nattestations: {}\ndefinition_vc_path: v.json\ntypo: 1\n', 'c.yaml');
    const placed = positionIssues(validateAgainst('corridor', parsed.value), parsed);
    expect(placed).toEqual([{ pointer: '/typo', message: 'unknown field "typo"', keyword: 'additionalProperties', file: 'c.yaml', line: 6, col: 1 }]);
  });
  test('a workspace schema joins the registry but cannot replace a built-in $id', () => {
    const d = mkdtempSync(join(tmpdir(), 'msez-schemas-'));
    try {
      mkdirSync(join(d, 'schemas'));
      writeFileSync(join(d, 'schemas', 'local.schema.json'), JSON.stringify({ $id: 'https://example.org/local.schema.json', type: 'integer' }));
      const reg = loadSchemaRegistry(d);
      expect(reg.validate('https://example.org/local.schema.json', 'x')).toHaveLength(1);
      const d2 = mkdtempSync(join(tmpdir(), 'msez-schemas-'));
      mkdirSync(join(d2, 'schemas'));
      writeFileSync(join(d2, 'schemas', 'module.schema.json'), JSON.stringify({ $id: schemaId('module') }));
      expectMsezError(() => loadSchemaRegistry(d2), 'SCHEMA_INVALID');
      rmSync(d2, { recursive: true, force: true });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
