import { DeploymentRow, EnvironmentRow } from './deployment-row';

/** A deployment as queries answer it. */
export interface DeploymentView {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly type: string;
  readonly workflowId: string | null;
  readonly branch: string | null;
  readonly commit: string | null;
  readonly imageTag: string | null;
  readonly taskIds: readonly string[];
  readonly triggeredBy: string | null;
  readonly status: string;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly failedAt: string | null;
  readonly rolledBackAt: string | null;
  readonly url: string | null;
  readonly error: string | null;
  readonly logsUrl: string | null;
  /** The deployment this one rolls back (type rollback). */
  readonly rollbackOf: string | null;
  /** Why this deployment was rolled back, and by which deployment when the rollback named one. */
  readonly rollbackReason: string | null;
  readonly rolledBackBy: string | null;
  readonly updatedAt: string;
  readonly position: number;
}

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

export function deploymentView(row: DeploymentRow): DeploymentView {
  return {
    id: row.id,
    service: row.service,
    environment: row.environment,
    type: row.type,
    workflowId: row.workflow_id,
    branch: row.branch,
    commit: row.commit,
    imageTag: row.image_tag,
    taskIds: row.task_ids,
    triggeredBy: row.triggered_by,
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    failedAt: iso(row.failed_at),
    rolledBackAt: iso(row.rolled_back_at),
    url: row.url,
    error: row.error,
    logsUrl: row.logs_url,
    rollbackOf: row.rollback_of,
    rollbackReason: row.rollback_reason,
    rolledBackBy: row.rolled_back_by,
    updatedAt: row.updated_at.toISOString(),
    position: row.position,
  };
}

/** What a service runs in an environment now. */
export interface EnvironmentView {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  readonly type: string;
  readonly workflowId: string | null;
  readonly branch: string | null;
  readonly commit: string | null;
  readonly imageTag: string | null;
  readonly deployedAt: string;
  readonly position: number;
}

export function environmentView(row: EnvironmentRow): EnvironmentView {
  return {
    service: row.service,
    environment: row.environment,
    deploymentId: row.deployment_id,
    type: row.type,
    workflowId: row.workflow_id,
    branch: row.branch,
    commit: row.commit,
    imageTag: row.image_tag,
    deployedAt: row.deployed_at.toISOString(),
    position: row.position,
  };
}
