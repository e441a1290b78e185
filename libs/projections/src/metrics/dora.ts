/** Which deployments DORA metrics look at: one service in one environment, optionally one workflow's. */
export interface DoraScope {
  readonly service: string;
  /** `production` unless asked otherwise. */
  readonly environment: string;
  readonly workflowId?: string;
  /** The window [from, to). */
  readonly from: Date;
  readonly to: Date;
}

export const DEFAULT_DORA_ENVIRONMENT = 'production';

/** The counts behind deployment frequency, as the repository finds them. */
export interface FrequencyCounts {
  /** Deployments completed in the window, including ones rolled back since. */
  readonly deployments: number;
  /** Distinct UTC days with at least one of them. */
  readonly deployDays: number;
  /** Median, over the ISO weeks (Monday to Sunday, UTC) the window touches, of each week's deploy days. */
  readonly medianDeployDaysPerWeek: number;
  /** Median, over the calendar months (UTC) the window touches, of each month's deployments. */
  readonly medianDeploymentsPerMonth: number;
}

export type FrequencyBucket = 'daily' | 'weekly' | 'monthly' | 'yearly';

/**
 * The DORA performance bucket of deployment frequency, as the Four Keys project computes it:
 * daily when the median week has deployments on 3 days or more; weekly when it has them on at
 * least 1 day; monthly when the median month has at least 1 deployment; yearly otherwise. No
 * deployment at all in the window: no bucket (null).
 */
export function frequencyBucket(counts: FrequencyCounts): FrequencyBucket | null {
  if (counts.deployments === 0) return null;
  if (counts.medianDeployDaysPerWeek >= 3) return 'daily';
  if (counts.medianDeployDaysPerWeek >= 1) return 'weekly';
  if (counts.medianDeploymentsPerMonth >= 1) return 'monthly';
  return 'yearly';
}

const DAY_MS = 86_400_000;

export const windowDays = (scope: Pick<DoraScope, 'from' | 'to'>): number =>
  (scope.to.getTime() - scope.from.getTime()) / DAY_MS;

export interface DeploymentFrequency {
  readonly deployments: number;
  readonly perDay: number;
  readonly deployDays: number;
  readonly medianDeployDaysPerWeek: number;
  readonly medianDeploymentsPerMonth: number;
  readonly bucket: FrequencyBucket | null;
}

export function deploymentFrequency(counts: FrequencyCounts, scope: DoraScope): DeploymentFrequency {
  return {
    deployments: counts.deployments,
    perDay: counts.deployments / windowDays(scope),
    deployDays: counts.deployDays,
    medianDeployDaysPerWeek: counts.medianDeployDaysPerWeek,
    medianDeploymentsPerMonth: counts.medianDeploymentsPerMonth,
    bucket: frequencyBucket(counts),
  };
}

/** Durations in seconds; a percentile is null when there is no sample. */
export interface LeadTimeForChanges {
  /** (deployment, task) pairs with a positive lead time. */
  readonly samples: number;
  readonly p50Seconds: number | null;
  readonly p85Seconds: number | null;
  readonly p95Seconds: number | null;
}

export interface FailureCounts {
  /** Deployments whose outcome (completion or failure) falls in the window. */
  readonly deployments: number;
  /** Of those, the ones that failed or were rolled back (at any time since). */
  readonly failed: number;
}

export interface ChangeFailureRate extends FailureCounts {
  /** failed / deployments; null without deployments. */
  readonly rate: number | null;
}

export const changeFailureRate = (counts: FailureCounts): ChangeFailureRate => ({
  ...counts,
  rate: counts.deployments === 0 ? null : counts.failed / counts.deployments,
});

export interface TimeToRestore {
  /** Failures (a failed deployment's failure, a rollback) in the window. */
  readonly failures: number;
  /** Of those, the ones a later completed deployment restored. */
  readonly restored: number;
  readonly p50Seconds: number | null;
}

export interface DoraMetrics {
  readonly service: string;
  readonly environment: string;
  readonly workflowId: string | null;
  readonly from: string;
  readonly to: string;
  readonly windowDays: number;
  readonly deploymentFrequency: DeploymentFrequency;
  readonly leadTimeForChanges: LeadTimeForChanges;
  readonly changeFailureRate: ChangeFailureRate;
  readonly timeToRestore: TimeToRestore;
}
