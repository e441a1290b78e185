import { RateLimited, RateLimiter } from './rate-limiter';

describe('RateLimiter (token bucket per key)', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  const retryAfter = (limiter: RateLimiter, key: string): number | undefined => {
    try {
      limiter.take(key);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(RateLimited);
      return (error as RateLimited).retryAfterSeconds;
    }
  };

  it('allows a burst, then refuses with the seconds until the next token', () => {
    const limiter = new RateLimiter({ perMinute: 6, burst: 3 }, clock);
    expect([1, 2, 3].map(() => retryAfter(limiter, 'a'))).toEqual([undefined, undefined, undefined]);
    expect(retryAfter(limiter, 'a')).toBe(10);
    now += 4_000;
    expect(retryAfter(limiter, 'a')).toBe(6);
  });

  it('refills at the configured rate, never above the burst', () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 2 }, clock);
    limiter.take('a');
    limiter.take('a');
    now += 1_000;
    expect(retryAfter(limiter, 'a')).toBeUndefined();
    expect(retryAfter(limiter, 'a')).toBe(1);
    now += 60_000;
    expect([1, 2, 3].map(() => retryAfter(limiter, 'a'))).toEqual([undefined, undefined, 1]);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 1 }, clock);
    limiter.take('a');
    expect(retryAfter(limiter, 'a')).toBe(60);
    expect(retryAfter(limiter, 'b')).toBeUndefined();
  });

  it('does not limit when the rate is 0', () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 1 }, clock);
    for (let i = 0; i < 1000; i++) limiter.take('a');
  });
});
