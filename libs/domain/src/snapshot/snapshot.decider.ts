import { Decider, assertNever, checkOccurredAt, ruleBroken, toEvent } from '../shared';
import { captureSnapshotData } from './snapshot.capture';
import { SnapshotCommand } from './snapshot.commands';
import { SnapshotErrorCode } from './snapshot.errors';
import { SnapshotCaptured, SnapshotEvent } from './snapshot.events';
import { SnapshotState, evolveSnapshot, initialSnapshotState } from './snapshot.state';

export function decideSnapshot(command: SnapshotCommand, state: SnapshotState): SnapshotEvent[] {
  const { now, occurredAt } = command.metadata;
  checkOccurredAt(occurredAt, now, state.lastOccurredAt);

  switch (command.type) {
    case 'CaptureSnapshot': {
      const data = captureSnapshotData(command.data, occurredAt, now);
      if (state.status !== 'nonexistent') {
        throw ruleBroken(
          SnapshotErrorCode.AlreadyExists,
          `Snapshot ${data.snapshotId} exists and is immutable`,
          {
            snapshotId: data.snapshotId,
          },
        );
      }
      return [toEvent<SnapshotCaptured>('SnapshotCaptured', data, command)];
    }
    default:
      return assertNever(command.type);
  }
}

export const snapshotDecider: Decider<SnapshotState, SnapshotCommand, SnapshotEvent> = {
  initialState: initialSnapshotState,
  decide: decideSnapshot,
  evolve: evolveSnapshot,
};
