import { DiffCounts } from './snapshot-queries.repository';
import { SnapshotView } from './snapshot-view';

/** docs/metrics.md, "Snapshot drift": how far one snapshot's files are from another's. */
export interface SnapshotDrift extends DiffCounts {
  readonly from: SnapshotView;
  readonly to: SnapshotView;
  /** added + removed + changed. */
  readonly drifted: number;
  /** Paths in either snapshot: drifted + unchanged. */
  readonly compared: number;
  /** drifted / compared; null when neither snapshot has a file. */
  readonly driftRatio: number | null;
}

export function snapshotDrift(from: SnapshotView, to: SnapshotView, counts: DiffCounts): SnapshotDrift {
  const drifted = counts.added + counts.removed + counts.changed;
  const compared = drifted + counts.unchanged;
  return { from, to, ...counts, drifted, compared, driftRatio: compared === 0 ? null : drifted / compared };
}
