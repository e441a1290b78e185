import type { Kafka, Producer } from 'kafkajs';
import { EventStore } from '@annals/event-store';
import { toEventMessage } from './event-message';
import { RelayCheckpointRepository } from './relay-checkpoint.repository';
import { ensureTopics } from './topics';
import { sleep } from './sleep';

export interface EventRelayOptions {
  readonly kafka: Kafka;
  readonly store: EventStore;
  readonly checkpoints: RelayCheckpointRepository;
  readonly topic: string;
  /** Partitions of the topic when the relay has to create it. */
  readonly partitions: number;
  /** The checkpoint's name: two relays of one ledger to two clusters keep two checkpoints. */
  readonly name?: string;
  /** Events per send. */
  readonly batchSize?: number;
  /** How long to wait for new events before reading the ledger again. */
  readonly idleMs?: number;
  /** Pause after a failed send or read before trying again from the checkpoint. */
  readonly retryDelayMs?: number;
  readonly log?: (message: string) => void;
}

export interface RelayStatus {
  readonly state: 'stopped' | 'starting' | 'running' | 'retrying';
  /** Last ledger position the broker acknowledged. */
  readonly checkpoint: number;
  readonly ledgerHead: number;
  /** Events in the ledger not yet acknowledged. */
  readonly lag: number;
  readonly published: number;
  readonly lastError?: string;
}

const STOP_GRACE_MS = 5000;

const delay = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms).unref());

/**
 * Publishes the ledger to Kafka, in ledger order, at least once. Each batch is sent by an idempotent
 * producer with one request in flight (a retried request cannot overtake the next one, so each
 * stream's order survives retries), and the checkpoint moves only once the broker has acknowledged
 * the whole batch. A relay that dies between the two sends the batch again on restart: consumers
 * dedupe by event id.
 */
export class EventRelay {
  private producer: Producer | undefined;
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private state: RelayStatus['state'] = 'stopped';
  private checkpoint = 0;
  private ledgerHead = 0;
  private published = 0;
  private lastError: string | undefined;

  constructor(private readonly options: EventRelayOptions) {}

  get name(): string {
    return this.options.name ?? `events:${this.options.topic}`;
  }

  /** Returns at once; the relay connects, creates its topic when missing and follows the ledger. */
  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.state = 'starting';
    this.loop = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    // A send to an unreachable broker retries for a while: cut it short by disconnecting.
    const stopped = await Promise.race([this.loop?.then(() => true), delay(STOP_GRACE_MS, false)]);
    if (!stopped) await this.producer?.disconnect().catch(() => undefined);
    await this.loop;
    this.loop = undefined;
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.state = 'stopped';
  }

  status(): RelayStatus {
    return {
      state: this.state,
      checkpoint: this.checkpoint,
      ledgerHead: this.ledgerHead,
      lag: Math.max(0, this.ledgerHead - this.checkpoint),
      published: this.published,
      ...(this.lastError !== undefined && { lastError: this.lastError }),
    };
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { retryDelayMs = 1000 } = this.options;
    while (!signal.aborted) {
      try {
        const producer = await this.connect();
        this.checkpoint = await this.options.checkpoints.load(this.name);
        this.state = 'running';
        this.lastError = undefined;
        await this.follow(producer, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.state = 'retrying';
        this.lastError = (error as Error).message;
        this.options.log?.(`relay ${this.name}: ${this.lastError}; retrying from the checkpoint`);
        await sleep(retryDelayMs, signal);
      }
    }
  }

  private async connect(): Promise<Producer> {
    if (this.producer) return this.producer;
    const { kafka, topic, partitions } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [topic], partitions);
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async follow(producer: Producer, signal: AbortSignal): Promise<void> {
    const { store, checkpoints, topic, batchSize = 500, idleMs = 1000 } = this.options;
    while (!signal.aborted) {
      const page = await store.readLedger({ after: this.checkpoint, limit: batchSize });
      this.ledgerHead = Math.max(this.ledgerHead, page.lastPosition);
      if (page.items.length === 0) {
        this.ledgerHead = await store.waitForLedger(this.checkpoint + 1, idleMs, signal);
        continue;
      }
      await producer.send({ topic, acks: -1, messages: page.items.map(toEventMessage) });
      const last = page.items[page.items.length - 1].position!;
      await checkpoints.save(this.name, last);
      this.checkpoint = last;
      this.published += page.items.length;
    }
  }
}
