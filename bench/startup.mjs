// Start-up time of the built CLI against bare node (issue 2 target: --version <= 2.5x `node -e 0`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { round } from './_measure.mjs';

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));

function median(args, runs = 15) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function run() {
  const node = median(['-e', '0']);
  const version = median([bin, '--version']);
  const help = median([bin, '--help']);
  return {
    'startup.node_e0.median_ms': round(node),
    'startup.version.median_ms': round(version),
    'startup.version.ratio_to_node': round(version / node, 2),
    'startup.help.median_ms': round(help),
  };
}
