import { Kysely } from 'kysely';
import { toNumber } from '@annals/event-store';
import { ReadDB, WorkflowRecord } from '../schema';
import { WorkflowRow } from './workflow-row';
import { inStatementChunks } from '../engine/statement-chunks';

/** The workflows projection's writes (and the reads it needs to fold a batch). */
export class WorkflowsRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async load(ids: readonly string[]): Promise<Map<string, WorkflowRow>> {
    if (ids.length === 0) return new Map();
    const records = await this.db.selectFrom('read.workflows').selectAll().where('id', 'in', ids).execute();
    return new Map(records.map((record) => [record.id, workflowRowOf(record)]));
  }

  async save(all: readonly WorkflowRow[]): Promise<void> {
    await inStatementChunks(all, async (rows) => {
      await this.db
        .insertInto('read.workflows')
        .values(
          rows.map((row) => ({
            ...row,
            labels: [...row.labels],
            plan: JSON.stringify(row.plan),
            repository: row.repository && JSON.stringify(row.repository),
            phases: JSON.stringify(row.phases),
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            description: eb.ref('excluded.description'),
            objective: eb.ref('excluded.objective'),
            plan: eb.ref('excluded.plan'),
            labels: eb.ref('excluded.labels'),
            repository: eb.ref('excluded.repository'),
            status: eb.ref('excluded.status'),
            result: eb.ref('excluded.result'),
            summary: eb.ref('excluded.summary'),
            phases: eb.ref('excluded.phases'),
            created_at: eb.ref('excluded.created_at'),
            updated_at: eb.ref('excluded.updated_at'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
    });
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('read.workflows').execute();
  }
}

export const workflowRowOf = (record: WorkflowRecord): WorkflowRow => ({
  ...record,
  position: toNumber(record.position),
});
