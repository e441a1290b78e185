import { Injectable } from '@nestjs/common';
import { AggregateKind } from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import { entityNotFound } from '@annals/domain';
import { EventEnvelope, EventStore, streamIdOf } from '@annals/event-store';
import { ENTITY_KINDS } from './entity-kinds';
import { HistoryQuery, StateQuery } from './history.queries';
import { EntityStateDto, HistoryEventDto, HistoryPageDto } from './history.responses';
import { PointInTime, stateAt } from './time-travel';

const DEFAULT_PAGE = 100;
/** How many events one read of a whole stream fetches at a time. */
const READ_BATCH = 10_000;

/** An entity's history with the data upcast, and its state at any time or version. */
@Injectable()
export class EntityHistoryService {
  constructor(private readonly store: EventStore) {}

  async history(kind: AggregateKind, id: string, query: HistoryQuery): Promise<HistoryPageDto> {
    const streamId = streamIdOf(kind, id);
    const [events, version] = await Promise.all([
      this.store.readStream(streamId, { fromVersion: query.fromVersion, limit: query.limit ?? DEFAULT_PAGE }),
      this.store.streamVersion(streamId),
    ]);
    if (version === 0) throw entityNotFound(`${kind}.not_found`, ENTITY_KINDS[kind].label, id);
    const last = events.at(-1)?.version;
    return {
      id,
      kind,
      streamId,
      version,
      items: events.map(toHistoryEvent),
      nextFromVersion: last !== undefined && last < version ? last + 1 : null,
    };
  }

  async state(kind: AggregateKind, id: string, query: StateQuery): Promise<EntityStateDto> {
    const streamId = streamIdOf(kind, id);
    const asOf = query.asOf === undefined ? undefined : new Date(query.asOf);
    const point: PointInTime =
      asOf !== undefined ? { asOf } : query.version !== undefined ? { version: query.version } : 'current';
    const events = await this.readStream(streamId, query.version);
    const { version, state } = stateAt(kind, id, events, point);
    return { id, kind, streamId, version, ...(asOf && { asOf: asOf.toISOString() }), state };
  }

  /** The stream from version 1 up to `toVersion` (or its end), however long. */
  private async readStream(streamId: string, toVersion?: number): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    for (;;) {
      const fromVersion = (events.at(-1)?.version ?? 0) + 1;
      const batch = await this.store.readStream(streamId, { fromVersion, toVersion, limit: READ_BATCH });
      events.push(...batch);
      if (batch.length < READ_BATCH) return events;
    }
  }
}

function toHistoryEvent(event: EventEnvelope): HistoryEventDto {
  return {
    position: event.position,
    eventId: event.eventId,
    version: event.version,
    type: event.type,
    schemaVersion: EVENT_CATALOG.schemaVersionOf(event.type),
    storedSchemaVersion: event.schemaVersion,
    data: EVENT_CATALOG.upcast(event.type, event.schemaVersion, event.data),
    actor: event.metadata.actor ?? null,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
  };
}
