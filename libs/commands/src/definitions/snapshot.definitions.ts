import { CaptureSnapshotDto } from '@annals/contracts';
import { CommandDefinition, singleStreamCommand } from '../command-definition';

export const snapshotCommands: CommandDefinition[] = [
  singleStreamCommand({
    type: 'CaptureSnapshot',
    aggregate: 'snapshot',
    dto: CaptureSnapshotDto,
    creates: true,
    summary:
      'Capture an immutable snapshot of a code base (git commit or file checksums), a machine or an environment',
    toCommand: (snapshotId, data) => ({ ...data, snapshotId }),
  }),
];
