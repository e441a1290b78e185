import { CommandMetadata, DomainError } from '../../shared';
import { WorkflowCommand } from '../workflow.commands';
import { WorkflowEvent } from '../workflow.events';

/** Test times are minutes after T0; facts at the same minute are allowed (never before the previous). */
const T0 = Date.parse('2025-03-01T09:00:00.000Z');
export const minute = (offset: number): Date => new Date(T0 + offset * 60_000);
export const iso = (offset: number): string => minute(offset).toISOString();
export const metadataAt = (occurredAt: number, now = occurredAt): CommandMetadata => ({
  now: minute(now),
  occurredAt: minute(occurredAt),
});

export const WORKFLOW_ID = 'wf-1';

type WorkflowCommandOf<Type> = Extract<WorkflowCommand, { type: Type }>;
type WorkflowEventOf<Type> = Extract<WorkflowEvent, { type: Type }>;

/** A command on workflow WORKFLOW_ID happening at `at` (minutes after T0), with the server clock at the same time. */
export const workflowCommand = <Type extends WorkflowCommand['type']>(
  type: Type,
  data: Omit<WorkflowCommandOf<Type>['data'], 'workflowId'>,
  at = 1,
): WorkflowCommandOf<Type> =>
  ({
    type,
    data: { workflowId: WORKFLOW_ID, ...data },
    metadata: metadataAt(at),
  }) as unknown as WorkflowCommandOf<Type>;

/** An event of workflow WORKFLOW_ID that happened at `at` (minutes after T0). */
export const workflowEvent = <Type extends WorkflowEvent['type']>(
  type: Type,
  data: Omit<WorkflowEventOf<Type>['data'], 'workflowId'>,
  at = 0,
): WorkflowEventOf<Type> =>
  ({
    type,
    data: { workflowId: WORKFLOW_ID, ...data },
    occurredAt: iso(at),
  }) as unknown as WorkflowEventOf<Type>;

export const workflowStarted = (at = 0) => workflowEvent('WorkflowStarted', { name: 'Ship v2' }, at);
export const taskAttached = (taskId: string, at = 0) => workflowEvent('TaskAttached', { taskId }, at);
export const dependencyAdded = (taskId: string, dependsOnTaskId: string, at = 0) =>
  workflowEvent('DependencyAdded', { taskId, dependsOnTaskId }, at);
export const phaseStarted = (phaseId: string, number: number, at = 0) =>
  workflowEvent('PhaseStarted', { phaseId, number, name: `Phase ${number}` }, at);

/** The DomainError a decision throws, to check what `deciderSpec` does not (its kind). */
export function errorThrownBy(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, nothing was thrown');
}
