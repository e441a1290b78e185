import { ReadConsistency } from '../engine/read-consistency';
import { decodeCursor, Page, pageOf, sortOrder } from '../queries/cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from '../queries/list-request';
import { DecisionMetrics, decisionMetrics } from './decision-metrics';
import {
  DECISION_SORT_COLUMNS,
  DecisionFilter,
  DecisionQueriesRepository,
  DecisionWindow,
} from './decision-queries.repository';
import { DecisionView, decisionView } from './decision-view';

/** The projections decision queries read. */
export const DECISION_QUERY_PROJECTIONS = ['decisions'] as const;

/** Decision lists, details and metrics, served once the decisions projection has reached the position asked for. */
export class DecisionQueries {
  constructor(
    private readonly repository: DecisionQueriesRepository,
    private readonly consistency: ReadConsistency,
    private readonly defaultWaitMs: number,
  ) {}

  async list(
    filter: DecisionFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<DecisionView>>> {
    const sort = sortOrder(request.sort ?? 'createdAt', DECISION_SORT_COLUMNS);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort);
    const limit = request.limit ?? DEFAULT_LIST_LIMIT;
    const position = await this.reached(wait);
    const rows = await this.repository.list(filter, sort, after, limit + 1);
    return { position, result: pageOf(rows, limit, sort, decisionView) };
  }

  /** The row carries both ends of its supersession links (supersedes, supersededBy). */
  async get(id: string, wait: ConsistencyRequest): Promise<Served<DecisionView | undefined>> {
    const position = await this.reached(wait);
    const row = await this.repository.find(id);
    return { position, result: row && decisionView(row) };
  }

  async metrics(window: DecisionWindow, wait: ConsistencyRequest): Promise<Served<DecisionMetrics>> {
    const position = await this.reached(wait);
    return { position, result: decisionMetrics(window, await this.repository.windowCounts(window)) };
  }

  private reached(wait: ConsistencyRequest): Promise<number> {
    return this.consistency.atLeast(
      DECISION_QUERY_PROJECTIONS,
      wait.minPosition,
      wait.maxWaitMs ?? this.defaultWaitMs,
    );
  }
}
