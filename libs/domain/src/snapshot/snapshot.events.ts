import { DomainEvent, everyType } from '../shared';
import { CaptureSnapshotData } from './snapshot.commands';

export const snapshotStreamId = (snapshotId: string): string => `snapshot-${snapshotId}`;

/** The fields of CaptureSnapshot that were given, hex digits in lowercase. */
export interface SnapshotCapturedData extends Omit<CaptureSnapshotData, 'capturedAt'> {
  /** Always present: the given time, normalised to UTC, or the event's occurredAt. */
  readonly capturedAt: string;
}

export type SnapshotCaptured = DomainEvent<'SnapshotCaptured', SnapshotCapturedData>;

export type SnapshotEvent = SnapshotCaptured;

/** Every event type of the aggregate. */
export const SNAPSHOT_EVENT_TYPES = everyType<SnapshotEvent['type']>({
  SnapshotCaptured: true,
});
