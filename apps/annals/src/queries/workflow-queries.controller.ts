import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsistencyQuery, WorkflowListQuery } from '@annals/contracts/queries/list-queries.dto';
import { WorkflowQueries } from '@annals/projections';
import { consistencyOf, found, serve } from './read-your-write';
import { workflowFilterOf } from './list-filters';

const BEHIND = 'projection.behind: the workflows or tasks projection did not reach minPosition in time';

/** GET /v1/workflows and /v1/workflows/{id}, from read.workflows and read.tasks. */
@ApiTags('workflows')
@Controller('v1/workflows')
export class WorkflowQueriesController {
  constructor(private readonly workflows: WorkflowQueries) {}

  @Get()
  @ApiOperation({ operationId: 'listWorkflows', summary: 'Workflows in keyset pages: { items, nextCursor }' })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  list(
    @Query() query: WorkflowListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.workflows.list(workflowFilterOf(query), query, consistencyOf(query, request)),
    );
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getWorkflow',
    summary: 'A workflow with its phases and task counts by status',
  })
  @ApiParam({ name: 'id', description: 'The workflow id' })
  @ApiNotFoundResponse({ description: 'workflow.not_found' })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  async get(
    @Param('id') id: string,
    @Query() query: ConsistencyQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const workflow = await serve(reply, () => this.workflows.get(id, consistencyOf(query, request)));
    return found(workflow, 'workflow.not_found', `workflow ${id}`);
  }
}
