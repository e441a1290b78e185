import type { Kafka } from 'kafkajs';
import { sql } from 'kysely';
import { Broker, start as startBroker } from '../../../scripts/kafka/broker';
import { canStartBroker, describeWithKafka } from '../../../test/support/kafka';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { advisoryLockKey, EventEnvelope, EventStore, LedgerNotifier, Sequencer } from '@annals/event-store';
import { EVENT_HEADERS } from './event-message';
import { EventRelay, EventRelayOptions } from './event-relay';
import { createKafka } from './kafka-client';
import { RELAY_LOCK_NAMESPACE } from './relay-checkpoint.repository';
import { eventually, readTopic, Received, sleep, uniqueName } from './testing/kafka-test-kit';

const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };
const RETRY = { initialRetryTime: 100, maxRetryTime: 1000, retries: 10 };

/** Appends `count` events spread over `streams` streams, a few per append, several appends at a time. */
async function appendEvents(store: EventStore, count: number, streams: number, tag = 'e'): Promise<void> {
  const perAppend = 5;
  const appends = Array.from({ length: Math.ceil(count / perAppend) }, (_, i) => i);
  for (let i = 0; i < appends.length; i += streams) {
    await Promise.all(
      appends.slice(i, i + streams).map((n) =>
        store.appendToStream(
          `ext-${tag}${n % streams}`,
          'any',
          Array.from({ length: Math.min(perAppend, count - n * perAppend) }, (_, k) => ({
            type: 'Noted',
            data: { n, k },
          })),
        ),
      ),
    );
  }
}

const envelopeOf = (r: Received): EventEnvelope => JSON.parse(r.message.value!.toString('utf8'));

/** What a consumer deduping by event id keeps: the first delivery of each event. */
function dedupe(received: readonly Received[]): EventEnvelope[] {
  const seen = new Set<string>();
  return received.map(envelopeOf).filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
}

function expectEveryEventInStreamOrder(received: readonly Received[], ledger: readonly EventEnvelope[]) {
  const firsts = dedupe(received);
  expect(firsts.map((e) => e.eventId).sort()).toEqual(ledger.map((e) => e.eventId).sort());
  const versions = new Map<string, number[]>();
  for (const e of firsts) versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.version]);
  for (const [, seen] of versions) expect(seen).toEqual(seen.map((_, i) => i + 1));
}

/** Every message on a topic the relays wrote to (they are done): as many as the partitions' high watermarks say. */
async function readWholeTopic(kafka: Kafka, topic: string): Promise<Received[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const received = await readTopic(kafka, topic, (got) => got.length >= total);
  expect(received).toHaveLength(total);
  return received;
}

/** How many times each event (by id) is on the topic. */
function deliveriesById(received: readonly Received[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of received.map(envelopeOf)) counts.set(e.eventId, (counts.get(e.eventId) ?? 0) + 1);
  return counts;
}

