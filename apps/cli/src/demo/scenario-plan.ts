import { SeededRandom } from './seeded-random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** One command of the plan, at the time its fact happened. */
export interface PlannedCommand {
  readonly at: number;
  /** Breaks ties of `at`: the order in which the plan was written. */
  readonly order: number;
  readonly type: string;
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * What the generators write to: commands with the time of their fact, in any order. Each generator
 * keeps the causal order of its own entities by giving later steps later times (at least a second
 * apart); the scenario then sorts everything by time, which puts every stream in order too.
 */
export class ScenarioPlan {
  private readonly commands: PlannedCommand[] = [];

  constructor(
    readonly random: SeededRandom,
    /** The prefix of every entity id: one seed, one set of ids. */
    readonly idPrefix: string,
    readonly windowStart: number,
    readonly now: number,
  ) {}

  add(at: number, type: string, id: string, data: Record<string, unknown> = {}): void {
    // Whole seconds: readable times, and a step one second after another stays after it.
    this.commands.push({ at: Math.round(at / 1000) * 1000, order: this.commands.length, type, id, data });
  }

  id(...parts: (string | number)[]): string {
    return [this.idPrefix, ...parts].join('-');
  }

  /** Everything planned, by time. */
  sorted(): PlannedCommand[] {
    return [...this.commands].sort((a, b) => a.at - b.at || a.order - b.order);
  }
}

/** What a task's life left behind that deployments and decisions refer to. */
export interface TaskOutcome {
  readonly taskId: string;
  readonly workflowId: string;
  readonly service: string;
  readonly createdAt: number;
  /** Set when the task completed (success or partial success): it can ship. */
  readonly completedAt?: number;
}

/** A repository snapshot that tasks start from. */
export interface RepositorySnapshot {
  readonly snapshotId: string;
  readonly at: number;
}
