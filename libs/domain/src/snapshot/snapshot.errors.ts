export const SnapshotErrorCode = {
  AlreadyExists: 'snapshot.already_exists',
  InvalidKind: 'snapshot.invalid_kind',
  InvalidSchemaVersion: 'snapshot.invalid_schema_version',
  GitCommitRequired: 'snapshot.git_commit_required',
  InvalidCommit: 'snapshot.invalid_commit',
  ChecksumsRequired: 'snapshot.checksums_required',
  InvalidPath: 'snapshot.invalid_path',
  InvalidDigest: 'snapshot.invalid_digest',
  InvalidCapturedAt: 'snapshot.invalid_captured_at',
  CapturedAtInFuture: 'snapshot.captured_at_in_future',
  ChecksumsMissing: 'snapshot.checksums_missing',
} as const;
export type SnapshotErrorCode = (typeof SnapshotErrorCode)[keyof typeof SnapshotErrorCode];
