import {
  assertNever,
  checkOccurredAt,
  Decider,
  entityAlreadyExists,
  entityNotFound,
  EntityLabel,
  notFound,
  ruleBroken,
  sameJson,
  toEvent,
} from '../shared';
import { cycleClosedBy } from './dependency-graph';
import {
  AddDependency,
  AttachTask,
  CompletePhase,
  RemoveDependency,
  StartPhase,
  StartWorkflow,
  UpdateWorkflow,
  UpdateWorkflowData,
  WorkflowCommand,
} from './workflow.commands';
import {
  DependencyAdded,
  DependencyRemoved,
  PhaseCompleted,
  PhaseStarted,
  TaskAttached,
  WorkflowArchived,
  WorkflowCompleted,
  WorkflowEvent,
  WorkflowStarted,
  WorkflowUpdated,
  WorkflowUpdatedData,
} from './workflow.events';
import { evolveWorkflow, initialWorkflowState, sameEdge, Workflow, WorkflowState } from './workflow.state';

const WORKFLOW: EntityLabel = { name: 'Workflow', idField: 'workflowId' };
const UPDATABLE_FIELDS = ['name', 'description', 'objective', 'plan', 'labels', 'repository'] as const;

export function decideWorkflow(command: WorkflowCommand, state: WorkflowState): WorkflowEvent[] {
  checkOccurredAt(command.metadata.occurredAt, command.metadata.now, state.lastOccurredAt);
  if (command.type === 'StartWorkflow') return startWorkflow(command, state);
  const workflow = existingWorkflow(command, state);
  switch (command.type) {
    case 'UpdateWorkflow':
      return updateWorkflow(command, workflow);
    case 'StartPhase':
      return startPhase(command, inProgress(command, workflow));
    case 'CompletePhase':
      return completePhase(command, inProgress(command, workflow));
    case 'CompleteWorkflow':
      inProgress(command, workflow);
      return [toEvent<WorkflowCompleted>('WorkflowCompleted', command.data, command)];
    case 'ArchiveWorkflow':
      return [toEvent<WorkflowArchived>('WorkflowArchived', command.data, command)];
    case 'AttachTask':
      return attachTask(command, inProgress(command, workflow));
    case 'AddDependency':
      return addDependency(command, inProgress(command, workflow));
    case 'RemoveDependency':
      return removeDependency(command, inProgress(command, workflow));
    default:
      return assertNever(command);
  }
}

export const workflowDecider: Decider<WorkflowState, WorkflowCommand, WorkflowEvent> = {
  initialState: initialWorkflowState,
  decide: decideWorkflow,
  evolve: evolveWorkflow,
};

function startWorkflow(command: StartWorkflow, state: WorkflowState): WorkflowEvent[] {
  if (state.status !== 'initial') {
    throw entityAlreadyExists('workflow.already_exists', WORKFLOW, state.workflowId);
  }
  return [toEvent<WorkflowStarted>('WorkflowStarted', command.data, command)];
}

/** Every command but StartWorkflow needs a workflow, and an archived one refuses them all. */
function existingWorkflow(command: Exclude<WorkflowCommand, StartWorkflow>, state: WorkflowState): Workflow {
  const { workflowId } = command.data;
  if (state.status === 'initial') {
    throw entityNotFound('workflow.not_found', WORKFLOW, workflowId);
  }
  if (state.workflowId !== workflowId) {
    throw new Error(
      `${command.type} for workflow ${workflowId} was decided against workflow ${state.workflowId}`,
    );
  }
  if (state.status === 'archived') {
    throw ruleBroken('workflow.archived', `Workflow ${workflowId} is archived`, {
      workflowId,
      command: command.type,
    });
  }
  return state;
}

/** A finished workflow (completed, failed, partial) still takes updates and archiving, nothing else. */
function inProgress(command: WorkflowCommand, workflow: Workflow): Workflow {
  if (workflow.status !== 'in_progress') {
    throw ruleBroken('workflow.not_in_progress', `Workflow ${workflow.workflowId} is ${workflow.status}`, {
      workflowId: workflow.workflowId,
      status: workflow.status,
      command: command.type,
    });
  }
  return workflow;
}

