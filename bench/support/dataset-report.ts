import type { EventCatalog } from '@annals/contracts';
import type { DataSet } from './dataset';

/** Events per aggregate kind (workflow, task, ...) by the catalog; types it does not know under '?'. */
export function eventsByAggregate(
  eventTypes: Readonly<Record<string, number>>,
  catalog: Pick<EventCatalog, 'find'>,
): Record<string, number> {
  const byAggregate: Record<string, number> = {};
  for (const [type, count] of Object.entries(eventTypes)) {
    const aggregate = catalog.find(type)?.aggregate ?? '?';
    byAggregate[aggregate] = (byAggregate[aggregate] ?? 0) + count;
  }
  return byAggregate;
}

/**
 * The projections that would have nothing to do on this data set: a benchmark of them would time an
 * empty read of the ledger, so the data set is not fit for it.
 */
export function idleProjections(
  eventTypes: Readonly<Record<string, number>>,
  projections: readonly { readonly name: string; readonly handles: readonly string[] }[],
): string[] {
  return projections.filter((p) => !p.handles.some((type) => (eventTypes[type] ?? 0) > 0)).map((p) => p.name);
}

/** What the run printed about its data set, line by line. */
export function describeDataSet(dataSet: DataSet, catalog: Pick<EventCatalog, 'find'>): string[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const kinds = Object.entries(eventsByAggregate(dataSet.eventTypes, catalog))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind} ${count(n)}`)
    .join(', ');
  return [
    `data set: ${count(dataSet.events)} events (${count(dataSet.commands)} commands, ${count(dataSet.streams)} streams, ` +
      `${dataSet.seeds} demo seeds, ${Object.keys(dataSet.eventTypes).length} event types, 90 days to ${dataSet.now.toISOString()})`,
    `  by aggregate: ${kinds}`,
    `  decided and appended in ${dataSet.writeSeconds.toFixed(1)} s ` +
      `(${count(Math.round(dataSet.events / dataSet.writeSeconds))} events/s), numbered in ${dataSet.sequenceSeconds.toFixed(1)} s`,
  ];
}
