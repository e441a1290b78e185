import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResult, ExecuteCommands } from '@annals/commands';
import { expectedVersionFrom, idempotencyKey, requestMetadata } from '../http/request-metadata';

/** What a command route answers: the result without its transport flags. */
export type CommandResponse = Omit<CommandResult, 'replayed'>;

/**
 * Resource routes are thin: each names its command and hands over the id and the validated body.
 * Headers become the envelope (If-Match, Idempotency-Key) and the result becomes headers (ETag).
 */
@Injectable()
export class CommandGateway {
  constructor(private readonly bus: CommandBus) {}

  async run(
    type: string,
    id: string | undefined,
    body: object,
    request: FastifyRequest,
    reply: FastifyReply,
    options: { creates?: boolean } = {},
  ): Promise<CommandResponse> {
    const [result] = await this.bus.execute(
      new ExecuteCommands(
        [
          {
            type,
            id,
            expectedVersion: expectedVersionFrom(request),
            idempotencyKey: idempotencyKey(request),
            data: body as Record<string, unknown>,
          },
        ],
        { metadata: requestMetadata(request), prevalidated: true },
      ),
    );
    const { replayed, ...response } = result;
    void reply.header('ETag', `"${result.version}"`).status(options.creates && !replayed ? 201 : 200);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return response;
  }
}
