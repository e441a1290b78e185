import { Kysely, sql } from 'kysely';

/**
 * The snapshots of a subject id without its type had no index starting with that column. (A rebuild
 * copies it with the tables, under the same name.) The activity of an entity id without its kind
 * needs none: the query asks for every kind, which the (kind, id, position) index serves, and the
 * activity projection, the slowest to catch up, looks entities up by (kind, id) on every batch.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index snapshots_subject_id_idx on read.snapshots (subject_id, captured_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists read.snapshots_subject_id_idx`.execute(db);
}
