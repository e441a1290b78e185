import { assertNever } from '../shared';
import { SnapshotCapturedData, SnapshotEvent } from './snapshot.events';

export interface NonexistentSnapshot {
  readonly status: 'nonexistent';
  readonly lastOccurredAt: null;
}

/** A snapshot never changes once captured. */
export interface CapturedSnapshot {
  readonly status: 'captured';
  readonly snapshot: SnapshotCapturedData;
  readonly lastOccurredAt: string;
}

export type SnapshotState = NonexistentSnapshot | CapturedSnapshot;

export const initialSnapshotState = (): SnapshotState => ({ status: 'nonexistent', lastOccurredAt: null });

export function evolveSnapshot(_state: SnapshotState, event: SnapshotEvent): SnapshotState {
  switch (event.type) {
    case 'SnapshotCaptured':
      return { status: 'captured', snapshot: event.data, lastOccurredAt: event.occurredAt };
    default:
      return assertNever(event.type);
  }
}
