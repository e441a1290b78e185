import { Kysely, sql } from 'kysely';
import { MessagingDB } from './schema';

/** The last ledger position each relay saw acknowledged by the broker. */
export class RelayCheckpointRepository {
  constructor(private readonly db: Kysely<MessagingDB>) {}

  /** 0 when the relay has never published. */
  async load(name: string): Promise<number> {
    const row = await this.db
      .selectFrom('relay_checkpoints')
      .select('position')
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? Number(row.position) : 0;
  }

  /** Never moves a checkpoint back: a late write from a relay that lost its turn cannot undo progress. */
  async save(name: string, position: number): Promise<void> {
    await this.db
      .insertInto('relay_checkpoints')
      .values({ name, position, updated_at: sql<Date>`now()` })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          position: sql<number>`greatest(relay_checkpoints.position, excluded.position)`,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
  }
}
