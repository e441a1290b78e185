import { assertNever } from '../shared';
import { PlanStep, Repository, WorkflowResult } from './workflow.commands';
import { WorkflowEvent } from './workflow.events';

export type WorkflowStatus = 'in_progress' | WorkflowResult | 'archived';

export interface WorkflowPhase {
  readonly phaseId: string;
  readonly number: number;
  readonly name: string;
  readonly parallel: boolean;
  readonly completedAt: string | null;
}

export interface DependencyEdge {
  readonly taskId: string;
  readonly dependsOnTaskId: string;
}

export interface NoWorkflow {
  readonly status: 'initial';
  readonly lastOccurredAt: null;
}

export interface Workflow {
  readonly status: WorkflowStatus;
  readonly workflowId: string;
  readonly name: string;
  readonly description: string | null;
  readonly objective: string | null;
  readonly plan: readonly PlanStep[];
  readonly labels: readonly string[];
  readonly repository: Repository | null;
  readonly phases: readonly WorkflowPhase[];
  /** Tasks created in this workflow, in order of creation. */
  readonly taskIds: readonly string[];
  readonly dependencies: readonly DependencyEdge[];
  /** The previous fact of the stream: no later command may claim to have happened before it. */
  readonly lastOccurredAt: string;
}

export type WorkflowState = NoWorkflow | Workflow;

export const initialWorkflowState = (): WorkflowState => ({ status: 'initial', lastOccurredAt: null });

export function evolveWorkflow(state: WorkflowState, event: WorkflowEvent): WorkflowState {
  if (event.type === 'WorkflowStarted') {
    const { workflowId, name, description, objective, plan, labels, repository } = event.data;
    return {
      status: 'in_progress',
      workflowId,
      name,
      description: description ?? null,
      objective: objective ?? null,
      plan: plan ?? [],
      labels: labels ?? [],
      repository: repository ?? null,
      phases: [],
      taskIds: [],
      dependencies: [],
      lastOccurredAt: event.occurredAt,
    };
  }
  // Events are facts that were decided against this very stream: one cannot precede WorkflowStarted.
  if (state.status === 'initial') return state;
  const workflow: Workflow = { ...state, lastOccurredAt: event.occurredAt };
  switch (event.type) {
    case 'WorkflowUpdated': {
      const { workflowId: _id, ...changes } = event.data;
      return { ...workflow, ...changes };
    }
    case 'PhaseStarted': {
      const { phaseId, number, name, parallel } = event.data;
      const phase: WorkflowPhase = { phaseId, number, name, parallel: parallel ?? false, completedAt: null };
      return { ...workflow, phases: [...workflow.phases, phase] };
    }
    case 'PhaseCompleted':
      return {
        ...workflow,
        phases: workflow.phases.map((phase) =>
          phase.phaseId === event.data.phaseId ? { ...phase, completedAt: event.occurredAt } : phase,
        ),
      };
    case 'WorkflowCompleted':
      return { ...workflow, status: event.data.result };
    case 'WorkflowArchived':
      return { ...workflow, status: 'archived' };
    case 'TaskAttached':
      return { ...workflow, taskIds: [...workflow.taskIds, event.data.taskId] };
    case 'DependencyAdded': {
      const { taskId, dependsOnTaskId } = event.data;
      return { ...workflow, dependencies: [...workflow.dependencies, { taskId, dependsOnTaskId }] };
    }
    case 'DependencyRemoved':
      return {
        ...workflow,
        dependencies: workflow.dependencies.filter((edge) => !sameEdge(edge, event.data)),
      };
    default:
      return assertNever(event);
  }
}

export const sameEdge = (left: DependencyEdge, right: DependencyEdge): boolean =>
  left.taskId === right.taskId && left.dependsOnTaskId === right.dependsOnTaskId;
