import { ruleBroken, SnapshotErrorCode } from '@annals/domain';
import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, pageRequestOf, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page, pageOf, SortOrder } from '../queries/cursor';
import { ConsistencyRequest, ListRequest, Served } from '../queries/list-request';
import { SnapshotDrift, snapshotDrift } from './snapshot-drift';
import {
  DiffCounts,
  FileChange,
  FileDifference,
  SNAPSHOT_SORT_COLUMNS,
  SnapshotFile,
  SnapshotFilter,
  SnapshotQueriesRepository,
} from './snapshot-queries.repository';
import { SnapshotRow } from './snapshot-row';
import { SnapshotView, snapshotView } from './snapshot-view';

/** The projections snapshot queries read. */
export const SNAPSHOT_QUERY_PROJECTIONS = ['snapshots'] as const;

/** Files and diff entries page by path, which is unique within a snapshot (and within a diff). */
const BY_PATH: SortOrder<'path'> = { name: 'path', column: 'path', descending: false };

export interface SnapshotDetail extends SnapshotView {
  readonly payload: unknown;
  readonly files: Page<SnapshotFile>;
}

export interface SnapshotDiffPage extends Page<FileDifference> {
  readonly from: string;
  readonly to: string;
  readonly counts: DiffCounts;
}

/** Which two snapshots a drift compares: named ones, or the latest of two environments. */
export type DriftTarget =
  | { readonly fromSnapshotId: string; readonly toSnapshotId: string }
  | { readonly fromEnvironment: string; readonly toEnvironment: string };

/** A snapshot the caller named (or an environment's latest) is not in the read model. */
export class SnapshotNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`No ${what}`);
    this.name = 'SnapshotNotFoundError';
  }
}

/** Snapshot lists, details, diffs and drift, served once the snapshots projection has reached the position asked for. */
export class SnapshotQueries {
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: SnapshotQueriesRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, SNAPSHOT_QUERY_PROJECTIONS, defaultWaitMs);
  }

  async list(
    filter: SnapshotFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<SnapshotView>>> {
    return this.reads.servePage(
      wait,
      sortedPageRequestOf(request, 'capturedAt', SNAPSHOT_SORT_COLUMNS),
      (sort, after, limit) => this.repository.list(filter, sort, after, limit),
      snapshotView,
    );
  }

  /** The snapshot with one page of its files (`request` pages the files). */
  async get(
    id: string,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<SnapshotDetail | undefined>> {
    const { after, limit } = pageRequestOf(request, BY_PATH);
    return this.reads.serve(wait, async () => {
      const row = await this.repository.find(id);
      if (row === undefined) return undefined;
      const files = await this.repository.files(id, after?.id, limit + 1);
      return { ...snapshotView(row), payload: row.payload, files: pathPage(files, limit) };
    });
  }

  /** Files added, removed and changed from `fromId` to `toId`, with the counts of the whole diff. */
  async diff(
    fromId: string,
    toId: string,
    changes: readonly FileChange[] | undefined,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<SnapshotDiffPage>> {
    const { after, limit } = pageRequestOf(request, BY_PATH);
    return this.reads.serve(wait, async () => {
      await this.comparable(fromId);
      await this.comparable(toId);
      // Two statements, possibly on two connections, still agree: a snapshot's files are written in the
      // transaction that writes the snapshot, and never change afterwards.
      const [entries, counts] = await Promise.all([
        this.repository.diff(fromId, toId, changes, after?.id, limit + 1),
        this.repository.diffCounts(fromId, toId),
      ]);
      return { from: fromId, to: toId, counts, ...pathPage(entries, limit) };
    });
  }

  /** The diff counts of two snapshots, or of the latest snapshots (with checksums) of two environments. */
  drift(target: DriftTarget, wait: ConsistencyRequest): Promise<Served<SnapshotDrift>> {
    return this.reads.serve(wait, async () => {
      const [from, to] =
        'fromSnapshotId' in target
          ? [await this.comparable(target.fromSnapshotId), await this.comparable(target.toSnapshotId)]
          : [await this.latestOf(target.fromEnvironment), await this.latestOf(target.toEnvironment)];
      const counts = await this.repository.diffCounts(from.id, to.id);
      return snapshotDrift(snapshotView(from), snapshotView(to), counts);
    });
  }

  /** A snapshot that can be diffed: it exists and carries file checksums (the domain's rule). */
  private async comparable(id: string): Promise<SnapshotRow> {
    const row = await this.repository.find(id);
    if (row === undefined) throw new SnapshotNotFoundError(`snapshot ${id}`);
    if (!row.has_checksums) {
      // Without checksums every file would look added or removed: refuse rather than mislead.
      throw ruleBroken(SnapshotErrorCode.ChecksumsMissing, `Snapshot ${id} has no file checksums`, {
        snapshotId: id,
      });
    }
    return row;
  }

  private async latestOf(environment: string): Promise<SnapshotRow> {
    const row = await this.repository.latestWithChecksums('environment', environment);
    if (row === undefined) {
      throw new SnapshotNotFoundError(`snapshot with file checksums of environment ${environment}`);
    }
    return row;
  }
}

/** A keyset page by path, through the shared cursor (the path is both the sort value and the id). */
function pathPage<Row extends { path: string }>(rows: readonly Row[], limit: number): Page<Row> {
  const keyed = rows.map((row) => ({ id: row.path, path: row.path, row }));
  return pageOf(keyed, limit, BY_PATH, (entry) => entry.row);
}
