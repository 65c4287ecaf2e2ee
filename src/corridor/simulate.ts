import { formatUtcSeconds, sha256 } from '../core/index.js';

/** Deterministic building blocks for `msez corridor simulate`: a seeded PRNG, derived seeds, a clock. */

const enc = new TextEncoder();

/** A PRNG over SHA-256(tag ‖ NUL ‖ seed ‖ NUL ‖ counter): reproducible on every platform. */
export class SeededRandom {
  private counter = 0;
  private pool: number[] = [];
  constructor(private readonly seed: string, private readonly tag = 'msez.sim.prng.v1') {}

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    if (this.pool.length === 0) {
      const h = sha256(enc.encode(`${this.tag}\u0000${this.seed}\u0000${this.counter++}`));
      for (let i = 0; i < 32; i += 4) this.pool.push(((h[i] as number) << 24 | (h[i + 1] as number) << 16 | (h[i + 2] as number) << 8 | (h[i + 3] as number)) >>> 0);
    }
    return this.pool.shift() as number;
  }

  /** Integer in [lo, hi] (inclusive), without modulo bias. */
  int(lo: number, hi: number): number {
    const span = hi - lo + 1;
    const limit = Math.floor(0x100000000 / span) * span;
    let x = this.u32();
    while (x >= limit) x = this.u32();
    return lo + (x % span);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}

/** A 32-byte Ed25519 seed derived from the run seed, a role and an index. */
export function deriveSeed(seed: string, role: string, index: number): Uint8Array {
  return sha256(enc.encode(`msez.sim.key.v1\u0000${seed}\u0000${role}\u0000${index}`));
}

/** A simulated clock in whole UTC seconds. */
export class SimClock {
  constructor(private epoch: number) {}
  get seconds(): number {
    return this.epoch;
  }
  advance(seconds: number): string {
    this.epoch += seconds;
    return this.now();
  }
  now(): string {
    return formatUtcSeconds(this.epoch);
  }
  at(offsetSeconds: number): string {
    return formatUtcSeconds(this.epoch + offsetSeconds);
  }
}
