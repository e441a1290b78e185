import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kysely } from 'kysely';
import { EventStore, LedgerNotifier } from '@annals/event-store';
import { CheckpointRepository, PROJECTIONS_CHANNEL } from '../engine/checkpoint.repository';
import { allProjections } from '../all-projections';
import { ProjectionRunner } from '../engine/projection-runner';
import { ProjectionBuildsRepository } from '../engine/projection-builds.repository';
import { ProjectionStatusReader } from '../engine/projection-status';
import { ReplayVerifier } from '../engine/replay-verifier';
import { ReadConsistency } from '../engine/read-consistency';
import { DecisionQueries } from '../decisions/decision-queries';
import { DecisionQueriesRepository } from '../decisions/decision-queries.repository';
import { SnapshotQueries } from '../snapshots/snapshot-queries';
import { SnapshotQueriesRepository } from '../snapshots/snapshot-queries.repository';
import { TaskQueries } from '../tasks/task-queries';
import { TaskQueriesRepository } from '../tasks/task-queries.repository';
import { WorkflowQueries } from '../workflows/workflow-queries';
import { WorkflowQueriesRepository } from '../workflows/workflow-queries.repository';
import { ActivityQueries } from '../activity/activity-queries';
import { ActivityQueriesRepository } from '../activity/activity-queries.repository';
import { DeploymentQueries } from '../deployments/deployment-queries';
import { DeploymentQueriesRepository } from '../deployments/deployment-queries.repository';
import { DoraMetricsQueries } from '../metrics/dora-metrics';
import { DoraRepository } from '../metrics/dora.repository';
import { FlowMetricsQueries } from '../metrics/flow-metrics';
import { FlowRepository } from '../metrics/flow.repository';

export interface ProjectionsModuleOptions {
  readonly db: Kysely<any>;
  readonly url: string;
  /** The single-process default runs the runners here; a scaled-out API leaves them to workers. */
  readonly run?: boolean;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** How long a query waits for `minPosition` unless it asks for less. */
  readonly readYourWriteTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** Every projection of the service (listed in a plain module that needs no Nest). */
export { allProjections };

export const DEFAULT_READ_YOUR_WRITE_TIMEOUT_MS = 5000;

/** Wakes readers waiting for a position when a checkpoint moves. */
@Injectable()
export class ProjectionNotifier extends LedgerNotifier {}

/** The runners this process hosts: none in a process that only serves queries. */
@Injectable()
export class ProjectionRunners {
  constructor(readonly runners: readonly ProjectionRunner[]) {}
}

@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runners: ProjectionRunners,
    private readonly notifier: ProjectionNotifier,
  ) {}

  onApplicationBootstrap(): void {
    for (const runner of this.runners.runners) runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.runners.map((runner) => runner.stop()));
    await this.notifier.stop();
  }
}

/** Projections and their queries for Nest apps: a thin wrapper; the library itself has no Nest in it. */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const projections = allProjections();
    const waitMs = options.readYourWriteTimeoutMs ?? DEFAULT_READ_YOUR_WRITE_TIMEOUT_MS;
    const checkpoints = new CheckpointRepository(options.db);
    return {
      module: ProjectionsModule,
      providers: [
        {
          provide: ProjectionNotifier,
          useFactory: async () => {
            const notifier = new ProjectionNotifier(options.url, PROJECTIONS_CHANNEL);
            await notifier.start();
            return notifier;
          },
        },
        {
          provide: ProjectionRunners,
          useFactory: (store: EventStore) =>
            new ProjectionRunners(
              options.run === false
                ? []
                : projections.map(
                    (projection) =>
                      new ProjectionRunner(projection, {
                        url: options.url,
                        store,
                        batchSize: options.batchSize ?? 500,
                        pollIntervalMs: options.pollIntervalMs ?? 1000,
                        log: options.log,
                      }),
                  ),
            ),
          inject: [EventStore],
        },
        {
          provide: ReadConsistency,
          useFactory: (notifier: ProjectionNotifier) => new ReadConsistency(checkpoints, notifier),
          inject: [ProjectionNotifier],
        },
        {
          provide: ProjectionStatusReader,
          useFactory: (store: EventStore) =>
            new ProjectionStatusReader(
              projections,
              checkpoints,
              new ProjectionBuildsRepository(options.db),
              store,
            ),
          inject: [EventStore],
        },
        {
          provide: ReplayVerifier,
          useFactory: (store: EventStore) => new ReplayVerifier(options.db, store, projections),
          inject: [EventStore],
        },
        {
          provide: TaskQueries,
          useFactory: (consistency: ReadConsistency) =>
            new TaskQueries(new TaskQueriesRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: WorkflowQueries,
          useFactory: (consistency: ReadConsistency) =>
            new WorkflowQueries(new WorkflowQueriesRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: DeploymentQueries,
          useFactory: (consistency: ReadConsistency) =>
            new DeploymentQueries(new DeploymentQueriesRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: ActivityQueries,
          useFactory: (consistency: ReadConsistency) =>
            new ActivityQueries(new ActivityQueriesRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: DoraMetricsQueries,
          useFactory: (consistency: ReadConsistency) =>
            new DoraMetricsQueries(new DoraRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: FlowMetricsQueries,
          useFactory: (consistency: ReadConsistency) =>
            new FlowMetricsQueries(new FlowRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: DecisionQueries,
          useFactory: (consistency: ReadConsistency) =>
            new DecisionQueries(new DecisionQueriesRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        {
          provide: SnapshotQueries,
          useFactory: (consistency: ReadConsistency) =>
            new SnapshotQueries(new SnapshotQueriesRepository(options.db), consistency, waitMs),
          inject: [ReadConsistency],
        },
        ProjectionsLifecycle,
      ],
      exports: [
        ProjectionRunners,
        ProjectionStatusReader,
        ReplayVerifier,
        ReadConsistency,
        TaskQueries,
        WorkflowQueries,
        DecisionQueries,
        SnapshotQueries,
        DeploymentQueries,
        ActivityQueries,
        DoraMetricsQueries,
        FlowMetricsQueries,
      ],
    };
  }
}
