import { Kysely, sql } from 'kysely';
import { toNumber } from '@annals/event-store';
import { ReadDB } from '../schema';
import { PROJECTION_LOCK_NAMESPACE, projectionLockKey } from './advisory-key';

export const PROJECTIONS_CHANNEL = 'annals_projections';

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly updatedAt: Date;
}

/** Checkpoints and the advisory locks of the runners. */
export class CheckpointRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async find(name: string): Promise<Checkpoint | undefined> {
    const row = await this.db
      .selectFrom('read.projection_checkpoints')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toCheckpoint(row);
  }

  async all(): Promise<Checkpoint[]> {
    const rows = await this.db
      .selectFrom('read.projection_checkpoints')
      .selectAll()
      .orderBy('name')
      .execute();
    return rows.map(toCheckpoint);
  }

  /** Sets the checkpoint to the start of the ledger at `version`, creating it when missing. */
  async restart(name: string, version: number): Promise<void> {
    await this.db
      .insertInto('read.projection_checkpoints')
      .values({ name, version, position: 0 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version, position: 0, updated_at: sql`now()` }))
      .execute();
  }

  /**
   * Moves the checkpoint from `from` to `to` and tells waiting readers (at commit). Refuses when the
   * checkpoint is not at `from`: another runner got there first, and this batch must roll back.
   */
  async advance(name: string, from: number, to: number): Promise<void> {
    const result = await this.db
      .updateTable('read.projection_checkpoints')
      .set({ position: to, updated_at: sql`now()` })
      .where('name', '=', name)
      .where('position', '=', String(from))
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      throw new Error(`Checkpoint of ${name} is no longer at ${from}: another runner moved it`);
    }
    await sql`select pg_notify(${PROJECTIONS_CHANNEL}, ${name})`.execute(this.db);
  }

  /** Makes a rebuilt projection's tables live: the checkpoint moves to their version and position. */
  async switchTo(name: string, from: number, version: number, position: number): Promise<void> {
    const result = await this.db
      .updateTable('read.projection_checkpoints')
      .set({ version, position, updated_at: sql`now()` })
      .where('name', '=', name)
      .where('position', '=', String(from))
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      throw new Error(`Checkpoint of ${name} is no longer at ${from}: another runner moved it`);
    }
    await sql`select pg_notify(${PROJECTIONS_CHANNEL}, ${name})`.execute(this.db);
  }

  /** Takes the projection's session advisory lock if free; true when this session holds it. */
  async tryLock(name: string): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${PROJECTION_LOCK_NAMESPACE}::int, ${projectionLockKey(name)}::int) as locked
    `.execute(this.db);
    return rows[0].locked;
  }

  /** The names among `names` whose lock some session (of any process) holds now. */
  async running(names: readonly string[]): Promise<Set<string>> {
    const { rows } = await sql<{ key: number }>`
      select objid::bigint::int as key from pg_locks
      where locktype = 'advisory' and granted and objsubid = 2 and database = (select oid from pg_database where datname = current_database())
        and classid = ${PROJECTION_LOCK_NAMESPACE}::bigint::oid
    `.execute(this.db);
    const held = new Set(rows.map((r) => Number(r.key)));
    return new Set(names.filter((name) => held.has(projectionLockKey(name))));
  }

  /** Whether this session's commits wait for the WAL flush (ProjectionRunnerOptions.synchronousCommit). */
  async setSynchronousCommit(on: boolean): Promise<void> {
    await sql.raw(`set synchronous_commit = ${on ? 'on' : 'off'}`).execute(this.db);
  }
}

const toCheckpoint = (row: { name: string; version: number; position: string; updated_at: Date }) => ({
  name: row.name,
  version: row.version,
  position: toNumber(row.position),
  updatedAt: row.updated_at,
});
