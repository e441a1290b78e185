import { Kysely } from 'kysely';
import { CursorKey, SortOrder } from '../queries/cursor';
import { afterCursor } from '../queries/keyset';
import { ReadDB } from '../schema';
import { DecisionRow } from './decision-row';
import { decisionRowOf } from './decisions.repository';

export const DECISION_SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;
export type DecisionSortColumn = (typeof DECISION_SORT_COLUMNS)[keyof typeof DECISION_SORT_COLUMNS];

export interface DecisionFilter {
  readonly workflowId?: string;
  readonly taskId?: string;
  readonly categories?: readonly string[];
  readonly statuses?: readonly string[];
  /** Recorded in [createdFrom, createdTo). */
  readonly createdFrom?: string;
  readonly createdTo?: string;
}

/** A half-open window of event times, [from, to), and the workflow it is narrowed to. */
export interface DecisionWindow {
  readonly from: string;
  readonly to: string;
  readonly workflowId?: string;
}

/** Per (category, current status): decisions recorded in a window, and decisions superseded in it. */
export interface WindowCount {
  readonly category: string;
  readonly status: string;
  readonly made: number;
  readonly superseded: number;
}

/** The decision queries' SQL. */
export class DecisionQueriesRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /** Up to `limit` rows in the sort order, after the cursor. */
  async list(
    filter: DecisionFilter,
    sort: SortOrder<DecisionSortColumn>,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<DecisionRow[]> {
    const direction = sort.descending ? 'desc' : 'asc';
    const records = await this.db
      .selectFrom('read.decisions')
      .selectAll()
      .$if(filter.workflowId !== undefined, (q) => q.where('workflow_id', '=', filter.workflowId!))
      .$if(filter.taskId !== undefined, (q) => q.where('task_id', '=', filter.taskId!))
      .$if(filter.categories !== undefined, (q) => q.where('category', 'in', filter.categories!))
      .$if(filter.statuses !== undefined, (q) => q.where('status', 'in', filter.statuses!))
      .$if(filter.createdFrom !== undefined, (q) =>
        q.where('created_at', '>=', new Date(filter.createdFrom!)),
      )
      .$if(filter.createdTo !== undefined, (q) => q.where('created_at', '<', new Date(filter.createdTo!)))
      .$if(after !== undefined, (q) => q.where((eb) => afterCursor(eb, sort, after!)))
      .orderBy(sort.column, direction)
      .orderBy('id', direction)
      .limit(limit)
      .execute();
    return records.map(decisionRowOf);
  }

  async find(id: string): Promise<DecisionRow | undefined> {
    const record = await this.db
      .selectFrom('read.decisions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return record && decisionRowOf(record);
  }

  /**
   * Per (category, current status): the decisions recorded in the window, and those superseded in it
   * (whenever recorded). One statement, so both figures come from the same snapshot of the table.
   */
  async windowCounts(window: DecisionWindow): Promise<WindowCount[]> {
    const from = new Date(window.from);
    const to = new Date(window.to);
    const rows = await this.db
      .selectFrom('read.decisions')
      .select((eb) => [
        'category',
        'status',
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('created_at', '>=', from), w('created_at', '<', to)]))
          .as('made'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('superseded_at', '>=', from), w('superseded_at', '<', to)]))
          .as('superseded'),
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]),
          eb.and([eb('superseded_at', '>=', from), eb('superseded_at', '<', to)]),
        ]),
      )
      .$if(window.workflowId !== undefined, (q) => q.where('workflow_id', '=', window.workflowId!))
      .groupBy(['category', 'status'])
      .orderBy('category')
      .orderBy('status')
      .execute();
    return rows.map((row) => ({
      category: row.category,
      status: row.status,
      made: Number(row.made),
      superseded: Number(row.superseded),
    }));
  }
}
