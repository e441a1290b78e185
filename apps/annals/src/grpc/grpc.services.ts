import { Type } from '@nestjs/common';
import { GrpcService } from './grpc-call';
import { ActivityQueryGrpcService } from './services/activity-query.grpc-service';
import { CommandGrpcService } from './services/command.grpc-service';
import { DecisionQueryGrpcService } from './services/decision-query.grpc-service';
import { DecisionSnapshotMetricsGrpcService } from './services/decision-snapshot-metrics.grpc-service';
import {
  DeploymentQueryGrpcService,
  EnvironmentQueryGrpcService,
} from './services/deployment-query.grpc-service';
import { DoraMetricsGrpcService } from './services/dora-metrics.grpc-service';
import { EventStoreGrpcService } from './services/event-store.grpc-service';
import { FlowMetricsGrpcService } from './services/flow-metrics.grpc-service';
import { ProjectionGrpcService } from './services/projection.grpc-service';
import { SnapshotQueryGrpcService } from './services/snapshot-query.grpc-service';
import { TaskQueryGrpcService } from './services/task-query.grpc-service';
import { WorkflowQueryGrpcService } from './services/workflow-query.grpc-service';

/** Every service the gRPC server serves; each is a Nest provider (see GRPC_PROVIDERS). */
export const GRPC_SERVICES: readonly Type<GrpcService>[] = [
  CommandGrpcService,
  EventStoreGrpcService,
  WorkflowQueryGrpcService,
  TaskQueryGrpcService,
  ProjectionGrpcService,
  DeploymentQueryGrpcService,
  EnvironmentQueryGrpcService,
  ActivityQueryGrpcService,
  DoraMetricsGrpcService,
  FlowMetricsGrpcService,
  DecisionQueryGrpcService,
  SnapshotQueryGrpcService,
  DecisionSnapshotMetricsGrpcService,
];
