import { EVENT_CATALOG } from '@annals/contracts';
import { EnvelopeWithUpcastData } from '../engine/projection';

/** A row of read.deployments as the projection folds it (position a number). */
export interface DeploymentRow {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly type: string;
  readonly workflow_id: string | null;
  readonly branch: string | null;
  readonly commit: string | null;
  readonly image_tag: string | null;
  readonly task_ids: readonly string[];
  readonly triggered_by: string | null;
  /** This deployment rolls back that one (type rollback). */
  readonly rollback_of: string | null;
  readonly status: string;
  readonly requested_at: Date;
  readonly started_at: Date | null;
  readonly completed_at: Date | null;
  readonly failed_at: Date | null;
  readonly rolled_back_at: Date | null;
  readonly url: string | null;
  readonly error: string | null;
  readonly logs_url: string | null;
  readonly rollback_reason: string | null;
  /** The deployment that carried out the rollback of this one, when the rollback named it. */
  readonly rolled_back_by: string | null;
  readonly updated_at: Date;
  readonly position: number;
}

/** Every event of the deployment aggregate, as the catalog lists them. */
export const DEPLOYMENT_ROW_EVENTS: readonly string[] = EVENT_CATALOG.all()
  .filter((definition) => definition.aggregate === 'deployment')
  .map((definition) => definition.type);

/**
 * What one deployment event does to its row; events of a deployment never requested are ignored.
 * DeploymentRequested reaches here upcast to v2, so `taskIds` is always there.
 */
export function evolveDeploymentRow(
  row: DeploymentRow | undefined,
  event: EnvelopeWithUpcastData,
): DeploymentRow | undefined {
  const { data } = event;
  const at = new Date(event.occurredAt);
  if (event.type === 'DeploymentRequested') return requestedRow(event, at);
  if (!row) return undefined;
  const touched: DeploymentRow = { ...row, updated_at: at, position: event.position };
  switch (event.type) {
    case 'DeploymentStarted':
      return { ...touched, status: 'in_progress', started_at: at };
    case 'DeploymentCompleted':
      return { ...touched, status: 'completed', completed_at: at, url: data.url ?? null };
    case 'DeploymentFailed':
      return {
        ...touched,
        status: 'failed',
        failed_at: at,
        error: data.error,
        logs_url: data.logsUrl ?? null,
      };
    case 'DeploymentRolledBack':
      return {
        ...touched,
        status: 'rolled_back',
        rolled_back_at: at,
        rollback_reason: data.reason,
        rolled_back_by: data.rollbackDeploymentId ?? null,
      };
    default:
      return undefined;
  }
}

function requestedRow(event: EnvelopeWithUpcastData, at: Date): DeploymentRow {
  const { data } = event;
  return {
    id: data.deploymentId,
    service: data.service,
    environment: data.environment,
    type: data.type,
    workflow_id: data.workflowId ?? null,
    branch: data.branch ?? null,
    commit: data.commit ?? null,
    image_tag: data.imageTag ?? null,
    task_ids: data.taskIds,
    triggered_by: data.triggeredBy ?? null,
    rollback_of: data.rollbackOf ?? null,
    status: 'pending',
    requested_at: at,
    started_at: null,
    completed_at: null,
    failed_at: null,
    rolled_back_at: null,
    url: null,
    error: null,
    logs_url: null,
    rollback_reason: null,
    rolled_back_by: null,
    updated_at: at,
    position: event.position,
  };
}

/** Where a deployment ran: the key of read.environments. */
export interface EnvironmentKey {
  readonly service: string;
  readonly environment: string;
}

/** A row of read.environments: the deployment a service runs in an environment now. */
export interface EnvironmentRow extends EnvironmentKey {
  readonly deployment_id: string;
  readonly type: string;
  readonly workflow_id: string | null;
  readonly branch: string | null;
  readonly commit: string | null;
  readonly image_tag: string | null;
  readonly deployed_at: Date;
  readonly position: number;
}

/** Only a completion or a rollback can change what an environment runs. */
export const ENVIRONMENT_CHANGING_EVENTS: readonly string[] = ['DeploymentCompleted', 'DeploymentRolledBack'];

/**
 * The environments a batch may have changed, each with the position of the last event of the batch
 * that could change it (its new `position` when its current deployment turns out different).
 */
export function touchedEnvironments(
  events: readonly EnvelopeWithUpcastData[],
  deployments: ReadonlyMap<string, DeploymentRow>,
): Map<string, EnvironmentKey & { position: number }> {
  const touched = new Map<string, EnvironmentKey & { position: number }>();
  for (const event of events) {
    if (!ENVIRONMENT_CHANGING_EVENTS.includes(event.type)) continue;
    const deployment = deployments.get(event.data.deploymentId);
    if (!deployment) continue;
    const key = environmentKeyOf(deployment);
    touched.set(key, {
      service: deployment.service,
      environment: deployment.environment,
      position: event.position,
    });
  }
  return touched;
}

export const environmentKeyOf = (key: EnvironmentKey): string =>
  JSON.stringify([key.service, key.environment]);

/** The row an environment gets from its current deployment. */
export function environmentRowFrom(deployment: DeploymentRow, position: number): EnvironmentRow {
  return {
    service: deployment.service,
    environment: deployment.environment,
    deployment_id: deployment.id,
    type: deployment.type,
    workflow_id: deployment.workflow_id,
    branch: deployment.branch,
    commit: deployment.commit,
    image_tag: deployment.image_tag,
    deployed_at: deployment.completed_at!,
    position,
  };
}

export interface EnvironmentChanges {
  readonly upserts: EnvironmentRow[];
  readonly removed: EnvironmentKey[];
}

/**
 * What the touched environments become: the current deployment of each (the last completed one not
 * rolled back, found after the batch's rows were written) where it differs from the stored one, and
 * removal where no deployment is current any more (every completed one was rolled back).
 */
export function environmentChanges(
  touched: ReadonlyMap<string, EnvironmentKey & { position: number }>,
  current: ReadonlyMap<string, DeploymentRow>,
  stored: ReadonlyMap<string, EnvironmentRow>,
): EnvironmentChanges {
  const upserts: EnvironmentRow[] = [];
  const removed: EnvironmentKey[] = [];
  for (const [key, { service, environment, position }] of touched) {
    const deployment = current.get(key);
    const before = stored.get(key);
    if (deployment === undefined) {
      if (before !== undefined) removed.push({ service, environment });
    } else if (
      before?.deployment_id !== deployment.id ||
      before.deployed_at.getTime() !== deployment.completed_at!.getTime()
    ) {
      upserts.push(environmentRowFrom(deployment, position));
    }
  }
  return { upserts, removed };
}
