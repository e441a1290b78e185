import { Kysely, RawBuilder, sql } from 'kysely';
import { ReadDB } from '../schema';
import { textArray } from '../queries/keyset';
import { ENDING_STATUSES, OPEN_STATUSES, WORKING_STATUSES } from '../tasks/task-lifecycle';
import { CompletedCounts, DurationPercentiles, FlowOutcome, FlowScope, NO_SAMPLES } from './flow';
import { countOf as count, onOneSnapshot, secondsOf as seconds } from './metric-reads';

const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;
const statuses = (list: readonly string[]) => textArray(list);

/** `percentile_cont` of a duration column at 50, 85 and 95 %, null for a group without samples. */
const percentiles = (column: RawBuilder<unknown>, where: RawBuilder<unknown> = sql`true`) =>
  sql`percentile_cont(array[0.5, 0.85, 0.95]) within group (order by ${column}) filter (where ${where})`;

interface PercentileRow {
  readonly samples: string;
  readonly pcts: number[] | null;
}
const percentilesOf = ({ samples, pcts }: PercentileRow): DurationPercentiles =>
  count(samples) === 0 || pcts === null
    ? NO_SAMPLES
    : { samples: count(samples), p50Seconds: pcts[0], p85Seconds: pcts[1], p95Seconds: pcts[2] };

const byKey = <Row extends { key: string }, T>(rows: readonly Row[], of: (row: Row) => T): Map<string, T> =>
  new Map(rows.map((row) => [row.key, of(row)]));

/**
 * The SQL of the flow metrics (docs/metrics.md has the formulas). Each method answers, per group
 * key, for the tasks of `scope` in the groups `keys` (a page of groups): one query each.
 */
