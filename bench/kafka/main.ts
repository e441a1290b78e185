import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { createDatabase, createPool, migrateToLatest } from '@annals/platform';
import { EventStore, LedgerNotifier, Sequencer } from '@annals/event-store';
import { ALL_COMMANDS, CommandExecutor, CommandRegistry } from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import { CommandIngest, createKafka, EventRelay, toEventMessage } from '@annals/messaging';
import { createScratchDatabase, openBenchServer } from '../support/server';
import { delay } from '../support/measure';
import { startServiceProcess } from '../support/service';
import { findFreePort } from '@annals/platform/database/port-probe';

const ROOT = join(__dirname, '..', '..', '..');
const BATCH = 500;
const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };

const option = (args: readonly string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await delay(20);
}

/** `npm run bench -- kafka [--events N] [--commands N]`: relay and ingest throughput against a real broker. */
export async function main(args: readonly string[]): Promise<number> {
  const eventCount = option(args, 'events', 20_000);
  const commandCount = option(args, 'commands', 5_000);
  let ownBroker: { stop(): Promise<void> } | undefined;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    // Required from the repository root at run time: the benchmark runs compiled, from dist/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { start } = require(
      join(ROOT, 'scripts/kafka/broker'),
    ) as typeof import('../../scripts/kafka/broker');
    const started = await start({ port: 19592 });
    ownBroker = started;
    brokers = started.brokers;
  }
  const server = await openBenchServer(ROOT);
  const scratch = await createScratchDatabase(server.adminUrl, 'kafka');
  const db = createDatabase<any>(createPool({ url: scratch.url, poolSize: 10 }));
  const notifier = new LedgerNotifier(scratch.url);
  const sequencer = new Sequencer({ url: scratch.url, batchSize: 5000, pollIntervalMs: 20 });
  try {
    await migrateToLatest(db);
    await notifier.start();
    sequencer.start();
    const store = new EventStore(db, { limits, waiter: notifier });
    const kafka = createKafka({ brokers: brokers.split(','), clientId: 'annals-bench' });
    const run = Date.now().toString(36);

    for (let i = 0; i < eventCount; i += 100) {
      await store.appendToStream(
        `ext-bench${(i / 100) % 50}`,
        'any',
        Array.from({ length: 100 }, (_, k) => ({ type: 'Noted', data: { n: i + k, text: 'x'.repeat(200) } })),
      );
    }
    await store.waitForLedger(eventCount, 120_000);

    const relayed = await timeRelay(kafka, store, scratch.url, `bench.relay.${run}`, eventCount);
    const plain = await timePlainProducer(kafka, store, `bench.plain.${run}`, eventCount);
    const ingested = await timeIngest(kafka, store, `bench.commands.${run}`, commandCount);
    const viaRest = await timeRestBatches(scratch.url, commandCount);

    console.log(`\n| scenario | messages | seconds | per second |\n|---|---:|---:|---:|`);
    for (const [name, count, seconds] of [
      ['relay (ledger -> Kafka, checkpointed)', eventCount, relayed],
      ['plain kafkajs producer, same messages and batches', eventCount, plain],
      ['ingest (Kafka -> commands, 100 per transaction)', commandCount, ingested],
      ['REST batch route (POST /v1/commands, 100 per request, 3 clients)', commandCount, viaRest],
    ] as const) {
      console.log(`| ${name} | ${count} | ${seconds.toFixed(2)} | ${Math.round(count / seconds)} |`);
    }
    return 0;
  } finally {
    await sequencer.stop();
    await notifier.stop();
    await db.destroy();
    await scratch.drop();
    await server.stop();
    await ownBroker?.stop();
  }
}

async function timeRelay(kafka: Kafka, store: EventStore, url: string, topic: string, count: number) {
  const relay = new EventRelay({
    kafka,
    store,
    url,
    topic,
    partitions: 3,
    batchSize: BATCH,
  });
  const started = Date.now();
  relay.start();
  await until(() => relay.status().checkpoint >= count);
  const seconds = (Date.now() - started) / 1000;
  await relay.stop();
  return seconds;
}

/** The same pages of the ledger, the same messages, sent by a bare idempotent producer: no checkpoint. */
async function timePlainProducer(kafka: Kafka, store: EventStore, topic: string, count: number) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const started = Date.now();
  await producer.connect();
  for (let after = 0; after < count;) {
    const page = await store.readLedger({ after, limit: BATCH });
    await producer.send({ topic, acks: -1, messages: page.items.map(toEventMessage) });
    after = page.items[page.items.length - 1].position!;
  }
  const seconds = (Date.now() - started) / 1000;
  await producer.disconnect();
  return seconds;
}

async function timeIngest(kafka: Kafka, store: EventStore, topic: string, count: number) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < count; i += 1000) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
        key: `wf-${i + k}`,
        value: JSON.stringify({
          type: 'StartWorkflow',
          idempotencyKey: `bench-${i + k}`,
          data: { id: `wf-${i + k}`, name: `Workflow ${i + k}` },
        }),
      })),
    });
  }
  await producer.disconnect();
  const ingest = new CommandIngest({
    kafka,
    executor: new CommandExecutor(store, new CommandRegistry(ALL_COMMANDS), EVENT_CATALOG),
    topic,
    groupId: `${topic}.group`,
    actorId: 'bench',
    partitions: 3,
  });
  const started = Date.now();
  ingest.start();
  await until(() => ingest.status().counts.appended >= count);
  const seconds = (Date.now() - started) / 1000;
  await ingest.stop();
  return seconds;
}

/** The same commands through `POST /v1/commands`, 100 per request, 3 clients (as ingest has 3 partitions). */
async function timeRestBatches(databaseUrl: string, count: number) {
  const port = await findFreePort();
  const service = await startServiceProcess(ROOT, databaseUrl, port);
  try {
    const batches = Array.from({ length: Math.ceil(count / 100) }, (_, b) =>
      Array.from({ length: Math.min(100, count - b * 100) }, (_, k) => ({
        type: 'StartWorkflow',
        idempotencyKey: `rest-${b * 100 + k}`,
        data: { id: `rest-wf-${b * 100 + k}`, name: `Workflow ${b * 100 + k}` },
      })),
    );
    const started = Date.now();
    await Promise.all(
      [0, 1, 2].map(async (client) => {
        for (let b = client; b < batches.length; b += 3) {
          const response = await fetch(`http://127.0.0.1:${port}/v1/commands`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ commands: batches[b] }),
          });
          if (response.status !== 200)
            throw new Error(`batch ${b}: ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
        }
      }),
    );
    return (Date.now() - started) / 1000;
  } finally {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
  }
}
