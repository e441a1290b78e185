import { DecidedCommand, packAppends } from './append-packing';

const command = (...streams: [string, number][]): DecidedCommand => ({
  changes: streams.map(([streamId, count]) => ({
    streamId,
    events: Array.from({ length: count }, (_, i) => ({ type: 'Happened', data: { streamId, i } })),
  })),
});

/** The events in the order the ledger will have them: appends in order, each one's streams by id. */
const ledgerOrder = (appends: ReturnType<typeof packAppends>) =>
  appends.flatMap((append) =>
    [...append]
      .sort((a, b) => a.streamId.localeCompare(b.streamId))
      .flatMap((s) => s.events.map((e) => e.data as { streamId: string; i: number })),
  );

describe('packAppends', () => {
  it('never puts a stream twice in one append, and keeps each stream in order with the versions it expects', () => {
    const commands = [
      command(['task-a', 1], ['workflow-w', 1]),
      command(['task-a', 2]),
      command(['task-b', 1], ['workflow-w', 1]),
      command(['task-a', 1]),
    ];

    const appends = packAppends(commands, 1000);

    for (const append of appends) {
      expect(new Set(append.map((s) => s.streamId)).size).toBe(append.length);
    }
    expect(
      appends
        .flat()
        .filter((s) => s.streamId === 'task-a')
        .map((s) => s.expectedVersion),
    ).toEqual(['no_stream', 1, 3]);
    expect(
      appends
        .flat()
        .filter((s) => s.streamId === 'workflow-w')
        .map((s) => s.expectedVersion),
    ).toEqual(['no_stream', 1]);
    const taskA = ledgerOrder(appends).filter((e) => e.streamId === 'task-a');
    expect(taskA.map((e) => e.i)).toEqual([0, 0, 1, 0]);
  });

  it('keeps commands that share a stream in their order, and lets unrelated ones share an append', () => {
    const appends = packAppends(
      [command(['workflow-w', 1]), command(['task-x', 1]), command(['task-y', 1], ['workflow-w', 1])],
      1000,
    );

    expect(appends.map((a) => a.map((s) => s.streamId).sort())).toEqual([
      ['task-x', 'workflow-w'],
      ['task-y', 'workflow-w'],
    ]);
  });

  it('starts a new window at the size limit, so no append holds more than maxEvents, and loses no event', () => {
    const commands = Array.from({ length: 50 }, (_, i) => command([`task-${i}`, 3]));

    const appends = packAppends(commands, 10);

    expect(Math.max(...appends.map((a) => a.reduce((n, s) => n + s.events.length, 0)))).toBeLessThanOrEqual(
      10,
    );
    expect(appends.flat().reduce((n, s) => n + s.events.length, 0)).toBe(150);
  });

  it('continues from the versions of earlier calls, and skips commands that decided nothing', () => {
    const versions = new Map([['task-a', 4]]);

    const appends = packAppends([command(['task-a', 0]), command(['task-a', 2])], 1000, versions);

    expect(appends).toEqual([[expect.objectContaining({ streamId: 'task-a', expectedVersion: 4 })]]);
    expect(versions.get('task-a')).toBe(6);
  });
});
