import { AggregateKind } from '@annals/commands';
import { EntityLabel } from '@annals/domain';

export interface EntityKind {
  /** The route's resource: `/v1/<collection>/{id}/history`. */
  readonly collection: string;
  /** How refusals name the entity: "Workflow wf-1 does not exist", `{ workflowId: 'wf-1' }`. */
  readonly label: EntityLabel;
}

export const ENTITY_KINDS: Readonly<Record<AggregateKind, EntityKind>> = {
  workflow: { collection: 'workflows', label: { name: 'Workflow', idField: 'workflowId' } },
  task: { collection: 'tasks', label: { name: 'Task', idField: 'taskId' } },
  decision: { collection: 'decisions', label: { name: 'Decision', idField: 'decisionId' } },
  snapshot: { collection: 'snapshots', label: { name: 'Snapshot', idField: 'snapshotId' } },
  deployment: { collection: 'deployments', label: { name: 'Deployment', idField: 'deploymentId' } },
};
