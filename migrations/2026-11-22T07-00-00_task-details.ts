import { Kysely, sql } from 'kysely';

/**
 * What the task detail and the flow metrics read beyond read.tasks, written by projection
 * `task-details`: the milestones, issues and questions of each task, the outcome of its last
 * finished attempt (what read.tasks does not keep) with its changed files, and the intervals the
 * task spent in each status (blocked time, WIP over time and cycle time come from them). Every row
 * keeps `position`: the ledger position of the last event that changed it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // `position` is also the key: a milestone is immutable, so the event that recorded it is its last change.
  await sql`
    create table read.task_milestones (
      task_id     text not null,
      position    bigint not null,
      message     text not null,
      progress    smallint,
      metadata    jsonb,
      recorded_at timestamptz not null,
      primary key (task_id, position)
    )
  `.execute(db);

  await sql`
    create table read.task_issues (
      task_id               text not null,
      issue_id              text not null,
      type                  text not null,
      description           text not null,
      resolution            text,
      requires_human_review boolean not null,
      logged_at             timestamptz not null,
      position              bigint not null,
      primary key (task_id, issue_id)
    )
  `.execute(db);
  await sql`create index task_issues_task_position_idx on read.task_issues (task_id, position)`.execute(db);
  await sql`create index task_issues_review_idx on read.task_issues (logged_at) where requires_human_review and resolution is null`.execute(
    db,
  );

  await sql`
    create table read.task_questions (
      task_id     text not null,
      question_id text not null,
      question    text not null,
      context     text,
      asked_at    timestamptz not null,
      answer      text,
      answered_at timestamptz,
      position    bigint not null,
      primary key (task_id, question_id)
    )
  `.execute(db);
  await sql`create index task_questions_task_position_idx on read.task_questions (task_id, position)`.execute(
    db,
  );
  await sql`create index task_questions_answered_idx on read.task_questions (answered_at) where answered_at is not null`.execute(
    db,
  );
  await sql`create index task_questions_open_idx on read.task_questions (task_id) where answered_at is null`.execute(
    db,
  );

  await sql`
    create table read.task_outcomes (
      task_id              text primary key,
      kind                 text not null check (kind in ('completed', 'failed')),
      achievements         text[] not null default '{}',
      limitations          text[] not null default '{}',
      next_steps           text[] not null default '{}',
      manual_review_reason text,
      packages_added       text[] not null default '{}',
      packages_removed     text[] not null default '{}',
      commands_executed    text[] not null default '{}',
      snapshot_id          text,
      duration_ms          bigint not null,
      occurred_at          timestamptz not null,
      position             bigint not null
    )
  `.execute(db);

  await sql`
    create table read.task_files (
      task_id  text not null,
      path     text not null,
      change   text not null check (change in ('added', 'modified', 'deleted')),
      in_scope boolean not null,
      position bigint not null,
      primary key (task_id, path)
    )
  `.execute(db);

  await sql`
    create table read.task_status_intervals (
      task_id    text not null,
      seq        int not null check (seq >= 1),
      status     text not null,
      started_at timestamptz not null,
      ended_at   timestamptz,
      position   bigint not null,
      primary key (task_id, seq),
      check (ended_at is null or ended_at >= started_at)
    )
  `.execute(db);
  await sql`create index task_status_intervals_status_idx on read.task_status_intervals (status, started_at) include (ended_at, task_id)`.execute(
    db,
  );
  await sql`create index task_status_intervals_open_idx on read.task_status_intervals (task_id) where ended_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'task_status_intervals',
    'task_files',
    'task_outcomes',
    'task_questions',
    'task_issues',
    'task_milestones',
  ]) {
    await sql`drop table if exists ${sql.table(`read.${table}`)}`.execute(db);
  }
}
