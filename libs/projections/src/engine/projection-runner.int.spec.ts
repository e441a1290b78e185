import { Client } from 'pg';
import { EventStore } from '@annals/event-store';
import { TestDatabase } from '@annals/platform/testing/test-database';
import { ReadDB } from '../schema';
import { TasksProjection } from '../tasks/tasks.projection';
import { CheckpointRepository } from './checkpoint.repository';
import {
  at,
  eventually,
  runnersWaitingOnLock,
  SequencedLedger,
  sleep,
  startSequencedLedger,
} from '../testing/projection-test-kit';
import { ProjectionRunner } from './projection-runner';

const TASKS = 4;
const MILESTONES_PER_TASK = 12;

describe('ProjectionRunner (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let store: EventStore;
  let ledger: SequencedLedger;
  const running: ProjectionRunner[] = [];
  const runner = (name: string, batchSize = 10) => {
    const r = new ProjectionRunner(new TasksProjection(), {
      url: database.url,
      store,
      batchSize,
      pollIntervalMs: 20,
      log: () => name,
    });
    running.push(r);
    r.start();
    return r;
  };
  const checkpoint = async () => (await new CheckpointRepository(database.db).find('tasks'))?.position ?? 0;
  const milestones = async () =>
    (await database.db.selectFrom('read.tasks').select(['id', 'milestones']).orderBy('id').execute()).map(
      (r) => [r.id, r.milestones],
    );
  const expected = Array.from({ length: TASKS }, (_, i) => [`t${i}`, MILESTONES_PER_TASK]);

  beforeEach(async () => {
    ledger = await startSequencedLedger();
    ({ database, store } = ledger);
    for (let i = 0; i < TASKS; i++) {
      const taskId = `t${i}`;
      await store.appendToStream(`task-${taskId}`, 'no_stream', [
        {
          type: 'TaskCreated',
          occurredAt: at,
          data: { taskId, workflowId: 'wf', name: taskId, goal: 'g', priority: 'low', areas: [] },
        },
        ...Array.from({ length: MILESTONES_PER_TASK }, (_, m) => ({
          type: 'MilestoneRecorded',
          occurredAt: at,
          data: { taskId, message: `m${m}` },
        })),
      ]);
    }
    await eventually(
      () => store.ledgerHead(),
      (head) => head === TASKS * (MILESTONES_PER_TASK + 1),
    );
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await ledger.close();
  });

  it('projects the ledger in batches and moves its checkpoint to the head', async () => {
    const r = runner('a');
    const head = await store.ledgerHead();
    expect(await eventually(checkpoint, (p) => p === head)).toBe(head);
    expect(await milestones()).toEqual(expected);
    expect(r.status().batches).toBe(Math.ceil(head / 10));
  });

  it('neither loses nor doubles a row when killed mid-batch and restarted', async () => {
    // A checkpoint of the current version: the runner goes straight to its first batch.
    await new CheckpointRepository(database.db).restart('tasks', 1);
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table read.tasks in exclusive mode');

    const victim = runner('victim');
    // The victim has moved its checkpoint in its batch transaction and waits on the lock to write rows.
    const waiting = await eventually(
      () => runnersWaitingOnLock(database.db, 'tasks'),
      (pids) => pids.length === 1,
    );
    expect(waiting).toHaveLength(1);
    await blocker.query('select pg_terminate_backend($1)', [waiting[0]]);
    // The killed batch left nothing: neither rows nor a moved checkpoint.
    expect((await blocker.query('select count(*)::int as n from read.tasks')).rows[0].n).toBe(0);
    expect((await blocker.query(`select position from read.projection_checkpoints`)).rows).toEqual([
      { position: '0' },
    ]);
    await blocker.query('commit');
    await blocker.end();

    const head = await store.ledgerHead();
    await eventually(checkpoint, (p) => p === head);
    expect(victim.status().lastError).toMatch(/terminat/);
    expect(await milestones()).toEqual(expected);
  });

  it('has one active runner among two, and the other takes over when it stops', async () => {
    const a = runner('a');
    const b = runner('b');
    await eventually(
      async () => [a.status().leader, b.status().leader],
      (l) => l.includes(true),
    );
    await sleep(200);
    expect([a.status().leader, b.status().leader].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.status().leader ? [a, b] : [b, a];
    const head = await store.ledgerHead();
    await eventually(checkpoint, (p) => p === head);

    await leader.stop();
    expect(await standby.waitUntilLeader(5000)).toBe(true);
    await store.appendToStream('task-t0', 1 + MILESTONES_PER_TASK, [
      { type: 'MilestoneRecorded', occurredAt: at, data: { taskId: 't0', message: 'after failover' } },
    ]);
    await eventually(checkpoint, (p) => p === head + 1);
    expect((await milestones())[0]).toEqual(['t0', MILESTONES_PER_TASK + 1]);
  });

  it('rebuilds from the start when its version changes', async () => {
    const head = await store.ledgerHead();
    await new CheckpointRepository(database.db).restart('tasks', 99);
    await database.db.updateTable('read.projection_checkpoints').set({ position: head }).execute();
    runner('a');
    await eventually(
      async () => (await new CheckpointRepository(database.db).find('tasks'))?.version,
      (v) => v === 1,
    );
    await eventually(checkpoint, (p) => p === head);
    expect(await milestones()).toEqual(expected);
  });
});
