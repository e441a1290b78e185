import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, pageRequestOf } from '../queries/consistent-reads';
import { encodeCursor, SortOrder } from '../queries/cursor';
import { ConsistencyRequest, Served } from '../queries/list-request';
import { windowDays } from './dora';
import { FLOW_OUTCOMES, FlowFigures, flowFigures, FlowScope, NO_COMPLETIONS, NO_SAMPLES } from './flow';
import { FlowRepository } from './flow.repository';

/** Flow metrics read the tasks and their status intervals, questions and issues. */
export const FLOW_QUERY_PROJECTIONS = ['tasks', 'task-details'] as const;

export interface FlowMetricsPage {
  readonly groupBy: FlowScope['groupBy'];
  readonly from: string;
  readonly to: string;
  readonly windowDays: number;
  readonly items: FlowFigures[];
  readonly nextCursor: string | null;
}

/** Groups come in pages ordered by key; a cursor names the last key and is refused for another grouping. */
const groupOrder = (scope: FlowScope): SortOrder => ({
  name: `key:${scope.groupBy}`,
  column: 'key',
  descending: false,
});

/** The flow metrics of each group (workflow, area or assignee) over a window, a page of groups at a time. */
export class FlowMetricsQueries {
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: FlowRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, FLOW_QUERY_PROJECTIONS, defaultWaitMs);
  }

  metrics(
    scope: FlowScope,
    page: { readonly cursor?: string; readonly limit?: number },
    wait: ConsistencyRequest,
  ): Promise<Served<FlowMetricsPage>> {
    const { after, limit } = pageRequestOf(page, groupOrder(scope));
    return this.reads.serve(wait, () => this.read(scope, after?.id, limit));
  }

  private async read(scope: FlowScope, after: string | undefined, limit: number): Promise<FlowMetricsPage> {
    const items = await this.repository.snapshot(async (repository) => {
      const keys = await repository.groupKeys(scope, after, limit + 1);
      const shown = keys.slice(0, limit);
      const completed = await repository.completed(scope, shown);
      const wip = await repository.workInProgress(scope, shown);
      const openAge = await repository.openAge(scope, shown);
      const firstPass = await repository.firstPass(scope, shown);
      const outcomes = await repository.outcomes(scope, shown);
      const review = await repository.reviewBacklog(scope, shown);
      const questions = await repository.questions(scope, shown);
      const figures = shown.map((key) =>
        flowFigures(
          {
            key,
            ...(completed.get(key) ?? NO_COMPLETIONS),
            wipNow: wip.get(key)?.wipNow ?? 0,
            wipSeconds: wip.get(key)?.wipSeconds ?? 0,
            openAge: openAge.get(key) ?? NO_SAMPLES,
            firstAttemptsEnded: firstPass.get(key)?.ended ?? 0,
            firstAttemptsPassed: firstPass.get(key)?.passed ?? 0,
            outcomes: Object.fromEntries(
              FLOW_OUTCOMES.map((o) => [o, outcomes.get(key)?.[o] ?? 0]),
            ) as Record<(typeof FLOW_OUTCOMES)[number], number>,
            reviewTasks: review.get(key)?.tasks ?? 0,
            oldestReviewSeconds: review.get(key)?.oldestSeconds ?? null,
            reviewIssues: review.get(key)?.issues ?? 0,
            timeToAnswer: questions.get(key)?.timeToAnswer ?? NO_SAMPLES,
            openQuestions: questions.get(key)?.open ?? 0,
          },
          scope,
        ),
      );
      return { figures, more: keys.length > limit };
    });
    const last = items.figures[items.figures.length - 1];
    return {
      groupBy: scope.groupBy,
      from: scope.from.toISOString(),
      to: scope.to.toISOString(),
      windowDays: windowDays(scope),
      items: items.figures,
      nextCursor: items.more && last ? encodeCursor(groupOrder(scope), { value: 0, id: last.key }) : null,
    };
  }
}
