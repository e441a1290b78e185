import { join } from 'node:path';
import { AppendSignal, EventStore, LedgerNotifier, Sequencer } from '@annals/event-store';
import { createDatabase, createPool, migrateToLatest } from '@annals/platform';
import { findFreePort } from '@annals/platform/database/port-probe';
import { createScratchDatabase, openBenchServer } from '../support/server';
import { startServiceProcess } from '../support/service';
import { median, perSecond, runWriters } from '../support/measure';

const ROOT = join(__dirname, '..', '..', '..');
const WRITERS = 32;
/** Events one task life writes: TaskCreated + TaskAttached, TaskStarted, 3 milestones, TaskCompleted. */
const EVENTS_PER_TASK = 7;

const option = (args: readonly string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const taskBody = (workflowId: string, id: string) => ({
  id,
  workflowId,
  name: `Task ${id}`,
  goal: 'Make the benchmark realistic',
  priority: 'medium',
  areas: ['src/**'],
  dependsOn: [],
});
const completeBody = {
  result: 'success',
  summary: 'done',
  achievements: ['it works'],
  limitations: [],
  nextSteps: [],
  manualReviewNeeded: false,
  testsStatus: 'passed',
  packagesAdded: [],
  packagesRemoved: [],
  commandsExecuted: ['npm test'],
  files: { added: ['src/a.ts'], modified: ['src/b.ts'], deleted: [] },
};

/**
 * `npm run bench -- commands [--seconds S] [--rounds N]`: REST command throughput with 32 concurrent
 * connections (each a task's life: create, start, three milestones, complete) beside the library's
 * own append rate for the same events, in the same run, alternating.
 */
export async function main(args: readonly string[]): Promise<number> {
  const seconds = option(args, 'seconds', 5);
  const rounds = option(args, 'rounds', 2);
  const server = await openBenchServer(ROOT);
  const rest: number[] = [];
  const library: number[] = [];
  try {
    for (let round = 1; round <= rounds; round += 1) {
      library.push(await measureLibrary(server.adminUrl, seconds));
      console.log(`round ${round}: library ${library.at(-1)!.toFixed(0)} events/s`);
      rest.push(await measureRest(server.adminUrl, seconds));
      console.log(`round ${round}: REST ${rest.at(-1)!.toFixed(0)} events/s`);
    }
  } finally {
    await server.stop();
  }
  const ratio = median(rest) / median(library);
  console.log('\n| scenario (32 concurrent) | events/s (median) |');
  console.log('|---|---:|');
  console.log(`| library appends (EventStore) | ${median(library).toFixed(0)} |`);
  console.log(`| REST commands | ${median(rest).toFixed(0)} |`);
  console.log(`\nREST/library: ${ratio.toFixed(2)}x (target >= 0.40x: ${ratio >= 0.4 ? 'met' : 'missed'})`);
  return 0;
}

/** The same events as the REST mix, appended straight to the store, with the sequencer running. */
async function measureLibrary(adminUrl: string, seconds: number): Promise<number> {
  const scratch = await createScratchDatabase(adminUrl, 'cmdlib');
  const db = createDatabase<any>(createPool({ url: scratch.url, poolSize: 10 }));
  const notifier = new LedgerNotifier(scratch.url);
  const signal = new AppendSignal(scratch.url);
  const sequencer = new Sequencer({ url: scratch.url, batchSize: 2000, pollIntervalMs: 250 });
  try {
    await migrateToLatest(db);
    await notifier.start();
    sequencer.start();
    const store = new EventStore(db, {
      limits: { maxEventDataBytes: 262144, maxEventsPerAppend: 1000 },
      waiter: notifier,
      onCommitted: () => signal.signal(),
    });
    const workflowVersions = new Array<number>(WRITERS).fill(0);
    const at = () => new Date().toISOString();
    const measured = await runWriters(WRITERS, seconds * 1000, async (writer, i) => {
      const workflow = `workflow-w${writer}`;
      const task = `task-w${writer}-${i}`;
      await store.append([
        {
          streamId: task,
          expectedVersion: 'no_stream',
          events: [{ type: 'TaskCreated', data: taskBody(workflow, task) }],
        },
        {
          streamId: workflow,
          expectedVersion: workflowVersions[writer] === 0 ? 'any' : workflowVersions[writer],
          events: [{ type: 'TaskAttached', data: { taskId: task, occurredAt: at() } }],
        },
      ]);
      workflowVersions[writer] += 1;
      let version = 1;
      const step = async (type: string, data: unknown) =>
        store.withPositions(await store.appendToStream(task, version++, [{ type, data }]));
      await step('TaskStarted', { taskId: task });
      for (let m = 0; m < 3; m += 1)
        await step('MilestoneRecorded', { taskId: task, message: `step ${m}`, progress: 30 * m });
      await step('TaskCompleted', {
        taskId: task,
        ...completeBody,
        durationMs: 1000,
        scopeMatch: true,
        unexpectedFiles: [],
      });
      return EVENTS_PER_TASK;
    });
    return perSecond(measured);
  } finally {
    await sequencer.stop();
    await notifier.stop();
    await signal.close();
    await db.destroy();
    await scratch.drop();
  }
}

/** The service in a child process (so the load generator does not share its event loop), driven over HTTP. */
async function measureRest(adminUrl: string, seconds: number): Promise<number> {
  const scratch = await createScratchDatabase(adminUrl, 'cmdrest');
  const port = await findFreePort();
  const service = await startServiceProcess(ROOT, scratch.url, port);
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  try {
    for (let w = 0; w < WRITERS; w += 1) await post('/v1/workflows', { id: `w${w}`, name: `Workflow ${w}` });
    const measured = await runWriters(WRITERS, seconds * 1000, async (writer, i) => {
      const id = `w${writer}-${i}`;
      await post('/v1/tasks', taskBody(`w${writer}`, id));
      await post(`/v1/tasks/${id}/start`, { assignee: { type: 'agent', id: `agent-${writer}` } });
      for (let m = 0; m < 3; m += 1)
        await post(`/v1/tasks/${id}/milestones`, { message: `step ${m}`, progress: 30 * m });
      await post(`/v1/tasks/${id}/complete`, completeBody);
      return EVENTS_PER_TASK;
    });
    return perSecond(measured);
  } finally {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    await scratch.drop();
  }
}
