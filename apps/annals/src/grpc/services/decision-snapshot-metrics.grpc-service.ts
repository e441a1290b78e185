import { Injectable } from '@nestjs/common';
import {
  DecisionMetricsQuery,
  SnapshotDriftQuery,
} from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { DecisionQueries, SnapshotQueries } from '@annals/projections';
import { decisionWindowOf, driftTargetOf } from '../../queries/decision-snapshot-filters';
import { snapshotNotFound } from '../../queries/snapshot-queries.controller';
import { GrpcService } from '../grpc-call';
import { queryMethod } from '../query-method';

/** annals.v1.DecisionSnapshotMetricsService: GET /v1/metrics/decisions and /v1/metrics/snapshot-drift. */
@Injectable()
export class DecisionSnapshotMetricsGrpcService implements GrpcService {
  readonly name = 'annals.v1.DecisionSnapshotMetricsService';
  constructor(
    private readonly decisions: DecisionQueries,
    private readonly snapshots: SnapshotQueries,
  ) {}

  handlers() {
    return {
      Decisions: queryMethod(DecisionMetricsQuery, (query) =>
        this.decisions.metrics(decisionWindowOf(query), query),
      ),
      SnapshotDrift: queryMethod(SnapshotDriftQuery, (query) =>
        this.snapshots.drift(driftTargetOf(query), query).catch(snapshotNotFound),
      ),
    };
  }
}
