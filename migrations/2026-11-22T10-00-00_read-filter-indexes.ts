import { Kysely, sql } from 'kysely';

/**
 * Two filters that can be given alone had no index starting with their column: the activity of an
 * entity id without its kind, and the snapshots of a subject id without its type. (A rebuild copies
 * these with the tables, under the same names.) The activity's (kind, id) index is replaced rather
 * than joined: ids rarely repeat across kinds, so (id, position) serves both filters, and every
 * index costs the activity projection a write per event.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index activity_entity_id_idx on read.activity (entity_id, position)`.execute(db);
  await sql`drop index read.activity_entity_idx`.execute(db);
  await sql`create index snapshots_subject_id_idx on read.snapshots (subject_id, captured_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists read.snapshots_subject_id_idx`.execute(db);
  await sql`create index activity_entity_idx on read.activity (entity_kind, entity_id, position)`.execute(db);
  await sql`drop index if exists read.activity_entity_id_idx`.execute(db);
}
