import { Controller, Get, Headers, Logger, OnModuleDestroy, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags, OmitType } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@annals/event-store';
import { ApiProblem } from '../http/api-problem.exception';
import { ReadLedgerQuery } from './read-ledger.query';
import { SlowReaderError, SseWriter } from './sse-writer';

/** after, types and streamTypes as GET /v1/events takes them; a live tail has no page size. */
export class LiveLedgerQuery extends OmitType(ReadLedgerQuery, ['limit'] as const) {}

const HEARTBEAT_MS = 15_000;
/** A reader whose socket takes nothing for this long is disconnected (it resumes with Last-Event-ID). */
const DRAIN_TIMEOUT_MS = 30_000;
/** The ledger is read in pages this large while catching up. */
const PAGE = 500;

@ApiTags('ledger')
@Controller('v1/events')
export class EventsLiveController implements OnModuleDestroy {
  private readonly logger = new Logger('EventsLive');
  /** Streams in progress: shutdown ends them and waits, so none reads a closed database. */
  private readonly streams = new Map<AbortController, Promise<void>>();

  constructor(private readonly store: EventStore) {}

  @Get('live')
  @ApiOperation({
    operationId: 'followLedger',
    summary: 'The ledger as server-sent events: catch up from a position, then live',
    description:
      'Each event is `id: <position>`, `event: <type>`, `data: <envelope JSON>`; `: heartbeat` comments ' +
      'keep idle connections open. A reconnecting client sends Last-Event-ID (it wins over `after`). ' +
      'A client that reads nothing for 30 s is disconnected rather than buffered for.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this position' })
  async live(
    @Query() query: LiveLedgerQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = resumeAfter(lastEventId) ?? query.after ?? 0;
    const controller = new AbortController();
    const done = this.stream(reply, { ...query, after }, controller);
    this.streams.set(controller, done);
    await done.finally(() => this.streams.delete(controller));
  }

  /** Live tails being served now. */
  get open(): number {
    return this.streams.size;
  }

  async onModuleDestroy(): Promise<void> {
    for (const controller of this.streams.keys()) controller.abort();
    await Promise.allSettled(this.streams.values());
  }

  private async stream(reply: FastifyReply, query: LiveLedgerQuery, controller: AbortController) {
    // From here the response is ours: Fastify neither sends nor times it out.
    reply.hijack();
    const raw = reply.raw;
    raw.on('close', () => controller.abort());
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 1000\n\n`);
    const writer = new SseWriter(raw, { heartbeatMs: HEARTBEAT_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS });
    const signal = controller.signal;
    try {
      for await (const event of this.store.subscribe({ ...query, limit: PAGE, signal })) {
        await writer.event(String(event.position), event.type, JSON.stringify(event), signal);
      }
    } catch (error) {
      if (error instanceof SlowReaderError) this.logger.warn(`Live tail reader dropped: ${error.message}`);
      else this.logger.error(`Live tail failed: ${(error as Error)?.stack ?? String(error)}`);
      raw.destroy();
    } finally {
      writer.close();
    }
  }
}

/** Last-Event-ID is a position this stream sent; anything else is refused before the stream starts. */
function resumeAfter(lastEventId: string | undefined): number | undefined {
  if (lastEventId === undefined || lastEventId === '') return undefined;
  if (!/^\d{1,15}$/.test(lastEventId)) {
    throw new ApiProblem(400, 'header.invalid', 'Last-Event-ID is the position of the last event received', {
      errors: [
        {
          field: 'Last-Event-ID',
          code: 'header.invalid',
          message: 'a whole number >= 0',
          actual: lastEventId.slice(0, 100),
        },
      ],
    });
  }
  return Number(lastEventId);
}
