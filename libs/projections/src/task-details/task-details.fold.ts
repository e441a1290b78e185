import { EnvelopeWithUpcastData } from '../engine/projection';
import { lifecycleAfter, TASK_LIFECYCLE_EVENTS, TaskLifecycle } from '../tasks/task-lifecycle';

/** Rows as the projection folds them (positions as numbers, times as Dates). */
export interface MilestoneRow {
  readonly task_id: string;
  readonly position: number;
  readonly message: string;
  readonly progress: number | null;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  readonly recorded_at: Date;
}

export interface IssueRow {
  readonly task_id: string;
  readonly issue_id: string;
  readonly type: string;
  readonly description: string;
  readonly resolution: string | null;
  readonly requires_human_review: boolean;
  readonly logged_at: Date;
  readonly position: number;
}

export interface QuestionRow {
  readonly task_id: string;
  readonly question_id: string;
  readonly question: string;
  readonly context: string | null;
  readonly asked_at: Date;
  readonly answer: string | null;
  readonly answered_at: Date | null;
  readonly position: number;
}

export interface OutcomeRow {
  readonly task_id: string;
  readonly kind: 'completed' | 'failed';
  readonly achievements: readonly string[];
  readonly limitations: readonly string[];
  readonly next_steps: readonly string[];
  readonly manual_review_reason: string | null;
  readonly packages_added: readonly string[];
  readonly packages_removed: readonly string[];
  readonly commands_executed: readonly string[];
  readonly snapshot_id: string | null;
  readonly duration_ms: number;
  readonly occurred_at: Date;
  readonly position: number;
}

export interface FileRow {
  readonly task_id: string;
  readonly path: string;
  readonly change: 'added' | 'modified' | 'deleted';
  readonly in_scope: boolean;
  readonly position: number;
}

export interface IntervalRow {
  readonly task_id: string;
  readonly seq: number;
  readonly status: string;
  readonly started_at: Date;
  readonly ended_at: Date | null;
  readonly position: number;
}

export const TASK_DETAIL_EVENTS = [...TASK_LIFECYCLE_EVENTS, 'MilestoneRecorded', 'IssueLogged'] as const;

/** What a batch needs from the tables before folding: per task in the batch, its state now. */
export interface LoadedTaskDetails {
  /** The current (open) interval of each task; a task without one was never created. */
  readonly openIntervals: ReadonlyMap<string, IntervalRow>;
  /** Unanswered questions, by task. */
  readonly openQuestions: ReadonlyMap<string, readonly QuestionRow[]>;
}

/** What a batch writes. `files` replaces, per task, the files of the task's previous outcome. */
export interface TaskDetailChanges {
  readonly milestones: MilestoneRow[];
  readonly issues: IssueRow[];
  readonly questions: QuestionRow[];
  readonly outcomes: OutcomeRow[];
  readonly files: ReadonlyMap<string, FileRow[]>;
  readonly intervals: IntervalRow[];
}

interface TaskFold {
  lifecycle: TaskLifecycle;
  interval: IntervalRow;
}

const questionKey = (taskId: string, questionId: string) => JSON.stringify([taskId, questionId]);
const intervalKey = (row: IntervalRow) => JSON.stringify([row.task_id, row.seq]);

/**
 * Folds a batch (in ledger order) into the rows it adds or changes. Events of a task that was never
 * created are ignored, as the tasks projection does.
 */
