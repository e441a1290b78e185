import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { VerifyProjectionQuery } from '@annals/contracts/queries/projection-queries.dto';
import {
  ProjectionStatus,
  ProjectionStatusReader,
  ReplayVerification,
  ReplayVerifier,
} from '@annals/projections';
import { onProjection } from './projection-problems';

const NAME = { name: 'name', description: 'The projection, e.g. tasks' };

@ApiTags('projections')
@Controller('v1/projections')
export class ProjectionsController {
  constructor(
    private readonly status: ProjectionStatusReader,
    private readonly verifier: ReplayVerifier,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listProjections',
    summary: 'Each projection: version, position, lag behind the ledger head, state, rebuild progress',
    description:
      'state: running (a runner in some process holds it and is caught up), catching_up, rebuilding (new tables ' +
      'are built beside the live ones, which keep serving), stopped (no runner). build: the rebuild under way.',
  })
  async list(): Promise<{ items: ProjectionStatus[] }> {
    return { items: await this.status.statuses() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'rebuildProjection',
    summary: 'Rebuild a projection beside its live tables and swap it in when caught up; answers its status',
    description:
      'Whichever process leads the projection picks the request up. A rebuild under way is left as it is.',
  })
  @ApiParam(NAME)
  @ApiNotFoundResponse({ description: 'projection.not_found' })
  rebuild(@Param('name') name: string): Promise<ProjectionStatus> {
    return onProjection(() => this.status.requestRebuild(name));
  }

  @Post(':name/verify')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'verifyProjection',
    summary: 'Replay a projection into scratch tables and compare them with the live ones, table by table',
    description:
      'match: every table has the same rows (count and digest); otherwise each mismatching table lists its first ' +
      'differing rows (key, live row, rebuilt row).',
  })
  @ApiParam(NAME)
  @ApiNotFoundResponse({ description: 'projection.not_found' })
  @ApiConflictResponse({
    description:
      'projection.not_at_position: the live tables stand elsewhere than `at`; projection.rebuilding: they are of ' +
      'another version than the code (a rebuild is under way). Both with the live position and version, and `expected`.',
  })
  verify(@Param('name') name: string, @Query() query: VerifyProjectionQuery): Promise<ReplayVerification> {
    return onProjection(() => this.verifier.verify(name, query.at));
  }
}
