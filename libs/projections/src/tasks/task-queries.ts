import { ReadConsistency } from '../engine/read-consistency';
import { decodeCursor, Page, pageOf, sortOrder } from '../queries/cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from '../queries/list-request';
import { TASK_SORT_COLUMNS, TaskEdges, TaskFilter, TaskQueriesRepository } from './task-queries.repository';
import { TaskView, taskView } from './task-view';

export type TaskDetail = TaskView & TaskEdges;

/** The projections task queries read. */
export const TASK_QUERY_PROJECTIONS = ['tasks'] as const;

/** Task lists and details, served once the tasks projection has reached the position asked for. */
export class TaskQueries {
  constructor(
    private readonly repository: TaskQueriesRepository,
    private readonly consistency: ReadConsistency,
    private readonly defaultWaitMs: number,
  ) {}

  async list(
    filter: TaskFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<TaskView>>> {
    const sort = sortOrder(request.sort ?? 'createdAt', TASK_SORT_COLUMNS);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort);
    const limit = request.limit ?? DEFAULT_LIST_LIMIT;
    const position = await this.reached(wait);
    const rows = await this.repository.list(filter, sort, after, limit + 1);
    return { position, result: pageOf(rows, limit, sort, taskView) };
  }

  async get(id: string, wait: ConsistencyRequest): Promise<Served<TaskDetail | undefined>> {
    const position = await this.reached(wait);
    const row = await this.repository.find(id);
    return { position, result: row && { ...taskView(row), ...(await this.repository.edges(id)) } };
  }

  private reached(wait: ConsistencyRequest): Promise<number> {
    return this.consistency.atLeast(
      TASK_QUERY_PROJECTIONS,
      wait.minPosition,
      wait.maxWaitMs ?? this.defaultWaitMs,
    );
  }
}
