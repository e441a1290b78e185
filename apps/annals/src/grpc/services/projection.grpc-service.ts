import { Injectable } from '@nestjs/common';
import { ProjectionStatusReader, ReplayVerification, ReplayVerifier } from '@annals/projections';
import { onProjection } from '../../queries/projection-problems';
import { GrpcService, unary, validated } from '../grpc-call';
import { toProtoStruct } from '../protobuf-json';
import { ProjectionNameRequest, VerifyProjectionRequest } from '../query-requests';

/** annals.v1.ProjectionService: GET /v1/projections, POST /v1/projections/{name}/rebuild and /verify. */
@Injectable()
export class ProjectionGrpcService implements GrpcService {
  readonly name = 'annals.v1.ProjectionService';
  constructor(
    private readonly status: ProjectionStatusReader,
    private readonly verifier: ReplayVerifier,
  ) {}

  handlers() {
    return {
      List: unary(async () => ({ items: await this.status.statuses() })),
      Rebuild: unary(async (message: object) => {
        const { name } = await validated(ProjectionNameRequest, message);
        return onProjection(() => this.status.requestRebuild(name));
      }),
      Verify: unary(async (message: object) => {
        const { name, at } = await validated(VerifyProjectionRequest, message);
        return verificationMessage(await onProjection(() => this.verifier.verify(name, at)));
      }),
    };
  }
}

/** Differing rows are JSON objects (to_jsonb): google.protobuf.Struct, unset on the side without the row. */
const verificationMessage = (verification: ReplayVerification) => ({
  ...verification,
  tables: verification.tables.map((table) => ({
    ...table,
    differences: table.differences.map((difference) => ({
      key: toProtoStruct(difference.key),
      live: difference.live === null ? undefined : toProtoStruct(difference.live),
      rebuilt: difference.rebuilt === null ? undefined : toProtoStruct(difference.rebuilt),
    })),
  })),
});
