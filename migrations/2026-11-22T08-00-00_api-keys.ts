import { Kysely, sql } from 'kysely';

/**
 * API keys: `ank_<id>_<secret>`. Only the SHA-256 of the secret is stored, so a leaked table does not
 * leak keys; the id (not secret) finds the row. Keys are never deleted: a revoked or expired key stays
 * as the record of who held which role when (events name the key id as their actor).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table api_keys (
      id           text primary key check (id ~ '^[0-9a-f]{16}$'),
      name         text not null check (length(name) between 1 and 200),
      role         text not null check (role in ('publisher', 'analyst', 'auditor', 'admin')),
      workflow_id  text check (workflow_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'),
      secret_hash  bytea not null check (length(secret_hash) = 32),
      -- milliseconds, like every time the API shows: a list cursor holds the time as ISO text
      created_at   timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      expires_at   timestamptz,
      revoked_at   timestamptz,
      last_used_at timestamptz
    )
  `.execute(db);
  await sql`create index api_keys_created_at_id on api_keys (created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists api_keys`.execute(db);
}
