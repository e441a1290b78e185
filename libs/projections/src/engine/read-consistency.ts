import { LedgerWaiter, pollingWaiter } from '@annals/event-store';
import { CheckpointRepository } from './checkpoint.repository';

/** The projections a query reads have not reached the position the caller asked for in time. */
export class ProjectionBehindError extends Error {
  constructor(
    readonly minPosition: number,
    readonly position: number,
    readonly waitedMs: number,
  ) {
    super(`The projections reached position ${position}, not ${minPosition}, within ${waitedMs} ms`);
    this.name = 'ProjectionBehindError';
  }
}

/**
 * Read your write: a query that names a ledger position waits (bounded) until every projection it
 * reads has reached it, and reports the position it served.
 */
export class ReadConsistency {
  constructor(
    private readonly checkpoints: CheckpointRepository,
    /** Woken when a checkpoint moves (NOTIFY at commit); polling covers a lost notification. */
    private readonly waiter: LedgerWaiter = pollingWaiter(),
  ) {}

  /** The position all of `projections` have reached: the lowest of their checkpoints (0 when one has none). */
  async position(projections: readonly string[]): Promise<number> {
    const all = await this.checkpoints.all();
    const byName = new Map(all.map((c) => [c.name, c.position]));
    return Math.min(...projections.map((name) => byName.get(name) ?? 0));
  }

  /** Waits up to `timeoutMs` for `minPosition` (none: answers at once); returns the position served. */
  async atLeast(
    projections: readonly string[],
    minPosition: number | undefined,
    timeoutMs: number,
  ): Promise<number> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    for (;;) {
      const position = await this.position(projections);
      if (minPosition === undefined || position >= minPosition) return position;
      const left = deadline - Date.now();
      if (left <= 0) throw new ProjectionBehindError(minPosition, position, Date.now() - started);
      await this.waiter.waitForNotification(Math.min(left, 100));
    }
  }
}
