import { ActivityProjection } from './activity/activity.projection';
import { DecisionsProjection } from './decisions/decisions.projection';
import { DeploymentsProjection } from './deployments/deployments.projection';
import { Projection } from './engine/projection';
import { SnapshotsProjection } from './snapshots/snapshots.projection';
import { TaskDetailsProjection } from './task-details/task-details.projection';
import { TasksProjection } from './tasks/tasks.projection';
import { WorkflowsProjection } from './workflows/workflows.projection';

/**
 * Every projection of the service. A plain module (no Nest) so that the CLI and the benchmarks can
 * name the projections without loading the Nest module that runs them.
 */
export const allProjections = (): Projection[] => [
  new WorkflowsProjection(),
  new TasksProjection(),
  new TaskDetailsProjection(),
  new DeploymentsProjection(),
  new ActivityProjection(),
  new DecisionsProjection(),
  new SnapshotsProjection(),
];
