import type { NewEvent, StreamAppend } from '@annals/event-store';

/** The events one command decided, per stream, in the order the command wrote them. */
export interface DecidedCommand {
  readonly changes: readonly { readonly streamId: string; readonly events: readonly NewEvent[] }[];
}

/**
 * Packs decided commands into appends for the store, keeping every order the domain relies on:
 * - the store refuses a stream twice in one append, and orders an append's streams by id; so a run of
 *   consecutive commands holding at most `maxEvents` events (a window) is split into layers: a
 *   command goes to the layer after the last one that wrote any of its streams. Commands that share a
 *   stream keep their order, and so does each stream's history; only commands on unrelated streams
 *   within one window (a few hours of a scenario's time) may swap places in the ledger;
 * - windows follow each other in order, and each layer becomes one append, in order.
 * Each stream expects the version the earlier appends left it at; `versions` holds where every stream
 * stands before the first command (absent: no stream yet) and is moved along.
 */
export function packAppends(
  commands: readonly DecidedCommand[],
  maxEvents: number,
  versions: Map<string, number> = new Map(),
): StreamAppend[][] {
  const appends: StreamAppend[][] = [];
  let window: DecidedCommand[] = [];
  let size = 0;
  for (const command of commands) {
    const count = eventCount(command);
    if (count === 0) continue;
    if (size + count > maxEvents && window.length > 0) {
      appends.push(...layersOf(window, versions));
      window = [];
      size = 0;
    }
    window.push(command);
    size += count;
  }
  if (window.length > 0) appends.push(...layersOf(window, versions));
  return appends;
}

function layersOf(window: readonly DecidedCommand[], versions: Map<string, number>): StreamAppend[][] {
  const layerOfStream = new Map<string, number>();
  const layers: Map<string, NewEvent[]>[] = [];
  for (const command of window) {
    const changes = command.changes.filter((c) => c.events.length > 0);
    const layer = Math.max(...changes.map((c) => (layerOfStream.get(c.streamId) ?? -1) + 1));
    layers[layer] ??= new Map();
    for (const { streamId, events } of changes) {
      layers[layer].set(streamId, [...events]);
      layerOfStream.set(streamId, layer);
    }
  }
  return layers.map((streams) =>
    [...streams].map(([streamId, events]) => {
      const expected = versions.get(streamId) ?? 0;
      versions.set(streamId, expected + events.length);
      return { streamId, expectedVersion: expected === 0 ? 'no_stream' : expected, events };
    }),
  );
}

const eventCount = (command: DecidedCommand) => command.changes.reduce((n, c) => n + c.events.length, 0);
