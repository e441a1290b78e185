import { sql } from 'kysely';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { DeploymentsProjection } from '../deployments/deployments.projection';
import { ReadConsistency } from '../engine/read-consistency';
import { CheckpointRepository } from '../engine/checkpoint.repository';
import { ReadDB } from '../schema';
import { TasksProjection } from '../tasks/tasks.projection';
import { applyBatch, TestLedger } from '../testing/test-ledger';
import { DoraScope } from './dora';
import { DoraMetricsQueries } from './dora-metrics';
import { DoraRepository } from './dora.repository';

/*
 * The scenario: service `shop`, window [Mon 2026-03-02, Mon 2026-03-16) = 14 days, two whole ISO
 * weeks, one calendar month. Times are UTC.
 *
 * tasks (completed at)      T1 03-01 12:00   T2 03-02 08:00   T3 03-03 10:00   T4 03-05 12:00
 *                           T5 never         T6 03-15 17:00   T7 03-10 11:00
 *
 * production deployments of shop
 *   D0  completed 03-02 00:00 (exactly `from`: in)                 tasks -
 *   D1  completed 03-02 10:00            workflow wf-a             tasks T1 T2 T4
 *   D2  completed 03-03 12:00, rolled back 03-03 13:00, wf-a      tasks T3 T5
 *   D3  completed 03-03 13:30 (type rollback of D2)                tasks -
 *   D4  failed    03-10 09:00                                      tasks -
 *   D5  completed 03-10 11:00                                      tasks T1 T7
 *   D6  completed 03-15 20:00, rolled back 03-16 09:00 (after the window)  tasks T6
 *   D7  failed    03-15 22:00, never restored                      tasks -
 *   D12 failed    03-16 00:00 (exactly `to`: out)                  tasks -
 *   D10 requested 03-12, still pending
 * and, out of scope: D8 staging completed 03-15 23:00 (it must not restore D7), D9 service `other`.
 */
