import { TestDatabase } from '@annals/platform/testing/test-database';
import { CheckpointRepository, ProjectionRunner, TasksProjection } from '@annals/projections';
import {
  eventually,
  seedLedger,
  SequencedLedger,
  startSequencedLedger,
  taskIdOf,
} from '@annals/projections/testing/projection-test-kit';
import { ExitCode } from '../exit-codes';
import { databaseEnv, runCliCaptured } from '../testing/run-cli-captured';

let database: TestDatabase;
let ledger: SequencedLedger;
let runner: ProjectionRunner;
let head: number;

beforeAll(async () => {
  ledger = await startSequencedLedger();
  const { store } = ledger;
  database = ledger.database;
  head = (await seedLedger(store, { workflows: 1, tasksPerWorkflow: 5, milestonesPerTask: 2 })).events;
  runner = new ProjectionRunner(new TasksProjection(), {
    url: database.url,
    store,
    batchSize: 100,
    pollIntervalMs: 20,
  });
  runner.start();
  await eventually(
    async () => (await new CheckpointRepository(database.db).find('tasks'))?.position,
    (position) => position === head,
  );
  // The runner stops: `rebuild` only asks, and nothing moves under `verify --at`.
  await runner.stop();
});

afterAll(async () => {
  await ledger?.close();
});

const annals = (...argv: string[]) =>
  runCliCaptured(['projections', ...argv], { env: databaseEnv(database.url) });

describe('annals projections (PostgreSQL)', () => {
  it('verify exits 0 on a match, at the live position or the one given', async () => {
    const text = await annals('verify', 'tasks');
    expect(text.code).toBe(ExitCode.ok);
    expect(text.out[0]).toBe(`tasks v1 at position ${head}: match`);
    expect(text.out.slice(1)).toEqual([
      '  tasks: match (live 5 rows, rebuilt 5)',
      '  task_dependencies: match (live 4 rows, rebuilt 4)',
    ]);

    const json = await annals('verify', 'tasks', '--at', String(head), '--json');
    expect(json.code).toBe(ExitCode.ok);
    expect(JSON.parse(json.out[0])).toMatchObject({ name: 'tasks', position: head, match: true });
  });

  it('verify exits 1 on a mismatch and prints the differing row', async () => {
    const altered = taskIdOf(0, 3);
    await database.db
      .updateTable('read.tasks')
      .set({ status: 'completed' })
      .where('id', '=', altered)
      .execute();
    try {
      const { code, out } = await annals('verify', 'tasks');
      expect(code).toBe(ExitCode.failure);
      expect(out[0]).toBe(`tasks v1 at position ${head}: MISMATCH`);
      expect(out).toContain(`    key {"id":"${altered}"}`);
      expect(out.find((line) => line.startsWith('      live:'))).toContain('"status":"completed"');
      expect(out.find((line) => line.startsWith('      rebuilt:'))).toContain('"status":"backlog"');
    } finally {
      await database.db
        .updateTable('read.tasks')
        .set({ status: 'backlog' })
        .where('id', '=', altered)
        .execute();
    }
  });

  it('verify --at a position the live tables are not at fails with the reason', async () => {
    const { code, err } = await annals('verify', 'tasks', '--at', String(head - 1));
    expect(code).toBe(ExitCode.failure);
    expect(err.join('\n')).toContain(`are at position ${head}`);
  });

  it('rebuild asks for a rebuild that status then shows', async () => {
    const rebuild = await annals('rebuild', 'tasks', '--json');
    expect(rebuild.code).toBe(ExitCode.ok);
    expect(JSON.parse(rebuild.out[0])).toMatchObject({ name: 'tasks', build: { version: 1, position: 0 } });

    const status = await annals('status', '--json');
    expect(status.code).toBe(ExitCode.ok);
    const tasks = JSON.parse(status.out[0]).items.find((p: { name: string }) => p.name === 'tasks');
    expect(tasks).toMatchObject({
      version: 1,
      position: head,
      lag: 0,
      state: 'stopped',
      build: { version: 1 },
    });
    const text = await annals('status');
    expect(text.out.find((line) => line.startsWith('tasks '))).toMatch(
      /v1 +stopped +position \d+ +lag 0 +build v1 at 0/,
    );
  });

  it('refuses an unknown projection, a missing name and a malformed --at with exit 2', async () => {
    expect((await annals('verify', 'nope')).err[0]).toMatch(/unknown projection 'nope': one of .*tasks/);
    expect((await annals('verify', 'nope')).code).toBe(ExitCode.usage);
    expect((await annals('rebuild')).code).toBe(ExitCode.usage);
    expect((await annals('verify', 'tasks', '--at', 'x')).code).toBe(ExitCode.usage);
    expect((await annals('status', '--at', '3')).code).toBe(ExitCode.usage);
  });
});
