// Shared timing helper: runs fn repeatedly for at least `ms` milliseconds after a warm-up.
export function measure(fn, { ms = 1000, warmup = 50 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  const budget = BigInt(ms) * 1_000_000n;
  while (elapsed < budget) {
    fn();
    n++;
    elapsed = process.hrtime.bigint() - start;
  }
  return { ops: n, seconds: Number(elapsed) / 1e9, opsPerSecond: n / (Number(elapsed) / 1e9) };
}

export function timeOnce(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
