import { foldRows } from '../engine/fold-rows';
import { TestLedger } from '../testing/test-ledger';
import {
  DeploymentRow,
  environmentChanges,
  environmentRowFrom,
  evolveDeploymentRow,
  touchedEnvironments,
} from './deployment-row';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('the deployments row', () => {
  const ledger = new TestLedger();
  const requested = ledger.event(
    'DeploymentRequested',
    { deploymentId: 'd1', service: 'api', environment: 'production', type: 'manual', taskIds: ['t1'] },
    at(0),
  );
  const failed = ledger.event(
    'DeploymentFailed',
    { deploymentId: 'd1', error: 'boom', logsUrl: 'https://l' },
    at(2),
  );
  const fold = (...events: ReturnType<TestLedger['event']>[]): DeploymentRow[] =>
    foldRows(new Map(), events, (e) => e.data.deploymentId, evolveDeploymentRow);

  it('records a failure straight from pending, with the error and logs', () => {
    expect(fold(requested, failed)[0]).toMatchObject({
      status: 'failed',
      failed_at: new Date(at(2)),
      error: 'boom',
      logs_url: 'https://l',
      started_at: null,
      position: failed.position,
    });
  });

  it('lets only completions and rollbacks touch an environment', () => {
    const rows = new Map(fold(requested).map((row) => [row.id, row]));
    expect(touchedEnvironments([requested, failed], rows).size).toBe(0);
    const completed = ledger.event('DeploymentCompleted', { deploymentId: 'd1' }, at(3));
    expect([...touchedEnvironments([completed], rows).values()]).toEqual([
      { service: 'api', environment: 'production', position: completed.position },
    ]);
  });

  it('rewrites an environment only when its current deployment changed, and drops it when none is left', () => {
    const completed = ledger.event('DeploymentCompleted', { deploymentId: 'd1' }, at(3));
    const row = fold(requested, completed)[0];
    const key = JSON.stringify(['api', 'production']);
    const touched = new Map([[key, { service: 'api', environment: 'production', position: 99 }]]);
    const stored = new Map([[key, environmentRowFrom(row, 5)]]);
    expect(environmentChanges(touched, new Map([[key, row]]), stored)).toEqual({ upserts: [], removed: [] });
    expect(environmentChanges(touched, new Map([[key, row]]), new Map()).upserts).toEqual([
      environmentRowFrom(row, 99),
    ]);
    expect(environmentChanges(touched, new Map(), stored)).toEqual({
      upserts: [],
      removed: [{ service: 'api', environment: 'production' }],
    });
  });
});
