import { CommandDefinition } from '../command-definition';

export const decisionCommands: CommandDefinition[] = [];
