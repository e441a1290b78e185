import { Injectable } from '@nestjs/common';
import { Matches } from 'class-validator';
import { EventStore, STREAM_ID_PATTERN } from '@annals/event-store';
import { ReadLedgerQuery } from '../../ledger/read-ledger.query';
import { ReadStreamQuery } from '../../streams/read-stream.query';
import { GrpcService, serverStream, unary, validated } from '../grpc-call';
import { eventMessage } from '../grpc-messages';

class ReadStreamRequest extends ReadStreamQuery {
  @Matches(STREAM_ID_PATTERN, { message: 'a stream id is <kind>-<id>, e.g. task-t1' })
  readonly streamId!: string;
}

/** The subscription reads the ledger in pages this large, so a caught-up follower stays cheap. */
const SUBSCRIBE_PAGE = 500;

/** annals.v1.EventStoreService: ReadStream, ReadLedger and the live Subscribe. */
@Injectable()
export class EventStoreGrpcService implements GrpcService {
  readonly name = 'annals.v1.EventStoreService';
  constructor(private readonly store: EventStore) {}

  handlers() {
    return {
      ReadStream: unary(async (message: object) => {
        const { streamId, ...range } = await validated(ReadStreamRequest, message);
        const [items, version] = await Promise.all([
          this.store.readStream(streamId, range),
          this.store.streamVersion(streamId),
        ]);
        return { streamId, version, items: items.map(eventMessage) };
      }),
      ReadLedger: unary(async (message: object) => {
        const page = await this.store.readLedger(await validated(ReadLedgerQuery, message));
        return { items: page.items.map(eventMessage), lastPosition: page.lastPosition };
      }),
      Subscribe: serverStream(async (message: object, call, send) => {
        const request = await validated(ReadLedgerQuery, message);
        const events = this.store.subscribe({ ...request, limit: SUBSCRIBE_PAGE, signal: call.signal });
        for await (const event of events) await send(eventMessage(event));
      }),
    };
  }
}
