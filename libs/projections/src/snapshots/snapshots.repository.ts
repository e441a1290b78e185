import { Kysely, sql } from 'kysely';
import { ReadDB } from '../schema';
import { SnapshotFileRow, SnapshotRow } from './snapshot-row';
import { inStatementChunks } from '../engine/statement-chunks';

/**
 * Files per statement. Each chunk is one INSERT over unnest() of four arrays (four parameters however
 * many files), so a capture of 50,000 files costs ten statements, and no statement grows without bound.
 */
export const SNAPSHOT_FILE_CHUNK = 5000;

/** The snapshots projection's writes. */
export class SnapshotsRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async save(all: readonly SnapshotRow[]): Promise<void> {
    await inStatementChunks(all, async (rows) => {
      await this.db
        .insertInto('read.snapshots')
        .values(
          rows.map((row) => ({ ...row, payload: row.payload === null ? null : JSON.stringify(row.payload) })),
        )
        // A snapshot is immutable and captured once: a row already there is this very capture.
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    });
  }

  async saveFiles(files: readonly SnapshotFileRow[]): Promise<void> {
    for (let start = 0; start < files.length; start += SNAPSHOT_FILE_CHUNK) {
      const chunk = files.slice(start, start + SNAPSHOT_FILE_CHUNK);
      await this.db
        .insertInto('read.snapshot_files')
        .columns(['snapshot_id', 'path', 'checksum', 'position'])
        .expression(
          sql`select * from unnest(
            ${chunk.map((f) => f.snapshot_id)}::text[],
            ${chunk.map((f) => f.path)}::text[],
            ${chunk.map((f) => f.checksum)}::text[],
            ${chunk.map((f) => f.position)}::int8[])`,
        )
        .onConflict((oc) => oc.columns(['snapshot_id', 'path']).doNothing())
        .execute();
    }
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('read.snapshot_files').execute();
    await this.db.deleteFrom('read.snapshots').execute();
  }
}
