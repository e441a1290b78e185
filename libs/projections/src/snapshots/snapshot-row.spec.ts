import { EnvelopeWithUpcastData } from '../engine/projection';
import { foldRows } from '../engine/fold-rows';
import { snapshotDrift } from './snapshot-drift';
import { evolveSnapshotRow, snapshotFileRows } from './snapshot-row';
import { snapshotView } from './snapshot-view';

const captured = (data: Record<string, unknown>, position = 7): EnvelopeWithUpcastData => ({
  position,
  eventId: `e${position}`,
  streamId: `snapshot-${String(data.snapshotId)}`,
  streamType: 'snapshot',
  version: 1,
  type: 'SnapshotCaptured',
  schemaVersion: 1,
  data: {
    subject: { type: 'environment', id: 'staging' },
    kind: 'checksum',
    schemaVersion: 1,
    status: 'ok',
    capturedAt: '2026-01-01T00:00:00.000Z',
    ...data,
  },
  metadata: {},
  occurredAt: '2026-01-01T00:01:00.000Z',
  recordedAt: '2026-01-01T00:01:00.000Z',
  hash: '',
});
const fold = (...events: EnvelopeWithUpcastData[]) =>
  foldRows(new Map(), events, (e) => e.data.snapshotId, evolveSnapshotRow);

describe('the snapshots rows', () => {
  it('records the subject, counts the files and keeps capture and event times apart', () => {
    const event = captured({ snapshotId: 's1', checksums: { 'a.ts': 'aaaaaaaa', 'b.ts': 'bbbbbbbb' } });
    const [row] = fold(event);
    expect(snapshotView(row)).toEqual({
      id: 's1',
      subject: { type: 'environment', id: 'staging' },
      kind: 'checksum',
      schemaVersion: 1,
      status: 'ok',
      git: null,
      hasChecksums: true,
      fileCount: 2,
      capturedAt: '2026-01-01T00:00:00.000Z',
      occurredAt: '2026-01-01T00:01:00.000Z',
      position: 7,
    });
    expect(snapshotFileRows(event)).toEqual([
      { snapshot_id: 's1', path: 'a.ts', checksum: 'aaaaaaaa', position: 7 },
      { snapshot_id: 's1', path: 'b.ts', checksum: 'bbbbbbbb', position: 7 },
    ]);
  });

  it('tells a git snapshot without checksums from one with an empty file list', () => {
    const [git] = fold(
      captured({ snapshotId: 'g', kind: 'git', git: { commit: 'abcdef1', branch: 'main' } }),
    );
    expect(snapshotView(git)).toMatchObject({
      hasChecksums: false,
      fileCount: 0,
      git: { commit: 'abcdef1', branch: 'main', dirty: null },
    });
    const [empty] = fold(captured({ snapshotId: 'e', kind: 'custom', checksums: {} }));
    expect(empty).toMatchObject({ has_checksums: true, file_count: 0 });
  });

  it('keeps the first capture of an id: a snapshot never changes', () => {
    const rows = fold(
      captured({ snapshotId: 's1', status: 'ok' }, 1),
      captured({ snapshotId: 's1', status: 'error' }, 2),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'ok', position: 1 });
  });
});

describe('snapshot drift', () => {
  const [row] = fold(captured({ snapshotId: 's1', checksums: {} }));
  const view = snapshotView(row);

  it('is the share of the paths of either snapshot that differ', () => {
    // drifted = 2 + 1 + 3 = 6; compared = 6 + 14 = 20; ratio = 6 / 20 = 0.3
    expect(snapshotDrift(view, view, { added: 2, removed: 1, changed: 3, unchanged: 14 })).toMatchObject({
      drifted: 6,
      compared: 20,
      driftRatio: 0.3,
    });
  });

  it('is null, not 0, between two snapshots without files', () => {
    expect(
      snapshotDrift(view, view, { added: 0, removed: 0, changed: 0, unchanged: 0 }).driftRatio,
    ).toBeNull();
  });
});
