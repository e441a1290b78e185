import { DomainEvent, everyType } from '../shared';
import {
  ArchiveWorkflowData,
  AttachTaskData,
  CompletePhaseData,
  CompleteWorkflowData,
  DependencyData,
  StartPhaseData,
  StartWorkflowData,
  UpdateWorkflowData,
} from './workflow.commands';

export const workflowStreamId = (workflowId: string): string => `workflow-${workflowId}`;

/** Only the fields that changed; `null` means the field was cleared. */
export type WorkflowUpdatedData = UpdateWorkflowData;
export type PhaseStartedData = StartPhaseData;
export type TaskAttachedData = AttachTaskData;

export type WorkflowStarted = DomainEvent<'WorkflowStarted', StartWorkflowData>;
export type WorkflowUpdated = DomainEvent<'WorkflowUpdated', WorkflowUpdatedData>;
export type PhaseStarted = DomainEvent<'PhaseStarted', PhaseStartedData>;
export type PhaseCompleted = DomainEvent<'PhaseCompleted', CompletePhaseData>;
/** `result` tells how it ended: completed, failed or partial. */
export type WorkflowCompleted = DomainEvent<'WorkflowCompleted', CompleteWorkflowData>;
export type WorkflowArchived = DomainEvent<'WorkflowArchived', ArchiveWorkflowData>;
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

/** Every event type of the aggregate. */
export const WORKFLOW_EVENT_TYPES = everyType<WorkflowEvent['type']>({
  WorkflowStarted: true,
  WorkflowUpdated: true,
  PhaseStarted: true,
  PhaseCompleted: true,
  WorkflowCompleted: true,
  WorkflowArchived: true,
  TaskAttached: true,
  DependencyAdded: true,
  DependencyRemoved: true,
});
