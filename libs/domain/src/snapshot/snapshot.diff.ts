import { ruleBroken } from '../shared';
import { Checksums } from './snapshot.commands';
import { SnapshotErrorCode } from './snapshot.errors';

/** Anything that carries a snapshot's checksums: the event data, the state's snapshot, a read row. */
export interface ChecksumSnapshot {
  readonly snapshotId: string;
  readonly checksums?: Checksums;
}

/** Paths sorted by UTF-16 code unit, so the order does not depend on a locale. */
export interface SnapshotDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

/** What changed from `from` to `to`: files only in `to`, files only in `from`, files whose digest differs. */
export function diffSnapshots(from: ChecksumSnapshot, to: ChecksumSnapshot): SnapshotDiff {
  const before = checksumsOf(from);
  const after = checksumsOf(to);
  const added: string[] = [];
  const changed: string[] = [];
  for (const [path, digest] of after) {
    const previous = before.get(path);
    if (previous === undefined) added.push(path);
    else if (previous !== digest) changed.push(path);
  }
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

function checksumsOf(snapshot: ChecksumSnapshot): Map<string, string> {
  if (snapshot.checksums === undefined) {
    // Without checksums every file would look added or removed: refuse rather than mislead.
    throw ruleBroken(
      SnapshotErrorCode.ChecksumsMissing,
      `Snapshot ${snapshot.snapshotId} has no file checksums`,
      {
        snapshotId: snapshot.snapshotId,
      },
    );
  }
  return new Map(Object.entries(snapshot.checksums));
}
