import { DomainEvent } from '../shared';
import {
  CompleteWorkflowData,
  DependencyData,
  PlanStep,
  Repository,
  StartWorkflowData,
} from './workflow.commands';

export const workflowStreamId = (workflowId: string): string => `workflow-${workflowId}`;

/** Only the fields that changed; `null` means the field was cleared. */
export interface WorkflowUpdatedData {
  readonly workflowId: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly objective?: string | null;
  readonly plan?: readonly PlanStep[];
  readonly labels?: readonly string[];
  readonly repository?: Repository | null;
}

export interface PhaseStartedData {
  readonly workflowId: string;
  readonly phaseId: string;
  readonly number: number;
  readonly name: string;
  readonly parallel?: boolean;
}

export interface TaskAttachedData {
  readonly workflowId: string;
  readonly taskId: string;
  readonly phaseId?: string;
  readonly parentTaskId?: string;
}

export type WorkflowStarted = DomainEvent<'WorkflowStarted', StartWorkflowData>;
export type WorkflowUpdated = DomainEvent<'WorkflowUpdated', WorkflowUpdatedData>;
export type PhaseStarted = DomainEvent<'PhaseStarted', PhaseStartedData>;
export type PhaseCompleted = DomainEvent<
  'PhaseCompleted',
  { readonly workflowId: string; readonly phaseId: string }
>;
/** `result` tells how it ended: completed, failed or partial. */
export type WorkflowCompleted = DomainEvent<'WorkflowCompleted', CompleteWorkflowData>;
export type WorkflowArchived = DomainEvent<
  'WorkflowArchived',
  { readonly workflowId: string; readonly reason?: string }
>;
export type TaskAttached = DomainEvent<'TaskAttached', TaskAttachedData>;
export type DependencyAdded = DomainEvent<'DependencyAdded', DependencyData>;
export type DependencyRemoved = DomainEvent<'DependencyRemoved', DependencyData>;

export type WorkflowEvent =
  | WorkflowStarted
  | WorkflowUpdated
  | PhaseStarted
  | PhaseCompleted
  | WorkflowCompleted
  | WorkflowArchived
  | TaskAttached
  | DependencyAdded
  | DependencyRemoved;

export const WORKFLOW_EVENT_TYPES = [
  'WorkflowStarted',
  'WorkflowUpdated',
  'PhaseStarted',
  'PhaseCompleted',
  'WorkflowCompleted',
  'WorkflowArchived',
  'TaskAttached',
  'DependencyAdded',
  'DependencyRemoved',
] as const satisfies readonly WorkflowEvent['type'][];
