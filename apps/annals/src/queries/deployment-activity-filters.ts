import {
  ActivityListQuery,
  DeploymentListQuery,
  DoraMetricsQuery,
  EnvironmentListQuery,
} from '@annals/contracts/queries/deployment-queries.dto';
import {
  ActivityFilter,
  DEFAULT_DORA_ENVIRONMENT,
  DeploymentFilter,
  DoraScope,
  EnvironmentFilter,
} from '@annals/projections';
import { ValidationFailed } from '../http/validation-failed.exception';

/** A validated list request as the query's filter: one mapping for every transport. */
export const deploymentFilterOf = (query: DeploymentListQuery): DeploymentFilter => ({
  service: query.service,
  environment: query.environment,
  statuses: query.status,
  workflowId: query.workflowId,
  from: query.from,
  to: query.to,
});

export const environmentFilterOf = (query: EnvironmentListQuery): EnvironmentFilter => ({
  service: query.service,
  environment: query.environment,
});

export const activityFilterOf = (query: ActivityListQuery): ActivityFilter => ({
  workflowId: query.workflowId,
  entityKind: query.entityKind,
  entityId: query.entityId,
  types: query.type,
  actorId: query.actor,
  from: query.from,
  to: query.to,
});

export const DEFAULT_DORA_WINDOW_DAYS = 30;
/** Ten years: enough for any trend, and it bounds the week and month series the query generates. */
export const MAX_DORA_WINDOW_DAYS = 3660;
const DAY_MS = 86_400_000;

/**
 * The DORA window: `to` defaults to now, `from` to 30 days before `to`. An empty, reversed or
 * over-long window is a 400 naming the field, what was expected and what came.
 */
export function doraScopeOf(query: DoraMetricsQuery, now: Date): DoraScope {
  const to = query.to === undefined ? now : new Date(query.to);
  const from =
    query.from === undefined
      ? new Date(to.getTime() - DEFAULT_DORA_WINDOW_DAYS * DAY_MS)
      : new Date(query.from);
  if (from.getTime() >= to.getTime()) {
    throw new ValidationFailed([
      {
        field: 'to',
        code: 'field.too_small',
        message: 'to must be after from: the window is [from, to)',
        expected: `after ${from.toISOString()}`,
        actual: to.toISOString(),
      },
    ]);
  }
  if (to.getTime() - from.getTime() > MAX_DORA_WINDOW_DAYS * DAY_MS) {
    throw new ValidationFailed([
      {
        field: 'from',
        code: 'field.too_small',
        message: `the window spans at most ${MAX_DORA_WINDOW_DAYS} days`,
        expected: `at or after ${new Date(to.getTime() - MAX_DORA_WINDOW_DAYS * DAY_MS).toISOString()}`,
        actual: from.toISOString(),
      },
    ]);
  }
  return {
    service: query.service,
    environment: query.environment ?? DEFAULT_DORA_ENVIRONMENT,
    workflowId: query.workflowId,
    from,
    to,
  };
}
