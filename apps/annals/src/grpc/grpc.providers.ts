import { Provider } from '@nestjs/common';
import { GrpcServer } from './grpc.server';
import { GRPC_SERVICES } from './grpc.services';

/** What AppModule provides for gRPC: the server and its services. */
export const GRPC_PROVIDERS: Provider[] = [GrpcServer, ...GRPC_SERVICES];
