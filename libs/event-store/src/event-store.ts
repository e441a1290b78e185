import { Kysely } from 'kysely';
import { AppendLimits, AppendOptions, NewEvent, prepareAppend, StreamAppend } from './append-request';
import { EventEnvelope } from './envelope';
import { PositionTimeoutError } from './errors';
import { EventStoreRepository } from './event-store.repository';
import { ExpectedVersion } from './expected-version';
import { LedgerWaiter, pollingWaiter } from './ledger-notifier';
import { EventStoreDB } from './schema';

export interface AppendedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  /** The store's insertion number; the ledger position is assigned later by the sequencer. */
  readonly seq: string;
  readonly position: number | null;
}

export interface AppendResult {
  /** The version each stream reached with this append. */
  readonly streams: readonly { readonly streamId: string; readonly version: number }[];
  /** In the order the events were given. */
  readonly events: readonly AppendedEvent[];
  /** True when every event was already stored: this is the original result, nothing was written. */
  readonly duplicate: boolean;
}

export interface ReadStreamOptions {
  readonly fromVersion?: number;
  readonly toVersion?: number;
  readonly limit?: number;
}

export interface ReadLedgerOptions {
  readonly after?: number;
  readonly limit?: number;
  readonly types?: readonly string[];
  readonly streamTypes?: readonly string[];
}

export interface LedgerPage {
  readonly items: EventEnvelope[];
  /** Where the next read continues: the last position this read covered, matching or not. */
  readonly lastPosition: number;
}

export const DEFAULT_READ_LIMIT = 1000;
export const MAX_READ_LIMIT = 10_000;

export interface EventStoreOptions {
  readonly limits: AppendLimits;
  readonly waiter?: LedgerWaiter;
  readonly clock?: () => Date;
  /** Called after appends commit (wakes the sequencer; see AppendSignal). */
  readonly onCommitted?: () => void;
  /** Set on the store bound to a transaction: its appends are committed by `transaction`. */
  readonly inTransaction?: boolean;
}

/** The event store: append with expected versions, read streams and the ledger, follow the ledger. */
export class EventStore {
  private readonly repository: EventStoreRepository;
  private readonly waiter: LedgerWaiter;
  private readonly clock: () => Date;

  constructor(
    private readonly db: Kysely<EventStoreDB>,
    private readonly options: EventStoreOptions,
  ) {
    this.repository = new EventStoreRepository(db);
    this.waiter = options.waiter ?? pollingWaiter();
    this.clock = options.clock ?? (() => new Date());
  }

  /** The same store with other append limits (the command layer bounds domain events field by field). */
  withLimits(limits: Partial<AppendLimits>): EventStore {
    return new EventStore(this.db, { ...this.options, limits: { ...this.options.limits, ...limits } });
  }

  /** Runs `work` in one database transaction with a store bound to it: its appends commit or fail together. */
  async transaction<T>(work: (store: EventStore, trx: Kysely<any>) => Promise<T>): Promise<T> {
    const result = await this.db
      .transaction()
      .execute((trx) => work(new EventStore(trx, { ...this.options, inTransaction: true }), trx));
    this.options.onCommitted?.();
    return result;
  }

  /** Appends to one or more streams atomically, each with its expected version. */
  async append(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const arrays = prepareAppend(appends, options, this.options.limits, this.clock());
    const rows = await this.repository.append(arrays);
    if (!this.options.inTransaction) this.options.onCommitted?.();
    const streams = new Map<string, number>();
    for (const row of rows) streams.set(row.streamId, Math.max(streams.get(row.streamId) ?? 0, row.version));
    const byId = new Map(rows.map((r) => [r.eventId, r]));
    const events = arrays.eventIds.map((id) => {
      const row = byId.get(id)!;
      return {
        eventId: row.eventId,
        streamId: row.streamId,
        version: row.version,
        seq: row.seq,
        position: null,
      };
    });
    // Report events in the caller's stream order, not the lock order.
    const order = appends.map((a) => a.streamId);
    events.sort((a, b) => order.indexOf(a.streamId) - order.indexOf(b.streamId) || a.version - b.version);
    return {
      streams: order.map((streamId) => ({ streamId, version: streams.get(streamId)! })),
      events,
      duplicate: rows.length > 0 && rows.every((r) => r.duplicate),
    };
  }

  appendToStream(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return this.append([{ streamId, expectedVersion, events }], options);
  }

  /** Fills in the ledger positions of an append's events, waiting for the sequencer up to `timeoutMs`. */
  async withPositions(result: AppendResult, timeoutMs = 10_000): Promise<AppendResult> {
    const deadline = Date.now() + timeoutMs;
    const seqs = result.events.map((e) => e.seq);
    for (;;) {
      const positions = await this.repository.positionsOf(seqs);
      if (positions.size === seqs.length) {
        return { ...result, events: result.events.map((e) => ({ ...e, position: positions.get(e.seq)! })) };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new PositionTimeoutError(timeoutMs, await this.repository.ledgerHead());
      await this.waiter.waitForNotification(Math.min(left, 250));
    }
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    return this.repository.readStream(
      streamId,
      options.fromVersion ?? 1,
      options.toVersion ?? Number.MAX_SAFE_INTEGER,
      clampLimit(options.limit),
    );
  }

  /**
   * Inside `transaction`: queue behind other writers of the stream that also lock it, so that a
   * read-decide-append cycle under contention waits its turn instead of failing on a stale version.
   * Optimistic appends stay correct without it; this only spares them the retries.
   */
  lockStream(streamId: string): Promise<void> {
    return this.repository.lockStream(streamId);
  }

  streamVersion(streamId: string): Promise<number> {
    return this.repository.streamVersion(streamId);
  }

  async readLedger(options: ReadLedgerOptions = {}): Promise<LedgerPage> {
    const after = options.after ?? 0;
    const limit = clampLimit(options.limit);
    const head = await this.repository.ledgerHead();
    const items = await this.repository.readLedger({ ...options, after, limit, upTo: head });
    const lastPosition = items.length === limit ? items[items.length - 1].position! : Math.max(head, after);
    return { items, lastPosition };
  }

  ledgerHead(): Promise<number> {
    return this.repository.ledgerHead();
  }

  /** Waits until the ledger has reached `position`; returns the position reached (which may be lower on timeout). */
  async waitForLedger(position: number, timeoutMs: number, signal?: AbortSignal): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const head = await this.repository.ledgerHead();
      const left = deadline - Date.now();
      if (head >= position || left <= 0 || signal?.aborted) return head;
      await this.waiter.waitForNotification(Math.min(left, 250), signal);
    }
  }

  /**
   * Follows the ledger from `after`: catches up in pages, then stays live, woken by notifications and
   * polling. Ends when `signal` aborts.
   */
  async *subscribe(
    options: ReadLedgerOptions & { signal?: AbortSignal; idleMs?: number },
  ): AsyncGenerator<EventEnvelope> {
    let after = options.after ?? 0;
    const idleMs = options.idleMs ?? 1000;
    while (!options.signal?.aborted) {
      const page = await this.readLedger({ ...options, after });
      for (const event of page.items) {
        if (options.signal?.aborted) return;
        yield event;
      }
      const caughtUp = page.lastPosition === after || page.items.length < clampLimit(options.limit);
      after = page.lastPosition;
      if (caughtUp) await this.waiter.waitForNotification(idleMs, options.signal);
    }
  }

  ledgerStats() {
    return this.repository.ledgerStats();
  }
}

const clampLimit = (limit: number | undefined): number =>
  Math.max(1, Math.min(limit ?? DEFAULT_READ_LIMIT, MAX_READ_LIMIT));
