import { diffSnapshots } from './snapshot.diff';
import { DIGEST_A, DIGEST_B } from './testing/snapshot.fixtures';

const snapshot = (snapshotId: string, checksums?: Record<string, string>) => ({ snapshotId, checksums });

describe('diffSnapshots', () => {
  it('finds nothing between identical checksums', () =>
    expect(diffSnapshots(snapshot('a', { 'x.ts': DIGEST_A }), snapshot('b', { 'x.ts': DIGEST_A }))).toEqual({
      added: [],
      removed: [],
      changed: [],
    }));

  it('sorts added, removed and changed paths', () => {
    const from = snapshot('a', {
      'src/z.ts': DIGEST_A,
      'src/b.ts': DIGEST_A,
      'keep.ts': DIGEST_A,
      'old/y.ts': DIGEST_B,
    });
    const to = snapshot('b', {
      'src/z.ts': DIGEST_B,
      'src/b.ts': DIGEST_B,
      'keep.ts': DIGEST_A,
      'new/d.ts': DIGEST_A,
      'new/c.ts': DIGEST_B,
    });
    expect(diffSnapshots(from, to)).toEqual({
      added: ['new/c.ts', 'new/d.ts'],
      removed: ['old/y.ts'],
      changed: ['src/b.ts', 'src/z.ts'],
    });
  });

  it('is directional: swapping the snapshots swaps added and removed', () => {
    const from = snapshot('a', { 'a.ts': DIGEST_A });
    const to = snapshot('b', { 'b.ts': DIGEST_A });
    expect(diffSnapshots(from, to)).toEqual({ added: ['b.ts'], removed: ['a.ts'], changed: [] });
    expect(diffSnapshots(to, from)).toEqual({ added: ['a.ts'], removed: ['b.ts'], changed: [] });
  });

  it('sorts by code unit, not by locale (upper case before lower case)', () =>
    expect(
      diffSnapshots(
        snapshot('a', {}),
        snapshot('b', { 'b.ts': DIGEST_A, 'B.ts': DIGEST_A, 'a.ts': DIGEST_A }),
      ).added,
    ).toEqual(['B.ts', 'a.ts', 'b.ts']));

  it('treats an empty checksum map as no files', () =>
    expect(diffSnapshots(snapshot('a', {}), snapshot('b', { 'x.ts': DIGEST_A }))).toEqual({
      added: ['x.ts'],
      removed: [],
      changed: [],
    }));

  it('refuses a snapshot without checksums: snapshot.checksums_missing', () =>
    expect(() => diffSnapshots(snapshot('a', { 'x.ts': DIGEST_A }), snapshot('git-1'))).toThrow(
      expect.objectContaining({ code: 'snapshot.checksums_missing', details: { snapshotId: 'git-1' } }),
    ));
});
