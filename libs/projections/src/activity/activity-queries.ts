import { ReadConsistency } from '../engine/read-consistency';
import { decodeCursor, Page, pageOf, sortOrder } from '../queries/cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from '../queries/list-request';
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
  constructor(
    private readonly repository: ActivityQueriesRepository,
    private readonly consistency: ReadConsistency,
    private readonly defaultWaitMs: number,
  ) {}

  async list(
    filter: ActivityFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<ActivityView>>> {
    const sort = sortOrder(request.sort ?? '-position', ACTIVITY_SORT_COLUMNS);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort);
    const limit = request.limit ?? DEFAULT_LIST_LIMIT;
    const position = await this.consistency.atLeast(
      ACTIVITY_QUERY_PROJECTIONS,
      wait.minPosition,
      wait.maxWaitMs ?? this.defaultWaitMs,
    );
    const rows = await this.repository.list(filter, sort, after, limit + 1);
    // pageOf keys the cursor on the sort column and `id`; the position alone decides here.
    const keyed = rows.map((row) => ({ ...row, id: row.event_id }));
    return { position, result: pageOf(keyed, limit, sort, activityView) };
  }
}
