import { toNumber } from '@annals/event-store';
import { CappedRows, TaskDetailRecords, TaskEdges } from './task-queries.repository';
import { TaskView, taskView } from './task-view';
import { TaskRow } from './task-row';

/** The first items of a list the detail caps; the rest would make the answer unbounded. */
export interface DetailList<Item> {
  readonly items: Item[];
  readonly total: number;
  readonly truncated: boolean;
}

/** The outcome of the last finished attempt: what read.tasks keeps, and the rest from read.task_outcomes. */
export type TaskOutcomeDetail = TaskView['outcome'] & {
  readonly kind: string | null;
  readonly achievements: readonly string[];
  readonly limitations: readonly string[];
  readonly nextSteps: readonly string[];
  readonly manualReviewReason: string | null;
  readonly packagesAdded: readonly string[];
  readonly packagesRemoved: readonly string[];
  readonly commandsExecuted: readonly string[];
  readonly snapshotId: string | null;
  readonly durationMs: number | null;
  readonly finishedAt: string | null;
};

export interface TaskDetail extends Omit<TaskView, 'outcome'>, TaskEdges {
  readonly outcome: TaskOutcomeDetail;
  /** The declared areas against the files of the last finished attempt. */
  readonly scopeCheck: {
    readonly areas: readonly string[];
    readonly scopeMatch: boolean | null;
    readonly unexpectedFiles: readonly string[];
  };
  readonly subtasks: DetailList<{
    id: string;
    name: string;
    status: string;
    priority: string;
    createdAt: string;
    completedAt: string | null;
  }>;
  readonly milestones: DetailList<{
    message: string;
    progress: number | null;
    metadata: unknown;
    recordedAt: string;
    position: number;
  }>;
  readonly issues: DetailList<{
    issueId: string;
    type: string;
    description: string;
    resolution: string | null;
    requiresHumanReview: boolean;
    loggedAt: string;
    position: number;
  }>;
  readonly questions: DetailList<{
    questionId: string;
    question: string;
    context: string | null;
    askedAt: string;
    answer: string | null;
    answeredAt: string | null;
    position: number;
  }>;
  readonly files: DetailList<{ path: string; change: string; inScope: boolean }>;
  readonly statusHistory: DetailList<{ status: string; startedAt: string; endedAt: string | null }>;
}

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

function listOf<Row, Item>(list: CappedRows<Row>, present: (row: Row) => Item): DetailList<Item> {
  return { items: list.rows.map(present), total: list.total, truncated: list.total > list.rows.length };
}

export function taskDetailView(row: TaskRow, edges: TaskEdges, records: TaskDetailRecords): TaskDetail {
  const view = taskView(row);
  const { outcome } = records;
  return {
    ...view,
    ...edges,
    outcome: {
      ...view.outcome,
      kind: outcome?.kind ?? null,
      achievements: outcome?.achievements ?? [],
      limitations: outcome?.limitations ?? [],
      nextSteps: outcome?.next_steps ?? [],
      manualReviewReason: outcome?.manual_review_reason ?? null,
      packagesAdded: outcome?.packages_added ?? [],
      packagesRemoved: outcome?.packages_removed ?? [],
      commandsExecuted: outcome?.commands_executed ?? [],
      snapshotId: outcome?.snapshot_id ?? null,
      durationMs: outcome ? toNumber(outcome.duration_ms) : null,
      finishedAt: iso(outcome?.occurred_at ?? null),
    },
    scopeCheck: { areas: row.areas, scopeMatch: row.scope_match, unexpectedFiles: row.unexpected_files },
    subtasks: listOf(records.subtasks, (r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      priority: r.priority,
      createdAt: r.created_at.toISOString(),
      completedAt: iso(r.completed_at),
    })),
    milestones: listOf(records.milestones, (r) => ({
      message: r.message,
      progress: r.progress,
      metadata: r.metadata,
      recordedAt: r.recorded_at.toISOString(),
      position: toNumber(r.position),
    })),
    issues: listOf(records.issues, (r) => ({
      issueId: r.issue_id,
      type: r.type,
      description: r.description,
      resolution: r.resolution,
      requiresHumanReview: r.requires_human_review,
      loggedAt: r.logged_at.toISOString(),
      position: toNumber(r.position),
    })),
    questions: listOf(records.questions, (r) => ({
      questionId: r.question_id,
      question: r.question,
      context: r.context,
      askedAt: r.asked_at.toISOString(),
      answer: r.answer,
      answeredAt: iso(r.answered_at),
      position: toNumber(r.position),
    })),
    files: listOf(records.files, (r) => ({ path: r.path, change: r.change, inScope: r.in_scope })),
    statusHistory: listOf(records.statusHistory, (r) => ({
      status: r.status,
      startedAt: r.started_at.toISOString(),
      endedAt: iso(r.ended_at),
    })),
  };
}
