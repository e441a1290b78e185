import { MAX_CLOCK_SKEW_MS, invalid } from '../shared';
import { CaptureSnapshotData, Checksums, GitState, SNAPSHOT_KIND_PATTERN } from './snapshot.commands';
import { SnapshotErrorCode } from './snapshot.errors';
import { SnapshotCapturedData } from './snapshot.events';

const COMMIT_PATTERN = /^[0-9a-f]{7,64}$/i;
/** From CRC-32 (8 hex digits) to SHA-512 (128). */
const DIGEST_PATTERN = /^[0-9a-f]{8,128}$/i;
const ISO_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a capture and returns the event data; fields not given stay undefined for `toEvent` to drop.
 * Hex is stored in lowercase: case carries no meaning in a digest or a commit, tools differ in the
 * case they print, and diffs compare digests as strings.
 */
export function captureSnapshotData(
  data: CaptureSnapshotData,
  occurredAt: Date,
  now: Date,
): SnapshotCapturedData {
  if (!SNAPSHOT_KIND_PATTERN.test(data.kind)) {
    throw invalid(SnapshotErrorCode.InvalidKind, 'kind must be git, checksum or match [a-z0-9_.-]+', {
      field: 'kind',
      expected: SNAPSHOT_KIND_PATTERN.source,
      actual: data.kind,
    });
  }
  if (!Number.isInteger(data.schemaVersion) || data.schemaVersion < 1) {
    throw invalid(SnapshotErrorCode.InvalidSchemaVersion, 'schemaVersion must be an integer >= 1', {
      field: 'schemaVersion',
      expected: '>= 1',
      actual: data.schemaVersion,
    });
  }
  if (data.kind === 'git' && !data.git?.commit) {
    throw invalid(SnapshotErrorCode.GitCommitRequired, 'A git snapshot needs git.commit', {
      field: 'git.commit',
    });
  }
  if (data.kind === 'checksum' && Object.keys(data.checksums ?? {}).length === 0) {
    throw invalid(
      SnapshotErrorCode.ChecksumsRequired,
      'A checksum snapshot needs at least one file checksum',
      {
        field: 'checksums',
      },
    );
  }
  return {
    snapshotId: data.snapshotId,
    subject: { type: data.subject.type, id: data.subject.id },
    kind: data.kind,
    schemaVersion: data.schemaVersion,
    status: data.status,
    git: data.git === undefined ? undefined : gitState(data.git),
    checksums: data.checksums === undefined ? undefined : checksums(data.checksums),
    payload: data.payload,
    capturedAt: data.capturedAt === undefined ? occurredAt.toISOString() : capturedAt(data.capturedAt, now),
  };
}

function gitState(git: GitState): GitState {
  if (!COMMIT_PATTERN.test(git.commit)) {
    throw invalid(SnapshotErrorCode.InvalidCommit, 'git.commit must be 7 to 64 hex digits', {
      field: 'git.commit',
      expected: COMMIT_PATTERN.source,
      actual: git.commit,
    });
  }
  return { commit: git.commit.toLowerCase(), branch: git.branch, dirty: git.dirty };
}

function checksums(given: Checksums): Checksums {
  return Object.fromEntries(
    Object.entries(given).map(([path, digest]) => {
      if (path.length === 0) {
        throw invalid(SnapshotErrorCode.InvalidPath, 'A checksum path must not be empty', {
          field: 'checksums',
        });
      }
      if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) {
        throw invalid(SnapshotErrorCode.InvalidDigest, `The digest of ${path} must be 8 to 128 hex digits`, {
          field: 'checksums',
          path,
          expected: DIGEST_PATTERN.source,
          actual: digest,
        });
      }
      return [path, digest.toLowerCase()];
    }),
  );
}

function capturedAt(given: string, now: Date): string {
  const match = ISO_TIME_PATTERN.exec(given);
  const time = Date.parse(given);
  // Date.parse rolls 2025-02-30 over to March; a calendar date that does not exist is refused instead.
  const [year, month, day] = (match ?? []).slice(1, 4).map(Number);
  if (!match || Number.isNaN(time) || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) {
    throw invalid(SnapshotErrorCode.InvalidCapturedAt, 'capturedAt must be an ISO 8601 time with an offset', {
      field: 'capturedAt',
      expected: 'YYYY-MM-DDThh:mm[:ss[.fff]](Z|±hh:mm)',
      actual: given,
    });
  }
  if (time - now.getTime() > MAX_CLOCK_SKEW_MS) {
    throw invalid(SnapshotErrorCode.CapturedAtInFuture, 'capturedAt is more than 5 minutes in the future', {
      field: 'capturedAt',
      expected: `<= ${new Date(now.getTime() + MAX_CLOCK_SKEW_MS).toISOString()}`,
      actual: given,
    });
  }
  return new Date(time).toISOString();
}
