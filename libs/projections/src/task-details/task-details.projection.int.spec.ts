import { EventStore, Sequencer } from '@annals/event-store';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { CheckpointRepository } from '../engine/checkpoint.repository';
import { ProjectionRunner } from '../engine/projection-runner';
import { ReadDB } from '../schema';
import { TaskDetailsProjection } from './task-details.projection';

const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minute = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value) || Date.now() > deadline) return value;
    await sleep(25);
  }
}

const outcome = {
  summary: 's',
  achievements: ['a'],
  limitations: ['l'],
  nextSteps: [],
  manualReviewNeeded: true,
  manualReviewReason: 'auth',
  testsStatus: 'passed',
  packagesAdded: ['zod'],
  packagesRemoved: [],
  commandsExecuted: ['npm test'],
};

/** t1 goes through every status; t2 keeps a question open into a later batch. */
const SCENARIO: [string, string, number, Record<string, unknown>][] = [
  ['t1', 'TaskCreated', 0, { workflowId: 'wf', name: 't1', goal: 'g', priority: 'low', areas: ['src'] }],
  ['t2', 'TaskCreated', 0, { workflowId: 'wf', name: 't2', goal: 'g', priority: 'low', areas: [] }],
  ['t1', 'TaskStarted', 1, { assignee: { type: 'agent', id: 'a' } }],
  ['t1', 'MilestoneRecorded', 2, { message: 'half', progress: 50, metadata: { k: 'v' } }],
  ['t1', 'IssueLogged', 3, { issueId: 'i1', type: 'bug', description: 'd', requiresHumanReview: true }],
  ['t1', 'QuestionAsked', 4, { questionId: 'q1', question: 'which?', context: 'c' }],
  ['t2', 'TaskStarted', 4, {}],
  ['t2', 'QuestionAsked', 5, { questionId: 'q9', question: 'who?' }],
  ['t1', 'QuestionAnswered', 6, { questionId: 'q1', answer: 'this' }],
  ['t1', 'TaskBlocked', 7, { reason: 'ci' }],
  ['t1', 'TaskUnblocked', 9, {}],
  [
    't1',
    'TaskFailed',
    10,
    {
      reason: 'red',
      durationMs: 540_000,
      files: { added: ['src/old.ts'], modified: [], deleted: [] },
      scopeMatch: true,
      unexpectedFiles: [],
    },
  ],
  ['t1', 'TaskRetried', 11, { attempt: 2 }],
  [
    't1',
    'TaskCompleted',
    15,
    {
      ...outcome,
      result: 'success',
      durationMs: 840_000,
      files: { added: ['src/new.ts'], modified: ['README.md'], deleted: [] },
      scopeMatch: false,
      unexpectedFiles: ['README.md'],
    },
  ],
  ['t2', 'QuestionAnswered', 20, { questionId: 'q9', answer: 'me' }],
];

