import { NOW_ISO, receivedNow } from '../../shared/testing';
import { CaptureSnapshot, CaptureSnapshotData } from '../snapshot.commands';
import { SnapshotCaptured, SnapshotCapturedData } from '../snapshot.events';

export const SNAPSHOT_ID = 'snap-42';
export const COMMIT = '9fceb02d0ae598e95dc970b74767f19372d61af8';
export const DIGEST_A = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const DIGEST_B = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

const gitCapture: CaptureSnapshotData = {
  snapshotId: SNAPSHOT_ID,
  subject: { type: 'task', id: 'task-9' },
  kind: 'git',
  schemaVersion: 1,
  status: 'ok',
  git: { commit: COMMIT },
};

export const captureSnapshot = (
  data: Partial<CaptureSnapshotData> = {},
  occurredAt?: Date,
): CaptureSnapshot => ({
  type: 'CaptureSnapshot',
  data: { ...gitCapture, ...data },
  metadata: receivedNow(occurredAt),
});

export const snapshotCaptured = (
  data: Partial<SnapshotCapturedData> = {},
  occurredAt = NOW_ISO,
): SnapshotCaptured => ({
  type: 'SnapshotCaptured',
  data: { ...gitCapture, capturedAt: occurredAt, ...data },
  occurredAt,
});
