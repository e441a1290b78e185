import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { CommandEnvelope, CommandExecutor, CommandFailedError, InvalidCommandError } from '@annals/commands';
import { FieldProblem } from '@annals/contracts';
import { PositionTimeoutError } from '@annals/event-store';
import { parseCommandMessage } from './command-message';
import { CommandProblem, isDatabaseUnavailable, problemOf } from './command-problem';
import { toDeadLetter } from './dead-letter';
import { ensureTopics } from './topics';
import { sleep } from './sleep';

export interface CommandIngestOptions {
  readonly kafka: Kafka;
  readonly executor: Pick<CommandExecutor, 'execute'>;
  readonly topic: string;
  /** Default `<topic>.dlq`. */
  readonly deadLetterTopic?: string;
  readonly groupId: string;
  /** Recorded as the actor (role publisher) of every ingested command. */
  readonly actorId: string;
  /** Partitions of the topics when ingest has to create them. */
  readonly partitions: number;
  /** Commands run in one transaction (in offset order); partitions run at the same time. */
  readonly chunkSize?: number;
  /** How long a partition stays paused when the database is unreachable. */
  readonly retryDelayMs?: number;
  readonly log?: (message: string) => void;
}

export type IngestOutcome = 'appended' | 'duplicate' | 'dead_lettered';

export interface IngestStatus {
  readonly state: 'stopped' | 'starting' | 'running' | 'retrying';
  readonly counts: Readonly<Record<IngestOutcome, number>>;
  /** Times a partition was paused because the database was unreachable. */
  readonly pauses: number;
  readonly lastError?: string;
}

export interface IngestLag {
  readonly total: number;
  readonly partitions: readonly { partition: number; committed: number; end: number; lag: number }[];
}

type Handled = { outcome: 'appended' | 'duplicate' } | { outcome: 'dead_lettered'; problem: CommandProblem };

/**
 * Runs the commands of a Kafka topic. Each message ends as exactly one of: appended, a recognised
 * duplicate (its idempotency key was seen), or written to the dead-letter topic with the problem.
 * Offsets are committed only once every earlier message of the partition has its outcome stored (the
 * dead-letter sends acknowledged), so a crash redelivers and the idempotency key absorbs the repeat.
 * When the database is unreachable the partition pauses and the message is tried again: an outage
 * is nobody's mistake and dead-letters nothing.
 */
