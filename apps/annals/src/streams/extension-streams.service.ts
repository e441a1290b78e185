import { Injectable } from '@nestjs/common';
import { AppendEventsDto } from '@annals/contracts';
import {
  assertSameRequest,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  idempotencyMetadata,
  streamTypeOf,
} from '@annals/event-store';
import { ApiProblem } from '../http/api-problem.exception';

/** Stream kinds owned by the domain: written only through their command routes, so their rules hold. */
const DOMAIN_KINDS: Record<string, string> = {
  workflow: '/v1/workflows',
  task: '/v1/tasks',
  decision: '/v1/decisions',
  snapshot: '/v1/snapshots',
  deployment: '/v1/deployments',
};

export interface ExtensionAppend {
  readonly streamId: string;
  readonly body: AppendEventsDto;
  readonly expectedVersion: ExpectedVersion;
  readonly idempotencyKey?: string;
  readonly metadata: EventMetadata;
}

@Injectable()
export class ExtensionStreamsService {
  constructor(private readonly store: EventStore) {}

  /** Appends free-form events to an `ext-` stream and answers once the ledger has numbered them. */
  async append(request: ExtensionAppend): Promise<AppendResult> {
    this.assertExtensionStream(request.streamId);
    const idempotency = request.idempotencyKey
      ? idempotencyMetadata(request.idempotencyKey, { streamId: request.streamId, body: request.body })
      : undefined;
    const result = await this.store.appendToStream(
      request.streamId,
      request.expectedVersion,
      request.body.events.map((e) => ({
        type: e.type,
        data: e.data,
        eventId: e.eventId,
        schemaVersion: e.schemaVersion,
        metadata: { ...e.metadata, ...request.metadata, ...(idempotency && { idempotency }) },
      })),
      { idempotencyKey: request.idempotencyKey },
    );
    if (idempotency) await assertSameRequest(this.store, result, idempotency);
    return this.store.withPositions(result);
  }

  private assertExtensionStream(streamId: string): void {
    const kind = streamTypeOf(streamId);
    if (kind === undefined) {
      throw new ApiProblem(400, 'stream.invalid_id', 'A stream id is <kind>-<id>, e.g. ext-orders-42', {
        errors: [
          {
            field: 'streamId',
            code: 'stream.invalid_id',
            message: 'bad format',
            actual: streamId.slice(0, 200),
          },
        ],
      });
    }
    if (DOMAIN_KINDS[kind]) {
      throw new ApiProblem(
        422,
        'stream.domain_kind',
        `${kind} streams are written through their commands so that their rules hold: use ${DOMAIN_KINDS[kind]} and its routes`,
        { streamId, commandRoutes: DOMAIN_KINDS[kind] },
      );
    }
    if (kind !== 'ext') {
      throw new ApiProblem(
        422,
        'stream.not_extension',
        'Free-form events go to extension streams, whose ids start with ext-',
        {
          streamId,
        },
      );
    }
  }
}
