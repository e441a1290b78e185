import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppendEventsDto } from '@annals/contracts';
import { EventStore } from '@annals/event-store';
import { expectedVersionFrom, idempotencyKey, requestMetadata } from '../http/request-metadata';
import { ReadStreamQuery } from './read-stream.query';
import { ExtensionStreamsService } from './extension-streams.service';

@ApiTags('streams')
@Controller('v1/streams')
export class StreamsController {
  constructor(
    private readonly store: EventStore,
    private readonly extensionStreams: ExtensionStreamsService,
  ) {}

  @Get(':streamId/events')
  @ApiOperation({ summary: "A stream's events in version order (any stream kind)" })
  async read(
    @Param('streamId') streamId: string,
    @Query() query: ReadStreamQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const [items, version] = await Promise.all([
      this.store.readStream(streamId, {
        fromVersion: query.fromVersion,
        toVersion: query.toVersion,
        limit: query.limit,
      }),
      this.store.streamVersion(streamId),
    ]);
    void reply.header('ETag', `"${version}"`);
    return { streamId, version, items };
  }

  @Post(':streamId/events')
  @ApiOperation({ summary: 'Append free-form events to an extension stream (ext-...)' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Expected version: a number, no_stream, stream_exists or any (default)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key returns the first result',
  })
  async append(
    @Param('streamId') streamId: string,
    @Body() body: AppendEventsDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.extensionStreams.append({
      streamId,
      body,
      expectedVersion: expectedVersionFrom(request) ?? 'any',
      idempotencyKey: idempotencyKey(request),
      metadata: requestMetadata(request),
    });
    const version = result.streams[0].version;
    void reply.status(result.duplicate ? 200 : 201).header('ETag', `"${version}"`);
    if (result.duplicate) void reply.header('Idempotent-Replayed', 'true');
    return {
      streamId,
      version,
      position: Math.max(...result.events.map((e) => e.position!)),
      events: result.events.map((e) => ({ eventId: e.eventId, version: e.version, position: e.position })),
    };
  }
}
