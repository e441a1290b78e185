import type { Kafka } from 'kafkajs';
import { Broker, start as startBroker } from '../../../scripts/kafka/broker';
import { canStartBroker, describeWithKafka } from '../../../test/support/kafka';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { EventEnvelope, EventStore, LedgerNotifier, Sequencer } from '@annals/event-store';
import { EVENT_HEADERS } from './event-message';
import { EventRelay, EventRelayOptions } from './event-relay';
import { createKafka } from './kafka-client';
import { RelayCheckpointRepository } from './relay-checkpoint.repository';
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
      checkpoints: new RelayCheckpointRepository(database.db),
      partitions: 3,
      batchSize: 100,
      idleMs: 100,
      retryDelayMs: 200,
      ...overrides,
    });
    relays.push(r);
    r.start();
    return r;
  };

  const readLedger = async () => (await store.readLedger({ limit: 10_000 })).items;

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
    expect(r.status()).toMatchObject({ state: 'running', checkpoint: 1000, lag: 0 });
  });

  it('killed between the acknowledgement and the checkpoint, resumes from the checkpoint and loses nothing', async () => {
    const topic = uniqueName('events');
    await appendEvents(store, 600, 7);
    await eventually(readLedger, (items) => items.length === 600);

    // The third batch reaches the broker, then the process "dies" before its checkpoint is stored.
    let saves = 0;
    class DyingCheckpoints extends RelayCheckpointRepository {
      override async save(name: string, position: number): Promise<void> {
        if (++saves === 3) {
          void doomed.stop();
          throw new Error('killed');
        }
        return super.save(name, position);
      }
    }
    const doomed = relay({ topic, checkpoints: new DyingCheckpoints(database.db) });
    await eventually(
      () => saves,
      (n) => n >= 3,
    );
    await doomed.stop();
    expect(await new RelayCheckpointRepository(database.db).load(doomed.name)).toBe(200);

    await appendEvents(store, 400, 7, 'late');
    const ledger = await eventually(readLedger, (items) => items.length === 1000);
    const restarted = relay({ topic });
    await eventually(
      () => restarted.status(),
      (s) => s.checkpoint === 1000,
    );

    const received = await readTopic(kafka, topic, (got) => dedupe(got).length === 1000);
    expectEveryEventInStreamOrder(received, ledger);
    // The batch in flight at the "crash" came twice: at least once, never a gap.
    expect(received.length).toBe(1100);
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
