import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DoraMetricsQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { DoraMetricsQueries } from '@annals/projections';
import { doraScopeOf } from './deployment-activity-filters';
import { consistencyOf, serve } from './read-your-write';

/** GET /v1/metrics/dora: the four DORA metrics (docs/metrics.md). */
@ApiTags('metrics')
@Controller('v1/metrics/dora')
export class DoraMetricsController {
  constructor(private readonly dora: DoraMetricsQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'getDoraMetrics',
    summary: 'Deployment frequency, lead time for changes, change failure rate, time to restore',
    description:
      'One service in one environment (default production), optionally one workflow, over [from, to) ' +
      '(default: the 30 days before now). Durations in seconds; a metric with no data is null. ' +
      'Formulas and a worked example: docs/metrics.md.',
  })
  @ApiServiceUnavailableResponse({
    description: 'projection.behind: the deployments or tasks projection did not reach minPosition in time',
  })
  metrics(
    @Query() query: DoraMetricsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = doraScopeOf(query, new Date());
    return serve(reply, () => this.dora.metrics(scope, consistencyOf(query, request)));
  }
}
