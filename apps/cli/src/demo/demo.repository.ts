import { Kysely } from 'kysely';
import { EventStoreDB, streamIdOf } from '@annals/event-store';
import { DEMO_MANIFEST_ID_PREFIX, DEMO_MANIFEST_KIND, DemoManifest } from './demo-scenario';

const MANIFEST_STREAM_PREFIX = streamIdOf('snapshot', DEMO_MANIFEST_ID_PREFIX);

/** Finds the demo data sets a database already holds, by their manifest snapshots. */
export class DemoRepository {
  constructor(private readonly db: Kysely<EventStoreDB>) {}

  /**
   * Every manifest, oldest first. A scan of `streams` (one row per entity, no index serves a prefix
   * under every collation): fine for a command run by hand, and it never reads the events table.
   */
  async manifests(): Promise<DemoManifest[]> {
    const rows = await this.db
      .selectFrom('streams')
      .innerJoin('events', (join) =>
        join.onRef('events.stream_id', '=', 'streams.stream_id').on('events.version', '=', '1'),
      )
      .select('events.data')
      .where('streams.stream_id', 'like', `${MANIFEST_STREAM_PREFIX}%`)
      .where('events.type', '=', 'SnapshotCaptured')
      .orderBy('events.seq')
      .execute();
    return rows
      .map((row) => row.data as { kind?: string; payload?: DemoManifest })
      .filter((data) => data.kind === DEMO_MANIFEST_KIND && data.payload !== undefined)
      .map((data) => data.payload!);
  }
}
