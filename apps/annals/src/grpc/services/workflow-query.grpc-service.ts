import { Injectable } from '@nestjs/common';
import { WorkflowListQuery } from '@annals/contracts/queries/list-queries.dto';
import { WorkflowQueries } from '@annals/projections';
import { workflowFilterOf } from '../../queries/list-filters';
import { found } from '../../queries/read-your-write';
import { GrpcService } from '../grpc-call';
import { GetByIdRequest } from '../query-requests';
import { queryMethod } from '../query-method';

/** annals.v1.WorkflowQueryService: GET /v1/workflows and /v1/workflows/{id}. */
@Injectable()
export class WorkflowQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.WorkflowQueryService';
  constructor(private readonly workflows: WorkflowQueries) {}

  handlers() {
    return {
      List: queryMethod(WorkflowListQuery, (query) =>
        this.workflows.list(workflowFilterOf(query), query, query),
      ),
      Get: queryMethod(
        GetByIdRequest,
        (request) => this.workflows.get(request.id, request),
        (workflow, { id }) => ({ workflow: found(workflow, 'workflow.not_found', `workflow ${id}`) }),
      ),
    };
  }
}
