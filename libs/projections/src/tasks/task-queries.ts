import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page } from '../queries/cursor';
import { ConsistencyRequest, ListRequest, Served } from '../queries/list-request';
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
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: TaskQueriesRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, TASK_QUERY_PROJECTIONS, defaultWaitMs);
  }

  async list(
    filter: TaskFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<TaskView>>> {
    return this.reads.servePage(
      wait,
      sortedPageRequestOf(request, 'createdAt', TASK_SORT_COLUMNS),
      (sort, after, limit) => this.repository.list(filter, sort, after, limit),
      taskView,
    );
  }

  get(id: string, wait: ConsistencyRequest): Promise<Served<TaskDetail | undefined>> {
    return this.reads.serve(
      wait,
      async () => {
        const row = await this.repository.find(id);
        if (!row) return undefined;
        const [edges, records] = await Promise.all([
          this.repository.edges(id),
          this.repository.detailRecords(id, TASK_DETAIL_CAPS),
        ]);
        return taskDetailView(row, edges, records);
      },
      TASK_DETAIL_PROJECTIONS,
    );
  }
}
