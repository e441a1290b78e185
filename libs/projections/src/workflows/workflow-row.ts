import { EnvelopeWithUpcastData } from '../engine/projection';
import { WorkflowPhaseJson } from '../schema';

/** A row of read.workflows as the projection folds it (JSON parsed, position a number). */
export interface WorkflowRow {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly objective: string | null;
  readonly plan: readonly { step: string; goal: string }[];
  readonly labels: readonly string[];
  readonly repository: { url: string; defaultBranch: string } | null;
  readonly status: string;
  readonly result: string | null;
  readonly summary: string | null;
  readonly phases: readonly WorkflowPhaseJson[];
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly position: number;
}

export const WORKFLOW_ROW_EVENTS = [
  'WorkflowStarted',
  'WorkflowUpdated',
  'PhaseStarted',
  'PhaseCompleted',
  'WorkflowCompleted',
  'WorkflowArchived',
] as const;

/** The fields WorkflowUpdated may carry; `null` clears one. */
const UPDATABLE = ['name', 'description', 'objective', 'plan', 'labels', 'repository'] as const;

/** What one workflow event does to its row; events of a workflow never started are ignored. */
export function evolveWorkflowRow(
  row: WorkflowRow | undefined,
  event: EnvelopeWithUpcastData,
): WorkflowRow | undefined {
  const { data } = event;
  const at = new Date(event.occurredAt);
  if (event.type === 'WorkflowStarted') {
    return {
      id: data.workflowId,
      name: data.name,
      description: data.description ?? null,
      objective: data.objective ?? null,
      plan: data.plan ?? [],
      labels: data.labels ?? [],
      repository: data.repository ?? null,
      status: 'in_progress',
      result: null,
      summary: null,
      phases: [],
      created_at: at,
      updated_at: at,
      position: event.position,
    };
  }
  if (!row) return undefined;
  const touched = { ...row, updated_at: at, position: event.position };
  switch (event.type) {
    case 'WorkflowUpdated': {
      const changes = Object.fromEntries(
        UPDATABLE.filter((key) => key in data).map((key) => [key, data[key]]),
      );
      return { ...touched, ...changes };
    }
    case 'PhaseStarted': {
      const phase: WorkflowPhaseJson = {
        phaseId: data.phaseId,
        number: data.number,
        name: data.name,
        parallel: data.parallel ?? false,
        status: 'in_progress',
        startedAt: event.occurredAt,
        completedAt: null,
      };
      return { ...touched, phases: [...row.phases, phase] };
    }
    case 'PhaseCompleted':
      return {
        ...touched,
        phases: row.phases.map((phase) =>
          phase.phaseId === data.phaseId
            ? { ...phase, status: 'completed', completedAt: event.occurredAt }
            : phase,
        ),
      };
    case 'WorkflowCompleted':
      return { ...touched, status: data.result, result: data.result, summary: data.summary ?? null };
    case 'WorkflowArchived':
      return { ...touched, status: 'archived' };
    default:
      return undefined;
  }
}
