import { EnvelopeWithUpcastData } from '../engine/projection';
import { lifecycleAfter, TASK_LIFECYCLE_EVENTS } from './task-lifecycle';

/** A row of read.tasks as the projection folds it (position a number). */
export interface TaskRow {
  readonly id: string;
  readonly workflow_id: string;
  readonly phase_id: string | null;
  readonly parent_task_id: string | null;
  readonly name: string;
  readonly goal: string;
  readonly priority: string;
  readonly priority_rank: number;
  readonly category: string | null;
  readonly areas: readonly string[];
  readonly status: string;
  readonly assignee_type: string | null;
  readonly assignee_id: string | null;
  readonly assignee_name: string | null;
  readonly attempt: number;
  readonly created_at: Date;
  readonly started_at: Date | null;
  readonly completed_at: Date | null;
  readonly updated_at: Date;
  readonly result: string | null;
  readonly summary: string | null;
  /** Why the last attempt failed, or why the task was cancelled. */
  readonly failure_reason: string | null;
  readonly tests_status: string | null;
  readonly manual_review_needed: boolean | null;
  readonly scope_match: boolean | null;
  readonly unexpected_files: readonly string[];
  readonly milestones: number;
  readonly issues: number;
  readonly open_question_ids: readonly string[];
  readonly position: number;
}

/** Sorting by priority puts urgent work last in ascending order, first with `-priority`. */
export const PRIORITY_RANK: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2, urgent: 3 };

export const TASK_ROW_EVENTS = [
  ...TASK_LIFECYCLE_EVENTS,
  'TaskAssigned',
  'MilestoneRecorded',
  'IssueLogged',
] as const;

/** What one task event does to its row; events of a task never created are ignored. */
export function evolveTaskRow(row: TaskRow | undefined, event: EnvelopeWithUpcastData): TaskRow | undefined {
  const { data } = event;
  const at = new Date(event.occurredAt);
  if (event.type === 'TaskCreated') return createdRow(event, at);
  if (!row) return undefined;
  const { status, openQuestionIds } = lifecycleAfter(
    { status: row.status, openQuestionIds: row.open_question_ids },
    event,
  );
  const touched: TaskRow = {
    ...row,
    status,
    open_question_ids: openQuestionIds,
    updated_at: at,
    position: event.position,
  };
  switch (event.type) {
    case 'TaskStarted':
      return {
        ...touched,
        ...(data.assignee ? assigneeColumns(data.assignee) : {}),
        started_at: row.started_at ?? at,
      };
    case 'TaskAssigned':
      return { ...touched, ...assigneeColumns(data.assignee) };
    case 'MilestoneRecorded':
      return { ...touched, milestones: row.milestones + 1 };
    case 'IssueLogged':
      return { ...touched, issues: row.issues + 1 };
    case 'QuestionAsked':
    case 'QuestionAnswered':
    case 'TaskBlocked':
    case 'TaskUnblocked':
      return touched;
    case 'TaskCompleted':
      return {
        ...touched,
        ...outcomeColumns(data),
        completed_at: at,
        result: data.result,
        failure_reason: null,
      };
    case 'TaskFailed':
      return { ...touched, ...outcomeColumns(data), failure_reason: data.reason };
    case 'TaskCancelled':
      return { ...touched, failure_reason: data.reason };
    case 'TaskRetried':
      return { ...touched, attempt: data.attempt };
    default:
      return undefined;
  }
}

function createdRow(event: EnvelopeWithUpcastData, at: Date): TaskRow {
  const { data } = event;
  return {
    id: data.taskId,
    workflow_id: data.workflowId,
    phase_id: data.phaseId ?? null,
    parent_task_id: data.parentTaskId ?? null,
    name: data.name,
    goal: data.goal,
    priority: data.priority,
    priority_rank: PRIORITY_RANK[data.priority] ?? 0,
    category: data.category ?? null,
    areas: data.areas ?? [],
    status: 'backlog',
    assignee_type: null,
    assignee_id: null,
    assignee_name: null,
    attempt: 1,
    created_at: at,
    started_at: null,
    completed_at: null,
    updated_at: at,
    result: null,
    summary: null,
    failure_reason: null,
    tests_status: null,
    manual_review_needed: null,
    scope_match: null,
    unexpected_files: [],
    milestones: 0,
    issues: 0,
    open_question_ids: [],
    position: event.position,
  };
}

const assigneeColumns = (assignee: { type: string; id: string; name?: string }) => ({
  assignee_type: assignee.type,
  assignee_id: assignee.id,
  assignee_name: assignee.name ?? null,
});

/** The outcome an attempt reported; a failure may leave any of it out. */
const outcomeColumns = (data: Readonly<Record<string, any>>) => ({
  summary: data.summary ?? null,
  tests_status: data.testsStatus ?? null,
  manual_review_needed: data.manualReviewNeeded ?? null,
  scope_match: data.scopeMatch ?? null,
  unexpected_files: data.unexpectedFiles ?? [],
});
