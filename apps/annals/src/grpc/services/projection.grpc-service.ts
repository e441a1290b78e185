import { Injectable } from '@nestjs/common';
import { ProjectionStatusReader } from '@annals/projections';
import { GrpcService, unary } from '../grpc-call';

/** annals.v1.ProjectionService: GET /v1/projections. */
@Injectable()
export class ProjectionGrpcService implements GrpcService {
  readonly name = 'annals.v1.ProjectionService';
  constructor(private readonly status: ProjectionStatusReader) {}

  handlers() {
    return { List: unary(async () => ({ items: await this.status.statuses() })) };
  }
}
