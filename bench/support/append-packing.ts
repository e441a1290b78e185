import type { NewEvent, StreamAppend } from '@annals/event-store';

/** The events one command decided, per stream, in the order the command wrote them. */
export interface DecidedCommand {
  readonly changes: readonly { readonly streamId: string; readonly events: readonly NewEvent[] }[];
}

/**
 * Packs decided commands, in their order, into appends of at most `maxEvents` events in which no stream
 * appears twice (the store refuses that), each stream expecting the version the earlier appends left
 * it at. A command is never split across appends, so each append holds whole commands; `versions` is
 * where every stream stands before the first command (absent: no stream yet) and is moved along.
 */
export function packAppends(
  commands: readonly DecidedCommand[],
  maxEvents: number,
  versions: Map<string, number> = new Map(),
): StreamAppend[][] {
  const packed: StreamAppend[][] = [];
  let current = new Map<string, { expected: number; events: NewEvent[] }>();
  let size = 0;
  const flush = () => {
    if (current.size === 0) return;
    packed.push(
      [...current].map(([streamId, { expected, events }]) => ({
        streamId,
        expectedVersion: expected === 0 ? 'no_stream' : expected,
        events,
      })),
    );
    current = new Map();
    size = 0;
  };
  for (const command of commands) {
    const changes = command.changes.filter((c) => c.events.length > 0);
    const count = changes.reduce((n, c) => n + c.events.length, 0);
    if (count === 0) continue;
    if (size + count > maxEvents || changes.some((c) => current.has(c.streamId))) flush();
    for (const { streamId, events } of changes) {
      const expected = versions.get(streamId) ?? 0;
      current.set(streamId, { expected, events: [...events] });
      versions.set(streamId, expected + events.length);
    }
    size += count;
  }
  flush();
  return packed;
}