const at = (day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();
const feb = (day: number, hour = 0) => new Date(Date.UTC(2026, 1, day, hour)).toISOString();
const HOUR = 3600;

describe('DORA metrics (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let dora: DoraMetricsQueries;
  const scope = (extra: Partial<DoraScope> = {}): DoraScope => ({
    service: 'shop',
    environment: 'production',
    from: new Date(at(2)),
    to: new Date(at(16)),
    ...extra,
  });
  const metrics = async (extra: Partial<DoraScope> = {}) => (await dora.metrics(scope(extra), {})).result;

  beforeAll(async () => {
    database = await createTestDatabase<ReadDB>();
    dora = new DoraMetricsQueries(
      new DoraRepository(database.db),
      new ReadConsistency(new CheckpointRepository(database.db)),
      0,
    );
    const ledger = new TestLedger();
    const task = (id: string, completedAt?: string) => [
      ledger.event(
        'TaskCreated',
        { taskId: id, workflowId: 'wf-a', name: id, goal: 'g', priority: 'low', areas: [] },
        feb(20),
      ),
      ...(completedAt === undefined
        ? []
        : [
            ledger.event(
              'TaskCompleted',
              { taskId: id, result: 'success', summary: 's', testsStatus: 'passed', durationMs: 1 },
              completedAt,
            ),
          ]),
    ];
    const tasks = [
      ...task('T1', at(1, 12)),
      ...task('T2', at(2, 8)),
      ...task('T3', at(3, 10)),
      ...task('T4', at(5, 12)),
      ...task('T5'),
      ...task('T6', at(15, 17)),
      ...task('T7', at(10, 11)),
    ];
    const requested = (
      id: string,
      requestedAt: string,
      extra: {
        taskIds?: string[];
        workflowId?: string;
        environment?: string;
        service?: string;
        type?: string;
        rollbackOf?: string;
      } = {},
    ) =>
      ledger.event(
        'DeploymentRequested',
        {
          deploymentId: id,
          service: 'shop',
          environment: 'production',
          type: 'automatic',
          taskIds: [],
          ...extra,
        },
        requestedAt,
      );
    const completed = (id: string, when: string) =>
      ledger.event('DeploymentCompleted', { deploymentId: id }, when);
    const failed = (id: string, when: string) =>
      ledger.event('DeploymentFailed', { deploymentId: id, error: 'boom' }, when);
    const rolledBack = (id: string, when: string) =>
      ledger.event('DeploymentRolledBack', { deploymentId: id, reason: 'bad' }, when);
    const deployments = [
      requested('D-before', feb(27, 9)),
      completed('D-before', feb(27, 10)),
      requested('D0', at(1, 23)),
      completed('D0', at(2, 0)),
      requested('D1', at(2, 9), { taskIds: ['T1', 'T2', 'T4'], workflowId: 'wf-a' }),
      completed('D1', at(2, 10)),
      requested('D2', at(3, 11), { taskIds: ['T3', 'T5'], workflowId: 'wf-a' }),
      completed('D2', at(3, 12)),
      rolledBack('D2', at(3, 13)),
      requested('D3', at(3, 13), { type: 'rollback', rollbackOf: 'D2' }),
      completed('D3', at(3, 13, 30)),
      requested('D4', at(10, 8, 50)),
      failed('D4', at(10, 9)),
      requested('D5', at(10, 10), { taskIds: ['T1', 'T7'] }),
      completed('D5', at(10, 11)),
      requested('D10', at(12)),
      requested('D6', at(15, 19), { taskIds: ['T6'] }),
      completed('D6', at(15, 20)),
      requested('D7', at(15, 21)),
      failed('D7', at(15, 22)),
      requested('D8', at(15, 22), { environment: 'staging' }),
      completed('D8', at(15, 23)),
      requested('D9', at(4), { service: 'other' }),
      completed('D9', at(4, 1)),
      requested('D12', at(15, 23, 30)),
      failed('D12', at(16, 0)),
      rolledBack('D6', at(16, 9)),
    ];
    await applyBatch(database.db, new TasksProjection(), tasks);
    // Two batches, split mid-scenario, as the runner would cut them.
    const deploymentsProjection = new DeploymentsProjection();
    await applyBatch(database.db, deploymentsProjection, deployments.slice(0, 12));
    await applyBatch(database.db, deploymentsProjection, deployments.slice(12));
  });

  afterAll(() => database.drop());

  it('counts deployment frequency with deploy days per ISO week and the bucket', async () => {
    const { deploymentFrequency, windowDays } = await metrics();
    expect(windowDays).toBe(14);
    expect(deploymentFrequency).toEqual({
      // D0 (at `from`), D1, D2 (rolled back since), D3, D5, D6 (rolled back after the window).
      deployments: 6,
      perDay: 6 / 14,
      // 03-02, 03-03, 03-10, 03-15.
      deployDays: 4,
      // Week of 03-02: 03-02 and 03-03 = 2; week of 03-09: 03-10 and 03-15 = 2; median of [2, 2] = 2.
      medianDeployDaysPerWeek: 2,
      // March: 6.
      medianDeploymentsPerMonth: 6,
      // 2 deploy days in the median week: at least 1, under 3.
      bucket: 'weekly',
    });
  });

  it('measures lead time for changes per carried task, positive values only', async () => {
    // D1: T1 03-02 10:00 - 03-01 12:00 = 22 h = 79200; T2 10:00 - 08:00 = 7200; T4 completed after D1: out.
    // D2: T3 12:00 - 10:00 = 7200; T5 never completed: out.
    // D5: T1 03-10 11:00 - 03-01 12:00 = 9 d - 1 h = 774000; T7 completed at the same instant (0): out.
    // D6: T6 20:00 - 17:00 = 10800.
    // Sorted: [7200, 7200, 10800, 79200, 774000], n = 5.
    // p50: r = 0.5 * 4 = 2 -> 10800.
    // p85: r = 3.4 -> 79200 + 0.4 * (774000 - 79200) = 79200 + 277920 = 357120.
    // p95: r = 3.8 -> 79200 + 0.8 * 694800 = 79200 + 555840 = 635040.
    const { leadTimeForChanges } = await metrics();
    expect(leadTimeForChanges.samples).toBe(5);
    expect(leadTimeForChanges.p50Seconds).toBeCloseTo(3 * HOUR, 6);
    expect(leadTimeForChanges.p85Seconds).toBeCloseTo(357120, 6);
    expect(leadTimeForChanges.p95Seconds).toBeCloseTo(635040, 6);
  });

  it('counts each deployment once in the change failure rate, a rollback after the window included', async () => {
    // Outcomes in the window: D0 D1 D2 D3 D4 D5 D6 D7 = 8 (D12 fails at `to`: out; D10 has none).
    // Failed or rolled back: D2 (rolled back), D4 (failed), D6 (rolled back on 03-16), D7 (failed) = 4.
    expect((await metrics()).changeFailureRate).toEqual({ deployments: 8, failed: 4, rate: 0.5 });
  });

  it('measures time to restore from failures in the window, leaving out the unrestored', async () => {
    // D2 rolled back 03-03 13:00 -> D3 completed 13:30 = 1800.
    // D4 failed 03-10 09:00 -> D5 completed 11:00 = 7200.
    // D7 failed 03-15 22:00 -> no later production completion (D8 is staging): not restored.
    // D6's rollback (03-16 09:00) and D12's failure (03-16 00:00) are outside [from, to).
    // p50 of [1800, 7200]: r = 0.5 -> 1800 + 0.5 * 5400 = 4500.
    expect((await metrics()).timeToRestore).toEqual({ failures: 3, restored: 2, p50Seconds: 4500 });
  });

  it('narrows to one workflow, restoring with any deployment of the environment', async () => {
    const result = await metrics({ workflowId: 'wf-a' });
    // D1 and D2: days 03-02 and 03-03; weeks [2, 0] -> median 1: weekly; March [2] -> 2.
    expect(result.deploymentFrequency).toEqual({
      deployments: 2,
      perDay: 2 / 14,
      deployDays: 2,
      medianDeployDaysPerWeek: 1,
      medianDeploymentsPerMonth: 2,
      bucket: 'weekly',
    });
    // [7200, 7200, 79200]: p50 r = 1 -> 7200; p85 r = 1.7 -> 7200 + 0.7 * 72000 = 57600;
    // p95 r = 1.9 -> 7200 + 0.9 * 72000 = 72000.
    expect(result.leadTimeForChanges.samples).toBe(3);
    expect(result.leadTimeForChanges.p50Seconds).toBeCloseTo(7200, 6);
    expect(result.leadTimeForChanges.p85Seconds).toBeCloseTo(57600, 6);
    expect(result.leadTimeForChanges.p95Seconds).toBeCloseTo(72000, 6);
    // D1 completed, D2 rolled back: 1 / 2.
    expect(result.changeFailureRate).toEqual({ deployments: 2, failed: 1, rate: 0.5 });
    // D2's rollback restored by D3 (no workflow) 30 minutes later.
    expect(result.timeToRestore).toEqual({ failures: 1, restored: 1, p50Seconds: 1800 });
  });

  it('answers null, never 0, for metrics without data', async () => {
    const result = await metrics({ service: 'unknown' });
    expect(result.deploymentFrequency).toMatchObject({ deployments: 0, perDay: 0, bucket: null });
    expect(result.leadTimeForChanges).toEqual({
      samples: 0,
      p50Seconds: null,
      p85Seconds: null,
      p95Seconds: null,
    });
    expect(result.changeFailureRate).toEqual({ deployments: 0, failed: 0, rate: null });
    expect(result.timeToRestore).toEqual({ failures: 0, restored: 0, p50Seconds: null });
  });

  it('groups by UTC days and weeks whatever the session time zone', async () => {
    // At UTC+14 the same completions fall on 5 local days (03-02, 03-03, 03-04, 03-11, 03-16).
    await database.db.transaction().execute(async (trx) => {
      await sql`set local time zone 'Pacific/Kiritimati'`.execute(trx);
      const frequency = await new DoraRepository(trx).frequency(scope());
      expect(frequency).toEqual({
        deployments: 6,
        deployDays: 4,
        medianDeployDaysPerWeek: 2,
        medianDeploymentsPerMonth: 6,
      });
    });
  });
});
