import { Kysely } from 'kysely';
import { toNumber } from '@annals/event-store';
import { ReadDB, TaskRecord } from '../schema';
import { EdgeChanges } from './dependency-edges';
import { TaskRow } from './task-row';
import { inStatementChunks } from '../engine/statement-chunks';

/** Columns an upsert overwrites: all but the key. */
const TASK_COLUMNS = [
  'workflow_id',
  'phase_id',
  'parent_task_id',
  'name',
  'goal',
  'priority',
  'priority_rank',
  'category',
  'areas',
  'status',
  'assignee_type',
  'assignee_id',
  'assignee_name',
  'attempt',
  'created_at',
  'started_at',
  'completed_at',
  'updated_at',
  'result',
  'summary',
  'failure_reason',
  'tests_status',
  'manual_review_needed',
  'scope_match',
  'unexpected_files',
  'milestones',
  'issues',
  'open_question_ids',
  'position',
] as const satisfies readonly Exclude<keyof TaskRow, 'id'>[];

/** The tasks projection's writes (and the reads it needs to fold a batch). */
export class TasksRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async load(ids: readonly string[]): Promise<Map<string, TaskRow>> {
    if (ids.length === 0) return new Map();
    const records = await this.db.selectFrom('read.tasks').selectAll().where('id', 'in', ids).execute();
    return new Map(records.map((record) => [record.id, taskRowOf(record)]));
  }

  async save(all: readonly TaskRow[]): Promise<void> {
    await inStatementChunks(all, async (rows) => {
      await this.db
        .insertInto('read.tasks')
        .values(
          rows.map((row) => ({
            ...row,
            areas: [...row.areas],
            unexpected_files: [...row.unexpected_files],
            open_question_ids: [...row.open_question_ids],
          })),
        )
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) =>
              Object.fromEntries(TASK_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute();
    });
  }

  async saveEdges({ present, removed }: EdgeChanges): Promise<void> {
    if (present.length > 0) {
      await this.db
        .insertInto('read.task_dependencies')
        .values(present)
        .onConflict((oc) =>
          oc.columns(['task_id', 'depends_on_task_id']).doUpdateSet((eb) => ({
            workflow_id: eb.ref('excluded.workflow_id'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
    }
    for (const edge of removed) {
      await this.db
        .deleteFrom('read.task_dependencies')
        .where('task_id', '=', edge.task_id)
        .where('depends_on_task_id', '=', edge.depends_on_task_id)
        .execute();
    }
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('read.task_dependencies').execute();
    await this.db.deleteFrom('read.tasks').execute();
  }
}

export const taskRowOf = (record: TaskRecord): TaskRow => ({
  ...record,
  position: toNumber(record.position),
});
