import { Kysely, sql } from 'kysely';

/**
 * Deployments, the current deployment of each service in each environment, and the activity
 * timeline (one row per domain event). Every row keeps `position`: the ledger position of the last
 * event that changed it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table read.deployments (
      id              text primary key,
      service         text not null,
      environment     text not null,
      type            text not null,
      workflow_id     text,
      branch          text,
      commit          text,
      image_tag       text,
      task_ids        text[] not null default '{}',
      triggered_by    text,
      rollback_of     text,
      status          text not null,
      requested_at    timestamptz not null,
      started_at      timestamptz,
      completed_at    timestamptz,
      failed_at       timestamptz,
      rolled_back_at  timestamptz,
      url             text,
      error           text,
      logs_url        text,
      rollback_reason text,
      rolled_back_by  text,
      updated_at      timestamptz not null,
      position        bigint not null
    )
  `.execute(db);
  // List sorts (keyset on (column, id)) and filters.
  await sql`create index deployments_requested_idx on read.deployments (requested_at, id)`.execute(db);
  await sql`create index deployments_updated_idx on read.deployments (updated_at, id)`.execute(db);
  await sql`create index deployments_service_idx on read.deployments (service, environment, requested_at, id)`.execute(
    db,
  );
  await sql`create index deployments_environment_idx on read.deployments (environment, requested_at, id)`.execute(
    db,
  );
  await sql`create index deployments_status_idx on read.deployments (status, requested_at, id)`.execute(db);
  await sql`create index deployments_workflow_idx on read.deployments (workflow_id, requested_at, id) where workflow_id is not null`.execute(
    db,
  );
  // DORA windows: completions, failures and rollbacks of one service in one environment.
  await sql`create index deployments_completed_idx on read.deployments (service, environment, completed_at) where completed_at is not null`.execute(
    db,
  );
  await sql`create index deployments_failed_idx on read.deployments (service, environment, failed_at) where failed_at is not null`.execute(
    db,
  );
  await sql`create index deployments_rolled_back_idx on read.deployments (service, environment, rolled_back_at) where rolled_back_at is not null`.execute(
    db,
  );

  await sql`
    create table read.environments (
      service       text not null,
      environment   text not null,
      deployment_id text not null,
      type          text not null,
      workflow_id   text,
      branch        text,
      commit        text,
      image_tag     text,
      deployed_at   timestamptz not null,
      position      bigint not null,
      primary key (service, environment)
    )
  `.execute(db);
  await sql`create index environments_environment_idx on read.environments (environment, service)`.execute(
    db,
  );

  await sql`
    create table read.activity (
      position     bigint primary key,
      event_id     uuid not null unique,
      occurred_at  timestamptz not null,
      entity_kind  text not null,
      entity_id    text not null,
      workflow_id  text,
      event_type   text not null,
      actor_id     text,
      summary      text not null
    )
  `.execute(db);
  // Every filter is paired with the position, the order of the timeline.
  await sql`create index activity_entity_idx on read.activity (entity_kind, entity_id, position)`.execute(db);
  await sql`create index activity_workflow_idx on read.activity (workflow_id, position) where workflow_id is not null`.execute(
    db,
  );
  await sql`create index activity_type_idx on read.activity (event_type, position)`.execute(db);
  await sql`create index activity_actor_idx on read.activity (actor_id, position) where actor_id is not null`.execute(
    db,
  );
  await sql`create index activity_occurred_idx on read.activity (occurred_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists read.activity`.execute(db);
  await sql`drop table if exists read.environments`.execute(db);
  await sql`drop table if exists read.deployments`.execute(db);
}
