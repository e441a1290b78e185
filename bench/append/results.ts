import { ContenderName } from './contender';

/** Each figure is events per second (for 'D conflicts', refused appends per second). */
export const METRICS = ['A', 'B', 'C1', 'C4', 'D', 'D conflicts', 'E stream', 'E global'] as const;
export type Metric = (typeof METRICS)[number];

export interface AppendSettings {
  /** How long each write scenario runs. */
  readonly seconds: number;
  /** Events per page of a global read. */
  readonly page: number;
  /** How many times scenario E reads the 10,000-event stream. */
  readonly streamReads: number;
  /** How many events scenario E reads in global order. */
  readonly globalEvents: number;
}

/** The sequencer while a write scenario runs. */
export interface SequencerFigures {
  readonly appendedPerSecond: number;
  readonly numberedPerSecond: number;
  readonly maxLag: number;
  readonly lagAtEnd: number;
  /** From the writers' end until the ledger holds every committed event. */
  readonly catchUpMs: number;
}

/** The global order read from its beginning after the concurrent scenarios. */
export interface OrderCheck {
  /** Events the store acknowledged to the writers. */
  readonly acknowledged: number;
  /** Events in the store's table. */
  readonly stored: number;
  /** Events the global read returned, repeats included. */
  readonly read: number;
  readonly distinct: number;
  /** Stored events the global read never returned. */
  readonly lost: number;
  /** Returns beyond the first of an event. */
  readonly repeated: number;
}

/** The sequencer numbering a backlog with no writer running: its own capacity. */
export interface SequencerDrain {
  readonly backlog: number;
  readonly perSecond: number;
}

export interface SequencerRun {
  readonly C1: SequencerFigures;
  readonly C4: SequencerFigures;
  readonly drain: SequencerDrain;
}

export interface ContenderRun {
  readonly contender: ContenderName;
  readonly rates: Record<Metric, number>;
  readonly sequencer?: SequencerRun;
  readonly order: OrderCheck;
}

export const exactlyOnce = (check: OrderCheck): boolean =>
  check.lost === 0 && check.repeated === 0 && check.acknowledged === check.stored;
