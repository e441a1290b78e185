import { EnvelopeWithUpcastData } from '../engine/projection';

/** A row of read.snapshots as the projection folds it (position a number). */
export interface SnapshotRow {
  readonly id: string;
  readonly subject_type: string;
  readonly subject_id: string;
  readonly kind: string;
  readonly schema_version: number;
  readonly status: string;
  readonly git_commit: string | null;
  readonly git_branch: string | null;
  readonly git_dirty: boolean | null;
  /** Whether the capture carried checksums at all: a diff needs them on both sides. */
  readonly has_checksums: boolean;
  readonly file_count: number;
  readonly payload: unknown;
  readonly captured_at: Date;
  readonly occurred_at: Date;
  readonly position: number;
}

/** A row of read.snapshot_files. */
export interface SnapshotFileRow {
  readonly snapshot_id: string;
  readonly path: string;
  readonly checksum: string;
  readonly position: number;
}

export const SNAPSHOT_ROW_EVENTS = ['SnapshotCaptured'] as const;

/** A snapshot is written once: its capture makes the row, and nothing changes it afterwards. */
export function evolveSnapshotRow(
  row: SnapshotRow | undefined,
  event: EnvelopeWithUpcastData,
): SnapshotRow | undefined {
  if (row !== undefined || event.type !== 'SnapshotCaptured') return undefined;
  const { data } = event;
  return {
    id: data.snapshotId,
    subject_type: data.subject.type,
    subject_id: data.subject.id,
    kind: data.kind,
    schema_version: data.schemaVersion,
    status: data.status,
    git_commit: data.git?.commit ?? null,
    git_branch: data.git?.branch ?? null,
    git_dirty: data.git?.dirty ?? null,
    has_checksums: data.checksums !== undefined,
    file_count: Object.keys(data.checksums ?? {}).length,
    payload: data.payload ?? null,
    captured_at: new Date(data.capturedAt),
    occurred_at: new Date(event.occurredAt),
    position: event.position,
  };
}

/** The file rows of a capture (the checksums are already lowercase: the decider normalised them). */
export function snapshotFileRows(event: EnvelopeWithUpcastData): SnapshotFileRow[] {
  const checksums: Record<string, string> = event.data.checksums ?? {};
  return Object.entries(checksums).map(([path, checksum]) => ({
    snapshot_id: event.data.snapshotId,
    path,
    checksum,
    position: event.position,
  }));
}
