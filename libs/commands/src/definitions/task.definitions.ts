import { CommandDefinition } from '../command-definition';

export const taskCommands: CommandDefinition[] = [];
