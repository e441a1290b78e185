import type { Kafka, Message } from 'kafkajs';
import { describeWithKafka } from '../../../test/support/kafka';
import { createDatabase, createPool } from '@annals/platform';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { EventStore, LedgerNotifier, Sequencer } from '@annals/event-store';
import { ALL_COMMANDS, CommandExecutor, CommandRegistry } from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import { CommandIngest, CommandIngestOptions } from './command-ingest';
import { DEAD_LETTER_HEADERS } from './dead-letter';
import { createKafka } from './kafka-client';
import { TcpProxy } from './testing/tcp-proxy';
import { eventually, readTopic, Received, sleep, uniqueName } from './testing/kafka-test-kit';

const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };
const RETRY = { initialRetryTime: 100, maxRetryTime: 1000, retries: 10 };

const startWorkflow = (id: string, key = `start-${id}`): Message => ({
  key: id,
  value: JSON.stringify({ type: 'StartWorkflow', idempotencyKey: key, data: { id, name: `Workflow ${id}` } }),
});

interface DeadLetter {
  problem: { code: string; message: string; fields?: { field: string; code: string }[] };
  source: { topic: string; partition: number; offset: string };
  original: string | null;
}

const deadLetterOf = (r: Received): DeadLetter => JSON.parse(r.message.value!.toString('utf8'));
const distinctBySource = (received: readonly Received[]) =>
  new Map(received.map(deadLetterOf).map((d) => [`${d.source.partition}/${d.source.offset}`, d]));

