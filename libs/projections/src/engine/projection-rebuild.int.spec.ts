import { sql } from 'kysely';
import { Client } from 'pg';
import { EventStore } from '@annals/event-store';
import { TestDatabase } from '@annals/platform/testing/test-database';
import { ReadDB } from '../schema';
import { TaskQueries } from '../tasks/task-queries';
import { TaskQueriesRepository } from '../tasks/task-queries.repository';
import { TasksProjection } from '../tasks/tasks.projection';
import {
  at,
  eventually,
  recording,
  runnersWaitingOnLock,
  seedLedger,
  SeededLedger,
  SequencedLedger,
  startSequencedLedger,
  taskIdOf,
  withVersion,
  workflowIdOf,
} from '../testing/projection-test-kit';
import { WorkflowQueries } from '../workflows/workflow-queries';
import { WorkflowQueriesRepository } from '../workflows/workflow-queries.repository';
import { WorkflowsProjection } from '../workflows/workflows.projection';
import { CheckpointRepository } from './checkpoint.repository';
import { Projection } from './projection';
import { buildSchemaOf, ProjectionBuildsRepository } from './projection-builds.repository';
import { ProjectionRunner } from './projection-runner';
import { ReadConsistency } from './read-consistency';
import { ReplayVerifier } from './replay-verifier';

