import { TaskRow } from './task-row';

/** A task as queries answer it. */
export interface TaskView {
  readonly id: string;
  readonly workflowId: string;
  readonly phaseId: string | null;
  readonly parentTaskId: string | null;
  readonly name: string;
  readonly goal: string;
  readonly priority: string;
  readonly category: string | null;
  readonly areas: readonly string[];
  readonly status: string;
  readonly assignee: { type: string; id: string; name: string | null } | null;
  readonly attempt: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly updatedAt: string;
  readonly outcome: {
    readonly result: string | null;
    readonly summary: string | null;
    readonly failureReason: string | null;
    readonly testsStatus: string | null;
    readonly manualReviewNeeded: boolean | null;
    readonly scopeMatch: boolean | null;
    readonly unexpectedFiles: readonly string[];
  };
  readonly counts: { readonly milestones: number; readonly issues: number; readonly openQuestions: number };
  readonly position: number;
}

export function taskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    phaseId: row.phase_id,
    parentTaskId: row.parent_task_id,
    name: row.name,
    goal: row.goal,
    priority: row.priority,
    category: row.category,
    areas: row.areas,
    status: row.status,
    assignee:
      row.assignee_type && row.assignee_id
        ? { type: row.assignee_type, id: row.assignee_id, name: row.assignee_name }
        : null,
    attempt: row.attempt,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    outcome: {
      result: row.result,
      summary: row.summary,
      failureReason: row.failure_reason,
      testsStatus: row.tests_status,
      manualReviewNeeded: row.manual_review_needed,
      scopeMatch: row.scope_match,
      unexpectedFiles: row.unexpected_files,
    },
    counts: { milestones: row.milestones, issues: row.issues, openQuestions: row.open_question_ids.length },
    position: row.position,
  };
}
