import type { Kafka } from 'kafkajs';
import { EventStore } from '@annals/event-store';
import { createKafka, EventRelay } from '@annals/messaging';
import { eventually, readTopic, uniqueName } from '@annals/messaging/testing/kafka-test-kit';
import { describeWithKafka } from './support/kafka';
import { startTestApp, TestApp } from './support/test-app';

describeWithKafka('Kafka relay of the service (a singleton across processes)', (brokers) => {
  const topic = uniqueName('events');
  let t: TestApp;
  let kafka: Kafka;

  beforeAll(async () => {
    t = await startTestApp({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_EVENTS_TOPIC: topic,
      KAFKA_COMMANDS_TOPIC: uniqueName('commands'),
      KAFKA_INGEST_GROUP: uniqueName('ingest'),
    });
    kafka = createKafka({ brokers, clientId: 'relay-e2e' });
  });
  afterAll(async () => t.close());

  const relayHealth = async () => (await t.request('GET', '/health/ready')).body.info?.kafka?.relay;

  it("leads and publishes the ledger; another process's relay of the same topic stands by", async () => {
    const appended = await t.request('POST', '/v1/streams/ext-relay-1/events', {
      body: {
        events: [
          { type: 'Noted', data: { n: 1 } },
          { type: 'Noted', data: { n: 2 } },
        ],
      },
    });
    expect(appended.status).toBe(201);
    const position: number = appended.body.position;

    const health = await eventually(relayHealth, (r) => r?.checkpoint >= position);
    expect(health).toMatchObject({ state: 'leader', lag: 0 });
    const received = await readTopic(kafka, topic, (got) => got.length >= 2);
    expect(received.map((r) => JSON.parse(r.message.value!.toString()).eventId)).toEqual(
      appended.body.events.map((e: { eventId: string }) => e.eventId),
    );

    // A worker's relay: the same default name (events:<topic>), so the same lock as the service's.
    const worker = new EventRelay({
      kafka,
      store: t.app.get(EventStore),
      url: t.database.url,
      topic,
      partitions: 3,
      pollIntervalMs: 50,
    });
    worker.start();
    try {
      const standby = await eventually(
        () => worker.status(),
        (s) => s.checkpoint >= position,
      );
      expect(standby).toMatchObject({ state: 'standby', published: 0, lag: 0 });
    } finally {
      await worker.stop();
    }
  });
});
