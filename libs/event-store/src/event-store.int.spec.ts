import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { EventStore } from './event-store';
import { InvalidAppendError, PartialDuplicateError, WrongExpectedVersionError } from './errors';
import { EventStoreDB } from './schema';
import { Sequencer } from './sequencer';

const limits = { maxEventDataBytes: 1024, maxEventsPerAppend: 10 };

describe('EventStore (PostgreSQL)', () => {
  let database: TestDatabase<EventStoreDB>;
  let store: EventStore;
  let sequencer: Sequencer;

  beforeAll(async () => {
    database = await createTestDatabase<EventStoreDB>();
    store = new EventStore(database.db, { limits });
    sequencer = new Sequencer({ url: database.url, batchSize: 500, pollIntervalMs: 20 });
    sequencer.start();
  });

  afterAll(async () => {
    await sequencer.stop();
    await database.drop();
  });

  const event = (type = 'ThingHappened', data: unknown = { n: 1 }) => ({ type, data });

  it('appends to a new stream and reads it back with versions, envelope fields and hash', async () => {
    const result = await store.appendToStream(
      'ext-a1',
      'no_stream',
      [event('A', { x: 1 }), event('B', { x: 2 })],
      {
        metadata: { actor: { id: 'k1', role: 'publisher' } },
      },
    );
    expect(result.streams).toEqual([{ streamId: 'ext-a1', version: 2 }]);
    const withPositions = await store.withPositions(result);
    expect(withPositions.events.every((e) => e.position !== null)).toBe(true);

    const events = await store.readStream('ext-a1');
    expect(events.map((e) => [e.version, e.type, e.data])).toEqual([
      [1, 'A', { x: 1 }],
      [2, 'B', { x: 2 }],
    ]);
    expect(events[0]).toMatchObject({
      streamId: 'ext-a1',
      streamType: 'ext',
      schemaVersion: 1,
      metadata: { actor: { id: 'k1', role: 'publisher' } },
      position: withPositions.events[0].position,
    });
    expect(events[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.readStream('ext-a1', { fromVersion: 2 })).toHaveLength(1);
  });

  it('refuses a stale expected version with both versions and writes nothing', async () => {
    await store.appendToStream('ext-c1', 'no_stream', [event()]);
    const attempt = store.appendToStream('ext-c1', 0, [event()]);
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(attempt).rejects.toMatchObject({ streamId: 'ext-c1', expected: 0, actual: 1 });
    await expect(store.appendToStream('ext-c1', 'no_stream', [event()])).rejects.toMatchObject({
      expected: 'no_stream',
      actual: 1,
    });
    await expect(store.appendToStream('ext-c-none', 'stream_exists', [event()])).rejects.toMatchObject({
      actual: 0,
    });
    expect(await store.streamVersion('ext-c1')).toBe(1);
    expect(await store.streamVersion('ext-c-none')).toBe(0);
  });

  it('appends to several streams atomically: one stale expectation writes nothing anywhere', async () => {
    await store.appendToStream('ext-m1', 'no_stream', [event()]);
    await expect(
      store.append([
        { streamId: 'ext-m2', expectedVersion: 'no_stream', events: [event()] },
        { streamId: 'ext-m1', expectedVersion: 0, events: [event()] },
      ]),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.streamVersion('ext-m2')).toBe(0);
    const ok = await store.append([
      { streamId: 'ext-m2', expectedVersion: 'no_stream', events: [event(), event()] },
      { streamId: 'ext-m1', expectedVersion: 1, events: [event()] },
    ]);
    expect(ok.streams).toEqual([
      { streamId: 'ext-m2', version: 2 },
      { streamId: 'ext-m1', version: 2 },
    ]);
    expect(ok.events.map((e) => [e.streamId, e.version])).toEqual([
      ['ext-m2', 1],
      ['ext-m2', 2],
      ['ext-m1', 2],
    ]);
  });

  it('returns the original result for a retried append, with the same positions, and writes nothing', async () => {
    const first = await store.withPositions(
      await store.appendToStream('ext-i1', 'no_stream', [event(), event()], { idempotencyKey: 'key-1' }),
    );
    const headBefore = await store.ledgerHead();
    const retry = await store.withPositions(
      await store.appendToStream('ext-i1', 'no_stream', [event(), event()], { idempotencyKey: 'key-1' }),
    );
    expect(retry.duplicate).toBe(true);
    expect(retry.events).toEqual(first.events);
    expect(await store.streamVersion('ext-i1')).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(await store.ledgerHead()).toBe(headBefore);
  });

  it('recognises concurrent retries of one append: exactly one write, all get the same result', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        store.appendToStream('ext-i2', 'no_stream', [event()], { idempotencyKey: 'race' }),
      ),
    );
    expect(new Set(attempts.map((a) => a.events[0].eventId)).size).toBe(1);
    expect(attempts.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await store.streamVersion('ext-i2')).toBe(1);
  });

  it('refuses a batch of which only some events are stored, whole', async () => {
    const first = await store.appendToStream('ext-p1', 'any', [event()]);
    const attempt = store.appendToStream('ext-p1', 'any', [
      { ...event(), eventId: first.events[0].eventId },
      event(),
    ]);
    await expect(attempt).rejects.toBeInstanceOf(PartialDuplicateError);
    expect(await store.streamVersion('ext-p1')).toBe(1);
  });

  it('lets exactly one of 8 concurrent writers win each version of a stream', async () => {
    await store.appendToStream('ext-race', 'no_stream', [event('Start')]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        store.appendToStream('ext-race', 1, [event('Write', { writer: i })]),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    lost.forEach((o) =>
      expect(o.reason).toMatchObject({ code: 'stream.wrong_expected_version', expected: 1, actual: 2 }),
    );
    const events = await store.readStream('ext-race');
    expect(events.map((e) => e.version)).toEqual([1, 2]);
  });

  it('keeps one event per version when 8 writers retry on conflicts until all have written', async () => {
    await store.appendToStream('ext-retry', 'no_stream', [event('Start')]);
    const writer = async (id: number) => {
      for (let written = 0; written < 5;) {
        const version = await store.streamVersion('ext-retry');
        try {
          await store.appendToStream('ext-retry', version, [event('Write', { writer: id, n: written })]);
          written += 1;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => writer(i)));
    const events = await store.readStream('ext-retry');
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    for (let w = 0; w < 8; w++) {
      expect(
        events
          .filter((e) => (e.data as { writer?: number }).writer === w)
          .map((e) => (e.data as { n: number }).n),
      ).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('refuses appends that break limits or formats, listing every problem, and writes nothing', async () => {
    let error: InvalidAppendError | undefined;
    try {
      await store.append([
        {
          streamId: 'Not A Stream',
          expectedVersion: 'any',
          events: [
            { type: '1bad', data: { big: 'x'.repeat(2000) } },
            { type: 'Fine', data: { s: 'nul\u0000' } },
          ],
        },
      ]);
    } catch (e) {
      error = e as InvalidAppendError;
    }
    expect(error).toBeInstanceOf(InvalidAppendError);
    expect(error!.code).toBe('append.too_large');
    expect(error!.problems.map((p) => [p.field, p.code])).toEqual([
      ['streams[0].streamId', 'stream.invalid_id'],
      ['streams[0].events[0].type', 'event.invalid_type'],
      ['streams[0].events[0].data', 'append.too_large'],
      ['streams[0].events[1]', 'event.nul_character'],
    ]);
    await expect(
      store.appendToStream(
        'ext-big',
        'any',
        Array.from({ length: 11 }, () => event()),
      ),
    ).rejects.toMatchObject({
      code: 'append.too_large',
      problems: [{ field: 'events', expected: '<= 10', actual: 11 }],
    });
    expect(await store.streamVersion('ext-big')).toBe(0);
  });

  it('reads the ledger in order with type and stream-type filters and reports where it stopped', async () => {
    const appended = await store.withPositions(
      await store.append([
        { streamId: 'ext-l1', expectedVersion: 'no_stream', events: [event('Alpha'), event('Beta')] },
        { streamId: 'other-l1', expectedVersion: 'no_stream', events: [event('Alpha')] },
      ]),
    );
    const after = Math.min(...appended.events.map((e) => e.position!)) - 1;
    const all = await store.readLedger({ after });
    expect(all.items.map((e) => e.position)).toEqual([after + 1, after + 2, after + 3]);
    const alphas = await store.readLedger({ after, types: ['Alpha'] });
    expect(alphas.items.map((e) => e.streamId).sort()).toEqual(['ext-l1', 'other-l1']);
    const others = await store.readLedger({ after, streamTypes: ['other'] });
    expect(others.items.map((e) => e.type)).toEqual(['Alpha']);
    expect(others.lastPosition).toBe(await store.ledgerHead());
    const paged = await store.readLedger({ after, limit: 2 });
    expect(paged.lastPosition).toBe(after + 2);
  });

  it('runs appends of one transaction together: a failure rolls all of them back', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.appendToStream('ext-t1', 'no_stream', [event()]);
        await tx.appendToStream('ext-t2', 5, [event()]);
      }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.streamVersion('ext-t1')).toBe(0);
  });

  it('follows the ledger live: a subscriber sees events appended after it started, in order', async () => {
    const from = await store.ledgerHead();
    const controller = new AbortController();
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const e of store.subscribe({ after: from, signal: controller.signal, idleMs: 50 })) {
        seen.push(e.type);
        if (seen.length === 3) controller.abort();
      }
    })();
    await store.appendToStream('ext-live', 'no_stream', [event('One')]);
    await store.appendToStream('ext-live', 1, [event('Two'), event('Three')]);
    await consumer;
    expect(seen).toEqual(['One', 'Two', 'Three']);
  });
});
