import { Matches } from 'class-validator';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX, LIMITS, TextField } from '@annals/contracts';
import {
  SnapshotDetailQuery,
  SnapshotDiffQuery,
} from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { ConsistencyQuery } from '@annals/contracts/queries/list-queries.dto';
import { VerifyProjectionQuery } from '@annals/contracts/queries/projection-queries.dto';

/** An id REST takes from the path: gRPC carries it in the request and checks it like a command's. */
const PathId = () => Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE });

/** A detail query over gRPC: the id REST takes from the path, and read-your-write. */
export class GetByIdRequest extends ConsistencyQuery {
  @PathId()
  readonly id!: string;
}

/** GET /v1/snapshots/{id}: the id, and the page of its files. */
export class GetSnapshotRequest extends SnapshotDetailQuery {
  @PathId()
  readonly id!: string;
}

/** GET /v1/snapshots/{id}/diff/{otherId}: both ids, and the page of differing files. */
export class DiffSnapshotsRequest extends SnapshotDiffQuery {
  @PathId()
  readonly id!: string;

  @PathId()
  readonly otherId!: string;
}

/** A projection by name, as REST's path names it; an unknown name is NOT_FOUND projection.not_found. */
export class ProjectionNameRequest {
  @TextField(LIMITS.name)
  readonly name!: string;
}

export class VerifyProjectionRequest extends VerifyProjectionQuery {
  @TextField(LIMITS.name)
  readonly name!: string;
}
