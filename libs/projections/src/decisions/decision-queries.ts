import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page } from '../queries/cursor';
import { ConsistencyRequest, ListRequest, Served } from '../queries/list-request';
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
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: DecisionQueriesRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, DECISION_QUERY_PROJECTIONS, defaultWaitMs);
  }

  async list(
    filter: DecisionFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<DecisionView>>> {
    return this.reads.servePage(
      wait,
      sortedPageRequestOf(request, 'createdAt', DECISION_SORT_COLUMNS),
      (sort, after, limit) => this.repository.list(filter, sort, after, limit),
      decisionView,
    );
  }

  /** The row carries both ends of its supersession links (supersedes, supersededBy). */
  get(id: string, wait: ConsistencyRequest): Promise<Served<DecisionView | undefined>> {
    return this.reads.serve(wait, async () => {
      const row = await this.repository.find(id);
      return row && decisionView(row);
    });
  }

  metrics(window: DecisionWindow, wait: ConsistencyRequest): Promise<Served<DecisionMetrics>> {
    return this.reads.serve(wait, async () =>
      decisionMetrics(window, await this.repository.windowCounts(window)),
    );
  }
}