describeWithKafka('CommandIngest (Kafka and PostgreSQL)', (brokers) => {
  let database: TestDatabase;
  let notifier: LedgerNotifier;
  let store: EventStore;
  let sequencer: Sequencer;
  let kafka: Kafka;
  const running: CommandIngest[] = [];

  const executorOn = (eventStore: EventStore) =>
    new CommandExecutor(eventStore, new CommandRegistry(ALL_COMMANDS), EVENT_CATALOG);

  const ingest = (overrides: Partial<CommandIngestOptions> & { topic: string }) => {
    const i = new CommandIngest({
      kafka,
      executor: executorOn(store),
      groupId: uniqueName('ingest'),
      actorId: 'kafka-ingest',
      partitions: 3,
      retryDelayMs: 300,
      ...overrides,
    });
    running.push(i);
    i.start();
    return i;
  };

  const produce = async (topic: string, messages: Message[]) => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < messages.length; i += 1000)
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1000) });
    await producer.disconnect();
  };

  const countEvents = async (type: string) =>
    (await store.readLedger({ types: [type], limit: 10_000 })).items.length;

  beforeEach(async () => {
    database = await createTestDatabase({ poolSize: 20 });
    notifier = new LedgerNotifier(database.url);
    await notifier.start();
    store = new EventStore(database.db, { limits, waiter: notifier });
    sequencer = new Sequencer({ url: database.url, batchSize: 2000, pollIntervalMs: 20 });
    sequencer.start();
    kafka = createKafka({ brokers, clientId: 'ingest-spec', retry: RETRY });
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((i) => i.stop()));
    await sequencer.stop();
    await notifier.stop();
    await database.drop();
  });

  it('10,000 commands with 10% duplicates and 5% invalid give exactly the expected events and dead letters', async () => {
    const topic = uniqueName('commands');
    const unique = 8500;
    const originals = Array.from({ length: unique }, (_, i) => startWorkflow(`wf-${i}`));
    const ruleBroken = Array.from({ length: 167 }, (_, i) => startWorkflow(`wf-${i * 7}`, `again-${i}`));
    const malformed = Array.from({ length: 167 }, (_, i) => ({
      key: `junk-${i}`,
      value: `{"type": "StartWorkflow", ${i}`,
    }));
    const unknownType = Array.from({ length: 166 }, (_, i) => ({
      key: `odd-${i}`,
      value: JSON.stringify({ type: 'LaunchRocket', idempotencyKey: `odd-${i}`, data: {} }),
    }));
    const duplicates = Array.from({ length: 1000 }, (_, i) => startWorkflow(`wf-${(i * 17) % unique}`));
    const i = ingest({ topic });
    const started = Date.now();
    await produce(topic, [...originals, ...ruleBroken, ...malformed, ...unknownType, ...duplicates]);

    const status = await eventually(
      () => i.status(),
      (s) => s.counts.appended + s.counts.duplicate + s.counts.dead_lettered === 10_000,
      90_000,
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`ingest: 10,000 commands in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)}/s)`);
    expect(status.counts).toEqual({ appended: unique, duplicate: 1000, dead_lettered: 500 });
    expect(await countEvents('WorkflowStarted')).toBe(unique);

    const letters = distinctBySource(
      await readTopic(kafka, i.deadLetterTopic, (got) => distinctBySource(got).size === 500),
    );
    const codes = [...letters.values()].reduce<Record<string, number>>(
      (count, d) => ({ ...count, [d.problem.code]: (count[d.problem.code] ?? 0) + 1 }),
      {},
    );
    expect(codes).toEqual({
      'workflow.already_exists': 167,
      'message.invalid_json': 167,
      'command.unknown_type': 166,
    });
    expect((await i.lag()).total).toBe(0);
    const [event] = (await store.readLedger({ limit: 1 })).items;
    expect(event.metadata).toMatchObject({
      actor: { id: 'kafka-ingest', role: 'publisher' },
      transport: 'kafka',
    });
  }, 120_000);

  it('dead-letters a poison message with its problem and offset, and goes on with the partition', async () => {
    const topic = uniqueName('commands');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    await produce(topic, [
      startWorkflow('first'),
      { key: null, value: 'not json at all' },
      { key: 'x', value: JSON.stringify({ type: 'StartWorkflow', idempotencyKey: 'k', data: { id: 'x' } }) },
      startWorkflow('second'),
    ]);
    const i = ingest({ topic });
    await eventually(
      () => i.status(),
      (s) => s.counts.appended === 2,
    );

    // The dead-letter topic has several partitions: find each letter by its source offset.
    const letters = await readTopic(kafka, i.deadLetterTopic, (got) => got.length >= 2);
    const bySource = (offset: string) => letters.find((l) => deadLetterOf(l).source.offset === offset)!;
    const [poison, invalid] = [bySource('1'), bySource('2')];
    expect(deadLetterOf(poison)).toMatchObject({
      problem: { code: 'message.invalid_json' },
      source: { topic, partition: 0, offset: '1' },
      original: 'not json at all',
    });
    expect(poison.message.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.code]: Buffer.from('message.invalid_json'),
      [DEAD_LETTER_HEADERS.offset]: Buffer.from('1'),
    });
    expect(deadLetterOf(invalid)).toMatchObject({
      problem: {
        code: 'command.invalid',
        fields: expect.arrayContaining([expect.objectContaining({ field: 'name' })]),
      },
      source: { offset: '2' },
    });
    expect(await countEvents('WorkflowStarted')).toBe(2);
    expect(i.status().counts).toEqual({ appended: 2, duplicate: 0, dead_lettered: 2 });
    expect(
      await eventually(
        () => i.lag(),
        (lag) => lag.total === 0,
      ),
    ).toMatchObject({ total: 0 });
  });

  it('pauses while the database is unreachable, dead-letters nothing and resumes where it stopped', async () => {
    const topic = uniqueName('commands');
    const server = new URL(database.url);
    const proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
    const proxied = new URL(database.url);
    proxied.host = `127.0.0.1:${await proxy.up()}`;
    const pool = createPool({ url: proxied.toString(), poolSize: 5 });
    const db = createDatabase<any>(pool);
    try {
      const i = ingest({ topic, executor: executorOn(new EventStore(db, { limits, waiter: notifier })) });
      await produce(
        topic,
        Array.from({ length: 5 }, (_, n) => startWorkflow(`before-${n}`)),
      );
      await eventually(
        () => i.status(),
        (s) => s.counts.appended === 5,
      );

      await proxy.down();
      await produce(
        topic,
        Array.from({ length: 5 }, (_, n) => startWorkflow(`during-${n}`)),
      );
      const paused = await eventually(
        () => i.status(),
        (s) => s.pauses > 0,
      );
      await sleep(1000);
      expect(paused.counts).toEqual({ appended: 5, duplicate: 0, dead_lettered: 0 });

      await proxy.up();
      const resumed = await eventually(
        () => i.status(),
        (s) => s.counts.appended === 10,
      );
      expect(resumed.counts).toEqual({ appended: 10, duplicate: 0, dead_lettered: 0 });
      expect(await countEvents('WorkflowStarted')).toBe(10);
      expect(
        await eventually(
          () => i.lag(),
          (lag) => lag.total === 0,
        ),
      ).toMatchObject({ total: 0 });
    } finally {
      await db.destroy();
      await proxy.down();
    }
  });
});
