import { EventEnvelope } from '@annals/event-store';
import { toProtoStruct, toProtoValue } from './protobuf-json';

/** annals.v1.Event: the envelope with its JSON parts as google.protobuf.Value / Struct. */
export const eventMessage = (event: EventEnvelope) => ({
  ...event,
  position: event.position ?? 0,
  data: toProtoValue(event.data),
  metadata: toProtoStruct(event.metadata),
});
