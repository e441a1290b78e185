import { Command, DomainEvent } from './decider';

/**
 * Event data is stored as JSONB and compared after the round trip, where a property set to
 * `undefined` disappears: drop such properties here so that an event reads the same before and after.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (!isRecord(value)) return value;
  const entries = Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .map(([key, field]) => [key, withoutUndefined(field)]);
  return Object.fromEntries(entries) as T;
}

/** Structural equality of JSON values; the order of object keys does not matter, the order of array items does. */
export function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameJson(item, right[index]))
    );
  }
  if (!isRecord(left) || !isRecord(right)) return false;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return leftKeys.length === rightKeys.length && leftKeys.every((key) => sameJson(left[key], right[key]));
}

/** Builds the event a command decided, stamped with the time the fact happened. */
export const toEvent = <Event extends DomainEvent>(
  type: Event['type'],
  data: Event['data'],
  command: Command,
): Event =>
  ({ type, data: withoutUndefined(data), occurredAt: command.metadata.occurredAt.toISOString() }) as Event;

// DTO class instances count as records too: handlers may pass validated DTOs straight through.
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !(value instanceof Date);
