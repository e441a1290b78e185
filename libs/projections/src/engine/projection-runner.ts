import { Kysely } from 'kysely';
import { EventStore, LeaderLoop, LEDGER_CHANNEL } from '@annals/event-store';
import { ReadDB } from '../schema';
import { CheckpointRepository } from './checkpoint.repository';
import { LedgerBatch, readLedgerBatch, redirectTables } from './ledger-batch';
import { Projection } from './projection';
import { buildSchemaOf, ProjectionBuildsRepository } from './projection-builds.repository';
import { sessionDatabase } from './session-database';
import { ShadowTablesRepository } from './shadow-tables.repository';
import { EventUpcaster } from './upcast';

export interface ProjectionRunnerOptions {
  readonly url: string;
  /** Where the ledger is read from (any connection: only the writes need the lock's session). */
  readonly store: EventStore;
  readonly batchSize: number;
  /** How often a standby tries to take over, and an idle leader looks for work without a wake-up. */
  readonly pollIntervalMs: number;
  readonly upcaster?: EventUpcaster;
  readonly log?: (message: string) => void;
  /**
   * Wait for each batch's commit to reach the disk. Off by default: a batch writes its rows and its
   * checkpoint in one transaction, so a commit lost in a server crash is a batch projected again,
   * never a gap or a double, and the runner saves a WAL flush per batch. (A reader may then see a
   * position served before the crash served again, older, after it.) `npm run bench -- projections`
   * measures both.
   */
  readonly synchronousCommit?: boolean;
}

export interface ProjectionRunnerStatus {
  readonly name: string;
  readonly leader: boolean;
  readonly position: number;
  /** Where the rebuild under way stands; null when none is. */
  readonly buildPosition: number | null;
  readonly batches: number;
  readonly lastError: string | undefined;
}

/**
 * Keeps one projection up to date. Many runners of the same projection may run (in several
 * processes); one leads (session advisory lock), the others stand by to take over when its session
 * ends. Each batch is one transaction that applies the events and moves the checkpoint, so a runner
 * killed mid-batch leaves the whole batch or nothing.
 *
 * A rebuild (a new version, or asked for) builds the tables again from position 0 in a schema of
 * their own, with a checkpoint of its own, in batches that alternate with the live ones; once the
 * build has caught up with the live tables, one transaction swaps it in. Queries read the live
 * tables throughout.
 */
export class ProjectionRunner {
  private readonly loop: LeaderLoop<Kysely<ReadDB>>;
  private position = 0;
  private buildPosition: number | null = null;
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
        work: (session) => this.work(session),
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
      buildPosition: this.buildPosition,
      batches: this.batches,
      lastError: this.loop.lastError,
    };
  }

  /** Resolves once this runner leads (for tests and start-up ordering). */
  waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    return this.loop.waitUntilLeader(timeoutMs);
  }

  /** Takes the lock; a new leader asks for a rebuild when the stored version is not its own. */
  private async lead(session: Kysely<ReadDB>): Promise<boolean> {
    const checkpoints = new CheckpointRepository(session);
    if (!(await checkpoints.tryLock(this.projection.name))) return false;
    await checkpoints.setSynchronousCommit(this.options.synchronousCommit ?? false);
    const { name, version } = this.projection;
    const checkpoint = await checkpoints.find(name);
    if (!checkpoint) {
      // Nothing was ever served from these tables: they are built in place.
      await session.transaction().execute(async (trx) => {
        await this.projection.reset(trx);
        await new CheckpointRepository(trx).restart(name, version);
      });
    } else if (checkpoint.version !== version) {
      await new ProjectionBuildsRepository(session).request(name, version);
      this.log(`version ${checkpoint.version} -> ${version}: rebuilding beside the live tables`);
    }
    this.position = checkpoint?.position ?? 0;
    return true;
  }

  /** One round: a live batch, and a build batch while a rebuild is under way; true when more is waiting. */
  private async work(session: Kysely<ReadDB>): Promise<boolean> {
    const build = await new ProjectionBuildsRepository(session).find(this.projection.name);
    if (build === undefined) {
      this.buildPosition = null;
      return (await this.projectLive(session)).full;
    }
    if (build.position === null || build.version !== this.projection.version) {
      await this.startBuild(session);
      return true;
    }
    const live = await this.projectLive(session);
    const built = await this.projectBuild(session, build.position);
    if (!built.full && built.lastPosition >= this.position) {
      await this.swap(session, built.lastPosition);
      return true;
    }
    return live.full || built.full;
  }

  private async projectLive(session: Kysely<ReadDB>): Promise<LedgerBatch> {
    const from = this.position;
    const batch = await this.readBatch(from);
    if (batch.lastPosition === from) return batch;
    await session.transaction().execute(async (trx) => {
      await new CheckpointRepository(trx).advance(this.projection.name, from, batch.lastPosition);
      if (batch.events.length > 0) await this.projection.apply(trx, batch.events);
    });
    this.position = batch.lastPosition;
    this.batches += 1;
    return batch;
  }

  private async startBuild(session: Kysely<ReadDB>): Promise<void> {
    const { name, version, tables } = this.projection;
    await session.transaction().execute(async (trx) => {
      await new ShadowTablesRepository(trx).create(buildSchemaOf(name), tables);
      await new ProjectionBuildsRepository(trx).start(name, version);
    });
    this.buildPosition = 0;
    this.log(`building version ${version} in ${buildSchemaOf(name)}`);
  }

  private async projectBuild(session: Kysely<ReadDB>, from: number): Promise<LedgerBatch> {
    const batch = await this.readBatch(from);
    if (batch.lastPosition !== from) {
      await session.transaction().execute(async (trx) => {
        await new ProjectionBuildsRepository(trx).advance(this.projection.name, from, batch.lastPosition);
        if (batch.events.length > 0) await this.projection.apply(this.buildTables(trx), batch.events);
      });
      this.batches += 1;
    }
    this.buildPosition = batch.lastPosition;
    return batch;
  }

  /**
   * The caught-up build replaces the live tables in one transaction: lock them (queries wait, they
   * never see the tables missing or half-built), apply what the ledger gained since the build's last
   * batch, swap the tables, and move the checkpoint to the new version.
   */
  private async swap(session: Kysely<ReadDB>, from: number): Promise<void> {
    const { name, version, tables } = this.projection;
    const position = await session.transaction().execute(async (trx) => {
      const shadow = new ShadowTablesRepository(trx);
      await shadow.lockLive(tables);
      let reached = from;
      for (;;) {
        const batch = await this.readBatch(reached);
        if (batch.lastPosition === reached) break;
        if (batch.events.length > 0) await this.projection.apply(this.buildTables(trx), batch.events);
        reached = batch.lastPosition;
      }
      await shadow.swapIn(buildSchemaOf(name), tables);
      await new ProjectionBuildsRepository(trx).remove(name);
      await new CheckpointRepository(trx).switchTo(name, this.position, version, reached);
      return reached;
    });
    this.position = position;
    this.buildPosition = null;
    this.log(`version ${version} is live at position ${position}`);
  }

  private readBatch(after: number): Promise<LedgerBatch> {
    return readLedgerBatch(this.options.store, this.projection, after, {
      limit: this.options.batchSize,
      upcaster: this.options.upcaster,
    });
  }

  private buildTables(trx: Kysely<ReadDB>): Kysely<ReadDB> {
    return redirectTables(trx, this.projection, buildSchemaOf(this.projection.name));
  }

  private log(message: string): void {
    this.options.log?.(`projection ${this.projection.name}: ${message}`);
  }
}
