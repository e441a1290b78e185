import { EventStore } from '@annals/event-store';
import { CheckpointRepository } from './checkpoint.repository';
import { Projection } from './projection';

export type ProjectionState = 'running' | 'catching_up' | 'stopped';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  /** Ledger head minus position. */
  readonly lag: number;
  /** running: a runner (in any process) holds the lock and is caught up; catching_up: it holds the lock and lags; stopped: none holds it. */
  readonly state: ProjectionState;
  readonly updatedAt: string | null;
}

/** Where every projection stands, seen from the database: true across processes. */
export class ProjectionStatusReader {
  constructor(
    private readonly projections: readonly Projection[],
    private readonly checkpoints: CheckpointRepository,
    private readonly store: EventStore,
  ) {}

  async statuses(): Promise<ProjectionStatus[]> {
    const names = this.projections.map((p) => p.name);
    const [checkpoints, running, head] = await Promise.all([
      this.checkpoints.all(),
      this.checkpoints.running(names),
      this.store.ledgerHead(),
    ]);
    const byName = new Map(checkpoints.map((c) => [c.name, c]));
    return this.projections.map(({ name, version }) => {
      const checkpoint = byName.get(name);
      // A checkpoint of another version is being rebuilt: it has reached nothing of this version yet.
      const position = checkpoint?.version === version ? checkpoint.position : 0;
      const lag = Math.max(0, head - position);
      return {
        name,
        version,
        position,
        lag,
        state: stateOf(running.has(name), lag),
        updatedAt: checkpoint?.updatedAt.toISOString() ?? null,
      };
    });
  }
}

export const stateOf = (locked: boolean, lag: number): ProjectionState =>
  !locked ? 'stopped' : lag === 0 ? 'running' : 'catching_up';
