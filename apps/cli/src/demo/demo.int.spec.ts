import { sql } from 'kysely';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { ExitCode } from '../exit-codes';
import { databaseEnv, runCliCaptured } from '../testing/run-cli-captured';
import { runDemoScenario } from './demo-runner';
import { generateDemoScenario } from './demo-scenario';
import { replayScenario } from './testing/replay-scenario';

const NOW = '2026-11-20T12:00:00.000Z';
const SEED = 3;
const DAYS = 30;

describe('annals demo (PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  const demo = (...argv: string[]) => runCliCaptured(['demo', ...argv], { env: databaseEnv(database.url) });

  const count = async (table: 'events' | 'ledger' | 'command_idempotency') =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db)).rows[0]
        .n,
    );

  const storedStreams = async () => {
    const rows = await database.db
      .selectFrom('events')
      .select(['stream_id', 'type', 'occurred_at'])
      .orderBy('stream_id')
      .orderBy('version')
      .execute();
    const streams = new Map<string, string[]>();
    for (const row of rows) streams.set(row.stream_id, [...(streams.get(row.stream_id) ?? []), row.type]);
    return streams;
  };

  it('executes every command of the data set and numbers every event it wrote in the ledger', async () => {
    const scenario = generateDemoScenario({ seed: SEED, scale: 1, days: DAYS, now: new Date(NOW) });
    const expected = await replayScenario(scenario.commands, new Date(NOW));

    const { code, out, err } = await demo(
      '--seed',
      String(SEED),
      '--days',
      String(DAYS),
      '--now',
      NOW,
      '--json',
    );

    // No service runs against this database: the demo's own sequencer leads and numbers the events.
    expect({ code, err }).toEqual({ code: ExitCode.ok, err: ['demo sequencer: leading'] });
    const summary = JSON.parse(out.join('\n'));
    expect(summary).toMatchObject({
      seed: SEED,
      scale: 1,
      days: DAYS,
      now: NOW,
      rerun: false,
      commands: scenario.commands.length,
      written: scenario.commands.length,
      replayed: 0,
      eventsWritten: expected.eventCount,
      ledgerPosition: expected.eventCount,
    });
    expect(summary.counts.tasks).toBe(300);
    expect(await count('events')).toBe(expected.eventCount);
    expect(await count('ledger')).toBe(expected.eventCount);
    expect(await count('command_idempotency')).toBe(scenario.commands.length);
    // The store holds, stream by stream, exactly what the deciders decided in memory.
    const stored = await storedStreams();
    expect(stored.size).toBe(expected.streams.size);
    for (const [streamId, events] of expected.streams) {
      expect({ streamId, types: stored.get(streamId) }).toEqual({
        streamId,
        types: events.map((e) => e.type),
      });
    }
  }, 180_000);

  it('records the demo as its own actor over the cli transport, at the times of the facts', async () => {
    const first = await database.db
      .selectFrom('events')
      .select(['metadata', 'occurred_at'])
      .where('stream_id', '=', `workflow-demo-${SEED}-pay`)
      .orderBy('version')
      .executeTakeFirstOrThrow();
    expect(first.metadata).toMatchObject({
      actor: { id: 'annals-demo' },
      transport: 'cli',
      command: 'StartWorkflow',
      idempotencyKey: expect.stringMatching(new RegExp(`^annals-demo:${SEED}:\\d+$`)),
    });
    expect(first.occurred_at.getTime()).toBeLessThan(Date.parse(NOW) - 20 * 24 * 3600_000);
  });

  it('refuses to run again on a database that holds demo data, exit 1, writing nothing', async () => {
    const before = await count('events');

    const { code, out, err } = await demo('--seed', '99');

    expect(code).toBe(ExitCode.failure);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(`annals demo: the database already holds demo data (seed ${SEED}: `);
    expect(err.join('\n')).toContain("'annals demo --force'");
    expect(await count('events')).toBe(before);
  });

  it('reruns a seed with --force as a no-op: its idempotency keys recognise every command', async () => {
    const before = { events: await count('events'), ledger: await count('ledger') };

    const { code, out } = await demo('--seed', String(SEED), '--force', '--json');

    expect(code).toBe(ExitCode.ok);
    const summary = JSON.parse(out.join('\n'));
    // Without --days and --now, the rerun takes them from the manifest of the first run.
    expect(summary).toMatchObject({ rerun: true, days: DAYS, now: NOW, written: 0, eventsWritten: 0 });
    expect(summary.replayed).toBe(summary.commands);
    expect(summary.ledgerPosition).toBe(before.ledger);
    expect({ events: await count('events'), ledger: await count('ledger') }).toEqual(before);
  }, 180_000);

  it('completes an interrupted data set with --force, writing only the commands that were missing', async () => {
    const scenario = generateDemoScenario({ seed: 4, scale: 1, days: DAYS, now: new Date(NOW) });
    const expected = await replayScenario(scenario.commands, new Date(NOW));
    // An earlier run stopped after 300 commands (the manifest first among them).
    await runDemoScenario(
      { ...scenario, commands: scenario.commands.slice(0, 300) },
      {
        url: database.url,
        db: database.db,
        limits: { maxEventDataBytes: 1024 * 1024, maxEventsPerAppend: 1000 },
        sequencer: { batchSize: 1000, pollIntervalMs: 50 },
        batchSize: 100,
      },
    );
    const before = await count('events');

    const { code, out } = await demo('--seed', '4', '--force', '--json');

    expect(code).toBe(ExitCode.ok);
    const summary = JSON.parse(out.join('\n'));
    expect(summary).toMatchObject({
      rerun: true,
      commands: scenario.commands.length,
      replayed: 300,
      written: scenario.commands.length - 300,
    });
    const stored = await storedStreams();
    for (const [streamId, events] of expected.streams) {
      expect({ streamId, types: stored.get(streamId) }).toEqual({
        streamId,
        types: events.map((e) => e.type),
      });
    }
    const firstPart = await replayScenario(scenario.commands.slice(0, 300), new Date(NOW));
    expect((await count('events')) - before).toBe(expected.eventCount - firstPart.eventCount);
    expect(summary.eventsWritten).toBe(expected.eventCount - firstPart.eventCount);
    expect(await count('ledger')).toBe(await count('events'));
  }, 180_000);

  it('refuses a rerun of a seed with other parameters, which would be another data set under the same ids', async () => {
    const { code, err } = await demo('--seed', String(SEED), '--force', '--scale', '2');

    expect(code).toBe(ExitCode.failure);
    expect(err.join('\n')).toContain(`seed ${SEED} was made with --scale 1;`);
  });

  it('answers a wrong option value with exit 2 and the usage, before opening the database', async () => {
    const { code, err } = await demo('--scale', '0');

    expect(code).toBe(ExitCode.usage);
    expect(err[0]).toBe("annals: --scale expects an integer from 1 to 100, got '0'");
    expect(err.join('\n')).toContain('Usage: annals demo');
  });
});
