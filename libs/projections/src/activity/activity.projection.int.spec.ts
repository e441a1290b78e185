import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { CheckpointRepository } from '../engine/checkpoint.repository';
import { ReadConsistency } from '../engine/read-consistency';
import { ReadDB } from '../schema';
import { applyBatch, TestLedger } from '../testing/test-ledger';
import { ActivityQueries } from './activity-queries';
import { ActivityFilter, ActivityQueriesRepository } from './activity-queries.repository';
import { ActivityProjection } from './activity.projection';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 0, minute)).toISOString();

describe('the activity projection (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let queries: ActivityQueries;
  const ledger = new TestLedger();
  const projection = new ActivityProjection();
  const apply = (...events: ReturnType<TestLedger['event']>[]) => applyBatch(database.db, projection, events);
  const list = async (filter: ActivityFilter, sort?: string) =>
    (await queries.list(filter, { sort, limit: 500 }, {})).result.items;
  const listed = async (filter: ActivityFilter) =>
    (await list(filter)).map((a) => `${a.position} ${a.entityKind}:${a.entityId} ${a.workflowId}`);

  beforeAll(async () => {
    database = await createTestDatabase<ReadDB>();
    queries = new ActivityQueries(
      new ActivityQueriesRepository(database.db),
      new ReadConsistency(new CheckpointRepository(database.db)),
      0,
    );
    // Batch 1: the workflow and a task created in it.
    await apply(
      ledger.event('WorkflowStarted', { workflowId: 'wf', name: 'Release' }, at(0), { actor: 'alice' }),
      ledger.event(
        'TaskCreated',
        { taskId: 't1', workflowId: 'wf', name: 'Build', goal: 'g', priority: 'high', areas: [] },
        at(1),
        { actor: 'alice' },
      ),
      ledger.event('TaskAttached', { workflowId: 'wf', taskId: 't1' }, at(1), { actor: 'alice' }),
    );
    // Batch 2: nothing here names wf; each learns it from the rows of batch 1 or of this batch.
    await apply(
      ledger.event('TaskStarted', { taskId: 't1', assignee: { type: 'agent', id: 'bot' } }, at(2), {
        actor: 'bot',
      }),
      ledger.event(
        'DecisionRecorded',
        {
          decisionId: 'dec1',
          taskId: 't1',
          category: 'library_choice',
          question: 'Which queue?',
          optionsConsidered: ['kafka'],
          chosen: 'kafka',
          reasoning: 'r',
          status: 'proposed',
        },
        at(3),
        { actor: 'bot' },
      ),
      ledger.event('DecisionAccepted', { decisionId: 'dec1' }, at(4), { actor: 'alice' }),
      ledger.event(
        'SnapshotCaptured',
        {
          snapshotId: 's1',
          subject: { type: 'task', id: 't1' },
          kind: 'git',
          schemaVersion: 1,
          status: 'ok',
          capturedAt: at(5),
        },
        at(5),
      ),
      ledger.event(
        'SnapshotCaptured',
        {
          snapshotId: 's2',
          subject: { type: 'machine', id: 'm1' },
          kind: 'env',
          schemaVersion: 1,
          status: 'ok',
          capturedAt: at(5),
        },
        at(5),
      ),
      ledger.event(
        'DeploymentRequested',
        {
          deploymentId: 'd1',
          service: 'api',
          environment: 'production',
          type: 'manual',
          workflowId: 'wf',
          taskIds: ['t1'],
        },
        at(6),
        { actor: 'ci' },
      ),
    );
    await apply(ledger.event('DeploymentCompleted', { deploymentId: 'd1' }, at(7), { actor: 'ci' }));
  });
  afterAll(() => database.drop());

  it('writes one row per event, newest first, with the workflow of every entity in it', async () => {
    expect(await listed({})).toEqual([
      '10 deployment:d1 wf',
      '9 deployment:d1 wf',
      '8 snapshot:s2 null',
      '7 snapshot:s1 wf',
      '6 decision:dec1 wf',
      '5 decision:dec1 wf',
      '4 task:t1 wf',
      '3 workflow:wf wf',
      '2 task:t1 wf',
      '1 workflow:wf wf',
    ]);
    expect((await list({}, 'position')).map((a) => a.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('records the time, type, actor and a short summary', async () => {
    const [created] = await list({ types: ['TaskCreated'] });
    expect(created).toEqual({
      position: 2,
      eventId: expect.any(String),
      occurredAt: at(1),
      entityKind: 'task',
      entityId: 't1',
      workflowId: 'wf',
      type: 'TaskCreated',
      actorId: 'alice',
      summary: 'Task "Build" created (high)',
    });
    expect((await list({ types: ['SnapshotCaptured'] }))[0]).toMatchObject({ actorId: null });
  });

  it('filters by workflow, entity, type, actor and time', async () => {
    const positions = async (filter: ActivityFilter) => (await list(filter)).map((a) => a.position);
    expect(await positions({ workflowId: 'wf' })).toEqual([10, 9, 7, 6, 5, 4, 3, 2, 1]);
    expect(await positions({ entityKind: 'task', entityId: 't1' })).toEqual([4, 2]);
    expect(await positions({ entityId: 't1' })).toEqual([4, 2]);
    expect(await positions({ entityKind: 'decision' })).toEqual([6, 5]);
    expect(await positions({ types: ['DeploymentRequested', 'DeploymentCompleted'] })).toEqual([10, 9]);
    expect(await positions({ actorId: 'alice' })).toEqual([6, 3, 2, 1]);
    expect(await positions({ from: at(2), to: at(5) })).toEqual([6, 5, 4]);
  });

  it('pages newest first without skipping or repeating while events keep coming', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let minute = 100;
    do {
      const page = (await queries.list({}, { limit: 3, cursor }, {})).result;
      seen.push(...page.items.map((a) => a.position));
      cursor = page.nextCursor ?? undefined;
      // A newer event between pages: it sorts before the cursor, never into a later page.
      await apply(ledger.event('MilestoneRecorded', { taskId: 't1', message: 'more' }, at(minute++)));
    } while (cursor);
    expect(seen).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // The milestones got their task's workflow from the timeline.
    expect((await list({ types: ['MilestoneRecorded'] })).every((a) => a.workflowId === 'wf')).toBe(true);
  });
});
