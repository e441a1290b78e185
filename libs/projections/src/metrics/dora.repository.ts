import { Kysely, sql } from 'kysely';
import { ReadDB } from '../schema';
import { DoraScope, FailureCounts, FrequencyCounts, LeadTimeForChanges, TimeToRestore } from './dora';
import { countOf as count, onOneSnapshot, secondsOf as seconds } from './metric-reads';

/** The deployments of the scope: its service and environment, and its workflow when it names one. */
const inScope = (scope: DoraScope, table?: string) => {
  const column = (name: string) => sql.ref(table === undefined ? name : `${table}.${name}`);
  const workflow =
    scope.workflowId === undefined ? sql`` : sql`and ${column('workflow_id')} = ${scope.workflowId}`;
  return sql`${column('service')} = ${scope.service} and ${column('environment')} = ${scope.environment} ${workflow}`;
};

/** The UTC weeks or months from the one the window starts in to the one its last instant is in. */
const periodsOf = (scope: DoraScope, unit: 'week' | 'month') => sql`generate_series(
  date_trunc(${sql.lit(unit)}, ${scope.from}::timestamptz at time zone 'UTC'),
  ${scope.to}::timestamptz at time zone 'UTC' - interval '1 microsecond',
  ${sql.lit(`1 ${unit}`)}::interval
)`;

/**
 * The SQL of the DORA metrics (docs/metrics.md has the formulas). Times are grouped by UTC day,
 * ISO week and month whatever the session's time zone.
 */
export class DoraRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /** Runs `read` on one snapshot (repeatable read), so that the four metrics see the same rows. */
  snapshot<T>(read: (repository: DoraRepository) => Promise<T>): Promise<T> {
    return onOneSnapshot(this.db, (trx) => read(new DoraRepository(trx)));
  }

  async frequency(scope: DoraScope): Promise<FrequencyCounts> {
    const { rows } = await sql<{
      deployments: string;
      deploy_days: string;
      median_days_per_week: number | null;
      median_per_month: number | null;
    }>`
      with deployed as (
        select completed_at at time zone 'UTC' as completed_utc
        from read.deployments
        where ${inScope(scope)}
          and completed_at >= ${scope.from} and completed_at < ${scope.to}
      ),
      days as (select distinct completed_utc::date as day from deployed),
      weeks as (
        select (select count(*) from days where date_trunc('week', day::timestamp) = week) as deploy_days
        from ${periodsOf(scope, 'week')} as week
      ),
      months as (
        select (select count(*) from deployed where date_trunc('month', completed_utc) = month) as deployments
        from ${periodsOf(scope, 'month')} as month
      )
      select
        (select count(*) from deployed) as deployments,
        (select count(*) from days) as deploy_days,
        (select percentile_cont(0.5) within group (order by deploy_days) from weeks) as median_days_per_week,
        (select percentile_cont(0.5) within group (order by deployments) from months) as median_per_month
    `.execute(this.db);
    const row = rows[0];
    return {
      deployments: count(row.deployments),
      deployDays: count(row.deploy_days),
      medianDeployDaysPerWeek: count(row.median_days_per_week),
      medianDeploymentsPerMonth: count(row.median_per_month),
    };
  }

  /**
   * For each deployment completed in the window and each task it carries: the deployment's
   * completion minus the task's, counted only when positive (a task completed after it shipped,
   * or never, did not wait for this deployment).
   */
  async leadTime(scope: DoraScope): Promise<LeadTimeForChanges> {
    const { rows } = await sql<{
      samples: string;
      p50: number | null;
      p85: number | null;
      p95: number | null;
    }>`
      with lead as (
        select extract(epoch from d.completed_at - t.completed_at)::float8 as seconds
        from read.deployments d
        cross join lateral unnest(d.task_ids) as carried(task_id)
        join read.tasks t on t.id = carried.task_id
        where ${inScope(scope, 'd')}
          and d.completed_at >= ${scope.from} and d.completed_at < ${scope.to}
          and t.completed_at < d.completed_at
      )
      select count(*) as samples,
        percentile_cont(0.5) within group (order by seconds) as p50,
        percentile_cont(0.85) within group (order by seconds) as p85,
        percentile_cont(0.95) within group (order by seconds) as p95
      from lead
    `.execute(this.db);
    const row = rows[0];
    return {
      samples: count(row.samples),
      p50Seconds: seconds(row.p50),
      p85Seconds: seconds(row.p85),
      p95Seconds: seconds(row.p95),
    };
  }

  /** One row per deployment: a deployment completed in the window and rolled back is one failure. */
  async failures(scope: DoraScope): Promise<FailureCounts> {
    const { rows } = await sql<{ deployments: string; failed: string }>`
      select count(*) as deployments,
        count(*) filter (where status in ('failed', 'rolled_back')) as failed
      from read.deployments
      where ${inScope(scope)}
        and coalesce(completed_at, failed_at) >= ${scope.from} and coalesce(completed_at, failed_at) < ${scope.to}
    `.execute(this.db);
    return { deployments: count(rows[0].deployments), failed: count(rows[0].failed) };
  }

  /**
   * Each failure in the window (a failed deployment's failure time, a completed one's rollback time)
   * to the completion of the next deployment of the same service and environment, of any workflow:
   * that deployment restored the environment. A failure not yet restored has no duration.
   */
  async timeToRestore(scope: DoraScope): Promise<TimeToRestore> {
    const { rows } = await sql<{ failures: string; restored: string; p50: number | null }>`
      with failure as (
        select coalesce(failed_at, rolled_back_at) as failed_at
        from read.deployments
        where ${inScope(scope)}
          and coalesce(failed_at, rolled_back_at) >= ${scope.from}
          and coalesce(failed_at, rolled_back_at) < ${scope.to}
      ),
      restore as (
        select extract(epoch from (
          select min(d.completed_at) from read.deployments d
          where d.service = ${scope.service} and d.environment = ${scope.environment}
            and d.completed_at > failure.failed_at
        ) - failure.failed_at)::float8 as seconds
        from failure
      )
      select count(*) as failures, count(seconds) as restored,
        percentile_cont(0.5) within group (order by seconds) as p50
      from restore
    `.execute(this.db);
    const row = rows[0];
    return { failures: count(row.failures), restored: count(row.restored), p50Seconds: seconds(row.p50) };
  }
}