export function foldTaskDetails(
  events: readonly EnvelopeWithUpcastData[],
  loaded: LoadedTaskDetails,
): TaskDetailChanges {
  const tasks = new Map<string, TaskFold>();
  for (const [taskId, interval] of loaded.openIntervals) {
    const openQuestionIds = (loaded.openQuestions.get(taskId) ?? []).map((q) => q.question_id);
    tasks.set(taskId, { lifecycle: { status: interval.status, openQuestionIds }, interval });
  }
  const questions = new Map<string, QuestionRow>();
  for (const row of [...loaded.openQuestions.values()].flat()) {
    questions.set(questionKey(row.task_id, row.question_id), row);
  }
  const changedQuestions = new Set<string>();
  const intervals = new Map<string, IntervalRow>();
  const changes = {
    milestones: [] as MilestoneRow[],
    issues: [] as IssueRow[],
    outcomes: new Map<string, OutcomeRow>(),
    files: new Map<string, FileRow[]>(),
  };

  for (const event of events) {
    const { data, position } = event;
    const taskId: string = data.taskId;
    const at = new Date(event.occurredAt);
    if (event.type === 'TaskCreated') {
      const interval = {
        task_id: taskId,
        seq: 1,
        status: 'backlog',
        started_at: at,
        ended_at: null,
        position,
      };
      tasks.set(taskId, { lifecycle: { status: 'backlog', openQuestionIds: [] }, interval });
      intervals.set(intervalKey(interval), interval);
      continue;
    }
    const task = tasks.get(taskId);
    if (!task) continue;

    switch (event.type) {
      case 'MilestoneRecorded':
        changes.milestones.push({
          task_id: taskId,
          position,
          message: data.message,
          progress: data.progress ?? null,
          metadata: data.metadata ?? null,
          recorded_at: at,
        });
        break;
      case 'IssueLogged':
        changes.issues.push({
          task_id: taskId,
          issue_id: data.issueId,
          type: data.type,
          description: data.description,
          resolution: data.resolution ?? null,
          requires_human_review: data.requiresHumanReview,
          logged_at: at,
          position,
        });
        break;
      case 'QuestionAsked': {
        const key = questionKey(taskId, data.questionId);
        questions.set(key, {
          task_id: taskId,
          question_id: data.questionId,
          question: data.question,
          context: data.context ?? null,
          asked_at: at,
          answer: null,
          answered_at: null,
          position,
        });
        changedQuestions.add(key);
        break;
      }
      case 'QuestionAnswered': {
        const key = questionKey(taskId, data.questionId);
        const asked = questions.get(key);
        if (asked) {
          questions.set(key, { ...asked, answer: data.answer, answered_at: at, position });
          changedQuestions.add(key);
        }
        break;
      }
      case 'TaskCompleted':
      case 'TaskFailed':
        changes.outcomes.set(taskId, outcomeRow(event, at));
        // The files shown are those of the last finished attempt: one that reported none clears them.
        changes.files.set(taskId, fileRows(event));
        break;
    }

    const lifecycle = lifecycleAfter(task.lifecycle, event);
    task.lifecycle = lifecycle;
    if (lifecycle.status === task.interval.status) continue;
    const closed = { ...task.interval, ended_at: at, position };
    const opened = {
      task_id: taskId,
      seq: closed.seq + 1,
      status: lifecycle.status,
      started_at: at,
      ended_at: null,
      position,
    };
    intervals.set(intervalKey(closed), closed);
    intervals.set(intervalKey(opened), opened);
    task.interval = opened;
  }

  return {
    milestones: changes.milestones,
    issues: changes.issues,
    questions: [...changedQuestions].map((key) => questions.get(key)!),
    outcomes: [...changes.outcomes.values()],
    files: changes.files,
    intervals: [...intervals.values()],
  };
}

function outcomeRow(event: EnvelopeWithUpcastData, at: Date): OutcomeRow {
  const { data } = event;
  return {
    task_id: data.taskId,
    kind: event.type === 'TaskCompleted' ? 'completed' : 'failed',
    achievements: data.achievements ?? [],
    limitations: data.limitations ?? [],
    next_steps: data.nextSteps ?? [],
    manual_review_reason: data.manualReviewReason ?? null,
    packages_added: data.packagesAdded ?? [],
    packages_removed: data.packagesRemoved ?? [],
    commands_executed: data.commandsExecuted ?? [],
    snapshot_id: data.snapshotId ?? null,
    duration_ms: data.durationMs,
    occurred_at: at,
    position: event.position,
  };
}

const CHANGES = ['added', 'modified', 'deleted'] as const;

/** One row per path (a path listed twice keeps its last change), each checked against the declared areas. */
function fileRows(event: EnvelopeWithUpcastData): FileRow[] {
  const { data, position } = event;
  const unexpected = new Set<string>(data.unexpectedFiles ?? []);
  const byPath = new Map<string, FileRow>();
  for (const change of CHANGES) {
    for (const path of (data.files?.[change] ?? []) as string[]) {
      byPath.set(path, { task_id: data.taskId, path, change, in_scope: !unexpected.has(path), position });
    }
  }
  return [...byPath.values()];
}
