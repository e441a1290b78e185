import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AnnalsRuntime } from '@annals/platform';
import { SealKey } from '@annals/event-store';
import { AuditController } from './audit/audit.controller';
import { AuthModule } from './auth/auth.module';
import { coreModules } from './core-modules';
import { CatalogController } from './catalog/catalog.controller';
import { CommandGateway } from './commands/command-gateway';
import { CommandsController } from './commands/commands.controller';
import { DecisionsController } from './commands/decisions.controller';
import { DeploymentsController } from './commands/deployments.controller';
import { SnapshotsController } from './commands/snapshots.controller';
import { TasksController } from './commands/tasks.controller';
import { WorkflowsController } from './commands/workflows.controller';
import { HealthController, StoreHealth } from './health/health.controller';
import { EntityHistoryService } from './history/entity-history.service';
import { HISTORY_CONTROLLERS } from './history/history.controllers';
import { ProblemFilter } from './http/problem.filter';
import { ProjectionsController } from './queries/projections.controller';
import { TaskQueriesController } from './queries/task-queries.controller';
import { DecisionQueriesController } from './queries/decision-queries.controller';
import { DecisionSnapshotMetricsController } from './queries/decision-snapshot-metrics.controller';
import { SnapshotQueriesController } from './queries/snapshot-queries.controller';
import { WorkflowQueriesController } from './queries/workflow-queries.controller';
import { ActivityQueriesController } from './queries/activity-queries.controller';
import {
  DeploymentQueriesController,
  EnvironmentQueriesController,
} from './queries/deployment-queries.controller';
import { DoraMetricsController } from './queries/dora-metrics.controller';
import { FlowMetricsController } from './queries/flow-metrics.controller';
import { EventsController } from './ledger/events.controller';
import { EventsLiveController } from './ledger/events-live.controller';
import { GRPC_PROVIDERS } from './grpc/grpc.providers';
import { ExtensionStreamsService } from './streams/extension-streams.service';
import { StreamsController } from './streams/streams.controller';

export interface AppOptions {
  readonly runtime: AnnalsRuntime;
  readonly sealKey: SealKey;
  /** The single-process default runs the sequencer here; a scaled-out API leaves it to workers. */
  readonly runSequencer: boolean;
  readonly log?: (message: string) => void;
}

@Module({})
export class AppModule {
  static forRoot({ runtime, sealKey, runSequencer, log }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TerminusModule,
        ...coreModules({ runtime, sealKey, runBackground: runSequencer, log }),
        AuthModule.forRoot({ runtime }),
      ],
      controllers: [
        HealthController,
        StreamsController,
        EventsController,
        EventsLiveController,
        AuditController,
        CommandsController,
        WorkflowsController,
        TasksController,
        DecisionsController,
        SnapshotsController,
        DeploymentsController,
        CatalogController,
        ...HISTORY_CONTROLLERS,
        WorkflowQueriesController,
        TaskQueriesController,
        DecisionQueriesController,
        SnapshotQueriesController,
        DecisionSnapshotMetricsController,
        ProjectionsController,
        DeploymentQueriesController,
        EnvironmentQueriesController,
        ActivityQueriesController,
        DoraMetricsController,
        FlowMetricsController,
      ],
      providers: [
        { provide: AnnalsRuntime, useValue: runtime },
        { provide: APP_FILTER, useClass: ProblemFilter },
        StoreHealth,
        ExtensionStreamsService,
        CommandGateway,
        EntityHistoryService,
        ...GRPC_PROVIDERS,
      ],
    };
  }
}
