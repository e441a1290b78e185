import { Kysely } from 'kysely';
import { Client } from 'pg';
import { EventStore, LEDGER_CHANNEL } from '@annals/event-store';
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
  private client: Client | undefined;
  private session: Kysely<ReadDB> | undefined;
  private leader = false;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private position = 0;
  private batches = 0;
  private lastError: string | undefined;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  status(): ProjectionRunnerStatus {
    return {
      name: this.projection.name,
      leader: this.leader,
      position: this.position,
      batches: this.batches,
      lastError: this.lastError,
    };
  }

  /** Resolves once this runner leads (for tests and start-up ordering). */
  async waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.leader && Date.now() < deadline) await delay(20);
    return this.leader;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const session = await this.connect();
        if (!this.leader && !(await this.lead(session))) {
          await this.idle(this.options.pollIntervalMs);
          continue;
        }
        const full = await this.projectBatch(session);
        if (!full) await this.idle(this.options.pollIntervalMs);
      } catch (error) {
        this.lastError = (error as Error).message;
        this.log(`${this.lastError}; reconnecting`);
        await this.disconnect();
        await this.idle(Math.max(this.options.pollIntervalMs, 500));
      }
    }
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
    this.leader = true;
    this.log('leading');
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

  private async connect(): Promise<Kysely<ReadDB>> {
    if (this.session) return this.session;
    const client = new Client({
      connectionString: this.options.url,
      application_name: `annals-projection:${this.projection.name}`,
    });
    client.on('error', () => undefined);
    client.on('notification', () => this.wake?.());
    await client.connect();
    await client.query(`LISTEN ${LEDGER_CHANNEL}`);
    this.client = client;
    this.session = sessionDatabase<ReadDB>(client);
    return this.session;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.session = undefined;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private log(message: string): void {
    this.options.log?.(`projection ${this.projection.name}: ${message}`);
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
