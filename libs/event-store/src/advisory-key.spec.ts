import { advisoryLockKey } from './advisory-key';

describe('advisoryLockKey', () => {
  it('never changes for a name: processes of two releases must contend for the same lock', () => {
    // Pinned: a rolling deploy that changed a key would let an old and a new process both lead.
    expect(advisoryLockKey('tasks')).toBe(139547656);
    expect(advisoryLockKey('events:annals.events.v1')).toBe(2102231276);
  });

  it('fits the int key of pg_try_advisory_lock(int, int): non-negative, below 2^31', () => {
    for (const name of ['', 'a', 'events:annals.events.v1', 'x'.repeat(1000)]) {
      const key = advisoryLockKey(name);
      expect(Number.isInteger(key)).toBe(true);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(key).toBeLessThan(2 ** 31);
    }
  });

  it('tells names apart: two relays (or projections) of different names lead side by side', () => {
    const names = Array.from({ length: 200 }, (_, i) => `events:topic-${i}`);
    expect(new Set(names.map(advisoryLockKey)).size).toBe(names.length);
  });
});
