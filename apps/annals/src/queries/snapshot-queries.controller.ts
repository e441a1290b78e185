import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  SnapshotDetailQuery,
  SnapshotDiffQuery,
  SnapshotListQuery,
} from '@annals/contracts/queries/decision-snapshot-queries.dto';
import { FileChange, SnapshotNotFoundError, SnapshotQueries } from '@annals/projections';
import { ApiProblem } from '../http/api-problem.exception';
import { snapshotFilterOf } from './decision-snapshot-filters';
import { consistencyOf, found, serve } from './read-your-write';

const BEHIND = 'projection.behind: the snapshots projection did not reach minPosition in time';

/** A snapshot a query names is missing: 404 snapshot.not_found. */
export function snapshotNotFound(error: unknown): never {
  if (error instanceof SnapshotNotFoundError) throw new ApiProblem(404, 'snapshot.not_found', error.message);
  throw error;
}

/** GET /v1/snapshots, /v1/snapshots/{id} and the diff of two snapshots (the command route shares the prefix). */
@ApiTags('snapshots')
@Controller('v1/snapshots')
export class SnapshotQueriesController {
  constructor(private readonly snapshots: SnapshotQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'listSnapshots',
    summary: 'Snapshots, filtered by subject, kind, status and capture time, in keyset pages',
  })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  list(
    @Query() query: SnapshotListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return serve(reply, () =>
      this.snapshots.list(snapshotFilterOf(query), query, consistencyOf(query, request)),
    );
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getSnapshot',
    summary: 'A snapshot with its payload and one page of its files (limit, cursor; path order)',
  })
  @ApiParam({ name: 'id', description: 'The snapshot id' })
  @ApiNotFoundResponse({ description: 'snapshot.not_found' })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  async get(
    @Param('id') id: string,
    @Query() query: SnapshotDetailQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const snapshot = await serve(reply, () => this.snapshots.get(id, query, consistencyOf(query, request)));
    return found(snapshot, 'snapshot.not_found', `snapshot ${id}`);
  }

  @Get(':id/diff/:otherId')
  @ApiOperation({
    operationId: 'diffSnapshots',
    summary: 'Files added, removed and changed from {id} to {otherId}, with both checksums and the counts',
    description:
      'Computed in PostgreSQL over read.snapshot_files (full outer join on path); items page in path order.',
  })
  @ApiParam({ name: 'id', description: 'The snapshot diffed from' })
  @ApiParam({ name: 'otherId', description: 'The snapshot diffed to' })
  @ApiNotFoundResponse({ description: 'snapshot.not_found' })
  @ApiUnprocessableEntityResponse({ description: 'snapshot.checksums_missing: a side has no file checksums' })
  @ApiServiceUnavailableResponse({ description: BEHIND })
  diff(
    @Param('id') id: string,
    @Param('otherId') otherId: string,
    @Query() query: SnapshotDiffQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const changes = query.change as FileChange[] | undefined;
    return serve(reply, () =>
      this.snapshots.diff(id, otherId, changes, query, consistencyOf(query, request)).catch(snapshotNotFound),
    );
  }
}
