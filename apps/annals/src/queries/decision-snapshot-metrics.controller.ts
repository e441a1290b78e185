import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DecisionMetricsQuery,
  SnapshotDriftQuery,
} from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { DecisionQueries, SnapshotQueries } from '@annals/projections';
import { decisionWindowOf, driftTargetOf } from './decision-snapshot-filters';
import { consistencyOf, serve } from './read-your-write';
import { snapshotNotFound } from './snapshot-queries.controller';

/** Decision and snapshot metrics (formulas: docs/metrics.md, "Decisions and snapshot drift"). */
@ApiTags('metrics')
@Controller('v1/metrics')
export class DecisionSnapshotMetricsController {
  constructor(
    private readonly decisions: DecisionQueries,
    private readonly snapshots: SnapshotQueries,
  ) {}

  @Get('decisions')
  @ApiOperation({
    operationId: 'decisionMetrics',
    summary: 'Decisions recorded in [from, to) by category and status; supersession rate',
    description: 'supersessionRate = decisions superseded in the window / decisions recorded in the window.',
  })
  @ApiServiceUnavailableResponse({ description: 'projection.behind' })
  decisionMetrics(
    @Query() query: DecisionMetricsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () => this.decisions.metrics(decisionWindowOf(query), consistencyOf(query, request)));
  }

  @Get('snapshot-drift')
  @ApiOperation({
    operationId: 'snapshotDrift',
    summary: 'Drift between two snapshots, or between the latest snapshots of two environments',
    description: 'driftRatio = (added + removed + changed) / paths in either snapshot.',
  })
  @ApiNotFoundResponse({ description: 'snapshot.not_found' })
  @ApiUnprocessableEntityResponse({ description: 'snapshot.checksums_missing' })
  @ApiServiceUnavailableResponse({ description: 'projection.behind' })
  snapshotDrift(
    @Query() query: SnapshotDriftQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.snapshots.drift(driftTargetOf(query), consistencyOf(query, request)).catch(snapshotNotFound),
    );
  }
}
