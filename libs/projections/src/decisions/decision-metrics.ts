import { DECISION_CATEGORIES, DECISION_TRANSITIONS } from '@annals/domain';
import { WindowCount } from './decision-queries.repository';

/** Every status a decision can have, in the order of its life. */
const DECISION_STATUSES = Object.keys(DECISION_TRANSITIONS);

/** docs/metrics.md, "Decisions": what a window of decisions adds up to. */
export interface DecisionMetrics {
  readonly from: string;
  readonly to: string;
  readonly workflowId: string | null;
  /** Decisions recorded in [from, to). */
  readonly made: number;
  /** Of those, per category (every category, 0 included). */
  readonly byCategory: Record<string, number>;
  /** Of those, per status as served now (every status, 0 included). */
  readonly byStatus: Record<string, number>;
  /** Decisions superseded in [from, to), whenever they were recorded. */
  readonly superseded: number;
  /** superseded / made; null when nothing was made (never 0 for "no data"). */
  readonly supersessionRate: number | null;
}

/** The figures of a window from its counts (the SQL counts, this adds up). */
export function decisionMetrics(
  window: { from: string; to: string; workflowId?: string },
  counts: readonly WindowCount[],
): DecisionMetrics {
  const byCategory = Object.fromEntries(DECISION_CATEGORIES.map((category) => [category, 0]));
  const byStatus = Object.fromEntries(DECISION_STATUSES.map((status) => [status, 0]));
  let made = 0;
  let superseded = 0;
  for (const count of counts) {
    byCategory[count.category] = (byCategory[count.category] ?? 0) + count.made;
    byStatus[count.status] = (byStatus[count.status] ?? 0) + count.made;
    made += count.made;
    superseded += count.superseded;
  }
  return {
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    workflowId: window.workflowId ?? null,
    made,
    byCategory,
    byStatus,
    superseded,
    supersessionRate: made === 0 ? null : superseded / made,
  };
}
