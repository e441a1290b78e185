import { Kysely } from 'kysely';
import { ReadDB } from '../schema';
import { CursorKey, SortOrder } from '../queries/cursor';
import { afterCursor, textArray } from '../queries/keyset';
import { WorkflowRow } from './workflow-row';
import { workflowRowOf } from './workflows.repository';

export const WORKFLOW_SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;
export type WorkflowSortColumn = (typeof WORKFLOW_SORT_COLUMNS)[keyof typeof WORKFLOW_SORT_COLUMNS];

export interface WorkflowFilter {
  readonly statuses?: readonly string[];
  readonly label?: string;
}

/** Tasks per status, e.g. `{ backlog: 2, completed: 5 }`. */
export type TaskCounts = Record<string, number>;

/** The workflow queries' SQL. */
export class WorkflowQueriesRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async list(
    filter: WorkflowFilter,
    sort: SortOrder<WorkflowSortColumn>,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<WorkflowRow[]> {
    const direction = sort.descending ? 'desc' : 'asc';
    const records = await this.db
      .selectFrom('read.workflows')
      .selectAll()
      .$if(filter.statuses !== undefined, (q) => q.where('status', 'in', filter.statuses!))
      .$if(filter.label !== undefined, (q) => q.where('labels', '@>', textArray([filter.label!])))
      .$if(after !== undefined, (q) => q.where((eb) => afterCursor(eb, sort, after!)))
      .orderBy(sort.column, direction)
      .orderBy('id', direction)
      .limit(limit)
      .execute();
    return records.map(workflowRowOf);
  }

  async find(id: string): Promise<WorkflowRow | undefined> {
    const record = await this.db
      .selectFrom('read.workflows')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return record && workflowRowOf(record);
  }

  /**
   * Counted from read.tasks when asked rather than kept on the workflow row: the counts can then
   * never drift from the tasks, and the two projections stay independent.
   */
  async taskCounts(workflowIds: readonly string[]): Promise<Map<string, TaskCounts>> {
    const counts = new Map<string, TaskCounts>(workflowIds.map((id) => [id, {}]));
    if (workflowIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('read.tasks')
      .select(['workflow_id', 'status', (eb) => eb.fn.countAll<string>().as('tasks')])
      .where('workflow_id', 'in', workflowIds)
      .groupBy(['workflow_id', 'status'])
      .execute();
    for (const row of rows) counts.get(row.workflow_id)![row.status] = Number(row.tasks);
    return counts;
  }
}
