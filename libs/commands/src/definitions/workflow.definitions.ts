import {
  ArchiveWorkflowDto,
  CompletePhaseDto,
  CompleteWorkflowDto,
  StartPhaseDto,
  StartWorkflowDto,
  UpdateWorkflowDto,
} from '@annals/contracts';
import { CommandDefinition, singleStreamCommand } from '../command-definition';

export const workflowCommands: CommandDefinition[] = [
  singleStreamCommand({
    type: 'StartWorkflow',
    aggregate: 'workflow',
    dto: StartWorkflowDto,
    creates: true,
    summary: 'Start a workflow (a project, initiative or plan): the container of phases and tasks',
    toCommand: (workflowId, data) => ({ ...data, workflowId }),
  }),
  singleStreamCommand({
    type: 'UpdateWorkflow',
    aggregate: 'workflow',
    dto: UpdateWorkflowDto,
    summary: 'Change fields of a workflow; unchanged values record nothing',
    toCommand: (workflowId, data) => ({ ...data, workflowId }),
  }),
  singleStreamCommand({
    type: 'StartPhase',
    aggregate: 'workflow',
    dto: StartPhaseDto,
    summary: 'Start a numbered phase of a workflow',
    toCommand: (workflowId, data, context) => ({
      ...data,
      workflowId,
      phaseId: data.phaseId ?? context.newId(),
    }),
  }),
  singleStreamCommand({
    type: 'CompletePhase',
    aggregate: 'workflow',
    dto: CompletePhaseDto,
    summary: 'Complete a phase',
    toCommand: (workflowId, data) => ({ ...data, workflowId }),
  }),
  singleStreamCommand({
    type: 'CompleteWorkflow',
    aggregate: 'workflow',
    dto: CompleteWorkflowDto,
    summary: 'Record the outcome of a workflow: completed, failed or partial',
    toCommand: (workflowId, data) => ({ ...data, workflowId }),
  }),
  singleStreamCommand({
    type: 'ArchiveWorkflow',
    aggregate: 'workflow',
    dto: ArchiveWorkflowDto,
    summary: 'Archive a workflow: it then refuses every change and every new task',
    toCommand: (workflowId, data) => ({ ...data, workflowId }),
  }),
];
