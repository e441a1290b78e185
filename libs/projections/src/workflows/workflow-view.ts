import { WorkflowPhaseJson } from '../schema';
import { TaskCounts } from './workflow-queries.repository';
import { WorkflowRow } from './workflow-row';

/** A workflow as queries answer it. */
export interface WorkflowView {
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
  /** Tasks by status, and their total. */
  readonly taskCounts: TaskCounts & { total: number };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly position: number;
}

export function workflowView(row: WorkflowRow, counts: TaskCounts): WorkflowView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    objective: row.objective,
    plan: row.plan,
    labels: row.labels,
    repository: row.repository,
    status: row.status,
    result: row.result,
    summary: row.summary,
    phases: row.phases,
    taskCounts: { ...counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    position: row.position,
  };
}
