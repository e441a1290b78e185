import { Kysely, Selectable, sql } from 'kysely';
import { textArray } from '../queries/keyset';
import { ReadDB } from '../schema';
import {
  TaskFilesTable,
  TaskIssuesTable,
  TaskMilestonesTable,
  TaskOutcomesTable,
  TaskQuestionsTable,
  TaskStatusIntervalsTable,
} from '../task-details/task-details.schema';
import { CursorKey, SortOrder } from '../queries/cursor';
import { afterCursor } from '../queries/keyset';
import { TaskRow } from './task-row';
import { taskRowOf } from './tasks.repository';

export const TASK_SORT_COLUMNS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  priority: 'priority_rank',
} as const;
export type TaskSortColumn = (typeof TASK_SORT_COLUMNS)[keyof typeof TASK_SORT_COLUMNS];

export interface TaskFilter {
  readonly workflowId?: string;
  readonly phaseId?: string;
  readonly statuses?: readonly string[];
  readonly priorities?: readonly string[];
  readonly assigneeId?: string;
  readonly area?: string;
  readonly parentTaskId?: string;
  /** true: completed and waiting for a human review; false: every other task. */
  readonly needsReview?: boolean;
  /** Created in [createdFrom, createdTo). */
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly updatedSince?: string;
}

export interface TaskEdges {
  readonly dependsOn: string[];
  readonly dependents: string[];
}

/** The first rows of one of a task's lists, and how many there are in all. */
export interface CappedRows<Row> {
  readonly rows: Row[];
  readonly total: number;
}

export type SubtaskRecord = Pick<
  TaskRow,
  'id' | 'name' | 'status' | 'priority' | 'created_at' | 'completed_at'
>;

/** Everything the task detail shows beside the task's own row, each list capped. */
export interface TaskDetailRecords {
  readonly subtasks: CappedRows<SubtaskRecord>;
  readonly milestones: CappedRows<Selectable<TaskMilestonesTable>>;
  readonly issues: CappedRows<Selectable<TaskIssuesTable>>;
  readonly questions: CappedRows<Selectable<TaskQuestionsTable>>;
  readonly files: CappedRows<Selectable<TaskFilesTable>>;
  readonly statusHistory: CappedRows<Selectable<TaskStatusIntervalsTable>>;
  readonly outcome: Selectable<TaskOutcomesTable> | undefined;
}

/** How many rows of each list the detail carries: the newest milestones and status changes, the first of the others. */
export interface DetailCaps {
  readonly subtasks: number;
  readonly milestones: number;
  readonly issues: number;
  readonly questions: number;
  readonly files: number;
  readonly statusHistory: number;
}

/** `count(*) over ()` is computed before `limit`: each capped list costs one query, total included. */
const totalOf = (rows: readonly { total: string | number }[]): number =>
  rows[0] ? Number(rows[0].total) : 0;
const withoutTotal = <Row extends { total: unknown }>(rows: readonly Row[]): Omit<Row, 'total'>[] =>
  rows.map(({ total: _total, ...row }) => row);
const capped = <Row extends { total: string | number }>(rows: readonly Row[]) => ({
  rows: withoutTotal(rows),
  total: totalOf(rows),
});

