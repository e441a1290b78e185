import { Type } from '@nestjs/common';
import { GrpcService } from './grpc-call';
import { CommandGrpcService } from './services/command.grpc-service';
import { EventStoreGrpcService } from './services/event-store.grpc-service';
import { ProjectionGrpcService } from './services/projection.grpc-service';
import { TaskQueryGrpcService } from './services/task-query.grpc-service';
import { WorkflowQueryGrpcService } from './services/workflow-query.grpc-service';

/** Every service the gRPC server serves; each is a Nest provider (see GRPC_PROVIDERS). */
export const GRPC_SERVICES: readonly Type<GrpcService>[] = [
  CommandGrpcService,
  EventStoreGrpcService,
  WorkflowQueryGrpcService,
  TaskQueryGrpcService,
  ProjectionGrpcService,
];
