import { changeFailureRate, deploymentFrequency, frequencyBucket, FrequencyCounts } from './dora';

const counts = (
  medianDeployDaysPerWeek: number,
  medianDeploymentsPerMonth: number,
  deployments = 1,
): FrequencyCounts => ({
  deployments,
  deployDays: 1,
  medianDeployDaysPerWeek,
  medianDeploymentsPerMonth,
});

describe('DORA figures', () => {
  it('puts deployment frequency in the Four Keys buckets', () => {
    expect(frequencyBucket(counts(3, 20))).toBe('daily');
    expect(frequencyBucket(counts(2.5, 12))).toBe('weekly');
    expect(frequencyBucket(counts(1, 4))).toBe('weekly');
    expect(frequencyBucket(counts(0.5, 1))).toBe('monthly');
    expect(frequencyBucket(counts(0, 0.5))).toBe('yearly');
    expect(frequencyBucket(counts(0, 0, 0))).toBeNull();
  });

  it('divides deployments by the window in days', () => {
    const scope = {
      service: 's',
      environment: 'production',
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-01T12:00:00Z'),
    };
    // 3 deployments in half a day: 6 per day.
    expect(deploymentFrequency(counts(3, 3, 3), scope).perDay).toBe(6);
  });

  it('has no change failure rate without deployments', () => {
    expect(changeFailureRate({ deployments: 0, failed: 0 }).rate).toBeNull();
    expect(changeFailureRate({ deployments: 4, failed: 1 }).rate).toBe(0.25);
  });
});
