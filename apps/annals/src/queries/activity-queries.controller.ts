import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActivityListQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { ActivityQueries } from '@annals/projections';
import { activityFilterOf } from './deployment-activity-filters';
import { consistencyOf, serve } from './read-your-write';

/** GET /v1/activity: the timeline of every entity, from read.activity. */
@ApiTags('activity')
@Controller('v1/activity')
export class ActivityQueriesController {
  constructor(private readonly activity: ActivityQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'listActivity',
    summary: 'The activity timeline, newest first, in keyset pages: { items, nextCursor }',
    description:
      'One entry per domain event: position, occurredAt, entity kind and id, workflow, type, actor, summary. ' +
      'workflowId covers the workflow and everything in it (tasks, decisions, snapshots, deployments); ' +
      'from/to: occurred in [from, to).',
  })
  @ApiServiceUnavailableResponse({
    description: 'projection.behind: the activity projection did not reach minPosition in time',
  })
  list(
    @Query() query: ActivityListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.activity.list(activityFilterOf(query), query, consistencyOf(query, request)),
    );
  }
}
