import { Kysely, sql } from 'kysely';
import {
  AppendSignal,
  EventStore,
  EventStoreDB,
  Sequencer,
  WrongExpectedVersionError,
} from '@annals/event-store';
import { createDatabase, createPool } from '@annals/platform/database/database';
import { migrateToLatest } from '@annals/platform/database/migrate';
import {
  BenchEvent,
  Contender,
  GlobalReader,
  SequencerProbe,
  STREAM_READ_LIMIT,
  VersionConflict,
} from '../contender';

/** The service's defaults (ANNALS_MAX_EVENT_BYTES, ANNALS_MAX_EVENTS_PER_APPEND, ANNALS_SEQUENCER_*). */
const LIMITS = { maxEventDataBytes: 256 * 1024, maxEventsPerAppend: 1000 };
const SEQUENCER = { batchSize: 2000, pollIntervalMs: 250 };
const POOL_SIZE = 10;

/** Annals as the service runs it: the event store on a pool, and the sequencer numbering the ledger alongside. */
export class AnnalsContender implements Contender {
  readonly name = 'annals';
  readonly sequencer: SequencerProbe;

  private constructor(
    private readonly db: Kysely<EventStoreDB>,
    private readonly store: EventStore,
    private readonly runningSequencer: Sequencer,
    private readonly signal: AppendSignal,
  ) {
    this.sequencer = {
      numbered: () => runningSequencer.status().lastPosition,
      lag: async () => (await store.ledgerStats()).lag,
      pause: () => runningSequencer.stop(),
      resume: () => runningSequencer.start(),
    };
  }

  static async open(url: string): Promise<AnnalsContender> {
    const db = createDatabase<EventStoreDB>(
      createPool({ url, poolSize: POOL_SIZE, applicationName: 'bench' }),
    );
    await migrateToLatest(db);
    const sequencer = new Sequencer({ url, ...SEQUENCER });
    sequencer.start();
    if (!(await sequencer.waitUntilLeader())) throw new Error('the sequencer did not take the lead');
    // As the service runs it: appends signal the sequencer after commit (AppendSignal).
    const signal = new AppendSignal(url);
    const store = new EventStore(db, { limits: LIMITS, onCommitted: () => signal.signal() });
    return new AnnalsContender(db, store, sequencer, signal);
  }

  async append(streamId: string, expectedVersion: number, events: readonly BenchEvent[]): Promise<void> {
    try {
      await this.store.appendToStream(
        streamId,
        expectedVersion === 0 ? 'no_stream' : expectedVersion,
        events,
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new VersionConflict(streamId);
      throw error;
    }
  }

  async catchUp(streamId: string, afterVersion: number): Promise<number> {
    const events = await this.store.readStream(streamId, { fromVersion: afterVersion + 1 });
    return events.at(-1)?.version ?? afterVersion;
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.store.readStream(streamId, { limit: STREAM_READ_LIMIT })).length;
  }

  openGlobalOrder(): GlobalReader {
    let after = 0;
    return {
      next: async (limit) => {
        const page = await this.store.readLedger({ after, limit });
        after = page.lastPosition;
        return { count: page.items.length, keys: () => page.items.map((e) => `${e.streamId}/${e.version}`) };
      },
    };
  }

  async storedEvents(): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from events`.execute(this.db);
    return rows[0].n;
  }

  async analyze(): Promise<void> {
    await sql`analyze`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.runningSequencer.stop();
    await this.signal.close();
    await this.db.destroy();
  }
}
