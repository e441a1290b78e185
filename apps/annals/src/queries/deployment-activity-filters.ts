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
import { MetricWindowBounds, metricWindowOf } from './metric-window';

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
const DORA_WINDOW: MetricWindowBounds = {
  defaultDays: DEFAULT_DORA_WINDOW_DAYS,
  maxDays: MAX_DORA_WINDOW_DAYS,
};

/** The DORA scope over a metrics window (`to` defaults to now, `from` to 30 days before `to`). */
export function doraScopeOf(query: DoraMetricsQuery, now: Date): DoraScope {
  return {
    service: query.service,
    environment: query.environment ?? DEFAULT_DORA_ENVIRONMENT,
    workflowId: query.workflowId,
    ...metricWindowOf(query, now, DORA_WINDOW),
  };
}
