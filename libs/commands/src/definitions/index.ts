import { CommandDefinition } from '../command-definition';
import { decisionCommands } from './decision.definitions';
import { deploymentCommands } from './deployment.definitions';
import { snapshotCommands } from './snapshot.definitions';
import { taskCommands } from './task.definitions';
import { workflowCommands } from './workflow.definitions';

export const ALL_COMMANDS: readonly CommandDefinition[] = [
  ...workflowCommands,
  ...taskCommands,
  ...decisionCommands,
  ...snapshotCommands,
  ...deploymentCommands,
];
