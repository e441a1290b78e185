import { randomBytes } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

/** Names no other spec uses, so that specs share one broker without seeing each other's messages. */
export const uniqueName = (prefix: string) => `${prefix}.${randomBytes(5).toString('hex')}`;

export interface Received {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/**
 * Reads a topic from the beginning until `done(received)` holds (or the time runs out), then
 * disconnects. Every delivery is kept, duplicates included, in the order each partition gave them.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  done: (received: readonly Received[]) => boolean,
  timeoutMs = 60_000,
): Promise<Received[]> {
  const received: Received[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) received.push({ partition: batch.partition, message });
        if (done(received)) finish();
      },
    });
    const timer = setTimeout(finish, timeoutMs);
    await finished;
    clearTimeout(timer);
    return received;
  } finally {
    await consumer.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `until` holds or the time runs out; returns the last value read. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  until: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}
