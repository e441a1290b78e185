import { EventStore } from '@annals/event-store';
import { CheckpointRepository } from './checkpoint.repository';
import { Projection } from './projection';
import { ProjectionBuild, ProjectionBuildsRepository } from './projection-builds.repository';

export type ProjectionState = 'running' | 'catching_up' | 'rebuilding' | 'stopped';

export interface ProjectionBuildStatus {
  /** The version being built. */
  readonly version: number;
  /** The build's checkpoint; 0 while the rebuild is asked for and not yet started. */
  readonly position: number;
  /** position / ledger head, 0..1. */
  readonly progress: number;
  readonly requestedAt: string;
}

export interface ProjectionStatus {
  readonly name: string;
  /** The version of the live tables (the code's until a rebuild has been asked for). */
  readonly version: number;
  /** The live tables' checkpoint: queries are served at it, during a rebuild too. */
  readonly position: number;
  /** Ledger head minus position. */
  readonly lag: number;
  /**
   * running: a runner (in any process) holds the lock and is caught up; catching_up: it holds the
   * lock and lags; rebuilding: it holds the lock and builds new tables beside the live ones;
   * stopped: none holds it.
   */
  readonly state: ProjectionState;
  readonly updatedAt: string | null;
  /** The rebuild under way or asked for; null when none is. */
  readonly build: ProjectionBuildStatus | null;
}

/** A projection name no projection has. */
export class UnknownProjectionError extends Error {
  constructor(readonly projection: string) {
    super(`No projection ${projection}`);
    this.name = 'UnknownProjectionError';
  }
}

/** The projection named `name`, or UnknownProjectionError. */
export function projectionNamed(projections: readonly Projection[], name: string): Projection {
  const projection = projections.find((p) => p.name === name);
  if (!projection) throw new UnknownProjectionError(name);
  return projection;
}

/** Where every projection stands, seen from the database: true across processes. */
export class ProjectionStatusReader {
  constructor(
    private readonly projections: readonly Projection[],
    private readonly checkpoints: CheckpointRepository,
    private readonly builds: ProjectionBuildsRepository,
    private readonly store: EventStore,
  ) {}

  async statuses(): Promise<ProjectionStatus[]> {
    const names = this.projections.map((p) => p.name);
    const [checkpoints, builds, running, head] = await Promise.all([
      this.checkpoints.all(),
      this.builds.all(),
      this.checkpoints.running(names),
      this.store.ledgerHead(),
    ]);
    const checkpointOf = new Map(checkpoints.map((c) => [c.name, c]));
    const buildOf = new Map(builds.map((b) => [b.name, b]));
    return this.projections.map(({ name, version }) => {
      const checkpoint = checkpointOf.get(name);
      const build = buildOf.get(name);
      const position = checkpoint?.position ?? 0;
      const lag = Math.max(0, head - position);
      return {
        name,
        version: checkpoint?.version ?? version,
        position,
        lag,
        state: stateOf(running.has(name), lag, build !== undefined),
        updatedAt: checkpoint?.updatedAt.toISOString() ?? null,
        build: build ? buildStatusOf(build, head) : null,
      };
    });
  }

  async status(name: string): Promise<ProjectionStatus> {
    projectionNamed(this.projections, name);
    return (await this.statuses()).find((status) => status.name === name)!;
  }

  /**
   * Asks for a rebuild of `name` at the code's version; whichever process leads the projection picks
   * it up. One already asked for or under way is left as it is.
   */
  async requestRebuild(name: string): Promise<ProjectionStatus> {
    const { version } = projectionNamed(this.projections, name);
    await this.builds.request(name, version);
    return this.status(name);
  }
}

export const stateOf = (locked: boolean, lag: number, building = false): ProjectionState =>
  !locked ? 'stopped' : building ? 'rebuilding' : lag === 0 ? 'running' : 'catching_up';

const buildStatusOf = (build: ProjectionBuild, head: number): ProjectionBuildStatus => {
  const position = build.position ?? 0;
  return {
    version: build.version,
    position,
    progress: head === 0 ? 1 : Math.min(1, position / head),
    requestedAt: build.requestedAt.toISOString(),
  };
};
