import { Injectable } from '@nestjs/common';
import { SnapshotListQuery } from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { FileChange, SnapshotQueries } from '@annals/projections';
import { snapshotFilterOf } from '../../queries/decision-snapshot-filters';
import { found } from '../../queries/read-your-write';
import { snapshotNotFound } from '../../queries/snapshot-queries.controller';
import { GrpcService } from '../grpc-call';
import { toProtoValue } from '../protobuf-json';
import { DiffSnapshotsRequest, GetSnapshotRequest } from '../query-requests';
import { queryMethod } from '../query-method';

/** annals.v1.SnapshotQueryService: GET /v1/snapshots, /v1/snapshots/{id} and their diff. */
@Injectable()
export class SnapshotQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.SnapshotQueryService';
  constructor(private readonly snapshots: SnapshotQueries) {}

  handlers() {
    return {
      List: queryMethod(SnapshotListQuery, (query) =>
        this.snapshots.list(snapshotFilterOf(query), query, query),
      ),
      Get: queryMethod(
        GetSnapshotRequest,
        (request) => this.snapshots.get(request.id, request, request),
        (detail, { id }) => {
          const { payload, files, ...snapshot } = found(detail, 'snapshot.not_found', `snapshot ${id}`);
          // The payload is any JSON: a google.protobuf.Value, unset when the capture had none.
          return { snapshot, payload: payload === null ? undefined : toProtoValue(payload), files };
        },
      ),
      Diff: queryMethod(DiffSnapshotsRequest, (request) =>
        this.snapshots
          .diff(request.id, request.otherId, request.change as FileChange[] | undefined, request, request)
          .catch(snapshotNotFound),
      ),
    };
  }
}
