import { median, percentile, perSecond, runTimed, runWriters, summarizeLatencies } from './measure';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is NaN for no values, so that a missing contender shows as not measured', () => {
    expect(median([])).toBeNaN();
  });
});

describe('runWriters', () => {
  it('runs every writer until the time is up and adds up the events their steps report', async () => {
    const seen = new Set<number>();

    const measured = await runWriters(3, 30, async (writer) => {
      seen.add(writer);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 2;
    });

    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(measured.events % 2).toBe(0);
    expect(measured.events).toBeGreaterThanOrEqual(6);
    expect(measured.seconds).toBeGreaterThanOrEqual(0.03);
    expect(perSecond(measured)).toBeCloseTo(measured.events / measured.seconds);
  });
});

describe('percentile', () => {
  it('interpolates between ranks as percentile_cont does', () => {
    // percentile_cont(0.5) of 1..4 is 2.5; (0.99) is 1 + 0.99 * 3 ranks in: 3.97.
    expect(percentile([4, 2, 1, 3], 50)).toBe(2.5);
    expect(percentile([4, 2, 1, 3], 99)).toBeCloseTo(3.97);
  });

  it('gives the extremes at 0 and 100, and the only value of one', () => {
    expect(percentile([5, 9, 1], 0)).toBe(1);
    expect(percentile([5, 9, 1], 100)).toBe(9);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('runTimed and summarizeLatencies', () => {
  it('times every request of every worker, and counts failures apart from the latencies', async () => {
    const workers = new Set<number>();

    const latencies = await runTimed(4, 40, async (worker, iteration) => {
      workers.add(worker);
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (worker === 0 && iteration === 0) throw new Error('404 on /v1/nothing');
    });
    const summary = summarizeLatencies(latencies);

    expect([...workers].sort()).toEqual([0, 1, 2, 3]);
    expect(summary.failures).toBe(1);
    expect(latencies.firstFailure).toBe('404 on /v1/nothing');
    expect(summary.requests).toBe(latencies.ms.length);
    expect(Math.min(...latencies.ms)).toBeGreaterThanOrEqual(1.5);
    expect(summary.p50).toBeLessThanOrEqual(summary.p99);
    expect(summary.perSecond).toBeCloseTo(latencies.ms.length / latencies.seconds);
  });
});
