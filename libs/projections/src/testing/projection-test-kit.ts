import { Kysely, sql } from 'kysely';
import { EventStore, Sequencer } from '@annals/event-store';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { ReadDB } from '../schema';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh database whose ledger numbers what is appended: an event store and a running sequencer. */
export interface SequencedLedger {
  readonly database: TestDatabase<ReadDB>;
  readonly store: EventStore;
  /** Stops the sequencer, then drops the database (stop the runners that read it first). */
  close(): Promise<void>;
}

export async function startSequencedLedger(): Promise<SequencedLedger> {
  const database = await createTestDatabase<ReadDB>();
  const store = new EventStore(database.db as never, {
    limits: { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 },
  });
  const sequencer = new Sequencer({ url: database.url, batchSize: 1000, pollIntervalMs: 20 });
  sequencer.start();
  return {
    database,
    store,
    close: async () => {
      await sequencer.stop();
      await database.drop();
    },
  };
}

/** Reads until `until` holds or the time is up; returns the last value read (the test asserts on it). */
export async function eventually<T>(
  read: () => Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value) || Date.now() > deadline) return value;
    await sleep(20);
  }
}

/**
 * The sessions of `projection`'s runners that wait on a lock: a test that holds a table lock sees
 * a batch stopped midway, after its checkpoint moved and before its rows are written.
 */
export async function runnersWaitingOnLock(db: Kysely<any>, projection: string): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where application_name = ${`annals-projection:${projection}`} and datname = current_database()
      and wait_event_type = 'Lock'`.execute(db);
  return rows.map((row) => row.pid);
}

/** The same projection under another version number (what a code change that raises it does). */
export const withVersion = (projection: Projection, version: number): Projection => ({
  name: projection.name,
  version,
  handles: projection.handles,
  tables: projection.tables,
  apply: (trx, events) => projection.apply(trx, events),
  reset: (trx) => projection.reset(trx),
});

/** A projection that records the positions of the events it is given. */
export function recording(projection: Projection): { projection: Projection; applied: number[] } {
  const applied: number[] = [];
  return {
    applied,
    projection: {
      ...withVersion(projection, projection.version),
      apply: (trx, events: readonly EnvelopeWithUpcastData[]) => {
        applied.push(...events.map((e) => e.position));
        return projection.apply(trx, events);
      },
    },
  };
}

export interface SeededLedger {
  readonly workflows: number;
  readonly tasksPerWorkflow: number;
  readonly milestonesPerTask: number;
  /** Events appended: the ledger head once sequenced. */
  readonly events: number;
}

export const at = new Date('2026-01-01T00:00:00Z').toISOString();
export const workflowIdOf = (w: number) => `wf${w}`;
export const taskIdOf = (w: number, t: number) => `wf${w}-t${t}`;

/**
 * Workflows, each with tasks that depend on the previous one, each task with milestones: rows in
 * every table of the workflows and tasks projections.
 */
export async function seedLedger(
  store: EventStore,
  { workflows, tasksPerWorkflow, milestonesPerTask }: Omit<SeededLedger, 'events'>,
): Promise<SeededLedger> {
  let events = 0;
  for (let w = 0; w < workflows; w++) {
    const workflowId = workflowIdOf(w);
    const edges = Array.from({ length: tasksPerWorkflow - 1 }, (_, t) => ({
      type: 'DependencyAdded',
      occurredAt: at,
      data: { workflowId, taskId: taskIdOf(w, t + 1), dependsOnTaskId: taskIdOf(w, t) },
    }));
    await store.appendToStream(`workflow-${workflowId}`, 'no_stream', [
      { type: 'WorkflowStarted', occurredAt: at, data: { workflowId, name: workflowId } },
      ...edges,
    ]);
    events += 1 + edges.length;
    for (let t = 0; t < tasksPerWorkflow; t++) {
      const taskId = taskIdOf(w, t);
      await store.appendToStream(`task-${taskId}`, 'no_stream', [
        {
          type: 'TaskCreated',
          occurredAt: at,
          data: { taskId, workflowId, name: taskId, goal: 'g', priority: 'low', areas: [] },
        },
        ...Array.from({ length: milestonesPerTask }, (_, m) => ({
          type: 'MilestoneRecorded',
          occurredAt: at,
          data: { taskId, message: `m${m}` },
        })),
      ]);
      events += 1 + milestonesPerTask;
    }
  }
  return { workflows, tasksPerWorkflow, milestonesPerTask, events };
}
