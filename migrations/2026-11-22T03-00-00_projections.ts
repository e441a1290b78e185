import { Kysely, sql } from 'kysely';

/**
 * The read side: schema `read` holds every projection's tables and checkpoints. A projection writes
 * its rows and moves its checkpoint in one transaction, so a checkpoint never claims rows that are
 * not there. Every row keeps `position`: the ledger position of the last event that changed it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists read`.execute(db);
  await sql`
    create table read.projection_checkpoints (
      name       text primary key,
      version    int not null check (version >= 1),
      position   bigint not null check (position >= 0),
      updated_at timestamptz not null default now()
    )
  `.execute(db);

  await sql`
    create table read.workflows (
      id          text primary key,
      name        text not null,
      description text,
      objective   text,
      plan        jsonb not null default '[]',
      labels      text[] not null default '{}',
      repository  jsonb,
      status      text not null,
      result      text,
      summary     text,
      phases      jsonb not null default '[]',
      created_at  timestamptz not null,
      updated_at  timestamptz not null,
      position    bigint not null
    )
  `.execute(db);
  await sql`create index workflows_created_idx on read.workflows (created_at, id)`.execute(db);
  await sql`create index workflows_updated_idx on read.workflows (updated_at, id)`.execute(db);
  await sql`create index workflows_status_idx on read.workflows (status)`.execute(db);
  await sql`create index workflows_labels_idx on read.workflows using gin (labels)`.execute(db);

  await sql`
    create table read.tasks (
      id                    text primary key,
      workflow_id           text not null,
      phase_id              text,
      parent_task_id        text,
      name                  text not null,
      goal                  text not null,
      priority              text not null,
      priority_rank         smallint not null,
      category              text,
      areas                 text[] not null default '{}',
      status                text not null,
      assignee_type         text,
      assignee_id           text,
      assignee_name         text,
      attempt               int not null,
      created_at            timestamptz not null,
      started_at            timestamptz,
      completed_at          timestamptz,
      updated_at            timestamptz not null,
      result                text,
      summary               text,
      failure_reason        text,
      tests_status          text,
      manual_review_needed  boolean,
      scope_match           boolean,
      unexpected_files      text[] not null default '{}',
      milestones            int not null default 0,
      issues                int not null default 0,
      open_question_ids     text[] not null default '{}',
      position              bigint not null
    )
  `.execute(db);
  await sql`create index tasks_created_idx on read.tasks (created_at, id)`.execute(db);
  await sql`create index tasks_updated_idx on read.tasks (updated_at, id)`.execute(db);
  await sql`create index tasks_priority_idx on read.tasks (priority_rank, id)`.execute(db);
  await sql`create index tasks_workflow_idx on read.tasks (workflow_id, status)`.execute(db);
  await sql`create index tasks_phase_idx on read.tasks (workflow_id, phase_id)`.execute(db);
  await sql`create index tasks_parent_idx on read.tasks (parent_task_id) where parent_task_id is not null`.execute(
    db,
  );
  await sql`create index tasks_status_idx on read.tasks (status)`.execute(db);
  await sql`create index tasks_assignee_idx on read.tasks (assignee_id) where assignee_id is not null`.execute(
    db,
  );
  await sql`create index tasks_areas_idx on read.tasks using gin (areas)`.execute(db);
  await sql`create index tasks_review_idx on read.tasks (completed_at) where manual_review_needed and status = 'completed'`.execute(
    db,
  );

  await sql`
    create table read.task_dependencies (
      task_id            text not null,
      depends_on_task_id text not null,
      workflow_id        text not null,
      position           bigint not null,
      primary key (task_id, depends_on_task_id)
    )
  `.execute(db);
  await sql`create index task_dependencies_dependents_idx on read.task_dependencies (depends_on_task_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema if exists read cascade`.execute(db);
}
