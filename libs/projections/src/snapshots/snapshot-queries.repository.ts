import { Kysely, Selectable } from 'kysely';
import { toNumber } from '@annals/event-store';
import { CursorKey, SortOrder } from '../queries/cursor';
import { afterCursor } from '../queries/keyset';
import { ReadDB, SnapshotsTable } from '../schema';
import { SnapshotRow } from './snapshot-row';

export const SNAPSHOT_SORT_COLUMNS = { capturedAt: 'captured_at' } as const;
export type SnapshotSortColumn = (typeof SNAPSHOT_SORT_COLUMNS)[keyof typeof SNAPSHOT_SORT_COLUMNS];

export interface SnapshotFilter {
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly kind?: string;
  readonly statuses?: readonly string[];
  /** Captured in [capturedFrom, capturedTo). */
  readonly capturedFrom?: string;
  readonly capturedTo?: string;
}

export interface SnapshotFile {
  readonly path: string;
  readonly checksum: string;
}

export type FileChange = 'added' | 'removed' | 'changed';

/** One path that differs between two snapshots; a side without the file has a null checksum. */
export interface FileDifference {
  readonly path: string;
  readonly change: FileChange;
  readonly fromChecksum: string | null;
  readonly toChecksum: string | null;
}

export interface DiffCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly unchanged: number;
}

/** Every column but the payload, which only the detail reads. */
const LIST_COLUMNS = [
  'id',
  'subject_type',
  'subject_id',
  'kind',
  'schema_version',
  'status',
  'git_commit',
  'git_branch',
  'git_dirty',
  'has_checksums',
  'file_count',
  'captured_at',
  'occurred_at',
  'position',
] as const;

type SnapshotListRow = Omit<SnapshotRow, 'payload'>;

/**
 * The snapshot queries' SQL. Diffs are a full outer join of the two snapshots' file rows on path,
 * computed by PostgreSQL: both sides come in path order from the primary key (snapshot_id, path), so
 * a page of a diff reads from the cursor onwards instead of loading two sets of up to 50,000 checksums
 * into the process, and the counts never leave the database as rows.
 */
export class SnapshotQueriesRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async list(
    filter: SnapshotFilter,
    sort: SortOrder<SnapshotSortColumn>,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<SnapshotListRow[]> {
    const direction = sort.descending ? 'desc' : 'asc';
    const records = await this.db
      .selectFrom('read.snapshots')
      .select(LIST_COLUMNS)
      .$if(filter.subjectType !== undefined, (q) => q.where('subject_type', '=', filter.subjectType!))
      .$if(filter.subjectId !== undefined, (q) => q.where('subject_id', '=', filter.subjectId!))
      .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind!))
      .$if(filter.statuses !== undefined, (q) => q.where('status', 'in', filter.statuses!))
      .$if(filter.capturedFrom !== undefined, (q) =>
        q.where('captured_at', '>=', new Date(filter.capturedFrom!)),
      )
      .$if(filter.capturedTo !== undefined, (q) => q.where('captured_at', '<', new Date(filter.capturedTo!)))
      .$if(after !== undefined, (q) => q.where((eb) => afterCursor(eb, sort, after!)))
      .orderBy(sort.column, direction)
      .orderBy('id', direction)
      .limit(limit)
      .execute();
    return records.map((record) => ({ ...record, position: toNumber(record.position) }));
  }

  async find(id: string): Promise<SnapshotRow | undefined> {
    const record = await this.db
      .selectFrom('read.snapshots')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return record && snapshotRowOf(record);
  }

  /** The latest capture (by capturedAt, then id) of a subject that carries file checksums. */
  async latestWithChecksums(subjectType: string, subjectId: string): Promise<SnapshotRow | undefined> {
    const record = await this.db
      .selectFrom('read.snapshots')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .where('has_checksums', '=', true)
      .orderBy('captured_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return record && snapshotRowOf(record);
  }

  /** Up to `limit` files of a snapshot in path order, after `afterPath`. */
  async files(snapshotId: string, afterPath: string | undefined, limit: number): Promise<SnapshotFile[]> {
    return this.db
      .selectFrom('read.snapshot_files')
      .select(['path', 'checksum'])
      .where('snapshot_id', '=', snapshotId)
      .$if(afterPath !== undefined, (q) => q.where('path', '>', afterPath!))
      .orderBy('path')
      .limit(limit)
      .execute();
  }

  /** Up to `limit` differing paths from `fromId` to `toId`, in path order after `afterPath`. */
  async diff(
    fromId: string,
    toId: string,
    changes: readonly FileChange[] | undefined,
    afterPath: string | undefined,
    limit: number,
  ): Promise<FileDifference[]> {
    const rows = await this.joined(fromId, toId, afterPath)
      .select((eb) => [
        eb.fn.coalesce('f.path', 't.path').as('path'),
        'f.checksum as from_checksum',
        't.checksum as to_checksum',
      ])
      .where((eb) => {
        const added = eb('f.path', 'is', null);
        const removed = eb('t.path', 'is', null);
        const changed = eb('f.checksum', '<>', eb.ref('t.checksum'));
        const wanted = { added, removed, changed };
        return eb.or((changes ?? (['added', 'removed', 'changed'] as const)).map((c) => wanted[c]));
      })
      .orderBy('path')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      path: row.path!,
      change: row.from_checksum === null ? 'added' : row.to_checksum === null ? 'removed' : 'changed',
      fromChecksum: row.from_checksum,
      toChecksum: row.to_checksum,
    }));
  }

  async diffCounts(fromId: string, toId: string): Promise<DiffCounts> {
    const row = await this.joined(fromId, toId, undefined)
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('f.path', 'is', null).as('added'),
        eb.fn.countAll<string>().filterWhere('t.path', 'is', null).as('removed'),
        eb.fn.countAll<string>().filterWhere('f.checksum', '<>', eb.ref('t.checksum')).as('changed'),
        eb.fn.countAll<string>().filterWhere('f.checksum', '=', eb.ref('t.checksum')).as('unchanged'),
      ])
      .executeTakeFirstOrThrow();
    return {
      added: Number(row.added),
      removed: Number(row.removed),
      changed: Number(row.changed),
      unchanged: Number(row.unchanged),
    };
  }

  /** Both snapshots' files side by side: `f` (from) and `t` (to), null where a side lacks the path. */
  private joined(fromId: string, toId: string, afterPath: string | undefined) {
    // The cursor goes into both sides (a path after it is after it on either side), so a page
    // starts reading at the cursor instead of filtering the whole join.
    const side = (snapshotId: string) =>
      this.db
        .selectFrom('read.snapshot_files')
        .select(['path', 'checksum'])
        .where('snapshot_id', '=', snapshotId)
        .$if(afterPath !== undefined, (q) => q.where('path', '>', afterPath!));
    return this.db.selectFrom(side(fromId).as('f')).fullJoin(side(toId).as('t'), 't.path', 'f.path');
  }
}

export const snapshotRowOf = (record: Selectable<SnapshotsTable>): SnapshotRow => ({
  ...record,
  position: toNumber(record.position),
});