function expectEachEventExactlyOnce(received: readonly Received[], ledger: readonly EventEnvelope[]) {
  const counts = deliveriesById(received);
  expect([...counts.keys()].sort()).toEqual(ledger.map((e) => e.eventId).sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(received).toHaveLength(ledger.length);
}

describeWithKafka('EventRelay (Kafka and PostgreSQL)', (brokers) => {
  let database: TestDatabase;
  let store: EventStore;
  let sequencer: Sequencer;
  let notifier: LedgerNotifier;
  let kafka: Kafka;
  const relays: EventRelay[] = [];

  const relay = (overrides: Partial<EventRelayOptions> & { topic: string }) => {
    const r = new EventRelay({
      kafka,
      store,
      url: database.url,
      partitions: 3,
      batchSize: 100,
      pollIntervalMs: 100,
      ...overrides,
    });
    relays.push(r);
    r.start();
    return r;
  };

  const readLedger = async () => (await store.readLedger({ limit: 10_000 })).items;

  /** Ends the session that holds the relay's advisory lock, as a crash or a network cut would. */
  const killLockSession = async (name: string): Promise<number> => {
    const { rows } = await sql<{ pid: number }>`
      select pid, pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and granted and objsubid = 2
        and database = (select oid from pg_database where datname = current_database())
        and classid = ${RELAY_LOCK_NAMESPACE}::bigint::oid and objid = ${advisoryLockKey(name)}::bigint::oid
    `.execute(database.db);
    return rows.length;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    notifier = new LedgerNotifier(database.url);
    await notifier.start();
    store = new EventStore(database.db, { limits, waiter: notifier });
    sequencer = new Sequencer({ url: database.url, batchSize: 500, pollIntervalMs: 20 });
    sequencer.start();
    kafka = createKafka({ brokers, clientId: 'relay-spec', retry: RETRY });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await sequencer.stop();
    await notifier.stop();
    await database.drop();
  });

  it('publishes every event, keyed by stream, with type, id and position headers, in per-stream order', async () => {
    const topic = uniqueName('events');
    const partitions = 4;
    const r = relay({ topic, partitions });
    await appendEvents(store, 1000, 20);
    const ledger = await eventually(readLedger, (items) => items.length === 1000);
    await eventually(
      () => r.status(),
      (s) => s.checkpoint === 1000,
    );

    const received = await readTopic(kafka, topic, (got) => dedupe(got).length === 1000);
    expectEveryEventInStreamOrder(received, ledger);
    const [first] = received;
    const event = envelopeOf(first);
    expect(first.message.key!.toString()).toBe(event.streamId);
    expect(first.message.headers).toMatchObject({
      [EVENT_HEADERS.type]: Buffer.from(event.type),
      [EVENT_HEADERS.id]: Buffer.from(event.eventId),
      [EVENT_HEADERS.position]: Buffer.from(String(event.position)),
    });
    expect(event).toEqual(ledger.find((e) => e.eventId === event.eventId));
    expect(new Set(received.map((x) => x.partition)).size).toBe(partitions);
    const admin = kafka.admin();
    await admin.connect();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    await admin.disconnect();
    expect(metadata.partitions).toHaveLength(partitions);
    expect(r.status()).toMatchObject({ state: 'leader', checkpoint: 1000, lag: 0, published: 1000 });
  });

  it('two relays of one name: one leads, the other stands by, and each event is published exactly once', async () => {
    const topic = uniqueName('events');
    const a = relay({ topic });
    const b = relay({ topic });
    await appendEvents(store, 1000, 20);
    const ledger = await eventually(readLedger, (items) => items.length === 1000);
    await eventually(
      () => [a.status(), b.status()],
      (both) => both.every((s) => s.checkpoint === 1000),
    );

    expect([a.status().state, b.status().state].sort()).toEqual(['leader', 'standby']);
    expect(a.status().published + b.status().published).toBe(1000);
    // The standby reads the stored checkpoint: its health shows the relay's real lag.
    expect([a.status().lag, b.status().lag]).toEqual([0, 0]);
    const received = await readWholeTopic(kafka, topic);
    expectEachEventExactlyOnce(received, ledger);
    expectEveryEventInStreamOrder(received, ledger);
  });

  it('the standby takes over when the leader stops, from the checkpoint, without a gap or a duplicate', async () => {
    const topic = uniqueName('events');
    const first = relay({ topic });
    expect(await first.waitUntilLeader()).toBe(true);
    const second = relay({ topic });
    await appendEvents(store, 500, 7, 'before');
    await eventually(
      () => first.status(),
      (s) => s.checkpoint === 500,
    );
    expect(second.status().state).toBe('standby');

    await first.stop();
    expect(first.status().state).toBe('stopped');
    await appendEvents(store, 500, 7, 'after');
    const ledger = await eventually(readLedger, (items) => items.length === 1000);
    await eventually(
      () => second.status(),
      (s) => s.checkpoint === 1000,
    );

    expect(second.status()).toMatchObject({ state: 'leader', published: 500 });
    const received = await readWholeTopic(kafka, topic);
    expectEachEventExactlyOnce(received, ledger);
    expectEveryEventInStreamOrder(received, ledger);
  });

  it('the standby takes over when the leader session is killed; at most the batch under way is sent twice', async () => {
    const topic = uniqueName('events');
    const batchSize = 100;
    await appendEvents(store, 5000, 10);
    const ledger = await eventually(readLedger, (items) => items.length === 5000);
    const doomed = relay({ topic, batchSize });
    expect(await doomed.waitUntilLeader()).toBe(true);
    const standby = relay({ topic, batchSize });

    // Kill it mid-way through the catch-up, so that it has a batch under way.
    await eventually(
      () => doomed.status(),
      (s) => s.checkpoint >= 300,
    );
    const name = doomed.name;
    expect(await killLockSession(name)).toBe(1);
    expect(doomed.status().checkpoint).toBeLessThan(5000);

    await eventually(
      () => standby.status(),
      (s) => s.state === 'leader' && s.checkpoint === 5000,
    );
    expect(doomed.status().state).toBe('standby');
    expect(doomed.status().lastError).toBeDefined();

    const received = await readWholeTopic(kafka, topic);
    expectEveryEventInStreamOrder(received, ledger);
    // Duplicates: exactly the one whole batch the killed leader had under way (sent, not checkpointed),
    // each of its events twice; none only if the kill came just as a checkpoint committed.
    const counts = deliveriesById(received);
    const twice = ledger.filter((e) => counts.get(e.eventId) === 2).map((e) => e.position!);
    expect([...counts.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect([0, batchSize]).toContain(twice.length);
    expect(twice).toEqual(twice.map((_, i) => twice[0] + i));
    expect(twice.length === 0 || (twice[0] - 1) % batchSize === 0).toBe(true);
    expect(received).toHaveLength(5000 + twice.length);
  });

  it('relays of two names (to two clusters) each lead and publish everything', async () => {
    const [east, west] = [uniqueName('east'), uniqueName('west')];
    const a = relay({ topic: east, name: `east:${east}` });
    const b = relay({ topic: west, name: `west:${west}` });
    await appendEvents(store, 300, 5);
    const ledger = await eventually(readLedger, (items) => items.length === 300);
    await eventually(
      () => [a.status(), b.status()],
      (both) => both.every((s) => s.checkpoint === 300),
    );

    expect([a.status().state, b.status().state]).toEqual(['leader', 'leader']);
    expectEachEventExactlyOnce(await readWholeTopic(kafka, east), ledger);
    expectEachEventExactlyOnce(await readWholeTopic(kafka, west), ledger);
  });

  it('refuses a batch size the ledger cannot serve', () => {
    const options = { kafka, store, url: database.url, topic: 't', partitions: 1 };
    expect(() => new EventRelay({ ...options, batchSize: 0 })).toThrow(RangeError);
    expect(() => new EventRelay({ ...options, batchSize: 10_001 })).toThrow(/1 to 10000, got 10001/);
  });

  const withOwnBroker = canStartBroker() ? it : it.skip;
  withOwnBroker(
    'loses nothing when the broker stops and comes back during a run',
    async () => {
      const own: Broker = await startBroker({
        port: 19400 + Math.floor(Math.random() * 500) * 2,
        log: () => {},
      });
      try {
        kafka = createKafka({ brokers: [own.brokers], clientId: 'relay-spec-restart', retry: RETRY });
        const topic = uniqueName('events');
        const r = relay({ topic, kafka });
        await appendEvents(store, 300, 5, 'before');
        await eventually(
          () => r.status(),
          (s) => s.checkpoint === 300,
        );

        await own.stop();
        await appendEvents(store, 300, 5, 'during');
        await sleep(1500);
        expect(r.status().checkpoint).toBe(300);
        await own.restart();
        await appendEvents(store, 300, 5, 'after');

        const ledger = await eventually(readLedger, (items) => items.length === 900);
        await eventually(
          () => r.status(),
          (s) => s.checkpoint === 900,
        );
        const received = await readTopic(kafka, topic, (got) => dedupe(got).length === 900);
        expectEveryEventInStreamOrder(received, ledger);
      } finally {
        await Promise.all(relays.splice(0).map((r) => r.stop()));
        await own.stop();
      }
    },
    120_000,
  );
});
