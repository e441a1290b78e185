import { ReadConsistency } from '../engine/read-consistency';
import { decodeCursor, Page, pageOf, sortOrder } from '../queries/cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from '../queries/list-request';
import {
  WORKFLOW_SORT_COLUMNS,
  WorkflowFilter,
  WorkflowQueriesRepository,
} from './workflow-queries.repository';
import { WorkflowView, workflowView } from './workflow-view';

/** The projections workflow queries read: the task counts come from the tasks projection. */
export const WORKFLOW_QUERY_PROJECTIONS = ['workflows', 'tasks'] as const;

/** Workflow lists and details, served once both projections have reached the position asked for. */
export class WorkflowQueries {
  constructor(
    private readonly repository: WorkflowQueriesRepository,
    private readonly consistency: ReadConsistency,
    private readonly defaultWaitMs: number,
  ) {}

  async list(
    filter: WorkflowFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<WorkflowView>>> {
    const sort = sortOrder(request.sort ?? 'createdAt', WORKFLOW_SORT_COLUMNS);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort);
    const limit = request.limit ?? DEFAULT_LIST_LIMIT;
    const position = await this.reached(wait);
    const rows = await this.repository.list(filter, sort, after, limit + 1);
    const counts = await this.repository.taskCounts(rows.slice(0, limit).map((row) => row.id));
    return { position, result: pageOf(rows, limit, sort, (row) => workflowView(row, counts.get(row.id)!)) };
  }

  async get(id: string, wait: ConsistencyRequest): Promise<Served<WorkflowView | undefined>> {
    const position = await this.reached(wait);
    const row = await this.repository.find(id);
    if (!row) return { position, result: undefined };
    const counts = await this.repository.taskCounts([id]);
    return { position, result: workflowView(row, counts.get(id)!) };
  }

  private reached(wait: ConsistencyRequest): Promise<number> {
    return this.consistency.atLeast(
      WORKFLOW_QUERY_PROJECTIONS,
      wait.minPosition,
      wait.maxWaitMs ?? this.defaultWaitMs,
    );
  }
}
