import { describe, expect, test } from 'vitest';
import { expectMsezError } from '../../test/support/vectors.js';
import { applyUnifiedDiff, isRenderable, parameterContext, renderTemplate } from './index.js';

describe('renderTemplate', () => {
  const ctx = parameterContext([{ zone_name: 'Zone A', n: 3 }, { n: 5, flag: true, list: ['b', 'a'] }]);
  test('renders {{ NAME }} via the uppercase alias and ${name}, later layers winning', () => {
    expect(renderTemplate('{{ ZONE_NAME }}/{{zone_name}}/${n}/${flag}/{{ LIST }}', ctx, 'f', false)).toBe('Zone A/Zone A/5/true/["b","a"]');
  });
  test('leaves unknown placeholders, or fails under strict', () => {
    expect(renderTemplate('x ${missing} {{ NOPE }}', ctx, 'f', false)).toBe('x ${missing} {{ NOPE }}');
    expectMsezError(() => renderTemplate('{{ NOPE }}', ctx, 'f', true), 'RENDER_VARIABLE_MISSING');
  });
  test('renders only xml/yaml/md files other than manifests and locks', () => {
    expect([isRenderable('a/b.yaml'), isRenderable('x.md'), isRenderable('module.yaml'), isRenderable('stack.lock'), isRenderable('a.json')]).toEqual([true, true, false, false, false]);
  });
});

describe('applyUnifiedDiff', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
  test('patches, creates and rejects like git apply', () => {
    const files = new Map([['p.yaml', enc('a: 1\nb: 2\nc: 3\n')]]);
    applyUnifiedDiff(files, '--- a/p.yaml\n+++ b/p.yaml\n@@ -1,3 +1,3 @@\n a: 1\n-b: 2\n+b: 20\n c: 3\n', 'x.patch');
    expect(dec(files.get('p.yaml'))).toBe('a: 1\nb: 20\nc: 3\n');
    applyUnifiedDiff(files, '--- /dev/null\n+++ b/new.md\n@@ -0,0 +1 @@\n+hello\n', 'y.patch');
    expect(dec(files.get('new.md'))).toBe('hello\n');
    expectMsezError(() => applyUnifiedDiff(files, '--- a/p.yaml\n+++ b/p.yaml\n@@ -1,1 +1,1 @@\n-zzz\n+yyy\n', 'z.patch'), 'PATCH_FAILED');
    expectMsezError(() => applyUnifiedDiff(files, '--- a/none.yaml\n+++ b/none.yaml\n@@ -1 +1 @@\n-a\n+b\n', 'w.patch'), 'PATCH_FAILED');
  });
});
