import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DecisionListQuery } from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { ConsistencyQuery } from '@annals/contracts/queries/list-queries.dto';
import { DecisionQueries } from '@annals/projections';
import { decisionFilterOf } from './decision-snapshot-filters';
import { consistencyOf, found, serve } from './read-your-write';

const BEHIND = 'projection.behind: the decisions projection did not reach minPosition in time';

/** GET /v1/decisions and /v1/decisions/{id}, from read.decisions (the command routes share the prefix). */
@ApiTags('decisions')
@Controller('v1/decisions')
export class DecisionQueriesController {
  constructor(private readonly decisions: DecisionQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'listDecisions',
    summary: 'Decisions, filtered, in keyset pages: { items, nextCursor }',
  })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  list(
    @Query() query: DecisionListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.decisions.list(decisionFilterOf(query), query, consistencyOf(query, request)),
    );
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getDecision',
    summary: 'A decision with its supersession links both ways (supersedes, supersededBy)',
  })
  @ApiParam({ name: 'id', description: 'The decision id' })
  @ApiNotFoundResponse({ description: 'decision.not_found' })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  async get(
    @Param('id') id: string,
    @Query() query: ConsistencyQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const decision = await serve(reply, () => this.decisions.get(id, consistencyOf(query, request)));
    return found(decision, 'decision.not_found', `decision ${id}`);
  }
}
