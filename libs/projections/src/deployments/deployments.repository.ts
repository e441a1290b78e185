import { Kysely, Selectable } from 'kysely';
import { toNumber } from '@annals/event-store';
import { DeploymentsTable, EnvironmentsTable, ReadDB } from '../schema';
import {
  DeploymentRow,
  EnvironmentChanges,
  EnvironmentKey,
  environmentKeyOf,
  EnvironmentRow,
} from './deployment-row';
import { inStatementChunks } from '../engine/statement-chunks';

/** Columns an upsert overwrites: all but the key. */
const DEPLOYMENT_COLUMNS = [
  'service',
  'environment',
  'type',
  'workflow_id',
  'branch',
  'commit',
  'image_tag',
  'task_ids',
  'triggered_by',
  'rollback_of',
  'status',
  'requested_at',
  'started_at',
  'completed_at',
  'failed_at',
  'rolled_back_at',
  'url',
  'error',
  'logs_url',
  'rollback_reason',
  'rolled_back_by',
  'updated_at',
  'position',
] as const satisfies readonly Exclude<keyof DeploymentRow, 'id'>[];

const ENVIRONMENT_COLUMNS = [
  'deployment_id',
  'type',
  'workflow_id',
  'branch',
  'commit',
  'image_tag',
  'deployed_at',
  'position',
] as const satisfies readonly Exclude<keyof EnvironmentRow, 'service' | 'environment'>[];

/** The deployments projection's writes (and the reads it needs to fold a batch). */
export class DeploymentsRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async load(ids: readonly string[]): Promise<Map<string, DeploymentRow>> {
    if (ids.length === 0) return new Map();
    const records = await this.db.selectFrom('read.deployments').selectAll().where('id', 'in', ids).execute();
    return new Map(records.map((record) => [record.id, deploymentRowOf(record)]));
  }

  async save(all: readonly DeploymentRow[]): Promise<void> {
    await inStatementChunks(all, async (rows) => {
      await this.db
        .insertInto('read.deployments')
        .values(rows.map((row) => ({ ...row, task_ids: [...row.task_ids] })))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) =>
              Object.fromEntries(DEPLOYMENT_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute();
    });
  }

  /**
   * The current deployment of each environment: its last completed deployment not rolled back (by
   * completion time, then ledger position). Environments with none are absent.
   */
  async currentDeployments(keys: readonly EnvironmentKey[]): Promise<Map<string, DeploymentRow>> {
    if (keys.length === 0) return new Map();
    const records = await this.db
      .selectFrom('read.deployments')
      .selectAll()
      .distinctOn(['service', 'environment'])
      .where('status', '=', 'completed')
      .where((eb) =>
        eb(
          eb.refTuple('service', 'environment'),
          'in',
          keys.map((key) => eb.tuple(key.service, key.environment)),
        ),
      )
      .orderBy('service')
      .orderBy('environment')
      .orderBy('completed_at', 'desc')
      .orderBy('position', 'desc')
      .execute();
    return new Map(records.map((record) => [environmentKeyOf(record), deploymentRowOf(record)]));
  }

  async loadEnvironments(keys: readonly EnvironmentKey[]): Promise<Map<string, EnvironmentRow>> {
    if (keys.length === 0) return new Map();
    const records = await this.db
      .selectFrom('read.environments')
      .selectAll()
      .where((eb) =>
        eb(
          eb.refTuple('service', 'environment'),
          'in',
          keys.map((key) => eb.tuple(key.service, key.environment)),
        ),
      )
      .execute();
    return new Map(records.map((record) => [environmentKeyOf(record), environmentRowOf(record)]));
  }

  async saveEnvironments({ upserts, removed }: EnvironmentChanges): Promise<void> {
    if (upserts.length > 0) {
      await this.db
        .insertInto('read.environments')
        .values(upserts)
        .onConflict((oc) =>
          oc
            .columns(['service', 'environment'])
            .doUpdateSet((eb) =>
              Object.fromEntries(ENVIRONMENT_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute();
    }
    if (removed.length > 0) {
      await this.db
        .deleteFrom('read.environments')
        .where((eb) =>
          eb(
            eb.refTuple('service', 'environment'),
            'in',
            removed.map((key) => eb.tuple(key.service, key.environment)),
          ),
        )
        .execute();
    }
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('read.environments').execute();
    await this.db.deleteFrom('read.deployments').execute();
  }
}

export const deploymentRowOf = (record: Selectable<DeploymentsTable>): DeploymentRow => ({
  ...record,
  position: toNumber(record.position),
});

export const environmentRowOf = (record: Selectable<EnvironmentsTable>): EnvironmentRow => ({
  ...record,
  position: toNumber(record.position),
});
