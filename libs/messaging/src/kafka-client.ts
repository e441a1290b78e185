import { Kafka, logLevel, LogEntry, RetryOptions } from 'kafkajs';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Where kafkajs warnings and errors go; default: nowhere (relay and ingest report their own). */
  readonly log?: (message: string) => void;
  /** kafkajs's retry policy for every request (tests shorten it). */
  readonly retry?: RetryOptions;
}

/** A kafkajs client whose own logging goes through ours (warnings and errors only: it is chatty). */
export function createKafka({ brokers, clientId, log, retry }: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId,
    retry,
    brokers: [...brokers],
    logLevel: log ? logLevel.WARN : logLevel.NOTHING,
    logCreator:
      () =>
      ({ namespace, log: entry }: LogEntry) =>
        log?.(`kafkajs ${namespace}: ${entry.message}`),
  });
}
