import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsistencyQuery } from '@annals/contracts/queries/list-queries.dto';
import { DeploymentListQuery, EnvironmentListQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { DeploymentQueries } from '@annals/projections';
import { deploymentFilterOf, environmentFilterOf } from './deployment-activity-filters';
import { consistencyOf, found, serve } from './read-your-write';

const BEHIND = 'projection.behind: the deployments projection did not reach minPosition in time';

/**
 * GET /v1/deployments and /v1/deployments/{id}, from read.deployments. The command routes share the
 * prefix, all of them POST, so the two never meet.
 */
@ApiTags('deployments')
@Controller('v1/deployments')
export class DeploymentQueriesController {
  constructor(private readonly deployments: DeploymentQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'listDeployments',
    summary: 'Deployments, filtered, in keyset pages: { items, nextCursor }',
    description:
      'from/to: requested in [from, to). Sort: requestedAt (default) or updatedAt, `-` for descending.',
  })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  list(
    @Query() query: DeploymentListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.deployments.list(deploymentFilterOf(query), query, consistencyOf(query, request)),
    );
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getDeployment',
    summary: 'A deployment: what it shipped, its status and times, and its rollback links',
  })
  @ApiParam({ name: 'id', description: 'The deployment id' })
  @ApiNotFoundResponse({ description: 'deployment.not_found' })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  async get(
    @Param('id') id: string,
    @Query() query: ConsistencyQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const deployment = await serve(reply, () => this.deployments.get(id, consistencyOf(query, request)));
    return found(deployment, 'deployment.not_found', `deployment ${id}`);
  }
}

/** GET /v1/environments: what each service runs in each environment now. */
@ApiTags('deployments')
@Controller('v1/environments')
export class EnvironmentQueriesController {
  constructor(private readonly deployments: DeploymentQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'listEnvironments',
    summary: 'The current deployment per service and environment: { items, nextCursor }',
    description:
      'The current deployment is the last completed one (by completion time) that was not rolled back; ' +
      'an environment whose every deployment was rolled back is absent. Ordered by service, then environment.',
  })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  list(
    @Query() query: EnvironmentListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.deployments.environments(environmentFilterOf(query), query, consistencyOf(query, request)),
    );
  }
}
