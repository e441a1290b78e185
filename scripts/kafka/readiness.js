'use strict';
// A broker counts as ready once a kafkajs admin can create, list and delete a topic on it:
// that needs the listener, the controller quorum and partition leadership all working.
const { randomUUID } = require('node:crypto');
const { setTimeout: delay } = require('node:timers/promises');
const { Kafka, logLevel } = require('kafkajs');

const RETRY_INTERVAL_MS = 500;

async function probe(brokers) {
  const admin = new Kafka({
    clientId: 'kafka-broker-readiness',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10000,
    retry: { retries: 0 },
  }).admin();
  const topic = `__broker-readiness-${randomUUID()}`;
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) {
      throw new Error(`topic ${topic} was created but is not listed`);
    }
    await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Resolves once the broker answers the probe; rejects when timeoutMs passes first or when
 * exited() reports that the broker process is gone.
 */
async function waitUntilReady({ brokers, timeoutMs, exited }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) {
      throw new Error(`the broker process exited (${exit}) before it was ready`);
    }
    try {
      await probe(brokers);
      return;
    } catch (error) {
      lastError = error;
    }
    await delay(RETRY_INTERVAL_MS);
  }
  throw new Error(`the broker at ${brokers} was not ready within ${timeoutMs} ms`, { cause: lastError });
}

module.exports = { waitUntilReady };
