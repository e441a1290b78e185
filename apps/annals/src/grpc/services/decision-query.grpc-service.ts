import { Injectable } from '@nestjs/common';
import { DecisionListQuery } from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { DecisionQueries } from '@annals/projections';
import { decisionFilterOf } from '../../queries/decision-snapshot-filters';
import { found } from '../../queries/read-your-write';
import { GrpcService } from '../grpc-call';
import { GetByIdRequest } from '../query-requests';
import { queryMethod } from '../query-method';

/** annals.v1.DecisionQueryService: GET /v1/decisions and /v1/decisions/{id}. */
@Injectable()
export class DecisionQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.DecisionQueryService';
  constructor(private readonly decisions: DecisionQueries) {}

  handlers() {
    return {
      List: queryMethod(DecisionListQuery, (query) =>
        this.decisions.list(decisionFilterOf(query), query, query),
      ),
      Get: queryMethod(
        GetByIdRequest,
        (request) => this.decisions.get(request.id, request),
        (decision, { id }) => ({ decision: found(decision, 'decision.not_found', `decision ${id}`) }),
      ),
    };
  }
}
