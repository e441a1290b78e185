import { assertNever } from '../shared';
import { Assignee, TaskPriority } from './task.commands';
import { TaskEvent } from './task.events';

export const TASK_STATUSES = [
  'backlog',
  'in_progress',
  'needs_input',
  'blocked',
  'completed',
  'failed',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskQuestion {
  readonly questionId: string;
  readonly askedAt: string;
  readonly answeredAt: string | null;
}

export interface NoTask {
  readonly status: 'initial';
  readonly lastOccurredAt: null;
}

export interface Task {
  readonly status: TaskStatus;
  readonly taskId: string;
  readonly workflowId: string;
  readonly phaseId: string | null;
  readonly parentTaskId: string | null;
  readonly name: string;
  readonly goal: string;
  readonly priority: TaskPriority;
  readonly category: string | null;
  readonly areas: readonly string[];
  readonly assignee: Assignee | null;
  /** 1 for the first attempt, raised by each retry. */
  readonly attempt: number;
  readonly firstStartedAt: string | null;
  readonly questions: readonly TaskQuestion[];
  readonly issueIds: readonly string[];
  /** The previous fact of the stream: no later command may claim to have happened before it. */
  readonly lastOccurredAt: string;
}

export type TaskState = NoTask | Task;

export const initialTaskState = (): TaskState => ({ status: 'initial', lastOccurredAt: null });

export const openQuestions = (task: Task): readonly TaskQuestion[] =>
  task.questions.filter((question) => question.answeredAt === null);

/** Where work goes back to when nothing else holds it: waiting for input while a question is open. */
const resumedStatus = (task: Task): TaskStatus =>
  openQuestions(task).length > 0 ? 'needs_input' : 'in_progress';

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  if (event.type === 'TaskCreated') {
    const { taskId, workflowId, phaseId, parentTaskId, name, goal, priority, category, areas } = event.data;
    return {
      status: 'backlog',
      taskId,
      workflowId,
      phaseId: phaseId ?? null,
      parentTaskId: parentTaskId ?? null,
      name,
      goal,
      priority,
      category: category ?? null,
      areas,
      assignee: null,
      attempt: 1,
      firstStartedAt: null,
      questions: [],
      issueIds: [],
      lastOccurredAt: event.occurredAt,
    };
  }
  // Events are facts that were decided against this very stream: one cannot precede TaskCreated.
  if (state.status === 'initial') return state;
  const task: Task = { ...state, lastOccurredAt: event.occurredAt };
  switch (event.type) {
    case 'TaskStarted':
      return {
        ...task,
        status: 'in_progress',
        assignee: event.data.assignee ?? task.assignee,
        firstStartedAt: task.firstStartedAt ?? event.occurredAt,
      };
    case 'TaskAssigned':
      return { ...task, assignee: event.data.assignee };
    case 'MilestoneRecorded':
      return task;
    case 'IssueLogged':
      return { ...task, issueIds: [...task.issueIds, event.data.issueId] };
    case 'QuestionAsked': {
      const question: TaskQuestion = {
        questionId: event.data.questionId,
        askedAt: event.occurredAt,
        answeredAt: null,
      };
      return { ...task, status: 'needs_input', questions: [...task.questions, question] };
    }
    case 'QuestionAnswered': {
      const answered: Task = {
        ...task,
        questions: task.questions.map((question) =>
          question.questionId === event.data.questionId
            ? { ...question, answeredAt: event.occurredAt }
            : question,
        ),
      };
      // An answer lets work resume only when it was waiting for input, not when blocked or failed.
      return answered.status === 'needs_input' ? { ...answered, status: resumedStatus(answered) } : answered;
    }
    case 'TaskBlocked':
      return { ...task, status: 'blocked' };
    case 'TaskUnblocked':
      return { ...task, status: resumedStatus(task) };
    case 'TaskCompleted':
      return { ...task, status: 'completed' };
    case 'TaskFailed':
      return { ...task, status: 'failed' };
    case 'TaskCancelled':
      return { ...task, status: 'cancelled' };
    case 'TaskRetried':
      return { ...task, status: resumedStatus(task), attempt: event.data.attempt };
    default:
      return assertNever(event);
  }
}
