import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { CheckpointRepository } from '../engine/checkpoint.repository';
import { ReadConsistency } from '../engine/read-consistency';
import { ReadDB } from '../schema';
import { applyBatch, TestLedger } from '../testing/test-ledger';
import { DeploymentQueries } from './deployment-queries';
import { DeploymentQueriesRepository } from './deployment-queries.repository';
import { DeploymentsProjection } from './deployments.projection';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 0, minute)).toISOString();

describe('the deployments projection (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let ledger: TestLedger;
  let queries: DeploymentQueries;
  const projection = new DeploymentsProjection();
  const apply = (...events: ReturnType<TestLedger['event']>[]) => applyBatch(database.db, projection, events);
  const request = (id: string, minute: number, extra: Record<string, unknown> = {}) =>
    ledger.event(
      'DeploymentRequested',
      {
        deploymentId: id,
        service: 'api',
        environment: 'production',
        type: 'automatic',
        taskIds: [],
        ...extra,
      },
      at(minute),
    );
  const complete = (id: string, minute: number) =>
    ledger.event('DeploymentCompleted', { deploymentId: id, url: `https://x/${id}` }, at(minute));
  const rollBack = (id: string, minute: number, by?: string) =>
    ledger.event(
      'DeploymentRolledBack',
      { deploymentId: id, reason: 'errors up', ...(by && { rollbackDeploymentId: by }) },
      at(minute),
    );
  const environments = async () =>
    (await queries.environments({}, {}, {})).result.items.map((e) => [
      e.service,
      e.environment,
      e.deploymentId,
    ]);

  beforeEach(async () => {
    database = await createTestDatabase<ReadDB>();
    ledger = new TestLedger();
    queries = new DeploymentQueries(
      new DeploymentQueriesRepository(database.db),
      new ReadConsistency(new CheckpointRepository(database.db)),
      0,
    );
  });
  afterEach(() => database.drop());

  it('folds a deployment through its life, with its rollback links, in one batch', async () => {
    await apply(
      request('d1', 0, {
        workflowId: 'wf',
        branch: 'main',
        commit: 'abc1234',
        imageTag: 'v1',
        taskIds: ['t1', 't2'],
        triggeredBy: 'ci',
      }),
      ledger.event('DeploymentStarted', { deploymentId: 'd1' }, at(1)),
      complete('d1', 2),
      request('d2', 3, { type: 'rollback', rollbackOf: 'd1' }),
      rollBack('d1', 4, 'd2'),
    );
    const d1 = (await queries.get('d1', {})).result;
    expect(d1).toEqual({
      id: 'd1',
      service: 'api',
      environment: 'production',
      type: 'automatic',
      workflowId: 'wf',
      branch: 'main',
      commit: 'abc1234',
      imageTag: 'v1',
      taskIds: ['t1', 't2'],
      triggeredBy: 'ci',
      status: 'rolled_back',
      requestedAt: at(0),
      startedAt: at(1),
      completedAt: at(2),
      failedAt: null,
      rolledBackAt: at(4),
      url: 'https://x/d1',
      error: null,
      logsUrl: null,
      rollbackOf: null,
      rollbackReason: 'errors up',
      rolledBackBy: 'd2',
      updatedAt: at(4),
      position: 5,
    });
    expect((await queries.get('d2', {})).result).toMatchObject({
      type: 'rollback',
      rollbackOf: 'd1',
      status: 'pending',
    });
  });

  it('reads a v1 DeploymentRequested, which named no tasks, as shipping none', async () => {
    const v1 = ledger.event(
      'DeploymentRequested',
      { deploymentId: 'old', service: 'api', environment: 'staging', type: 'manual' },
      at(0),
      { schemaVersion: 1 },
    );
    await apply(v1);
    expect((await queries.get('old', {})).result).toMatchObject({ taskIds: [], status: 'pending' });
  });

  it('ignores events of a deployment it never saw requested', async () => {
    await apply(complete('ghost', 1));
    expect((await queries.get('ghost', {})).result).toBeUndefined();
  });

  it('keeps the current deployment per environment, going back to the previous one after a rollback', async () => {
    await apply(request('a', 0), complete('a', 1), request('b', 2), complete('b', 3));
    await apply(request('s', 4, { environment: 'staging' }), complete('s', 5));
    expect(await environments()).toEqual([
      ['api', 'production', 'b'],
      ['api', 'staging', 's'],
    ]);
    const before = (await queries.environments({ environment: 'production' }, {}, {})).result.items[0];
    expect(before).toMatchObject({ deployedAt: at(3), position: 4 });

    // b is rolled back: a is current again; the row records the rollback's position.
    const rollback = rollBack('b', 6);
    await apply(rollback);
    expect((await queries.environments({ environment: 'production' }, {}, {})).result.items).toEqual([
      expect.objectContaining({ deploymentId: 'a', deployedAt: at(1), position: rollback.position }),
    ]);

    // A completion reported late (it happened before a's) does not replace the later one.
    await apply(request('late', 7), ledger.event('DeploymentCompleted', { deploymentId: 'late' }, at(0)));
    expect((await environments())[0]).toEqual(['api', 'production', 'a']);

    // Every completed production deployment rolled back: production runs nothing we know of.
    await apply(rollBack('a', 9), rollBack('late', 10));
    expect(await environments()).toEqual([['api', 'staging', 's']]);
  });

  it('pages environments in (service, environment) order', async () => {
    const pairs = [
      ['api', 'production'],
      ['api', 'staging'],
      ['billing', 'preview'],
      ['billing', 'production'],
      ['web', 'production'],
    ];
    await apply(
      ...pairs.flatMap(([service, environment], i) => [
        request(`e${i}`, i, { service, environment }),
        complete(`e${i}`, i + 1),
      ]),
    );
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = (await queries.environments({}, { limit: 2, cursor }, {})).result;
      seen.push(...page.items.map((e) => [e.service, e.environment]));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(pairs);
    const filtered = await queries.environments({ service: 'billing', environment: 'production' }, {}, {});
    expect(filtered.result.items.map((e) => e.deploymentId)).toEqual(['e3']);
  });

  it('filters, sorts and pages deployments without skipping or repeating while others are written', async () => {
    const ids = Array.from({ length: 17 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    // Groups of four share a request time: the id breaks the ties.
    await apply(
      ...ids.map((id, i) =>
        request(id, Math.floor(i / 4), { environment: i % 2 ? 'staging' : 'production' }),
      ),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await queries.list({ service: 'api' }, { sort: '-requestedAt', limit: 3, cursor }, {}))
        .result;
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
      // Between pages: a newer deployment (it sorts before the cursor) and a change to one served.
      await apply(request(`new-${pages}`, 100), complete(seen[seen.length - 1], 101));
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual([...ids].reverse());

    const list = async (filter: object, sort = 'requestedAt') =>
      (await queries.list(filter, { sort, limit: 500 }, {})).result.items.map((d) => d.id);
    // Completed between pages: the last of each page, p14 p11 p08 p05 p02 p00; odd ones are staging.
    expect(await list({ environment: 'staging', statuses: ['completed'] })).toEqual(['p05', 'p11']);
    // All completed at minute 101: the id decides, descending too.
    expect(await list({ statuses: ['completed'] }, '-updatedAt')).toEqual([
      'p14',
      'p11',
      'p08',
      'p05',
      'p02',
      'p00',
    ]);
    expect(await list({ from: at(1), to: at(2) })).toEqual(['p04', 'p05', 'p06', 'p07']);
    expect(await list({ workflowId: 'none' })).toEqual([]);
  });
});
