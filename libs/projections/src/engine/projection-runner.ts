import { Kysely } from 'kysely';
import { EventStore, LeaderLoop, LEDGER_CHANNEL } from '@annals/event-store';
import { ReadDB } from '../schema';
import { CheckpointRepository } from './checkpoint.repository';
import { Projection } from './projection';
import { sessionDatabase } from './session-database';
import { EventUpcaster, upcastEnvelope } from './upcast';

export interface ProjectionRunnerOptions {
  readonly url: string;
  /** Where the ledger is read from (any connection: only the writes need the lock's session). */
  readonly store: EventStore;
  readonly batchSize: number;
  /** How often a standby tries to take over, and an idle leader looks for work without a wake-up. */
  readonly pollIntervalMs: number;
  readonly upcaster?: EventUpcaster;
  readonly log?: (message: string) => void;
}

export interface ProjectionRunnerStatus {
  readonly name: string;
  readonly leader: boolean;
  readonly position: number;
  readonly batches: number;
  readonly lastError: string | undefined;
}

/**
 * Keeps one projection up to date. Many runners of the same projection may run (in several
 * processes); one leads (session advisory lock), the others stand by to take over when its session
 * ends. Each batch is one transaction that applies the events and moves the checkpoint, so a runner
 * killed mid-batch leaves the whole batch or nothing.
 */
export class ProjectionRunner {
  private readonly loop: LeaderLoop<Kysely<ReadDB>>;
  private position = 0;
  private batches = 0;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.loop = new LeaderLoop(
      options.url,
      options.pollIntervalMs,
      {
        applicationName: `annals-projection:${projection.name}`,
        wakeChannel: LEDGER_CHANNEL,
        openSession: (client) => sessionDatabase<ReadDB>(client),
        tryLead: (session) => this.lead(session),
        work: (session) => this.projectBatch(session),
      },
      (message) => this.log(message),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  status(): ProjectionRunnerStatus {
    return {
      name: this.projection.name,
      leader: this.loop.leader,
      position: this.position,
      batches: this.batches,
      lastError: this.loop.lastError,
    };
  }

  /** Resolves once this runner leads (for tests and start-up ordering). */
  waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    return this.loop.waitUntilLeader(timeoutMs);
  }

  /** Takes the lock; a new leader first rebuilds from the start when the stored version is not its own. */
  private async lead(session: Kysely<ReadDB>): Promise<boolean> {
    if (!(await new CheckpointRepository(session).tryLock(this.projection.name))) return false;
    const { name, version } = this.projection;
    const checkpoint = await new CheckpointRepository(session).find(name);
    if (checkpoint?.version !== version) {
      await session.transaction().execute(async (trx) => {
        await this.projection.reset(trx);
        await new CheckpointRepository(trx).restart(name, version);
      });
      if (checkpoint) this.log(`version ${checkpoint.version} -> ${version}: rebuilding from the start`);
    }
    this.position = checkpoint?.version === version ? checkpoint.position : 0;
    return true;
  }

  /** One batch in one transaction; true when the batch was full (more is likely waiting). */
  private async projectBatch(session: Kysely<ReadDB>): Promise<boolean> {
    const from = this.position;
    const page = await this.options.store.readLedger({
      after: from,
      limit: this.options.batchSize,
      types: this.projection.handles,
    });
    if (page.lastPosition === from) return false;
    const events = page.items.map((event) => upcastEnvelope(event, this.options.upcaster));
    await session.transaction().execute(async (trx) => {
      await new CheckpointRepository(trx).advance(this.projection.name, from, page.lastPosition);
      if (events.length > 0) await this.projection.apply(trx, events);
    });
    this.position = page.lastPosition;
    this.batches += 1;
    return page.items.length === this.options.batchSize;
  }

  private log(message: string): void {
    this.options.log?.(`projection ${this.projection.name}: ${message}`);
  }
}
