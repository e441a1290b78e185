import { CommandDefinition } from '../command-definition';

export const snapshotCommands: CommandDefinition[] = [];
