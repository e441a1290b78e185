import { Kysely, sql } from 'kysely';

/**
 * Where each Kafka relay has got to: the last ledger position the broker acknowledged. A relay
 * resumes after it, so an event is published at least once and never skipped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table relay_checkpoints (
      name       text primary key,
      position   bigint not null check (position >= 0),
      updated_at timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists relay_checkpoints`.execute(db);
}