/** The task queries' SQL. */
export class TaskQueriesRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /** Up to `limit` rows in the sort order, after the cursor. */
  async list(
    filter: TaskFilter,
    sort: SortOrder<TaskSortColumn>,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<TaskRow[]> {
    const direction = sort.descending ? 'desc' : 'asc';
    const records = await this.db
      .selectFrom('read.tasks')
      .selectAll()
      .$if(filter.workflowId !== undefined, (q) => q.where('workflow_id', '=', filter.workflowId!))
      .$if(filter.phaseId !== undefined, (q) => q.where('phase_id', '=', filter.phaseId!))
      .$if(filter.statuses !== undefined, (q) => q.where('status', 'in', filter.statuses!))
      .$if(filter.priorities !== undefined, (q) => q.where('priority', 'in', filter.priorities!))
      .$if(filter.assigneeId !== undefined, (q) => q.where('assignee_id', '=', filter.assigneeId!))
      .$if(filter.area !== undefined, (q) => q.where('areas', '@>', textArray([filter.area!])))
      .$if(filter.parentTaskId !== undefined, (q) => q.where('parent_task_id', '=', filter.parentTaskId!))
      .$if(filter.needsReview !== undefined, (q) =>
        q.where((eb) => {
          const needs = eb.and([eb('manual_review_needed', '=', true), eb('status', '=', 'completed')]);
          return filter.needsReview ? needs : eb.not(needs);
        }),
      )
      .$if(filter.createdFrom !== undefined, (q) =>
        q.where('created_at', '>=', new Date(filter.createdFrom!)),
      )
      .$if(filter.createdTo !== undefined, (q) => q.where('created_at', '<', new Date(filter.createdTo!)))
      .$if(filter.updatedSince !== undefined, (q) =>
        q.where('updated_at', '>=', new Date(filter.updatedSince!)),
      )
      .$if(after !== undefined, (q) => q.where((eb) => afterCursor(eb, sort, after!)))
      .orderBy(sort.column, direction)
      .orderBy('id', direction)
      .limit(limit)
      .execute();
    return records.map(taskRowOf);
  }

  async find(id: string): Promise<TaskRow | undefined> {
    const record = await this.db.selectFrom('read.tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return record && taskRowOf(record);
  }

  async edges(id: string): Promise<TaskEdges> {
    const rows = await this.db
      .selectFrom('read.task_dependencies')
      .select(['task_id', 'depends_on_task_id'])
      .where((eb) => eb.or([eb('task_id', '=', id), eb('depends_on_task_id', '=', id)]))
      .orderBy('task_id')
      .orderBy('depends_on_task_id')
      .execute();
    return {
      dependsOn: rows.filter((r) => r.task_id === id).map((r) => r.depends_on_task_id),
      dependents: rows.filter((r) => r.depends_on_task_id === id).map((r) => r.task_id),
    };
  }

  /** The detail's lists: a fixed number of indexed queries, run side by side, whatever the task holds. */
  async detailRecords(id: string, caps: DetailCaps): Promise<TaskDetailRecords> {
    const total = sql<string>`count(*) over ()`.as('total');
    const [subtasks, milestones, issues, questions, files, statusHistory, outcome] = await Promise.all([
      this.db
        .selectFrom('read.tasks')
        .select(['id', 'name', 'status', 'priority', 'created_at', 'completed_at', total])
        .where('parent_task_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .limit(caps.subtasks)
        .execute(),
      this.db
        .selectFrom('read.task_milestones')
        .selectAll()
        .select(total)
        .where('task_id', '=', id)
        .orderBy('position', 'desc')
        .limit(caps.milestones)
        .execute(),
      this.db
        .selectFrom('read.task_issues')
        .selectAll()
        .select(total)
        .where('task_id', '=', id)
        .orderBy('position')
        .limit(caps.issues)
        .execute(),
      this.db
        .selectFrom('read.task_questions')
        .selectAll()
        .select(total)
        .where('task_id', '=', id)
        .orderBy('position')
        .limit(caps.questions)
        .execute(),
      this.db
        .selectFrom('read.task_files')
        .selectAll()
        .select(total)
        .where('task_id', '=', id)
        .orderBy('path')
        .limit(caps.files)
        .execute(),
      this.db
        .selectFrom('read.task_status_intervals')
        .selectAll()
        .select(total)
        .where('task_id', '=', id)
        .orderBy('seq', 'desc')
        .limit(caps.statusHistory)
        .execute(),
      this.db.selectFrom('read.task_outcomes').selectAll().where('task_id', '=', id).executeTakeFirst(),
    ]);
    const newestLast = <Row>(list: CappedRows<Row>): CappedRows<Row> => ({
      ...list,
      rows: list.rows.reverse(),
    });
    return {
      subtasks: capped(subtasks),
      milestones: newestLast(capped(milestones)),
      issues: capped(issues),
      questions: capped(questions),
      files: capped(files),
      statusHistory: newestLast(capped(statusHistory)),
      outcome,
    };
  }
}
