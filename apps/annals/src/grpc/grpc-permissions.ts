import { Permission } from '../auth/access';

/**
 * What every gRPC method needs, in one table (the same permissions REST routes need): the server
 * refuses to start with a handler missing here, and a unit test checks the table against the protos.
 */
export const GRPC_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'annals.v1.CommandService/Execute': 'write',
  'annals.v1.CommandService/Batch': 'write',
  'annals.v1.EventStoreService/ReadStream': 'audit',
  'annals.v1.EventStoreService/ReadLedger': 'audit',
  // The live tail is a query permission (auth/access.ts), like GET /v1/events/live.
  'annals.v1.EventStoreService/Subscribe': 'query',
  'annals.v1.WorkflowQueryService/List': 'query',
  'annals.v1.WorkflowQueryService/Get': 'query',
  'annals.v1.TaskQueryService/List': 'query',
  'annals.v1.TaskQueryService/Get': 'query',
  'annals.v1.ProjectionService/List': 'query',
  'annals.v1.ProjectionService/Rebuild': 'admin',
  'annals.v1.ProjectionService/Verify': 'audit',
  'annals.v1.DeploymentQueryService/List': 'query',
  'annals.v1.DeploymentQueryService/Get': 'query',
  'annals.v1.EnvironmentQueryService/List': 'query',
  'annals.v1.ActivityQueryService/List': 'query',
  'annals.v1.DoraMetricsService/Get': 'query',
  'annals.v1.FlowMetricsService/Get': 'query',
  'annals.v1.DecisionQueryService/List': 'query',
  'annals.v1.DecisionQueryService/Get': 'query',
  'annals.v1.SnapshotQueryService/List': 'query',
  'annals.v1.SnapshotQueryService/Get': 'query',
  'annals.v1.SnapshotQueryService/Diff': 'query',
  'annals.v1.DecisionSnapshotMetricsService/Decisions': 'query',
  'annals.v1.DecisionSnapshotMetricsService/SnapshotDrift': 'query',
};

export function permissionOf(service: string, method: string): Permission {
  const permission = GRPC_PERMISSIONS[`${service}/${method}`];
  if (permission === undefined) throw new Error(`No permission declared for ${service}/${method}`);
  return permission;
}
