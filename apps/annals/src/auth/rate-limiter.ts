/** A key spent its budget: answered 429 with Retry-After (gRPC: RESOURCE_EXHAUSTED). */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests for this API key; retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimited';
  }
}

export interface RateLimit {
  /** Tokens refilled per minute, continuously; 0 means no limit. */
  readonly perMinute: number;
  /** Bucket size: how many requests may come at once. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Idle buckets are full again after burst / rate; dropping them then forgets nothing. */
const MAX_BUCKETS = 100_000;

/**
 * A token bucket per key, in memory: each process limits on its own, so N API processes allow up to
 * N times the rate in total (docs/security.md). Cheap enough to run on every request.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`, or throws RateLimited with the seconds until one is available. */
  take(key: string): void {
    if (this.limit.perMinute === 0) return;
    const now = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, updatedAt: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      throw new RateLimited(Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)));
    }
    bucket.tokens -= 1;
    this.buckets.delete(key); // re-insert: the map's order is then least recently used first
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
