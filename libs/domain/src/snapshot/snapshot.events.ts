import { DomainEvent } from '../shared';
import {
  Checksums,
  GitState,
  SnapshotPayload,
  SnapshotKind,
  SnapshotStatus,
  SnapshotSubject,
} from './snapshot.commands';

export const snapshotStreamId = (snapshotId: string): string => `snapshot-${snapshotId}`;

export interface SnapshotCapturedData {
  readonly snapshotId: string;
  readonly subject: SnapshotSubject;
  readonly kind: SnapshotKind;
  readonly schemaVersion: number;
  readonly status: SnapshotStatus;
  readonly git?: GitState;
  readonly checksums?: Checksums;
  readonly payload?: SnapshotPayload;
  /** Always present: the given time, normalised to UTC, or the event's occurredAt. */
  readonly capturedAt: string;
}

export type SnapshotCaptured = DomainEvent<'SnapshotCaptured', SnapshotCapturedData>;

export type SnapshotEvent = SnapshotCaptured;

/** Every event type of the aggregate; the `Record` makes the compiler insist that none is missing. */
export const SNAPSHOT_EVENT_TYPES = Object.keys({
  SnapshotCaptured: true,
} satisfies Record<SnapshotEvent['type'], true>) as SnapshotEvent['type'][];
