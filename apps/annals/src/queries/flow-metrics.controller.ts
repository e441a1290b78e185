import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FlowMetricsQuery } from '@annals/contracts/queries/flow-metrics.dto';
import { FlowMetricsQueries, FlowScope } from '@annals/projections';
import { metricWindowOf } from './metric-window';
import { consistencyOf, serve } from './read-your-write';

/** Ten years: any trend fits, and a window is still a bound on what the queries scan. */
export const FLOW_WINDOW = { defaultDays: 30, maxDays: 3660 } as const;

export const flowScopeOf = (query: FlowMetricsQuery, now: Date): FlowScope => ({
  groupBy: query.groupBy ?? 'workflow',
  workflowId: query.workflowId,
  area: query.area,
  assigneeId: query.assignee,
  ...metricWindowOf(query, now, FLOW_WINDOW),
});

/** GET /v1/metrics/flow: throughput, cycle and lead time, WIP, blocked time, rework... per group. */
@ApiTags('metrics')
@Controller('v1/metrics/flow')
export class FlowMetricsController {
  constructor(private readonly flow: FlowMetricsQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'getFlowMetrics',
    summary: 'Flow metrics per workflow, area or assignee: { items, nextCursor }',
    description:
      'Over [from, to) (default: the 30 days before now), one item per group in key order. Durations in ' +
      'seconds; a percentile or a ratio without data is null. Formulas and a worked example: docs/metrics.md.',
  })
  @ApiBadRequestResponse({ description: 'request.invalid (a reversed or too long window), cursor.invalid' })
  @ApiServiceUnavailableResponse({
    description: 'projection.behind: the tasks or task-details projection did not reach minPosition in time',
  })
  metrics(
    @Query() query: FlowMetricsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = flowScopeOf(query, new Date());
    return serve(reply, () => this.flow.metrics(scope, query, consistencyOf(query, request)));
  }
}
