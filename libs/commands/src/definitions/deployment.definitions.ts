import { CommandDefinition } from '../command-definition';

export const deploymentCommands: CommandDefinition[] = [];
