import { Kysely } from 'kysely';
import { foldRows } from '../engine/fold-rows';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import { evolveSnapshotRow, SNAPSHOT_ROW_EVENTS, snapshotFileRows } from './snapshot-row';
import { SnapshotsRepository } from './snapshots.repository';

/** read.snapshots, one row per snapshot, and read.snapshot_files, one row per file checksum. */
export class SnapshotsProjection implements Projection {
  readonly name = 'snapshots';
  readonly version = 1;
  readonly tables = ['snapshots', 'snapshot_files'];
  readonly handles = [...SNAPSHOT_ROW_EVENTS];

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new SnapshotsRepository(trx);
    // No load: a snapshot stream holds exactly one event (the capture), so no stored row can change.
    const rows = foldRows(new Map(), events, (event) => event.data.snapshotId, evolveSnapshotRow);
    const captured = new Set(rows.map((row) => row.id));
    await repository.save(rows);
    await repository.saveFiles(
      events.filter((event) => captured.has(event.data.snapshotId)).flatMap(snapshotFileRows),
    );
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new SnapshotsRepository(trx).clear();
  }
}
