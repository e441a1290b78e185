import { performance } from 'node:perf_hooks';
import { Kysely, sql } from 'kysely';
import { EventStore } from '@annals/event-store';
import { CheckpointRepository, Projection, ProjectionRunner, ReadDB } from '@annals/projections';
import { delay } from '../support/measure';

export interface ProjectionCatchUp {
  readonly name: string;
  /** From the runners' start until this one's checkpoint reached the ledger head. */
  readonly seconds: number;
  /** Events of the types it handles (the runner reads no others). */
  readonly handled: number;
  readonly batches: number;
}

export interface CatchUp {
  readonly batchSize: number;
  readonly synchronousCommit: boolean;
  /** Ledger positions covered: every runner goes from 0 to the head. */
  readonly positions: number;
  /** Until the last runner caught up. */
  readonly seconds: number;
  /**
   * CPU this process (all runners: ledger reads, upcasting, folding, building the SQL) used meanwhile:
   * well below `seconds`, the runners wait on the server.
   */
  readonly processCpuSeconds: number;
  readonly projections: readonly ProjectionCatchUp[];
}

const POLL_MS = 20;
/** The service's idle poll (ProjectionsModule's default): runners with work never wait for it. */
const IDLE_POLL_MS = 1000;

/**
 * From a fresh checkpoint to caught up: every projection's tables emptied and its checkpoint put back
 * to 0 (as a first start finds them), then one ProjectionRunner per projection started at once, as the
 * service runs them, until each checkpoint reaches the ledger head.
 */
export async function measureCatchUp(options: {
  readonly db: Kysely<ReadDB>;
  readonly url: string;
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  readonly batchSize: number;
  /** The runners' setting (the service's default is off); a round with it on shows what it saves. */
  readonly synchronousCommit: boolean;
  readonly head: number;
  readonly eventTypes: Readonly<Record<string, number>>;
}): Promise<CatchUp> {
  const { db, projections, head } = options;
  await restartFromZero(db, projections);
  const runners = projections.map(
    (projection) =>
      new ProjectionRunner(projection, {
        url: options.url,
        store: options.store,
        batchSize: options.batchSize,
        pollIntervalMs: IDLE_POLL_MS,
        synchronousCommit: options.synchronousCommit,
      }),
  );
  const caughtUpAt = new Map<string, number>();
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const runner of runners) runner.start();
  try {
    while (caughtUpAt.size < runners.length) {
      await delay(POLL_MS);
      for (const runner of runners) {
        const status = runner.status();
        if (status.lastError) throw new Error(`projection ${status.name}: ${status.lastError}`);
        if (!caughtUpAt.has(status.name) && status.position >= head)
          caughtUpAt.set(status.name, performance.now() - started);
      }
    }
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
  const used = process.cpuUsage(cpu);
  return {
    batchSize: options.batchSize,
    synchronousCommit: options.synchronousCommit,
    positions: head,
    seconds: Math.max(...caughtUpAt.values()) / 1000,
    processCpuSeconds: (used.user + used.system) / 1e6,
    projections: runners.map((runner) => ({
      name: runner.projection.name,
      seconds: caughtUpAt.get(runner.projection.name)! / 1000,
      handled: runner.projection.handles.reduce((n, type) => n + (options.eventTypes[type] ?? 0), 0),
      batches: runner.status().batches,
    })),
  };
}

/** Empties every projection's tables and sets its checkpoint to 0, then vacuums away the dead rows. */
async function restartFromZero(db: Kysely<ReadDB>, projections: readonly Projection[]): Promise<void> {
  for (const projection of projections) {
    await db.transaction().execute(async (trx) => {
      await projection.reset(trx);
      await new CheckpointRepository(trx).restart(projection.name, projection.version);
    });
  }
  // A round must not pay for the previous round's dead rows, nor flush its pages.
  for (const table of projections.flatMap((p) => p.tables)) {
    await sql`vacuum ${sql.table(`read.${table}`)}`.execute(db);
  }
  await sql`checkpoint`.execute(db);
}
