import { MsezError } from '../core/index.js';

/** Token-bucket parameters: `burst` requests at once, refilled at `perSecond` (spec/api.md §2). */
export interface RateLimitOptions {
  readonly burst: number;
  readonly perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = Object.freeze({ burst: 200, perSecond: 100 });

/** The outcome of one `take`. `retryAfterSeconds` is 0 when allowed. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per authenticated principal. It is consulted only after authentication succeeded, so
 * unauthenticated requests never spend a client's budget. The clock is injected (milliseconds, monotonic).
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly nowMs: () => number,
  ) {
    if (!Number.isSafeInteger(options.burst) || options.burst < 1) throw new MsezError('USAGE', `rate limit burst must be an integer >= 1, got ${options.burst}`);
    if (!(options.perSecond > 0) || !Number.isFinite(options.perSecond)) {
      throw new MsezError('USAGE', `rate limit refill must be a positive number per second, got ${options.perSecond}`);
    }
  }

  take(key: string): RateDecision {
    const now = this.nowMs();
    const b = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const elapsed = Math.max(0, now - b.at);
    b.tokens = Math.min(this.options.burst, b.tokens + (elapsed * this.options.perSecond) / 1000);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, limit: this.options.burst, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
    }
    const wait = Math.ceil((1 - b.tokens) / this.options.perSecond);
    return { allowed: false, limit: this.options.burst, remaining: 0, retryAfterSeconds: Math.max(1, wait) };
  }
}