describe('the task-details projection (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let store: EventStore;
  let sequencer: Sequencer;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    database = await createTestDatabase<ReadDB>();
    store = new EventStore(database.db as never, { limits });
    sequencer = new Sequencer({ url: database.url, batchSize: 1000, pollIntervalMs: 20 });
    sequencer.start();
    const versions = new Map<string, number>();
    // One append per event, so that the ledger interleaves the two streams as listed.
    for (const [taskId, type, m, data] of SCENARIO) {
      const version = versions.get(taskId) ?? 0;
      await store.appendToStream(`task-${taskId}`, version === 0 ? 'no_stream' : version, [
        { type, occurredAt: minute(m).toISOString(), data: { taskId, ...data } },
      ]);
      versions.set(taskId, version + 1);
    }
    await eventually(
      () => store.ledgerHead(),
      (head) => head === SCENARIO.length,
    );
  });

  afterEach(async () => {
    await runner?.stop();
    await sequencer.stop();
    await database.drop();
  });

  async function project(batchSize: number): Promise<void> {
    runner = new ProjectionRunner(new TaskDetailsProjection(), {
      url: database.url,
      store,
      batchSize,
      pollIntervalMs: 20,
      log: () => undefined,
    });
    runner.start();
    const checkpoint = async () =>
      (await new CheckpointRepository(database.db).find('task-details'))?.position;
    expect(await eventually(checkpoint, (p) => p === SCENARIO.length)).toBe(SCENARIO.length);
  }

  async function expectRows(): Promise<void> {
    const db = database.db;
    const intervals = await db
      .selectFrom('read.task_status_intervals')
      .select(['task_id', 'seq', 'status', 'started_at', 'ended_at', 'position'])
      .orderBy('task_id')
      .orderBy('seq')
      .execute();
    const span = (
      task: string,
      seq: number,
      status: string,
      from: number,
      to: number | null,
      position: number,
    ) => ({
      task_id: task,
      seq,
      status,
      started_at: minute(from),
      ended_at: to === null ? null : minute(to),
      position: String(position),
    });
    // Positions follow SCENARIO's order (1-based); a closed interval's position is the event that closed it.
    expect(intervals).toEqual([
      span('t1', 1, 'backlog', 0, 1, 3),
      span('t1', 2, 'in_progress', 1, 4, 6),
      span('t1', 3, 'needs_input', 4, 6, 9),
      span('t1', 4, 'in_progress', 6, 7, 10),
      span('t1', 5, 'blocked', 7, 9, 11),
      span('t1', 6, 'in_progress', 9, 10, 12),
      span('t1', 7, 'failed', 10, 11, 13),
      span('t1', 8, 'in_progress', 11, 15, 14),
      span('t1', 9, 'completed', 15, null, 14),
      span('t2', 1, 'backlog', 0, 4, 7),
      span('t2', 2, 'in_progress', 4, 5, 8),
      span('t2', 3, 'needs_input', 5, 20, 15),
      span('t2', 4, 'in_progress', 20, null, 15),
    ]);
    expect(await db.selectFrom('read.task_milestones').selectAll().execute()).toEqual([
      {
        task_id: 't1',
        position: '4',
        message: 'half',
        progress: 50,
        metadata: { k: 'v' },
        recorded_at: minute(2),
      },
    ]);
    expect(await db.selectFrom('read.task_issues').selectAll().execute()).toEqual([
      {
        task_id: 't1',
        issue_id: 'i1',
        type: 'bug',
        description: 'd',
        resolution: null,
        requires_human_review: true,
        logged_at: minute(3),
        position: '5',
      },
    ]);
    expect(await db.selectFrom('read.task_questions').selectAll().orderBy('task_id').execute()).toEqual([
      {
        task_id: 't1',
        question_id: 'q1',
        question: 'which?',
        context: 'c',
        asked_at: minute(4),
        answer: 'this',
        answered_at: minute(6),
        position: '9',
      },
      {
        task_id: 't2',
        question_id: 'q9',
        question: 'who?',
        context: null,
        asked_at: minute(5),
        answer: 'me',
        answered_at: minute(20),
        position: '15',
      },
    ]);
    expect(await db.selectFrom('read.task_outcomes').selectAll().execute()).toEqual([
      {
        task_id: 't1',
        kind: 'completed',
        achievements: ['a'],
        limitations: ['l'],
        next_steps: [],
        manual_review_reason: 'auth',
        packages_added: ['zod'],
        packages_removed: [],
        commands_executed: ['npm test'],
        snapshot_id: null,
        duration_ms: '840000',
        occurred_at: minute(15),
        position: '14',
      },
    ]);
    // The failed attempt's file is replaced by the completed attempt's files.
    expect(await db.selectFrom('read.task_files').selectAll().orderBy('path').execute()).toEqual([
      { task_id: 't1', path: 'README.md', change: 'modified', in_scope: false, position: '14' },
      { task_id: 't1', path: 'src/new.ts', change: 'added', in_scope: true, position: '14' },
    ]);
  }

  it('folds the scenario into rows, in batches of 3 (a fold crosses batch boundaries)', async () => {
    await project(3);
    await expectRows();
  });

  it('folds the same rows from one batch', async () => {
    await project(1000);
    await expectRows();
  });
});
