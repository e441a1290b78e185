import { sql } from 'kysely';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { EventStore } from './event-store';
import { EventStoreDB } from './schema';
import { Sequencer, SequencerOptions } from './sequencer';
import { Verifier } from './verification';
import { VerificationRepository } from './verification.repository';

const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(
  read: () => Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value) || Date.now() > deadline) return value;
    await sleep(25);
  }
}

/** Every event of the store numbered exactly once, 1..n, and the chains intact. */
async function expectGapFreeLedger(database: TestDatabase<EventStoreDB>, expectedEvents: number) {
  const { rows } = await sql<{
    events: string;
    positions: string;
    min: string;
    max: string;
    distinct_events: string;
  }>`
    select (select count(*) from events) as events, count(*) as positions, min(position) as min, max(position) as max,
           count(distinct event_seq) as distinct_events
    from ledger`.execute(database.db);
  expect(rows[0]).toEqual({
    events: String(expectedEvents),
    positions: String(expectedEvents),
    min: expectedEvents ? '1' : null,
    max: expectedEvents ? String(expectedEvents) : null,
    distinct_events: String(expectedEvents),
  });
  const report = await new Verifier(new VerificationRepository(database.db), []).verify();
  expect(report).toMatchObject({ ok: true, eventsChecked: expectedEvents });
}

describe('Sequencer (PostgreSQL)', () => {
  let database: TestDatabase<EventStoreDB>;
  let store: EventStore;
  const running: Sequencer[] = [];
  const sequencer = (overrides: Partial<SequencerOptions> = {}) => {
    const s = new Sequencer({ url: database.url, batchSize: 100, pollIntervalMs: 20, ...overrides });
    running.push(s);
    s.start();
    return s;
  };

  beforeEach(async () => {
    database = await createTestDatabase<EventStoreDB>();
    store = new EventStore(database.db, { limits });
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
    await database.drop();
  });

  it('numbers events 1, 2, 3, ... in commit order across batches', async () => {
    sequencer({ batchSize: 7 });
    for (let i = 0; i < 10; i++)
      await store.appendToStream(
        `ext-s${i % 3}`,
        'any',
        Array.from({ length: 5 }, () => ({ type: 'E', data: { i } })),
      );
    await eventually(
      () => store.ledgerHead(),
      (h) => h === 50,
    );
    await expectGapFreeLedger(database, 50);
  });

  it('keeps later commits out of the ledger while a transaction with a lower id is open, then numbers all without gap', async () => {
    sequencer();
    await store.withPositions(
      await store.appendToStream('ext-before', 'no_stream', [{ type: 'Before', data: {} }]),
    );

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let slowAppended!: () => void;
    const slowHasAppended = new Promise<void>((r) => (slowAppended = r));
    const slow = store.transaction(async (tx) => {
      await tx.appendToStream('ext-slow', 'no_stream', [{ type: 'Slow', data: {} }]);
      slowAppended();
      await gate;
    });
    await slowHasAppended;
    const fast = await store.appendToStream('ext-fast', 'no_stream', [
      { type: 'Fast', data: {} },
      { type: 'Fast', data: {} },
    ]);

    await sleep(300); // many sequencer polls
    expect(await store.ledgerHead()).toBe(1);
    expect((await store.readLedger({ after: 0 })).items.map((e) => e.type)).toEqual(['Before']);

    release();
    await slow;
    const positioned = await store.withPositions(fast);
    expect(positioned.events.map((e) => e.position)).toEqual([3, 4]);
    expect((await store.readLedger({ after: 0 })).items.map((e) => e.type)).toEqual([
      'Before',
      'Slow',
      'Fast',
      'Fast',
    ]);
    await expectGapFreeLedger(database, 4);
  });

  it('is not held back by a transaction open in another database of the same server', async () => {
    sequencer();
    const other = await createTestDatabase({ migrate: false });
    const elsewhere = new Client({ connectionString: other.url });
    await elsewhere.connect();
    try {
      // An xid assigned and kept: the oldest open transaction of the whole server.
      await elsewhere.query('begin');
      await elsewhere.query('select pg_current_xact_id()');
      const appended = await store.appendToStream('ext-here', 'no_stream', [{ type: 'Here', data: {} }]);
      const positioned = await store.withPositions(appended, 5_000);
      expect(positioned.events.map((e) => e.position)).toEqual([1]);
    } finally {
      await elsewhere.query('rollback').catch(() => undefined);
      await elsewhere.end();
      await other.drop();
    }
    await expectGapFreeLedger(database, 1);
  });

  it('neither skips nor repeats a position when killed mid-batch and restarted', async () => {
    for (let i = 0; i < 5; i++)
      await store.appendToStream(
        `ext-k${i}`,
        'no_stream',
        Array.from({ length: 10 }, () => ({ type: 'E', data: {} })),
      );
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table ledger in exclusive mode');

    const victim = sequencer({ batchSize: 30 });
    // The victim has computed its batch and waits on the lock to insert it.
    const waiting = await eventually(
      // Read outside the blocker's transaction: pg_stat_activity is a snapshot fixed for a whole transaction.
      async () =>
        (
          await sql<{ pid: number }>`select pid from pg_stat_activity
            where application_name = 'annals-sequencer' and datname = current_database() and wait_event_type = 'Lock'`.execute(
            database.db,
          )
        ).rows,
      (rows) => rows.length === 1,
    );
    expect(waiting).toHaveLength(1);
    await blocker.query('select pg_terminate_backend($1)', [waiting[0].pid]);
    // The killed batch left nothing behind (read inside the lock holder's own transaction).
    expect((await blocker.query('select count(*)::int as n from ledger')).rows[0].n).toBe(0);
    await blocker.query('commit');
    await blocker.end();
    // The victim reconnects by itself: that is the restart.
    await eventually(
      () => store.ledgerHead(),
      (h) => h === 50,
    );
    expect(victim.status().lastError).toMatch(/terminat/);
    await expectGapFreeLedger(database, 50);
  });

  it('has one leader among two, and the other takes over when the leader dies', async () => {
    const a = sequencer({ name: 'a' });
    const b = sequencer({ name: 'b' });
    await eventually(
      async () => [a.status().leader, b.status().leader],
      (l) => l.includes(true),
    );
    await sleep(200);
    expect([a.status().leader, b.status().leader].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.status().leader ? [a, b] : [b, a];

    await store.withPositions(await store.appendToStream('ext-f', 'no_stream', [{ type: 'E', data: {} }]));
    await leader.stop();
    expect(await follower.waitUntilLeader(5000)).toBe(true);
    const after = await store.withPositions(
      await store.appendToStream('ext-f', 1, [{ type: 'E', data: {} }]),
    );
    expect(after.events[0].position).toBe(2);
    await expectGapFreeLedger(database, 2);
  });

  it('takes over when the leader session is killed without a clean stop', async () => {
    const a = sequencer({ name: 'a' });
    await a.waitUntilLeader();
    const b = sequencer({ name: 'b' });
    await sleep(100);
    expect(b.status().leader).toBe(false);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'annals-sequencer' and datname = current_database()
                and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`.execute(
      database.db,
    );
    await store.withPositions(
      await store.appendToStream('ext-g', 'no_stream', [{ type: 'E', data: {} }]),
      5000,
    );
    expect([a.status().leader, b.status().leader].filter(Boolean)).toHaveLength(1);
    await expectGapFreeLedger(database, 1);
  });
});