export class CommandIngest {
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private abort = new AbortController();
  private starting: Promise<void> | undefined;
  private state: IngestStatus['state'] = 'stopped';
  private readonly counts: Record<IngestOutcome, number> = { appended: 0, duplicate: 0, dead_lettered: 0 };
  private pauses = 0;
  private lastError: string | undefined;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: CommandIngestOptions) {}

  get deadLetterTopic(): string {
    return this.options.deadLetterTopic ?? `${this.options.topic}.dlq`;
  }

  /** Returns at once; ingest connects (retrying while the broker is unreachable) and then consumes. */
  start(): void {
    if (this.starting) return;
    this.abort = new AbortController();
    this.state = 'starting';
    this.starting = this.connectAndRun(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.starting;
    this.starting = undefined;
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = this.producer = undefined;
    this.state = 'stopped';
  }

  status(): IngestStatus {
    return {
      state: this.state,
      counts: { ...this.counts },
      pauses: this.pauses,
      ...(this.lastError !== undefined && { lastError: this.lastError }),
    };
  }

  /** Messages of the topic not yet committed by the group. */
  async lag(): Promise<IngestLag> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      return await consumerLag(admin, this.options.groupId, this.options.topic);
    } finally {
      await admin.disconnect();
    }
  }

  private async connectAndRun(signal: AbortSignal): Promise<void> {
    const { kafka, topic, groupId, partitions, retryDelayMs = 1000 } = this.options;
    while (!signal.aborted) {
      try {
        const admin = kafka.admin();
        await admin.connect();
        try {
          await ensureTopics(admin, [topic, this.deadLetterTopic], partitions);
        } finally {
          await admin.disconnect();
        }
        this.producer ??= kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
        });
        await this.producer.connect();
        this.consumer ??= kafka.consumer({ groupId, allowAutoTopicCreation: false });
        await this.consumer.connect();
        await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
        await this.consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: partitions,
          eachBatch: (payload) => this.handleBatch(payload),
        });
        this.state = 'running';
        this.lastError = undefined;
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.state = 'retrying';
        this.lastError = (error as Error).message;
        this.options.log?.(`ingest ${topic}: ${this.lastError}; connecting again`);
        await this.consumer?.disconnect().catch(() => undefined);
        await sleep(retryDelayMs, signal);
      }
    }
  }

  private async handleBatch({
    batch,
    resolveOffset,
    heartbeat,
    pause,
    isRunning,
    isStale,
  }: EachBatchPayload) {
    const { messages, topic, partition } = batch;
    const handled: (Handled | undefined)[] = new Array(messages.length);
    let unavailable: unknown;
    const chunkSize = this.options.chunkSize ?? 100;
    for (let from = 0; from < messages.length && isRunning() && !isStale(); from += chunkSize) {
      try {
        await this.handleChunk(
          topic,
          partition,
          messages,
          from,
          Math.min(from + chunkSize, messages.length),
          handled,
        );
      } catch (error) {
        unavailable = error;
        break;
      }
      await heartbeat();
    }

    // Only an unbroken run from the batch's start may be committed.
    let done = 0;
    while (done < messages.length && handled[done] !== undefined) done++;
    const deadLetters = handled
      .slice(0, done)
      .flatMap((h, index) =>
        h?.outcome === 'dead_lettered'
          ? [toDeadLetter(h.problem, { topic, partition, message: messages[index] })]
          : [],
      );
    if (deadLetters.length > 0) {
      await this.producer!.send({ topic: this.deadLetterTopic, acks: -1, messages: deadLetters });
    }
    if (done > 0) {
      const last = messages[done - 1].offset;
      resolveOffset(last);
      await this.consumer!.commitOffsets([{ topic, partition, offset: String(BigInt(last) + 1n) }]);
      for (const h of handled.slice(0, done)) this.counts[h!.outcome]++;
    }
    if (unavailable !== undefined) {
      this.pauses++;
      this.lastError = (unavailable as Error).message;
      this.options.log?.(`ingest ${topic}[${partition}]: database unavailable (${this.lastError}); pausing`);
      const resume = pause();
      const timer = setTimeout(() => {
        this.resumeTimers.delete(timer);
        resume();
      }, this.options.retryDelayMs ?? 1000);
      this.resumeTimers.add(timer);
    }
  }

  /**
   * Runs messages [from, to) as one atomic batch of commands (one transaction, one wait for the
   * ledger), in offset order. A refused command is dead-lettered and the batch runs again without
   * it, so each outcome is that of the command alone. Throws only when the database is unreachable.
   */
  private async handleChunk(
    topic: string,
    partition: number,
    messages: readonly KafkaMessage[],
    from: number,
    to: number,
    handled: (Handled | undefined)[],
  ): Promise<void> {
    let pending: { index: number; envelope: CommandEnvelope }[] = [];
    for (let index = from; index < to; index++) {
      const parsed = parseCommandMessage(messages[index].value);
      if (parsed.problem) handled[index] = { outcome: 'dead_lettered', problem: parsed.problem };
      else pending.push({ index, envelope: parsed.envelope });
    }
    const refuse = (position: number, cause: unknown) => {
      handled[pending[position].index] = { outcome: 'dead_lettered', problem: problemOf(cause) };
    };
    while (pending.length > 0) {
      try {
        const results = await this.options.executor.execute(
          pending.map((p) => p.envelope),
          {
            batch: true,
            metadata: {
              actor: { id: this.options.actorId, role: 'publisher' },
              transport: 'kafka',
              correlationId: `${topic}/${partition}/${messages[pending[0].index].offset}`,
            },
          },
        );
        results.forEach(
          (r, k) => (handled[pending[k].index] = { outcome: r.replayed ? 'duplicate' : 'appended' }),
        );
        return;
      } catch (error) {
        const cause = error instanceof CommandFailedError ? error.cause : error;
        if (isDatabaseUnavailable(cause)) throw cause;
        if (cause instanceof PositionTimeoutError) {
          // Committed; only the wait for the ledger positions ran out.
          for (const p of pending) handled[p.index] = { outcome: 'appended' };
          return;
        }
        const before = pending.length;
        if (error instanceof CommandFailedError) refuse(error.index, cause);
        else if (error instanceof InvalidCommandError) {
          for (const [position, problems] of problemsByCommand(error))
            refuse(position, new InvalidCommandError(problems));
        }
        pending = pending.filter((p) => handled[p.index] === undefined);
        if (pending.length < before) continue;
        // An error that names no command: each command alone decides its own outcome.
        if (pending.length === 1) return refuse(0, error);
        for (const p of pending)
          await this.handleChunk(topic, partition, messages, p.index, p.index + 1, handled);
        return;
      }
    }
  }
}

/** A batch's field problems, by command index, with the fields named as for a single command. */
function problemsByCommand(error: InvalidCommandError): Map<number, FieldProblem[]> {
  const byCommand = new Map<number, FieldProblem[]>();
  for (const problem of error.errors) {
    const match = /^commands\[(\d+)\]\.(?:data\.)?(.*)$/.exec(problem.field);
    if (!match) continue;
    const index = Number(match[1]);
    byCommand.set(index, [...(byCommand.get(index) ?? []), { ...problem, field: match[2] }]);
  }
  return byCommand;
}

export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<IngestLag> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const partitions = ends.map(({ partition, high }) => {
    const offset = Number(committed?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
    const start = Number(ends.find((e) => e.partition === partition)!.low);
    const position = offset < 0 ? start : offset;
    return { partition, committed: position, end: Number(high), lag: Math.max(0, Number(high) - position) };
  });
  return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
}
