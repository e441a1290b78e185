import { ReadConsistency } from '../engine/read-consistency';
import { decodeCursor, Page, pageOf, sortOrder } from '../queries/cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from '../queries/list-request';
import { DetailCaps, TASK_SORT_COLUMNS, TaskFilter, TaskQueriesRepository } from './task-queries.repository';
import { TaskDetail, taskDetailView } from './task-detail-view';
import { TaskView, taskView } from './task-view';

/** The projections task queries read. */
export const TASK_QUERY_PROJECTIONS = ['tasks'] as const;
/** The detail also shows the lists of projection task-details. */
export const TASK_DETAIL_PROJECTIONS = ['tasks', 'task-details'] as const;

/**
 * The detail carries at most this many of each list (with `total` and `truncated`), so that its
 * size stays bounded however many milestones or files a task gathers.
 */
export const TASK_DETAIL_CAPS: DetailCaps = {
  subtasks: 100,
  milestones: 100,
  issues: 100,
  questions: 100,
  files: 500,
  statusHistory: 100,
};

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
    const position = await this.reached(wait, TASK_DETAIL_PROJECTIONS);
    const row = await this.repository.find(id);
    if (!row) return { position, result: undefined };
    const [edges, records] = await Promise.all([
      this.repository.edges(id),
      this.repository.detailRecords(id, TASK_DETAIL_CAPS),
    ]);
    return { position, result: taskDetailView(row, edges, records) };
  }

  private reached(
    wait: ConsistencyRequest,
    projections: readonly string[] = TASK_QUERY_PROJECTIONS,
  ): Promise<number> {
    return this.consistency.atLeast(projections, wait.minPosition, wait.maxWaitMs ?? this.defaultWaitMs);
  }
}
