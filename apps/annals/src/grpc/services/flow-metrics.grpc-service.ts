import { Injectable } from '@nestjs/common';
import { FlowMetricsQuery } from '@annals/contracts/queries/flow-metrics.dto';
import { FlowMetricsQueries } from '@annals/projections';
import { flowScopeOf } from '../../queries/flow-metrics.controller';
import { GrpcService } from '../grpc-call';
import { queryMethod } from '../query-method';

/** annals.v1.FlowMetricsService: GET /v1/metrics/flow. */
@Injectable()
export class FlowMetricsGrpcService implements GrpcService {
  readonly name = 'annals.v1.FlowMetricsService';
  constructor(private readonly flow: FlowMetricsQueries) {}

  handlers() {
    return {
      Get: queryMethod(FlowMetricsQuery, (query) =>
        this.flow.metrics(flowScopeOf(query, new Date()), query, query),
      ),
    };
  }
}