export class FlowRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /** Runs `read` on one snapshot (repeatable read), so that every figure sees the same rows. */
  snapshot<T>(read: (repository: FlowRepository) => Promise<T>): Promise<T> {
    return onOneSnapshot(this.db, (trx) => read(new FlowRepository(trx)));
  }

  /** The group keys after `after`, in order: tasks created before the window's end, with a key. */
  async groupKeys(scope: FlowScope, after: string | undefined, limit: number): Promise<string[]> {
    const { rows } = await sql<{ key: string }>`
      with scope as (${this.scope(scope)})
      select distinct key from scope
      where ${after === undefined ? sql`true` : sql`key > ${after}`}
      order by key
      limit ${limit}
    `.execute(this.db);
    return rows.map((row) => row.key);
  }

  /** Throughput, cycle and lead time, rework and blocked time: the tasks completed in the window. */
  async completed(scope: FlowScope, keys: readonly string[]): Promise<Map<string, CompletedCounts>> {
    const { rows } = await sql<{
      key: string;
      completed: string;
      reworked: string;
      cycle_pcts: number[] | null;
      lead_pcts: number[] | null;
      blocked_seconds: number | null;
      cycle_seconds: number | null;
    }>`
      with scope as (${this.scope(scope, keys)}),
      done as (
        select s.key, t.id, t.attempt,
               extract(epoch from t.completed_at - t.started_at)::float8 as cycle,
               extract(epoch from t.completed_at - t.created_at)::float8 as lead
        from scope s join read.tasks t on t.id = s.task_id
        where t.status = 'completed' and t.completed_at >= ${timestamp(scope.from)} and t.completed_at < ${timestamp(scope.to)}
      ),
      blocked as (
        select d.id, coalesce(sum(extract(epoch from i.ended_at - i.started_at)), 0)::float8 as blocked
        from (select distinct id from done) d
        left join read.task_status_intervals i on i.task_id = d.id and i.status = 'blocked'
        group by d.id
      )
      select d.key,
             count(*) as completed,
             count(*) filter (where d.attempt > 1) as reworked,
             ${percentiles(sql`d.cycle`)} as cycle_pcts,
             ${percentiles(sql`d.lead`)} as lead_pcts,
             sum(b.blocked) as blocked_seconds,
             sum(d.cycle) as cycle_seconds
      from done d join blocked b on b.id = d.id
      group by d.key
    `.execute(this.db);
    return byKey(rows, (row) => ({
      completed: count(row.completed),
      reworked: count(row.reworked),
      cycleTime: percentilesOf({ samples: row.completed, pcts: row.cycle_pcts }),
      leadTime: percentilesOf({ samples: row.completed, pcts: row.lead_pcts }),
      blockedSeconds: seconds(row.blocked_seconds) ?? 0,
      cycleSeconds: seconds(row.cycle_seconds) ?? 0,
    }));
  }

  /**
   * Work in progress: tasks working just before `to` (an interval holding `to` - ε), and the time
   * tasks spent working, clipped to the window (divided by its length, the average WIP).
   */
  async workInProgress(
    scope: FlowScope,
    keys: readonly string[],
  ): Promise<Map<string, { wipNow: number; wipSeconds: number }>> {
    const from = timestamp(scope.from);
    const to = timestamp(scope.to);
    const { rows } = await sql<{ key: string; wip_now: string; wip_seconds: number }>`
      with scope as (${this.scope(scope, keys)})
      select s.key,
             count(*) filter (where i.ended_at is null or i.ended_at >= ${to}) as wip_now,
             sum(extract(epoch from least(coalesce(i.ended_at, ${to}), ${to}) - greatest(i.started_at, ${from})))::float8 as wip_seconds
      from scope s join read.task_status_intervals i on i.task_id = s.task_id
      where i.status = any(${statuses(WORKING_STATUSES)})
        and i.started_at < ${to} and (i.ended_at is null or i.ended_at > ${from})
      group by s.key
    `.execute(this.db);
    return byKey(rows, (row) => ({ wipNow: count(row.wip_now), wipSeconds: seconds(row.wip_seconds) ?? 0 }));
  }

  /** Age (since creation) of the tasks open just before `to`: in the backlog or in progress. */
  async openAge(scope: FlowScope, keys: readonly string[]): Promise<Map<string, DurationPercentiles>> {
    const to = timestamp(scope.to);
    const { rows } = await sql<{ key: string; samples: string; pcts: number[] | null }>`
      with scope as (${this.scope(scope, keys)})
      select s.key, count(*) as samples,
             ${percentiles(sql`extract(epoch from ${to} - t.created_at)::float8`)} as pcts
      from scope s
      join read.task_status_intervals i on i.task_id = s.task_id
      join read.tasks t on t.id = s.task_id
      where i.status = any(${statuses(OPEN_STATUSES)})
        and i.started_at < ${to} and (i.ended_at is null or i.ended_at >= ${to})
      group by s.key
    `.execute(this.db);
    return byKey(rows, percentilesOf);
  }

  /**
   * First-pass yield: tasks whose first attempt ended in the window (the first time a started task
   * became completed, failed or cancelled), and how many of those ended completed.
   */
  async firstPass(
    scope: FlowScope,
    keys: readonly string[],
  ): Promise<Map<string, { ended: number; passed: number }>> {
    const { rows } = await sql<{ key: string; ended: string; passed: string }>`
      with scope as (${this.scope(scope, keys)}),
      first_end as (
        select distinct on (i.task_id) i.task_id, i.status, i.started_at
        from read.task_status_intervals i
        where i.task_id in (select task_id from scope) and i.status = any(${statuses(ENDING_STATUSES)})
        order by i.task_id, i.seq
      )
      select s.key, count(*) as ended, count(*) filter (where f.status = 'completed') as passed
      from scope s
      join first_end f on f.task_id = s.task_id
      join read.tasks t on t.id = s.task_id
      where t.started_at is not null
        and f.started_at >= ${timestamp(scope.from)} and f.started_at < ${timestamp(scope.to)}
      group by s.key
    `.execute(this.db);
    return byKey(rows, (row) => ({ ended: count(row.ended), passed: count(row.passed) }));
  }

  /** Tasks that reached completed (by result), failed or cancelled in the window and were still there at its end. */
  async outcomes(
    scope: FlowScope,
    keys: readonly string[],
  ): Promise<Map<string, Partial<Record<FlowOutcome, number>>>> {
    const to = timestamp(scope.to);
    const { rows } = await sql<{ key: string; outcome: FlowOutcome; tasks: string }>`
      with scope as (${this.scope(scope, keys)})
      select s.key, case when i.status = 'completed' then t.result else i.status end as outcome, count(*) as tasks
      from scope s
      join read.task_status_intervals i on i.task_id = s.task_id
      join read.tasks t on t.id = s.task_id
      where i.status = any(${statuses(ENDING_STATUSES)})
        and i.started_at >= ${timestamp(scope.from)} and i.started_at < ${to}
        and (i.ended_at is null or i.ended_at >= ${to})
      group by 1, 2
    `.execute(this.db);
    const mix = new Map<string, Partial<Record<FlowOutcome, number>>>();
    for (const row of rows) mix.set(row.key, { ...mix.get(row.key), [row.outcome]: count(row.tasks) });
    return mix;
  }

  /**
   * Waiting for a human just before `to`: completed tasks that asked for a manual review (and the
   * oldest one's wait), and issues logged as needing a human review without a resolution.
   */
  async reviewBacklog(
    scope: FlowScope,
    keys: readonly string[],
  ): Promise<Map<string, { tasks: number; oldestSeconds: number | null; issues: number }>> {
    const to = timestamp(scope.to);
    const { rows } = await sql<{ key: string; tasks: string; oldest_seconds: number | null; issues: string }>`
      with scope as (${this.scope(scope, keys)}),
      review_tasks as (
        select s.key, count(*) as tasks, extract(epoch from ${to} - min(t.completed_at))::float8 as oldest_seconds
        from scope s join read.tasks t on t.id = s.task_id
        where t.status = 'completed' and t.manual_review_needed and t.completed_at < ${to}
        group by s.key
      ),
      review_issues as (
        select s.key, count(*) as issues
        from scope s join read.task_issues i on i.task_id = s.task_id
        where i.requires_human_review and i.resolution is null and i.logged_at < ${to}
        group by s.key
      )
      select coalesce(rt.key, ri.key) as key, coalesce(rt.tasks, 0) as tasks, rt.oldest_seconds,
             coalesce(ri.issues, 0) as issues
      from review_tasks rt full join review_issues ri on ri.key = rt.key
    `.execute(this.db);
    return byKey(rows, (row) => ({
      tasks: count(row.tasks),
      oldestSeconds: seconds(row.oldest_seconds),
      issues: count(row.issues),
    }));
  }

  /** Time from asking to answering, for the questions answered in the window; questions open just before `to`. */
  async questions(
    scope: FlowScope,
    keys: readonly string[],
  ): Promise<Map<string, { timeToAnswer: DurationPercentiles; open: number }>> {
    const from = timestamp(scope.from);
    const to = timestamp(scope.to);
    const answeredInWindow = sql`q.answered_at >= ${from} and q.answered_at < ${to}`;
    const { rows } = await sql<{ key: string; samples: string; pcts: number[] | null; open: string }>`
      with scope as (${this.scope(scope, keys)})
      select s.key,
             count(*) filter (where ${answeredInWindow}) as samples,
             ${percentiles(sql`extract(epoch from q.answered_at - q.asked_at)::float8`, answeredInWindow)} as pcts,
             count(*) filter (where q.answered_at is null or q.answered_at >= ${to}) as open
      from scope s join read.task_questions q on q.task_id = s.task_id
      where q.asked_at < ${to}
      group by s.key
    `.execute(this.db);
    return byKey(rows, (row) => ({ timeToAnswer: percentilesOf(row), open: count(row.open) }));
  }

  /**
   * (task_id, key) of the tasks in scope: created before the window's end, with a group key (a task
   * counts once in each of its areas; unassigned tasks have no assignee group), narrowed to `keys`.
   */
  private scope(scope: FlowScope, keys?: readonly string[]): RawBuilder<unknown> {
    const key =
      scope.groupBy === 'workflow'
        ? sql`t.workflow_id`
        : scope.groupBy === 'assignee'
          ? sql`t.assignee_id`
          : sql`a.area`;
    const areas = scope.groupBy === 'area' ? sql`cross join lateral unnest(t.areas) as a(area)` : sql``;
    const filters = [
      sql`t.created_at < ${timestamp(scope.to)}`,
      sql`${key} is not null`,
      ...(scope.workflowId === undefined ? [] : [sql`t.workflow_id = ${scope.workflowId}`]),
      ...(scope.area === undefined ? [] : [sql`t.areas @> ${textArray([scope.area])}`]),
      ...(scope.assigneeId === undefined ? [] : [sql`t.assignee_id = ${scope.assigneeId}`]),
      ...(keys === undefined ? [] : [sql`${key} = any(${textArray(keys)})`]),
    ];
    return sql`
      select t.id as task_id, ${key} as key
      from read.tasks t ${areas}
      where ${sql.join(filters, sql` and `)}
    `;
  }
}
