import { Kysely, sql } from 'kysely';

/**
 * Commands retried with the same Idempotency-Key return their first result. The record is written in
 * the command's own transaction, so it exists exactly when the command's events do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table command_idempotency (
      idempotency_key text primary key,
      request_hash    text not null,
      result          jsonb not null,
      created_at      timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists command_idempotency`.execute(db);
}
