import { DomainEvent } from '@annals/domain';
import { closedObject, JSON_SCHEMA_DIALECT, JsonSchema, PropertySchemas } from './json-schema';

/** The stream types of the domain: the aggregate an event belongs to. */
export const EVENT_AGGREGATES = ['workflow', 'task', 'decision', 'snapshot', 'deployment'] as const;
export type EventAggregate = (typeof EVENT_AGGREGATES)[number];

/** Lifts an event's data from one schema version to the next. Pure: stored events are never rewritten. */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export interface EventDefinition {
  readonly type: string;
  readonly aggregate: EventAggregate;
  /** The version new events are written with, and the one every stored version is lifted to. */
  readonly schemaVersion: number;
  readonly description: string;
  /** The JSON Schema of `data` at `schemaVersion`. */
  readonly schema: JsonSchema;
  /** `upcasters[n]` lifts version n to n + 1: one for every version below `schemaVersion`. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

interface EventSpec<Event extends DomainEvent> {
  readonly description: string;
  readonly data: PropertySchemas<Event['data']>;
  /** 1 unless the shape changed; then `upcasters` lifts each older version. */
  readonly schemaVersion?: number;
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** One spec per event type of the union: the compiler refuses a missing or an unknown type. */
type EventSpecs<Event extends DomainEvent> = {
  readonly [Type in Event['type']]: EventSpec<Extract<Event, { type: Type }>>;
};

/** The definitions of one aggregate's events, each with the JSON Schema of its data. */
export function aggregateEvents<Event extends DomainEvent>(
  aggregate: EventAggregate,
  specs: EventSpecs<Event>,
): EventDefinition[] {
  return Object.entries<EventSpec<DomainEvent>>(specs).map(([type, spec]) => {
    const schemaVersion = spec.schemaVersion ?? 1;
    return {
      type,
      aggregate,
      schemaVersion,
      description: spec.description,
      schema: {
        $schema: JSON_SCHEMA_DIALECT,
        $id: `urn:annals:event:${type}:${schemaVersion}`,
        title: type,
        description: spec.description,
        ...closedObject(spec.data),
      },
      upcasters: spec.upcasters ?? {},
    };
  });
}
