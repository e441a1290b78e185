import { EnvelopeWithUpcastData } from './projection';

/** What a row becomes after an event: `undefined` leaves it as it was (or absent). */
export type RowEvolver<Row> = (row: Row | undefined, event: EnvelopeWithUpcastData) => Row | undefined;

/**
 * Folds a batch of events into the rows they touch (loaded beforehand, keyed by id) and returns the
 * rows that changed, so that a batch costs one read and one write per table however many events it has.
 */
export function foldRows<Row>(
  rows: ReadonlyMap<string, Row>,
  events: readonly EnvelopeWithUpcastData[],
  idOf: (event: EnvelopeWithUpcastData) => string,
  evolve: RowEvolver<Row>,
): Row[] {
  const current = new Map(rows);
  const changed = new Set<string>();
  for (const event of events) {
    const id = idOf(event);
    const before = current.get(id);
    const after = evolve(before, event);
    if (after === undefined || after === before) continue;
    current.set(id, after);
    changed.add(id);
  }
  return [...changed].map((id) => current.get(id)!);
}