function updateWorkflow(command: UpdateWorkflow, workflow: Workflow): WorkflowEvent[] {
  const changes: Partial<Record<keyof UpdateWorkflowData, unknown>> = {};
  for (const field of UPDATABLE_FIELDS) {
    const value = command.data[field];
    if (value !== undefined && !sameJson(value, workflow[field])) changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return [];
  const data = { workflowId: workflow.workflowId, ...changes } as WorkflowUpdatedData;
  return [toEvent<WorkflowUpdated>('WorkflowUpdated', data, command)];
}

function startPhase(command: StartPhase, workflow: Workflow): WorkflowEvent[] {
  const { workflowId, phaseId, number } = command.data;
  if (workflow.phases.some((phase) => phase.phaseId === phaseId)) {
    throw ruleBroken('workflow.phase_already_exists', `Phase ${phaseId} already exists`, {
      workflowId,
      phaseId,
    });
  }
  const sameNumber = workflow.phases.find((phase) => phase.number === number);
  if (sameNumber) {
    throw ruleBroken(
      'workflow.phase_number_taken',
      `Phase number ${number} is taken by ${sameNumber.phaseId}`,
      {
        workflowId,
        number,
        phaseId: sameNumber.phaseId,
      },
    );
  }
  return [toEvent<PhaseStarted>('PhaseStarted', command.data, command)];
}

function completePhase(command: CompletePhase, workflow: Workflow): WorkflowEvent[] {
  const { workflowId, phaseId } = command.data;
  const phase = workflow.phases.find((candidate) => candidate.phaseId === phaseId);
  if (!phase) {
    throw notFound('workflow.phase_not_found', `Phase ${phaseId} does not exist`, { workflowId, phaseId });
  }
  if (phase.completedAt !== null) {
    throw ruleBroken('workflow.phase_already_completed', `Phase ${phaseId} is already completed`, {
      workflowId,
      phaseId,
      completedAt: phase.completedAt,
    });
  }
  return [toEvent<PhaseCompleted>('PhaseCompleted', command.data, command)];
}

function attachTask(command: AttachTask, workflow: Workflow): WorkflowEvent[] {
  const { workflowId, taskId, phaseId, parentTaskId } = command.data;
  if (workflow.taskIds.includes(taskId)) {
    throw ruleBroken(
      'workflow.task_already_attached',
      `Task ${taskId} is already in workflow ${workflowId}`,
      {
        workflowId,
        taskId,
      },
    );
  }
  if (phaseId !== undefined && !workflow.phases.some((phase) => phase.phaseId === phaseId)) {
    throw ruleBroken(
      'task.phase_not_in_workflow',
      `Phase ${phaseId} is not a phase of workflow ${workflowId}`,
      {
        workflowId,
        phaseId,
      },
    );
  }
  if (parentTaskId !== undefined && !workflow.taskIds.includes(parentTaskId)) {
    throw ruleBroken(
      'task.parent_not_in_workflow',
      `Parent task ${parentTaskId} is not a task of workflow ${workflowId}`,
      { workflowId, parentTaskId },
    );
  }
  return [toEvent<TaskAttached>('TaskAttached', command.data, command)];
}

function addDependency(command: AddDependency, workflow: Workflow): WorkflowEvent[] {
  const { workflowId, taskId, dependsOnTaskId } = command.data;
  if (taskId === dependsOnTaskId) {
    throw ruleBroken('dependency.self_reference', `Task ${taskId} cannot depend on itself`, {
      workflowId,
      taskId,
    });
  }
  for (const endpoint of [taskId, dependsOnTaskId]) {
    if (!workflow.taskIds.includes(endpoint)) {
      throw ruleBroken(
        'dependency.task_not_in_workflow',
        `Task ${endpoint} is not a task of workflow ${workflowId}`,
        {
          workflowId,
          taskId: endpoint,
        },
      );
    }
  }
  // Declaring an edge that is already there changes nothing, like an update without changes.
  if (workflow.dependencies.some((edge) => sameEdge(edge, command.data))) return [];
  const cycle = cycleClosedBy(command.data, workflow.dependencies);
  if (cycle) {
    throw ruleBroken('dependency.cycle', `Dependency would close the cycle ${cycle.join(' -> ')}`, {
      workflowId,
      taskId,
      dependsOnTaskId,
      path: cycle,
    });
  }
  return [toEvent<DependencyAdded>('DependencyAdded', command.data, command)];
}

function removeDependency(command: RemoveDependency, workflow: Workflow): WorkflowEvent[] {
  const { workflowId, taskId, dependsOnTaskId } = command.data;
  if (!workflow.dependencies.some((edge) => sameEdge(edge, command.data))) {
    throw notFound('dependency.not_found', `Task ${taskId} does not depend on ${dependsOnTaskId}`, {
      workflowId,
      taskId,
      dependsOnTaskId,
    });
  }
  return [toEvent<DependencyRemoved>('DependencyRemoved', command.data, command)];
}
