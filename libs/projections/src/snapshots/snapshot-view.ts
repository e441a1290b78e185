import { SnapshotRow } from './snapshot-row';

/** A snapshot as lists answer it (the payload is in the detail only). */
export interface SnapshotView {
  readonly id: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly kind: string;
  readonly schemaVersion: number;
  readonly status: string;
  readonly git: {
    readonly commit: string;
    readonly branch: string | null;
    readonly dirty: boolean | null;
  } | null;
  readonly hasChecksums: boolean;
  readonly fileCount: number;
  readonly capturedAt: string;
  readonly occurredAt: string;
  readonly position: number;
}

export function snapshotView(row: Omit<SnapshotRow, 'payload'>): SnapshotView {
  return {
    id: row.id,
    subject: { type: row.subject_type, id: row.subject_id },
    kind: row.kind,
    schemaVersion: row.schema_version,
    status: row.status,
    git:
      row.git_commit === null
        ? null
        : { commit: row.git_commit, branch: row.git_branch, dirty: row.git_dirty },
    hasChecksums: row.has_checksums,
    fileCount: row.file_count,
    capturedAt: row.captured_at.toISOString(),
    occurredAt: row.occurred_at.toISOString(),
    position: row.position,
  };
}
