import { Command } from '../shared';

export const WORKFLOW_RESULTS = ['completed', 'failed', 'partial'] as const;
export type WorkflowResult = (typeof WORKFLOW_RESULTS)[number];

export interface PlanStep {
  readonly step: string;
  readonly goal: string;
}

export interface Repository {
  readonly url: string;
  readonly defaultBranch: string;
}

export interface StartWorkflowData {
  readonly workflowId: string;
  readonly name: string;
  readonly description?: string;
  readonly objective?: string;
  readonly plan?: readonly PlanStep[];
  readonly labels?: readonly string[];
  readonly repository?: Repository;
}

/** Only the fields given are compared; `null` clears an optional field, an empty list clears a list. */
export interface UpdateWorkflowData {
  readonly workflowId: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly objective?: string | null;
  readonly plan?: readonly PlanStep[];
  readonly labels?: readonly string[];
  readonly repository?: Repository | null;
}

export interface StartPhaseData {
  readonly workflowId: string;
  readonly phaseId: string;
  readonly number: number;
  readonly name: string;
  readonly parallel?: boolean;
}

export interface CompleteWorkflowData {
  readonly workflowId: string;
  readonly result: WorkflowResult;
  readonly summary?: string;
  readonly achievements?: readonly string[];
  readonly limitations?: readonly string[];
}

/** Issued by task creation (see `decideCreateTask`), never directly by a publisher. */
export interface AttachTaskData {
  readonly workflowId: string;
  readonly taskId: string;
  readonly phaseId?: string;
  readonly parentTaskId?: string;
}

export interface CompletePhaseData {
  readonly workflowId: string;
  readonly phaseId: string;
}

export interface ArchiveWorkflowData {
  readonly workflowId: string;
  readonly reason?: string;
}

/** `taskId` depends on `dependsOnTaskId`: the latter has to be done first. */
export interface DependencyData {
  readonly workflowId: string;
  readonly taskId: string;
  readonly dependsOnTaskId: string;
}

export type StartWorkflow = Command<'StartWorkflow', StartWorkflowData>;
export type UpdateWorkflow = Command<'UpdateWorkflow', UpdateWorkflowData>;
export type StartPhase = Command<'StartPhase', StartPhaseData>;
export type CompletePhase = Command<'CompletePhase', CompletePhaseData>;
export type CompleteWorkflow = Command<'CompleteWorkflow', CompleteWorkflowData>;
export type ArchiveWorkflow = Command<'ArchiveWorkflow', ArchiveWorkflowData>;
export type AttachTask = Command<'AttachTask', AttachTaskData>;
export type AddDependency = Command<'AddDependency', DependencyData>;
export type RemoveDependency = Command<'RemoveDependency', DependencyData>;

export type WorkflowCommand =
  | StartWorkflow
  | UpdateWorkflow
  | StartPhase
  | CompletePhase
  | CompleteWorkflow
  | ArchiveWorkflow
  | AttachTask
  | AddDependency
  | RemoveDependency;
