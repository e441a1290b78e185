import { TaskListQuery, WorkflowListQuery } from '@annals/contracts/queries/list-queries.dto';
import { TaskFilter, WorkflowFilter } from '@annals/projections';

/** A validated list request as the query's filter: one mapping for REST and gRPC. */
export const taskFilterOf = (query: TaskListQuery): TaskFilter => ({
  workflowId: query.workflowId,
  phaseId: query.phaseId,
  statuses: query.status,
  priorities: query.priority,
  assigneeId: query.assignee,
  area: query.area,
  parentTaskId: query.parentTaskId,
  needsReview: query.needsReview,
  createdFrom: query.createdFrom,
  createdTo: query.createdTo,
  updatedSince: query.updatedSince,
});

export const workflowFilterOf = (query: WorkflowListQuery): WorkflowFilter => ({
  statuses: query.status,
  label: query.label,
});
