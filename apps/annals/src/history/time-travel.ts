import { AggregateKind, deciderOf, StateOf } from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import { DomainEvent, entityNotFound, fold, notFound } from '@annals/domain';
import { EventEnvelope } from '@annals/event-store';
import { ENTITY_KINDS } from './entity-kinds';

export type StoredEvent = Pick<EventEnvelope, 'version' | 'type' | 'schemaVersion' | 'data' | 'occurredAt'>;

/** Which state of an entity: as of a time, at a stream version, or the current one. */
export type PointInTime = { readonly asOf: Date } | { readonly version: number } | 'current';

export interface StateAt<K extends AggregateKind> {
  /** The version of the last event folded in. */
  readonly version: number;
  readonly state: StateOf<K>;
}

/** A stored event as `evolve` expects it: its data lifted to the current schema version. */
const toDomainEvent = (event: StoredEvent): DomainEvent => ({
  type: event.type,
  data: EVENT_CATALOG.upcast(event.type, event.schemaVersion, event.data),
  occurredAt: event.occurredAt,
});

/**
 * Folds the events that make up the entity at `point` with the `evolve` the commands use. `events`
 * is the stream in version order from version 1, at least up to the version asked for. As of a
 * time means the events that occurred at or before it; a version beyond the stream is not found.
 */
export function stateAt<K extends AggregateKind>(
  kind: K,
  id: string,
  events: readonly StoredEvent[],
  point: PointInTime,
): StateAt<K> {
  const { label } = ENTITY_KINDS[kind];
  const last = events.at(-1);
  if (last === undefined) throw entityNotFound(`${kind}.not_found`, label, id);
  let selected = events;
  if (point !== 'current' && 'version' in point) {
    if (point.version > last.version) {
      throw notFound(
        `${kind}.version_not_found`,
        `${label.name} ${id} is at version ${last.version}; it has no version ${point.version}`,
        { [label.idField]: id, version: point.version, currentVersion: last.version },
      );
    }
    selected = events.filter((event) => event.version <= point.version);
  } else if (point !== 'current') {
    selected = events.filter((event) => Date.parse(event.occurredAt) <= point.asOf.getTime());
    if (selected.length === 0) {
      throw notFound(
        `${kind}.not_found`,
        `${label.name} ${id} did not exist at ${point.asOf.toISOString()}`,
        {
          [label.idField]: id,
          asOf: point.asOf.toISOString(),
          firstOccurredAt: events[0].occurredAt,
        },
      );
    }
  }
  return {
    version: selected[selected.length - 1].version,
    state: fold(deciderOf(kind), selected.map(toDomainEvent)),
  };
}
