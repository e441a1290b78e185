import { windowDays } from './dora';

export const FLOW_GROUPS = ['workflow', 'area', 'assignee'] as const;
export type FlowGroupBy = (typeof FLOW_GROUPS)[number];

/** Which tasks, grouped how, over the window [from, to) of event times. */
export interface FlowScope {
  readonly groupBy: FlowGroupBy;
  readonly workflowId?: string;
  /** Tasks that declare this area (exactly as declared). */
  readonly area?: string;
  readonly assigneeId?: string;
  readonly from: Date;
  readonly to: Date;
}

/** Durations in seconds; a percentile is null when there is no sample. */
export interface DurationPercentiles {
  readonly samples: number;
  readonly p50Seconds: number | null;
  readonly p85Seconds: number | null;
  readonly p95Seconds: number | null;
}

/** What the SQL counts for one group; the figures are derived from it (flowFigures). */
export interface FlowCounts {
  readonly key: string;
  readonly completed: number;
  readonly reworked: number;
  readonly cycleTime: DurationPercentiles;
  readonly leadTime: DurationPercentiles;
  /** Sums over the tasks completed in the window. */
  readonly blockedSeconds: number;
  readonly cycleSeconds: number;
  readonly wipNow: number;
  /** Time spent in progress by all tasks, clipped to the window. */
  readonly wipSeconds: number;
  readonly openAge: DurationPercentiles;
  readonly firstAttemptsEnded: number;
  readonly firstAttemptsPassed: number;
  readonly outcomes: Readonly<Record<FlowOutcome, number>>;
  readonly reviewTasks: number;
  readonly oldestReviewSeconds: number | null;
  readonly reviewIssues: number;
  readonly timeToAnswer: DurationPercentiles;
  readonly openQuestions: number;
}

export const FLOW_OUTCOMES = ['success', 'partial_success', 'failed', 'cancelled'] as const;
export type FlowOutcome = (typeof FLOW_OUTCOMES)[number];

/** The flow figures of one group (docs/metrics.md, "Flow"). */
export interface FlowFigures {
  readonly key: string;
  readonly throughput: { readonly completed: number; readonly perWeek: number };
  readonly cycleTime: DurationPercentiles;
  readonly leadTime: DurationPercentiles;
  readonly wip: { readonly now: number; readonly average: number };
  readonly openAge: DurationPercentiles;
  readonly blockedTime: { readonly seconds: number | null; readonly ratioToCycleTime: number | null };
  readonly rework: { readonly reworked: number; readonly completed: number; readonly rate: number | null };
  readonly firstPassYield: { readonly ended: number; readonly passed: number; readonly rate: number | null };
  readonly outcomeMix: Readonly<Record<FlowOutcome, number>>;
  readonly humanReviewBacklog: {
    readonly tasks: number;
    readonly oldestTaskSeconds: number | null;
    readonly issues: number;
  };
  readonly timeToAnswer: DurationPercentiles & { readonly open: number };
}

const SECONDS_PER_WEEK = 7 * 86_400;

/** A share, or null when there is nothing to share out. */
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function flowFigures(counts: FlowCounts, scope: Pick<FlowScope, 'from' | 'to'>): FlowFigures {
  const windowSeconds = windowDays(scope) * 86_400;
  return {
    key: counts.key,
    throughput: {
      completed: counts.completed,
      perWeek: (counts.completed * SECONDS_PER_WEEK) / windowSeconds,
    },
    cycleTime: counts.cycleTime,
    leadTime: counts.leadTime,
    wip: { now: counts.wipNow, average: counts.wipSeconds / windowSeconds },
    openAge: counts.openAge,
    blockedTime: {
      seconds: counts.completed === 0 ? null : counts.blockedSeconds,
      ratioToCycleTime: ratio(counts.blockedSeconds, counts.cycleSeconds),
    },
    rework: {
      reworked: counts.reworked,
      completed: counts.completed,
      rate: ratio(counts.reworked, counts.completed),
    },
    firstPassYield: {
      ended: counts.firstAttemptsEnded,
      passed: counts.firstAttemptsPassed,
      rate: ratio(counts.firstAttemptsPassed, counts.firstAttemptsEnded),
    },
    outcomeMix: counts.outcomes,
    humanReviewBacklog: {
      tasks: counts.reviewTasks,
      oldestTaskSeconds: counts.oldestReviewSeconds,
      issues: counts.reviewIssues,
    },
    timeToAnswer: { ...counts.timeToAnswer, open: counts.openQuestions },
  };
}

export const NO_SAMPLES: DurationPercentiles = {
  samples: 0,
  p50Seconds: null,
  p85Seconds: null,
  p95Seconds: null,
};

/** What the tasks completed in a window count: a group with none has these. */
export type CompletedCounts = Pick<
  FlowCounts,
  'completed' | 'reworked' | 'cycleTime' | 'leadTime' | 'blockedSeconds' | 'cycleSeconds'
>;

export const NO_COMPLETIONS: CompletedCounts = {
  completed: 0,
  reworked: 0,
  cycleTime: NO_SAMPLES,
  leadTime: NO_SAMPLES,
  blockedSeconds: 0,
  cycleSeconds: 0,
};
