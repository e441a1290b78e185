import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page } from '../queries/cursor';
import { ConsistencyRequest, ListRequest, Served } from '../queries/list-request';
import {
  ACTIVITY_SORT_COLUMNS,
  ActivityFilter,
  ActivityQueriesRepository,
} from './activity-queries.repository';
import { ActivityView, activityView } from './activity-view';

/** The projections activity queries read. */
export const ACTIVITY_QUERY_PROJECTIONS = ['activity'] as const;

/** The timeline, newest first unless asked otherwise. */
export class ActivityQueries {
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: ActivityQueriesRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, ACTIVITY_QUERY_PROJECTIONS, defaultWaitMs);
  }

  async list(
    filter: ActivityFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<ActivityView>>> {
    return this.reads.servePage(
      wait,
      sortedPageRequestOf(request, '-position', ACTIVITY_SORT_COLUMNS),
      // The cursor keys on the sort column and `id`; the position alone decides here.
      async (sort, after, limit) =>
        (await this.repository.list(filter, sort, after, limit)).map((row) => ({ ...row, id: row.event_id })),
      (row) => activityView(row),
    );
  }
}
