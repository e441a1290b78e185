import { Kysely, sql } from 'kysely';

/**
 * Read tables of the decisions and snapshots projections. Every row keeps `position`: the ledger
 * position of the last event that changed it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Both ends of a supersession link live on the row (each end is an event of its own stream), so
  // "supersedes" and "superseded by" are read without a self-join.
  await sql`
    create table read.decisions (
      id                 text primary key,
      workflow_id        text,
      task_id            text,
      category           text not null,
      question           text not null,
      context            text,
      options_considered text[] not null,
      chosen             text not null,
      reasoning          text not null,
      trade_offs         text,
      drivers            text[] not null default '{}',
      deciders           text[] not null default '{}',
      status             text not null,
      status_reason      text,
      supersedes         text,
      superseded_by      text,
      created_at         timestamptz not null,
      accepted_at        timestamptz,
      superseded_at      timestamptz,
      updated_at         timestamptz not null,
      position           bigint not null
    )
  `.execute(db);
  await sql`create index decisions_created_idx on read.decisions (created_at, id)`.execute(db);
  await sql`create index decisions_updated_idx on read.decisions (updated_at, id)`.execute(db);
  await sql`create index decisions_workflow_idx on read.decisions (workflow_id, created_at, id) where workflow_id is not null`.execute(
    db,
  );
  await sql`create index decisions_task_idx on read.decisions (task_id, created_at, id) where task_id is not null`.execute(
    db,
  );
  await sql`create index decisions_category_idx on read.decisions (category, created_at, id)`.execute(db);
  await sql`create index decisions_status_idx on read.decisions (status, created_at, id)`.execute(db);
  // The supersession-rate numerator: decisions superseded in a window.
  await sql`create index decisions_superseded_idx on read.decisions (superseded_at) where superseded_at is not null`.execute(
    db,
  );

  await sql`
    create table read.snapshots (
      id             text primary key,
      subject_type   text not null,
      subject_id     text not null,
      kind           text not null,
      schema_version int not null,
      status         text not null,
      git_commit     text,
      git_branch     text,
      git_dirty      boolean,
      has_checksums  boolean not null,
      file_count     int not null,
      payload        jsonb,
      captured_at    timestamptz not null,
      occurred_at    timestamptz not null,
      position       bigint not null
    )
  `.execute(db);
  await sql`create index snapshots_captured_idx on read.snapshots (captured_at, id)`.execute(db);
  // Filters by subject (workflowId, taskId, environment) and "latest snapshot of an environment".
  await sql`create index snapshots_subject_idx on read.snapshots (subject_type, subject_id, captured_at, id)`.execute(
    db,
  );
  await sql`create index snapshots_kind_idx on read.snapshots (kind, captured_at, id)`.execute(db);
  await sql`create index snapshots_status_idx on read.snapshots (status, captured_at, id)`.execute(db);
  await sql`create index snapshots_commit_idx on read.snapshots (git_commit) where git_commit is not null`.execute(
    db,
  );

  // One row per file: diffs are a full outer join on (snapshot_id, path), served by the primary key.
  await sql`
    create table read.snapshot_files (
      snapshot_id text not null,
      path        text collate "C" not null,
      checksum    text not null,
      position    bigint not null,
      primary key (snapshot_id, path)
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists read.snapshot_files`.execute(db);
  await sql`drop table if exists read.snapshots`.execute(db);
  await sql`drop table if exists read.decisions`.execute(db);
}
