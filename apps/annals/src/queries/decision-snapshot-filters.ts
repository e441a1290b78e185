import {
  DecisionListQuery,
  DecisionMetricsQuery,
  SnapshotDriftQuery,
  SnapshotListQuery,
} from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { DecisionFilter, DecisionWindow, DriftTarget, SnapshotFilter } from '@annals/projections';

/** A validated list request as the query's filter: one mapping for every transport. */
export const decisionFilterOf = (query: DecisionListQuery): DecisionFilter => ({
  workflowId: query.workflowId,
  taskId: query.taskId,
  categories: query.category,
  statuses: query.status,
  createdFrom: query.createdFrom,
  createdTo: query.createdTo,
});

/** The shorthands name the subject: a workflow's, a task's or an environment's snapshots. */
export const snapshotFilterOf = (query: SnapshotListQuery): SnapshotFilter => ({
  ...subjectOf(query),
  kind: query.kind,
  statuses: query.status,
  capturedFrom: query.capturedFrom,
  capturedTo: query.capturedTo,
});

function subjectOf(query: SnapshotListQuery): Pick<SnapshotFilter, 'subjectType' | 'subjectId'> {
  if (query.workflowId !== undefined) return { subjectType: 'workflow', subjectId: query.workflowId };
  if (query.taskId !== undefined) return { subjectType: 'task', subjectId: query.taskId };
  if (query.environment !== undefined) return { subjectType: 'environment', subjectId: query.environment };
  return { subjectType: query.subjectType, subjectId: query.subjectId };
}

export const decisionWindowOf = (query: DecisionMetricsQuery): DecisionWindow => ({
  from: query.from,
  to: query.to,
  workflowId: query.workflowId,
});

/** Two snapshots by id, or two environments' latest: the DTO lets through exactly one complete pair. */
export const driftTargetOf = (query: SnapshotDriftQuery): DriftTarget =>
  query.fromSnapshotId !== undefined
    ? { fromSnapshotId: query.fromSnapshotId, toSnapshotId: query.toSnapshotId! }
    : { fromEnvironment: query.fromEnvironment!, toEnvironment: query.toEnvironment! };
