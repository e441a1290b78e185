import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page, pageOf } from '../queries/cursor';
import { ConsistencyRequest, ListRequest, Served } from '../queries/list-request';
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
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: WorkflowQueriesRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, WORKFLOW_QUERY_PROJECTIONS, defaultWaitMs);
  }

  async list(
    filter: WorkflowFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<WorkflowView>>> {
    const { sort, after, limit } = sortedPageRequestOf(request, 'createdAt', WORKFLOW_SORT_COLUMNS);
    return this.reads.serve(wait, async () => {
      const rows = await this.repository.list(filter, sort, after, limit + 1);
      const counts = await this.repository.taskCounts(rows.slice(0, limit).map((row) => row.id));
      return pageOf(rows, limit, sort, (row) => workflowView(row, counts.get(row.id)!));
    });
  }

  get(id: string, wait: ConsistencyRequest): Promise<Served<WorkflowView | undefined>> {
    return this.reads.serve(wait, async () => {
      const row = await this.repository.find(id);
      if (!row) return undefined;
      const counts = await this.repository.taskCounts([id]);
      return workflowView(row, counts.get(id)!);
    });
  }
}
