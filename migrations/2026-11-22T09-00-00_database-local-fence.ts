import { Kysely, sql } from 'kysely';

/**
 * The sequencer's fence, narrowed to this database. Transaction ids are server-wide, so the first
 * fence (the oldest transaction open anywhere on the server) let a long transaction in ANY database
 * hold this ledger back. Only transactions connected to this database can write its events, so the
 * fence is now the oldest of those: the snapshot's in-progress ids that belong to a backend (or a
 * prepared transaction) of this database, else the snapshot's xmax.
 *
 * Why no event can be skipped: the snapshot is taken first, the backends are read after it (with the
 * statistics cache cleared, so the read is fresh). A transaction in the snapshot's in-progress list
 * that has ended by the time the backends are read committed before the next statement's snapshot,
 * which the numbering query uses, so its rows are seen; one that is still running is found and
 * fences. backend_xid and datname are shown to every role, so the read needs no privilege.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function annals_sequence_fence() returns xid8
    language plpgsql volatile as $$
    declare
      snapshot pg_snapshot := pg_current_snapshot();
      fence    xid8;
    begin
      perform pg_stat_clear_snapshot();
      select min(open.xid) into fence
        from pg_snapshot_xip(snapshot) as open(xid)
        where (open.xid::text::numeric % 4294967296)::bigint in (
          select a.backend_xid::text::bigint from pg_stat_activity a
           where a.datname = current_database() and a.backend_xid is not null
          union all
          select p.transaction::text::bigint from pg_prepared_xacts p
           where p.database = current_database());
      return coalesce(fence, pg_snapshot_xmax(snapshot));
    end $$
  `.execute(db);
  // The body of annals_sequence is unchanged but for the fence line.
  const { rows } = await sql<{ body: string }>`
    select pg_get_functiondef('annals_sequence(integer)'::regprocedure) as body
  `.execute(db);
  const old = 'fence := pg_snapshot_xmin(pg_current_snapshot());';
  const body = rows[0].body;
  if (!body.includes(old)) throw new Error('annals_sequence: the fence line to replace was not found');
  await sql.raw(body.replace(old, 'fence := annals_sequence_fence();')).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ body: string }>`
    select pg_get_functiondef('annals_sequence(integer)'::regprocedure) as body
  `.execute(db);
  await sql
    .raw(
      rows[0].body.replace(
        'fence := annals_sequence_fence();',
        'fence := pg_snapshot_xmin(pg_current_snapshot());',
      ),
    )
    .execute(db);
  await sql`drop function annals_sequence_fence()`.execute(db);
}
