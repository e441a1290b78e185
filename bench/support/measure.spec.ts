import { median, perSecond, runWriters } from './measure';

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
