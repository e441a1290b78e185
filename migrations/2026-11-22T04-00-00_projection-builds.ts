import { Kysely, sql } from 'kysely';

/**
 * A projection's rebuild in progress (or asked for): its tables are built in a schema of their own
 * (`read_build_<name>`) from position 0 while the live tables keep serving, then swapped in.
 * `position` is the build's checkpoint, moved in the transaction of each build batch, so a restarted
 * leader resumes the build; null means requested, its build schema not yet created.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table read.projection_builds (
      name         text primary key,
      version      int not null check (version >= 1),
      position     bigint check (position >= 0),
      requested_at timestamptz not null default now(),
      updated_at   timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists read.projection_builds`.execute(db);
}
