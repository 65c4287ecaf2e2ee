import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonOut, runMsez } from '../support/cli.js';
import { vectorJson } from '../support/vectors.js';

beforeAll(() => ensureBuilt());

const tmp = (): string => mkdtempSync(join(tmpdir(), 'msez-cli-'));
const ESC = '\u001b';

describe('msez canon', () => {
  it('prints the canonical bytes exactly, with no trailing newline', () => {
    const r = runMsez(['canon', 'test/fixtures/canon/example.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      '{"effective_from":"2025-07-01T04:00:00Z","jurisdiction":"PK","max_supply":18446744073709551616,"modules":["legal.core","tax.core"],"zone_id":"org.momentum.msez.zone.starter"}',
    );
  });
  it('--digest prints the sha256 and a newline; stdin defaults to JSON', () => {
    const r = runMsez(['canon', '-', '--digest'], { input: '{"b":1,"a":[1,2]}' });
    expect(r).toMatchObject({ status: 0, stdout: '94a786c3662bc7beeb598efa7d8cb58d7bea25d6c275ea9785a0230ff1f8c2ba\n' });
  });
  it('--ndjson gives a digest or an error line per document and exits 2 if any failed', () => {
    const r = runMsez(['canon', '--ndjson'], { input: readFileSync('test/fixtures/canon/sample.ndjson') });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(readFileSync('test/fixtures/canon/sample.ndjson.expected', 'utf8'));
    const ok = runMsez(['canon', '--ndjson'], { input: '{"a":1}\n[1]\n' });
    expect(ok.status).toBe(0);
  });
  it('--ndjson agrees with the reference canonical bytes vectors', () => {
    const { cases } = vectorJson<{ cases: { input_text: string; error: boolean; sha256?: string }[] }>('generated/canonical_extra.json');
    const single = cases.filter((c) => !c.input_text.includes('\n'));
    const r = runMsez(['canon', '--ndjson'], { input: single.map((c) => c.input_text).join('\n') + '\n' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(single.length);
    single.forEach((c, i) => {
      if (c.error) expect(lines[i]).toMatch(/^error (FLOAT_REJECTED|LONE_SURROGATE|JSON_SYNTAX) /);
      else expect(lines[i]).toBe(c.sha256);
    });
  });
  it('a bad file gives one line with file:line:col, exit 2, no stack trace', () => {
    const dir = tmp();
    for (const [name, text, code, pos] of [
      ['broken.yaml', 'a: [1, 2\n', 'YAML_SYNTAX', ':2:1'],
      ['dup.yaml', 'a: 1\nb: 2\na: 3\n', 'DUPLICATE_KEY', ':3:1'],
      ['float.json', '{\n "rate": 0.15\n}', 'FLOAT_REJECTED', ':2:10'],
    ] as const) {
      const f = join(dir, name);
      writeFileSync(f, text);
      const r = runMsez(['canon', f]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`error[${code}] ${f}${pos}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it('--json failures use the envelope with the same exit code', () => {
    const r = runMsez(['canon', '--json', '-'], { input: '[1.5]' });
    expect(r.status).toBe(2);
    expect(jsonOut(r)).toMatchObject({ ok: false, error: { code: 'FLOAT_REJECTED', details: { pointer: '/0' } } });
  });
  it('usage errors exit 2, also under --json', () => {
    expect(runMsez(['canon', '--bogus']).status).toBe(2);
    const r = runMsez(['canon', '--bogus', '--json']);
    expect(r.status).toBe(2);
    expect(jsonOut(r)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(runMsez(['no-such-command']).status).toBe(2);
  });
});

describe('msez artifact', () => {
  it('store, resolve, digest and verify through the CLI', () => {
    const root = tmp();
    const f = join(root, 'rules.yaml');
    writeFileSync(f, 'b: 2\na: 1\n');
    const stored = runMsez(['artifact', 'store', 'ruleset', f, '--root', root, '--json']);
    expect(stored.status).toBe(0);
    const { digest_sha256, path } = jsonOut<{ digest_sha256: string; path: string }>(stored);
    expect(digest_sha256).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
    expect(readFileSync(join(root, path), 'utf8')).toBe('{"a":1,"b":2}');
    const resolved = runMsez(['artifact', 'resolve', 'ruleset', digest_sha256, '--root', root]);
    expect(resolved).toMatchObject({ status: 0, stdout: `${path}\n` });
    expect(runMsez(['artifact', 'digest', join(root, path)]).stdout).toBe(`${digest_sha256}\n`);
    expect(runMsez(['artifact', 'verify', '--root', root]).status).toBe(0);
    writeFileSync(join(root, path), '{"a":1,"b":3}');
    const bad = runMsez(['artifact', 'verify', '--root', root]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('error[DIGEST_MISMATCH]');
    expect(runMsez(['artifact', 'resolve', 'ruleset', digest_sha256, '--root', root]).status).toBe(1);
    expect(runMsez(['artifact', 'resolve', 'ruleset', 'f'.repeat(64), '--root', root]).status).toBe(2);
  });
  it('refuses a float before writing anything to dist/', () => {
    const root = tmp();
    const f = join(root, 'bad.json');
    writeFileSync(f, '{"x": 1.0}');
    expect(runMsez(['artifact', 'store', 'vc', f, '--root', root]).status).toBe(2);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});

describe('terminal hygiene', () => {
  it('emits no escape codes under NO_COLOR or without a TTY', () => {
    for (const args of [['canon', '--bogus'], ['artifact', 'verify', '--root', tmp()], ['--help'], ['canon', '--help']]) {
      const r = runMsez(args);
      expect(r.stdout + r.stderr).not.toContain(ESC);
    }
    const noNoColor = runMsez(['canon', '-', '--json'], { input: '[1.5]', env: { NO_COLOR: undefined } });
    expect(noNoColor.stdout + noNoColor.stderr).not.toContain(ESC);
    expect(readdirSync(tmp())).toEqual([]);
  });
});
