import { EnvelopeWithUpcastData } from '../engine/projection';

/** Where a task is in its life cycle: what its status depends on. */
export interface TaskLifecycle {
  readonly status: string;
  readonly openQuestionIds: readonly string[];
}

/** The statuses of work started and not finished: work in progress. */
export const WORKING_STATUSES = ['in_progress', 'needs_input', 'blocked'] as const;
/** Not finished: waiting to start or in progress. */
export const OPEN_STATUSES = ['backlog', ...WORKING_STATUSES] as const;
/** The statuses that end an attempt. */
export const ENDING_STATUSES = ['completed', 'failed', 'cancelled'] as const;

/** The events `lifecycleAfter` reads: every projection that follows a task's status handles them all. */
export const TASK_LIFECYCLE_EVENTS = [
  'TaskCreated',
  'TaskStarted',
  'QuestionAsked',
  'QuestionAnswered',
  'TaskBlocked',
  'TaskUnblocked',
  'TaskRetried',
  'TaskCompleted',
  'TaskFailed',
  'TaskCancelled',
] as const;

/** Where work goes back to when nothing else holds it: waiting for input while a question is open. */
const resumed = (openQuestionIds: readonly string[]): string =>
  openQuestionIds.length > 0 ? 'needs_input' : 'in_progress';

/**
 * The status (and open questions) after a task event: the one reading of the life cycle that the
 * projections share, so that read.tasks and the status intervals never disagree.
 */
export function lifecycleAfter(before: TaskLifecycle, event: EnvelopeWithUpcastData): TaskLifecycle {
  const { data } = event;
  switch (event.type) {
    case 'TaskCreated':
      return { status: 'backlog', openQuestionIds: [] };
    case 'TaskStarted':
      return { ...before, status: 'in_progress' };
    case 'QuestionAsked':
      return { status: 'needs_input', openQuestionIds: [...before.openQuestionIds, data.questionId] };
    case 'QuestionAnswered': {
      const openQuestionIds = before.openQuestionIds.filter((id) => id !== data.questionId);
      // An answer lets work resume only when it was waiting for input, not when blocked or failed.
      const status = before.status === 'needs_input' ? resumed(openQuestionIds) : before.status;
      return { status, openQuestionIds };
    }
    case 'TaskBlocked':
      return { ...before, status: 'blocked' };
    case 'TaskUnblocked':
    case 'TaskRetried':
      return { ...before, status: resumed(before.openQuestionIds) };
    case 'TaskCompleted':
      return { ...before, status: 'completed' };
    case 'TaskFailed':
      return { ...before, status: 'failed' };
    case 'TaskCancelled':
      return { ...before, status: 'cancelled' };
    default:
      return before;
  }
}
