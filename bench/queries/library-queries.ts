import { Kysely } from 'kysely';
import {
  ActivityQueries,
  ActivityQueriesRepository,
  CheckpointRepository,
  DecisionQueries,
  DecisionQueriesRepository,
  DeploymentQueries,
  DeploymentQueriesRepository,
  DoraMetricsQueries,
  DoraRepository,
  FlowMetricsQueries,
  FlowRepository,
  ReadConsistency,
  TaskQueries,
  TaskQueriesRepository,
  WorkflowQueries,
  WorkflowQueriesRepository,
} from '@annals/projections';
import { DEFAULT_READ_YOUR_WRITE_TIMEOUT_MS } from '@annals/projections/nest/projections.module';

/** The query classes the service's routes call, wired as ProjectionsModule wires them, on `db`. */
export interface LibraryQueries {
  readonly tasks: TaskQueries;
  readonly workflows: WorkflowQueries;
  readonly decisions: DecisionQueries;
  readonly deployments: DeploymentQueries;
  readonly activity: ActivityQueries;
  readonly dora: DoraMetricsQueries;
  readonly flow: FlowMetricsQueries;
}

export function libraryQueries(db: Kysely<any>): LibraryQueries {
  const consistency = new ReadConsistency(new CheckpointRepository(db));
  const wait = DEFAULT_READ_YOUR_WRITE_TIMEOUT_MS;
  return {
    tasks: new TaskQueries(new TaskQueriesRepository(db), consistency, wait),
    workflows: new WorkflowQueries(new WorkflowQueriesRepository(db), consistency, wait),
    decisions: new DecisionQueries(new DecisionQueriesRepository(db), consistency, wait),
    deployments: new DeploymentQueries(new DeploymentQueriesRepository(db), consistency, wait),
    activity: new ActivityQueries(new ActivityQueriesRepository(db), consistency, wait),
    dora: new DoraMetricsQueries(new DoraRepository(db), consistency, wait),
    flow: new FlowMetricsQueries(new FlowRepository(db), consistency, wait),
  };
}
