import { Injectable } from '@nestjs/common';
import { DoraMetricsQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { DoraMetricsQueries } from '@annals/projections';
import { doraScopeOf } from '../../queries/deployment-activity-filters';
import { GrpcService } from '../grpc-call';
import { queryMethod } from '../query-method';

/** annals.v1.DoraMetricsService: GET /v1/metrics/dora. */
@Injectable()
export class DoraMetricsGrpcService implements GrpcService {
  readonly name = 'annals.v1.DoraMetricsService';
  constructor(private readonly dora: DoraMetricsQueries) {}

  handlers() {
    return {
      Get: queryMethod(DoraMetricsQuery, (query) => this.dora.metrics(doraScopeOf(query, new Date()), query)),
    };
  }
}
