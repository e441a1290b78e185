import { Kysely, sql } from 'kysely';
import { advisoryLockKey } from '@annals/event-store';
import { MessagingDB } from './schema';

/** The first key of every relay's advisory lock (apart from the projections' "annp" and the sequencer's one-key lock). */
export const RELAY_LOCK_NAMESPACE = 0x616e6e72; // "annr"

/** The last ledger position each relay saw acknowledged by the broker, and the relays' advisory locks. */
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

  /**
   * Takes the relay's session advisory lock if free; true when this session holds it. The key comes
   * from the relay's name, so relays of one ledger to two clusters (two names) lead side by side.
   */
  async tryLock(name: string): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${RELAY_LOCK_NAMESPACE}::int, ${advisoryLockKey(name)}::int) as locked
    `.execute(this.db);
    return rows[0].locked;
  }
}
