import { EventEnvelope } from '@annals/event-store';
import { EVENT_CATALOG } from '@annals/contracts';
import { EnvelopeWithUpcastData } from './projection';

/** The catalog's part projections use: stored data in, data at the current schema version out. */
export interface EventUpcaster {
  upcast(type: string, schemaVersion: number, data: unknown): unknown;
  schemaVersionOf(type: string): number;
}

/** Lifts a ledger event to the current schema version of its type. */
export function upcastEnvelope(
  event: EventEnvelope,
  upcaster: EventUpcaster = EVENT_CATALOG,
): EnvelopeWithUpcastData {
  if (event.position === null) throw new Error(`Event ${event.eventId} has no ledger position`);
  return {
    ...event,
    position: event.position,
    schemaVersion: upcaster.schemaVersionOf(event.type),
    data: upcaster.upcast(event.type, event.schemaVersion, event.data) as Record<string, unknown>,
  };
}
