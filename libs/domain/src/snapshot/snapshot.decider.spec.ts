import { fold } from '../shared';
import { NOW_ISO, afterNow, deciderSpec } from '../shared/testing';
import { snapshotDecider } from './snapshot.decider';
import {
  COMMIT,
  DIGEST_A,
  DIGEST_B,
  SNAPSHOT_ID,
  captureSnapshot,
  snapshotCaptured,
} from './testing/snapshot.fixtures';

const spec = deciderSpec(snapshotDecider);

describe('Snapshot decider', () => {
  describe('CaptureSnapshot', () => {
    it('captures a git snapshot, capturedAt defaulting to occurredAt', () =>
      spec.given([]).when(captureSnapshot()).then([snapshotCaptured()]));

    it('captures a checksum snapshot', () => {
      const checksums = { 'src/a.ts': DIGEST_A, 'src/b.ts': DIGEST_B };
      spec
        .given([])
        .when(captureSnapshot({ kind: 'checksum', git: undefined, checksums }))
        .then([snapshotCaptured({ kind: 'checksum', git: undefined, checksums })]);
    });

    it('captures a custom kind with a JSON payload, keeping every optional field given', () => {
      const data = {
        subject: { type: 'machine', id: 'runner-3' },
        kind: 'node.env_v2',
        schemaVersion: 3,
        status: 'warning',
        git: { commit: COMMIT, branch: 'main', dirty: false },
        payload: { node: '20.19.0', disks: [{ free: 12.5 }], proxy: null },
        capturedAt: '2025-03-01T11:30:00.000Z',
      } as const;
      spec
        .given([])
        .when(captureSnapshot(data))
        .then([snapshotCaptured(data)]);
    });

    it('leaves optional fields that were not given out of the event, so it survives a JSON round trip', () => {
      const [event] = spec.given([]).when(captureSnapshot()).events();
      expect(Object.keys(event.data).sort()).toEqual(
        ['capturedAt', 'git', 'kind', 'schemaVersion', 'snapshotId', 'status', 'subject'].sort(),
      );
      expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
    });

    it('keeps a null payload: null is a JSON value, not a missing one', () =>
      spec
        .given([])
        .when(captureSnapshot({ payload: null }))
        .then([snapshotCaptured({ payload: null })]));

    it('snapshots are immutable: a second capture is refused with snapshot.already_exists', () =>
      spec
        .given([snapshotCaptured()])
        .when(captureSnapshot())
        .thenThrows('snapshot.already_exists', { snapshotId: SNAPSHOT_ID }));

    it.each(['Git', 'my kind', 'k/8s', ''])('refuses the kind %j: snapshot.invalid_kind', (kind) =>
      spec
        .given([])
        .when(captureSnapshot({ kind }))
        .thenThrows('snapshot.invalid_kind', { field: 'kind', actual: kind }),
    );

    it.each([0, -1, 1.5])('refuses schemaVersion %d: snapshot.invalid_schema_version', (schemaVersion) =>
      spec
        .given([])
        .when(captureSnapshot({ schemaVersion }))
        .thenThrows('snapshot.invalid_schema_version', { field: 'schemaVersion', actual: schemaVersion }),
    );

    it('a git snapshot needs git.commit: snapshot.git_commit_required', () =>
      spec
        .given([])
        .when(captureSnapshot({ git: undefined }))
        .thenThrows('snapshot.git_commit_required', { field: 'git.commit' }));

    it.each(['abc12', 'z'.repeat(40), 'a'.repeat(65)])(
      'refuses the commit %j: snapshot.invalid_commit',
      (commit) =>
        spec
          .given([])
          .when(captureSnapshot({ git: { commit } }))
          .thenThrows('snapshot.invalid_commit', { field: 'git.commit', actual: commit }),
    );

    it('stores a commit in lowercase', () =>
      spec
        .given([])
        .when(captureSnapshot({ git: { commit: COMMIT.toUpperCase() } }))
        .then([snapshotCaptured({ git: { commit: COMMIT } })]));

    it.each([undefined, {}])(
      'a checksum snapshot needs checksums (%j): snapshot.checksums_required',
      (checksums) =>
        spec
          .given([])
          .when(captureSnapshot({ kind: 'checksum', checksums }))
          .thenThrows('snapshot.checksums_required', { field: 'checksums' }),
    );

    it.each(['not-hex!', 'abc', 'f'.repeat(129)])(
      'refuses the digest %j: snapshot.invalid_digest',
      (digest) =>
        spec
          .given([])
          .when(captureSnapshot({ kind: 'checksum', checksums: { 'a.txt': DIGEST_A, 'b.txt': digest } }))
          .thenThrows('snapshot.invalid_digest', { field: 'checksums', path: 'b.txt', actual: digest }),
    );

    it('refuses an empty path: snapshot.invalid_path', () =>
      spec
        .given([])
        .when(captureSnapshot({ kind: 'checksum', checksums: { '': DIGEST_A } }))
        .thenThrows('snapshot.invalid_path', { field: 'checksums' }));

    it('stores digests in lowercase, so that diffs compare them as strings', () =>
      spec
        .given([])
        .when(captureSnapshot({ kind: 'checksum', checksums: { 'a.txt': DIGEST_A.toUpperCase() } }))
        .then([snapshotCaptured({ kind: 'checksum', checksums: { 'a.txt': DIGEST_A } })]));

    it('stores capturedAt in UTC', () =>
      spec
        .given([])
        .when(captureSnapshot({ capturedAt: '2025-03-01T13:30+02:00' }))
        .then([snapshotCaptured({ capturedAt: '2025-03-01T11:30:00.000Z' })]));

    it.each([
      'yesterday',
      '2025-03-01',
      '2025-03-01T12:00:00',
      '2025-02-30T12:00:00Z',
      '2025-13-01T00:00:00Z',
    ])('refuses capturedAt %j: snapshot.invalid_captured_at', (capturedAt) =>
      spec
        .given([])
        .when(captureSnapshot({ capturedAt }))
        .thenThrows('snapshot.invalid_captured_at', { field: 'capturedAt', actual: capturedAt }),
    );

    it('refuses capturedAt more than 5 minutes in the future: snapshot.captured_at_in_future', () => {
      const capturedAt = afterNow(5 * 60_000 + 1).toISOString();
      spec
        .given([])
        .when(captureSnapshot({ capturedAt }))
        .thenThrows('snapshot.captured_at_in_future', { field: 'capturedAt', actual: capturedAt });
    });
  });

  describe('occurredAt', () => {
    it('refuses a fact more than 5 minutes in the future: command.occurred_at_in_future', () =>
      spec
        .given([])
        .when(captureSnapshot({}, afterNow(5 * 60_000 + 1)))
        .thenThrows('command.occurred_at_in_future', { field: 'occurredAt' }));

    it("refuses a fact before the stream's previous fact: command.occurred_at_before_previous", () =>
      spec
        .given([snapshotCaptured()])
        .when(captureSnapshot({}, afterNow(-60_000)))
        .thenThrows('command.occurred_at_before_previous', {
          field: 'occurredAt',
          expected: `>= ${NOW_ISO}`,
        }));
  });

  it('evolve keeps the captured data and its time', () => {
    const captured = snapshotCaptured();
    expect(fold(snapshotDecider, [captured])).toEqual({
      status: 'captured',
      snapshot: captured.data,
      lastOccurredAt: captured.occurredAt,
    });
  });
});
