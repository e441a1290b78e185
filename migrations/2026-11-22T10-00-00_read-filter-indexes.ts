import { Kysely, sql } from 'kysely';

/**
 * Two filters that can be given alone had no index starting with their column: the activity of an
 * entity id without its kind, and the snapshots of a subject id without its type. (A rebuild copies
 * these with the tables, under the same names.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index activity_entity_id_idx on read.activity (entity_id, position)`.execute(db);
  await sql`create index snapshots_subject_id_idx on read.snapshots (subject_id, captured_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists read.snapshots_subject_id_idx`.execute(db);
  await sql`drop index if exists read.activity_entity_id_idx`.execute(db);
}
