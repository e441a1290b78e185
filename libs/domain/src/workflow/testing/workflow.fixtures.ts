import { commandsOn, eventsOf } from '../../shared/testing';
import { WorkflowCommand } from '../workflow.commands';
import { WorkflowEvent } from '../workflow.events';

export const WORKFLOW_ID = 'wf-1';

/** A command on workflow WORKFLOW_ID happening at `at` (minutes after T0), with the server clock at the same time. */
export const workflowCommand = commandsOn<WorkflowCommand, 'workflowId'>('workflowId', WORKFLOW_ID);

/** An event of workflow WORKFLOW_ID that happened at `at` (minutes after T0). */
export const workflowEvent = eventsOf<WorkflowEvent, 'workflowId'>('workflowId', WORKFLOW_ID);

export const workflowStarted = (at = 0) => workflowEvent('WorkflowStarted', { name: 'Ship v2' }, at);
export const taskAttached = (taskId: string, at = 0) => workflowEvent('TaskAttached', { taskId }, at);
export const dependencyAdded = (taskId: string, dependsOnTaskId: string, at = 0) =>
  workflowEvent('DependencyAdded', { taskId, dependsOnTaskId }, at);
export const phaseStarted = (phaseId: string, number: number, at = 0) =>
  workflowEvent('PhaseStarted', { phaseId, number, name: `Phase ${number}` }, at);
