import type { Message } from 'kafkajs';
import { EventEnvelope } from '@annals/event-store';

/** Header names of every message on the events topic. */
export const EVENT_HEADERS = {
  type: 'annals-type',
  id: 'annals-event-id',
  position: 'annals-position',
} as const;

/**
 * An event as a Kafka message: keyed by stream so that one stream's events share a partition and
 * keep their order; the value is the same envelope REST and gRPC serve.
 */
export function toEventMessage(event: EventEnvelope): Message {
  return {
    key: event.streamId,
    value: JSON.stringify(event),
    headers: {
      [EVENT_HEADERS.type]: event.type,
      [EVENT_HEADERS.id]: event.eventId,
      [EVENT_HEADERS.position]: String(event.position),
    },
  };
}