describe('ProjectionRunner rebuilds (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let store: EventStore;
  let ledger: SequencedLedger;
  let seeded: SeededLedger;
  const running: ProjectionRunner[] = [];

  const start = (projection: Projection, batchSize = 10) => {
    const runner = new ProjectionRunner(projection, {
      url: database.url,
      store,
      batchSize,
      pollIntervalMs: 20,
    });
    running.push(runner);
    runner.start();
    return runner;
  };
  const stop = async (runner: ProjectionRunner) => {
    await runner.stop();
    running.splice(running.indexOf(runner), 1);
  };
  const checkpoint = async (name = 'tasks') => (await new CheckpointRepository(database.db).find(name))!;
  const build = () => new ProjectionBuildsRepository(database.db).find('tasks');
  const caughtUp = async (name: string, version: number) => {
    const [reached, head] = await eventually(
      async () => [await checkpoint(name), await store.ledgerHead()] as const,
      ([c, head]) => c?.version === version && c.position === head,
    );
    expect(reached).toMatchObject({ version, position: head });
  };
  const milestones = async () =>
    (await database.db.selectFrom('read.tasks').select(['id', 'milestones']).orderBy('id').execute()).map(
      (r) => [r.id, r.milestones],
    );
  const expectedMilestones = () =>
    Array.from({ length: seeded.workflows }, (_, w) =>
      Array.from({ length: seeded.tasksPerWorkflow }, (_, t) => [taskIdOf(w, t), seeded.milestonesPerTask]),
    )
      .flat()
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
  const indexNames = async (table: string) =>
    (
      await sql<{
        name: string;
      }>`select indexname as name from pg_indexes where schemaname = 'read' and tablename = ${table} order by 1`.execute(
        database.db,
      )
    ).rows.map((r) => r.name);
  const buildSchemaExists = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from pg_namespace where nspname = ${buildSchemaOf('tasks')}`.execute(
        database.db,
      )
    ).rows[0].n === 1;
  const verify = (projection: Projection = new TasksProjection()) =>
    new ReplayVerifier(database.db, store, [projection]).verify('tasks');

  beforeEach(async () => {
    ledger = await startSequencedLedger();
    ({ database, store } = ledger);
    seeded = await seedLedger(store, { workflows: 4, tasksPerWorkflow: 25, milestonesPerTask: 6 });
    await eventually(
      () => store.ledgerHead(),
      (head) => head === seeded.events,
    );
    // Version 1 live and caught up, as a deployed service has it.
    const tasks = start(new TasksProjection(), 500);
    const workflows = start(new WorkflowsProjection(), 500);
    await caughtUp('tasks', 1);
    await caughtUp('workflows', 1);
    await stop(tasks);
    await stop(workflows);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await ledger.close();
  });

  it('builds a raised version beside the live tables while every query answers in full, then swaps it in', async () => {
    const consistency = new ReadConsistency(new CheckpointRepository(database.db));
    const tasks = new TaskQueries(new TaskQueriesRepository(database.db), consistency, 1000);
    const workflows = new WorkflowQueries(new WorkflowQueriesRepository(database.db), consistency, 1000);
    const taskCount = seeded.workflows * seeded.tasksPerWorkflow;
    const indexesBefore = [await indexNames('tasks'), await indexNames('task_dependencies')];
    const answers: { during: boolean; complete: boolean }[] = [];
    let querying = true;
    let runner: ProjectionRunner | undefined;
    const queryLoop = (async () => {
      while (querying) {
        const during = runner?.status().buildPosition != null;
        const list = (await tasks.list({}, { limit: 500 }, {})).result.items;
        const detail = (await tasks.get(taskIdOf(1, 3), {})).result;
        const flows = (await workflows.list({}, { limit: 500 }, {})).result.items;
        const flow = (await workflows.get(workflowIdOf(2), {})).result;
        answers.push({
          during,
          complete:
            list.length === taskCount &&
            detail?.dependsOn.length === 1 &&
            detail.dependents.length === 1 &&
            flows.length === seeded.workflows &&
            flow?.taskCounts.total === seeded.tasksPerWorkflow,
        });
      }
    })();

    try {
      start(new WorkflowsProjection());
      runner = start(withVersion(new TasksProjection(), 2), 5);
      // The live tables keep following the ledger during the build.
      await eventually(build, (b) => (b?.position ?? 0) > 0);
      await store.appendToStream(`task-${taskIdOf(0, 0)}`, 'any', [
        {
          type: 'MilestoneRecorded',
          occurredAt: at,
          data: { taskId: taskIdOf(0, 0), message: 'during the build' },
        },
      ]);
      await caughtUp('tasks', 2);
    } finally {
      querying = false;
      await queryLoop;
    }

    expect(answers.filter((a) => a.during).length).toBeGreaterThan(0);
    expect(answers.filter((a) => !a.complete)).toEqual([]);
    expect(await build()).toBeUndefined();
    expect(await buildSchemaExists()).toBe(false);
    expect([await indexNames('tasks'), await indexNames('task_dependencies')]).toEqual(indexesBefore);
    expect((await milestones())[0]).toEqual([taskIdOf(0, 0), seeded.milestonesPerTask + 1]);
    // The swapped-in rows are those of a fresh build.
    expect((await verify(withVersion(new TasksProjection(), 2))).match).toBe(true);
  });

  it('resumes a rebuild from its own checkpoint after the runner stops mid-build', async () => {
    await new ProjectionBuildsRepository(database.db).request('tasks', 1);
    const first = start(new TasksProjection(), 5);
    const stoppedAt = await eventually(build, (b) => (b?.position ?? 0) >= 100);
    await stop(first);
    const { position } = (await build())!;
    expect(position).toBeGreaterThanOrEqual(stoppedAt!.position!);
    expect(position).toBeLessThan(seeded.events);

    const resumed = recording(new TasksProjection());
    start(resumed.projection, 5);
    await eventually(build, (b) => b === undefined);
    await caughtUp('tasks', 1);
    // Only what the build had not reached yet was projected again.
    expect(Math.min(...resumed.applied)).toBeGreaterThan(position!);
    expect(await milestones()).toEqual(expectedMilestones());
    expect((await verify()).match).toBe(true);
  });

  it('neither loses nor doubles a row when killed in the middle of a build batch', async () => {
    await new ProjectionBuildsRepository(database.db).request('tasks', 1);
    const first = start(new TasksProjection(), 5);
    await eventually(build, (b) => (b?.position ?? 0) >= 50);
    await stop(first);
    const before = (await build())!.position;

    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query(`lock table ${buildSchemaOf('tasks')}.tasks in exclusive mode`);
    const victim = start(new TasksProjection(), 5);
    // The victim has moved the build's checkpoint in its batch transaction and waits to write rows.
    // Not on the blocker's session: inside its transaction, pg_stat_activity would stay as first read.
    const waiting = await eventually(
      () => runnersWaitingOnLock(database.db, 'tasks'),
      (pids) => pids.length === 1,
    );
    expect(waiting).toHaveLength(1);
    await blocker.query('select pg_terminate_backend($1)', [waiting[0]]);
    // The killed batch left nothing: the build's checkpoint is where it was.
    expect((await blocker.query(`select position from read.projection_builds`)).rows).toEqual([
      { position: String(before) },
    ]);
    await blocker.query('commit');
    await blocker.end();

    await eventually(build, (b) => b === undefined);
    await caughtUp('tasks', 1);
    expect(victim.status().lastError).toMatch(/terminat/);
    expect(await milestones()).toEqual(expectedMilestones());
    expect((await verify()).match).toBe(true);
  });
});
