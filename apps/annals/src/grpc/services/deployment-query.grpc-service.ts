import { Injectable } from '@nestjs/common';
import { DeploymentListQuery, EnvironmentListQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { DeploymentQueries } from '@annals/projections';
import { deploymentFilterOf, environmentFilterOf } from '../../queries/deployment-activity-filters';
import { found } from '../../queries/read-your-write';
import { GrpcService } from '../grpc-call';
import { GetByIdRequest } from '../query-requests';
import { queryMethod } from '../query-method';

/** annals.v1.DeploymentQueryService: GET /v1/deployments and /v1/deployments/{id}. */
@Injectable()
export class DeploymentQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.DeploymentQueryService';
  constructor(private readonly deployments: DeploymentQueries) {}

  handlers() {
    return {
      List: queryMethod(DeploymentListQuery, (query) =>
        this.deployments.list(deploymentFilterOf(query), query, query),
      ),
      Get: queryMethod(
        GetByIdRequest,
        (request) => this.deployments.get(request.id, request),
        (deployment, { id }) => ({
          deployment: found(deployment, 'deployment.not_found', `deployment ${id}`),
        }),
      ),
    };
  }
}

/** annals.v1.EnvironmentQueryService: GET /v1/environments. */
@Injectable()
export class EnvironmentQueryGrpcService implements GrpcService {
  readonly name = 'annals.v1.EnvironmentQueryService';
  constructor(private readonly deployments: DeploymentQueries) {}

  handlers() {
    return {
      List: queryMethod(EnvironmentListQuery, (query) =>
        this.deployments.environments(environmentFilterOf(query), query, query),
      ),
    };
  }
}
