export const CONTENDER_NAMES = ['annals', 'raw', 'emmett'] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

export interface BenchEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** The stream has moved past the expected version: the caller catches up and retries. */
export class VersionConflict extends Error {
  constructor(readonly streamId: string) {
    super(`version conflict on ${streamId}`);
    this.name = 'VersionConflict';
  }
}

/** One page of the global order; `keys` names each event as `<stream id>/<version>` (for the exactly-once check). */
export interface GlobalPage {
  readonly count: number;
  keys(): string[];
}

/** Follows the global order from its beginning, the way the contender's consumers do. */
export interface GlobalReader {
  /** An empty page means the end of what is there. */
  next(limit: number): Promise<GlobalPage>;
}

/** The contender's own global numbering, when it has one that runs apart from the writers (Annals' sequencer). */
export interface SequencerProbe {
  /** Events numbered so far (the ledger head this process has seen). */
  numbered(): number;
  /** Committed events not numbered yet. */
  lag(): Promise<number>;
  /** Stops numbering (to build up a backlog); resume() starts again. */
  pause(): Promise<void>;
  resume(): void;
}

/**
 * What the scenarios need from an event store, with each contender's own calls behind it.
 * Versions count from 1; an expected version of 0 means "the stream does not exist yet".
 */
export interface Contender {
  readonly name: ContenderName;
  readonly sequencer?: SequencerProbe;
  /** Throws VersionConflict when the stream is not at `expectedVersion`. */
  append(streamId: string, expectedVersion: number, events: readonly BenchEvent[]): Promise<void>;
  /** Reads the stream's events after `afterVersion`, as a command handler does after a conflict; returns the version reached. */
  catchUp(streamId: string, afterVersion: number): Promise<number>;
  /** Reads a whole stream of up to 10,000 events in one call; returns how many were read. */
  readStream(streamId: string): Promise<number>;
  openGlobalOrder(): GlobalReader;
  /** Events stored, counted in the database. */
  storedEvents(): Promise<number>;
  /** Brings the planner's statistics up to date, as autovacuum does on a database that has been running a while. */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** 10,000: the most Annals returns per read, and the stream length of scenario E. */
export const STREAM_READ_LIMIT = 10_000;
