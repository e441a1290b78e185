import { CommandDefinition } from '../command-definition';
import { workflowCommands } from './workflow.definitions';

export const ALL_COMMANDS: readonly CommandDefinition[] = [...workflowCommands];
