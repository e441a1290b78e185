import type { Kafka, Producer } from 'kafkajs';
import { EventStore, LeaderLoop, LEDGER_CHANNEL, MAX_READ_LIMIT, sessionDatabase } from '@annals/event-store';
import { toEventMessage } from './event-message';
import { RelayCheckpointRepository } from './relay-checkpoint.repository';
import { MessagingDB } from './schema';
import { ensureTopics } from './topics';

export interface EventRelayOptions {
  readonly kafka: Kafka;
  /** Where the ledger is read from (any connection: only the lock and the checkpoint need the lock's session). */
  readonly store: EventStore;
  /** The ledger's database: the relay holds its advisory lock and writes its checkpoint on a session of its own. */
  readonly url: string;
  readonly topic: string;
  /** Partitions of the topic when the relay has to create it. */
  readonly partitions: number;
  /**
   * The checkpoint's and the lock's name: two relays of one ledger to two clusters keep two
   * checkpoints and both lead; relays of one name elect one leader among them.
   */
  readonly name?: string;
  /** Events per send (1 to MAX_READ_LIMIT, default 500). */
  readonly batchSize?: number;
  /**
   * How often a standby tries to take over, an idle leader reads the ledger without a wake-up, and a
   * relay starts over after an error (at least 500 ms then) (default 1000).
   */
  readonly pollIntervalMs?: number;
  readonly log?: (message: string) => void;
}

export interface RelayStatus {
  /** One relay of a name leads (and publishes); the others stand by. */
  readonly state: 'stopped' | 'standby' | 'leader';
  /** Last ledger position the broker acknowledged (as stored: a standby reads it on each try to lead). */
  readonly checkpoint: number;
  readonly ledgerHead: number;
  /** Events in the ledger not yet acknowledged. */
  readonly lag: number;
  /** Events this instance published. */
  readonly published: number;
  readonly lastError?: string;
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_POLL_INTERVAL_MS = 1000;
const STOP_GRACE_MS = 5000;

const delay = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms).unref());

/**
 * Publishes the ledger to Kafka, in ledger order, at least once. Every background process may run a
 * relay; the relays of one name elect a leader by session advisory lock (LeaderLoop, as the
 * sequencer and the projection runners do) and the others stand by to take over, from the stored
 * checkpoint, when the leader stops or its session dies.
 *
 * Each batch is sent by an idempotent producer with one request in flight (a retried request cannot
 * overtake the next one, so each stream's order survives retries), and the checkpoint moves only
 * once the broker has acknowledged the whole batch. The checkpoint is written on the lock's own
 * session: a leader that lost its session fails there, so it sends at most the one batch it had
 * under way, which its successor sends again. Consumers dedupe by event id.
 */
export class EventRelay {
  private readonly loop: LeaderLoop<RelayCheckpointRepository>;
  private readonly batchSize: number;
  private producer: Producer | undefined;
  private started = false;
  private checkpoint = 0;
  private ledgerHead = 0;
  private published = 0;

  constructor(private readonly options: EventRelayOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > MAX_READ_LIMIT) {
      throw new RangeError(
        `relay batchSize must be an integer from 1 to ${MAX_READ_LIMIT}, got ${this.batchSize}`,
      );
    }
    this.loop = new LeaderLoop(
      options.url,
      options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      {
        applicationName: `annals-relay:${this.name}`,
        wakeChannel: LEDGER_CHANNEL,
        openSession: (client) => new RelayCheckpointRepository(sessionDatabase<MessagingDB>(client)),
        tryLead: (checkpoints) => this.lead(checkpoints),
        work: (checkpoints) => this.publishBatch(checkpoints),
      },
      (message) => options.log?.(`relay ${this.name}: ${message}`),
    );
  }

  get name(): string {
    return this.options.name ?? `events:${this.options.topic}`;
  }

  /** Returns at once; the relay tries to lead, and as leader connects, creates its topic when missing and follows the ledger. */
  start(): void {
    this.started = true;
    this.loop.start();
  }

  async stop(): Promise<void> {
    const stopping = this.loop.stop();
    // A send to an unreachable broker retries for a while: cut it short by disconnecting.
    const stopped = await Promise.race([stopping.then(() => true), delay(STOP_GRACE_MS, false)]);
    if (!stopped) await this.producer?.disconnect().catch(() => undefined);
    await stopping;
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.started = false;
  }

  status(): RelayStatus {
    const lastError = this.loop.lastError;
    return {
      state: !this.started ? 'stopped' : this.loop.leader ? 'leader' : 'standby',
      checkpoint: this.checkpoint,
      ledgerHead: this.ledgerHead,
      lag: Math.max(0, this.ledgerHead - this.checkpoint),
      published: this.published,
      ...(lastError !== undefined && { lastError }),
    };
  }

  /** Resolves once this relay leads (for tests and start-up ordering). */
  waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    return this.loop.waitUntilLeader(timeoutMs);
  }

  /** Tries the lock; a new leader starts from the stored checkpoint, which its predecessor last moved. */
  private async lead(checkpoints: RelayCheckpointRepository): Promise<boolean> {
    const leading = await checkpoints.tryLock(this.name);
    // A standby reads the figures too, so the health of any process shows the relay's real lag.
    [this.checkpoint, this.ledgerHead] = await Promise.all([
      checkpoints.load(this.name),
      this.options.store.ledgerHead(),
    ]);
    return leading;
  }

  /** One page of the ledger: sent, acknowledged, then checkpointed; true when more is likely waiting. */
  private async publishBatch(checkpoints: RelayCheckpointRepository): Promise<boolean> {
    const { store, topic } = this.options;
    const page = await store.readLedger({ after: this.checkpoint, limit: this.batchSize });
    this.ledgerHead = Math.max(this.ledgerHead, page.lastPosition);
    if (page.items.length === 0) return false;
    const producer = await this.connect();
    await producer.send({ topic, acks: -1, messages: page.items.map(toEventMessage) });
    const last = page.items[page.items.length - 1].position!;
    await checkpoints.save(this.name, last);
    this.checkpoint = last;
    this.published += page.items.length;
    return page.items.length === this.batchSize;
  }

  /** The producer stays connected across batches and turns as leader, until stop(). */
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
}
