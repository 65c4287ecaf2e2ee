import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonOut, runMsez } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/vectors.js';

const TOKEN = 'cli-serve-token-0123456789';

beforeAll(() => ensureBuilt());

describe('msez serve (built binary)', () => {
  it('starts on a free loopback port, serves, and stops gracefully on SIGTERM (exit 0)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'msez-serve-'));
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), 'serve', '--port', '0', '--root', root, '--json'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1', MSEZ_API_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const stderrLines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stderr }).on('line', (line) => {
        stderrLines.push(line);
        const m = /"msg":"listening","url":"([^"]+)"/.exec(line);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderrLines.join('\n')}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/health/readiness`)).status).toBe(200);
    expect((await fetch(`${url}/v1/entities`)).status).toBe(401);
    const ok = await fetch(`${url}/v1/entities`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await ok.json()).toEqual({ items: [], page: { limit: 50, offset: 0, next_offset: null } });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ url, stopped_by: 'SIGTERM' });
    const requests = stderrLines.filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(requests.map((r) => r.status)).toEqual([200, 401, 200]);
    expect(stderrLines.join('\n')).not.toContain(TOKEN);
  });

  it('refuses to start without a token, or with a token file readable by others', () => {
    const root = mkdtempSync(join(tmpdir(), 'msez-serve-'));
    const none = runMsez(['serve', '--port', '0', '--root', root, '--json'], { env: { MSEZ_API_TOKEN: undefined } });
    expect(none.status).toBe(2);
    expect(jsonOut<{ error: { code: string } }>(none).error.code).toBe('USAGE');
    const file = join(root, 'token');
    writeFileSync(file, TOKEN);
    chmodSync(file, 0o644);
    const insecure = runMsez(['serve', '--port', '0', '--root', root, '--token-file', file, '--json']);
    expect(insecure.status).toBe(2);
    expect(jsonOut<{ error: { code: string } }>(insecure).error.code).toBe('KEY_FILE_INSECURE');
  });
});
