import {
  assertNever,
  checkOccurredAt,
  Decider,
  entityAlreadyExists,
  entityNotFound,
  EntityLabel,
  invalid,
  notFound,
  ruleBroken,
  sameJson,
  toEvent,
} from '../shared';
import {
  AnswerQuestion,
  AskQuestion,
  AssignTask,
  CompleteTask,
  CreateTask,
  FailTask,
  LogIssue,
  RecordMilestone,
  TaskCommand,
} from './task.commands';
import {
  IssueLogged,
  MilestoneRecorded,
  QuestionAnswered,
  QuestionAsked,
  TaskAssigned,
  TaskBlocked,
  TaskCancelled,
  TaskCompleted,
  TaskCreated,
  TaskEvent,
  TaskFailed,
  TaskRetried,
  TaskStarted,
  TaskUnblocked,
} from './task.events';
import { checkScope } from './task.scope';
import { evolveTask, initialTaskState, Task, TaskState } from './task.state';
import { requireStatusFor } from './task.transitions';

const TASK: EntityLabel = { name: 'Task', idField: 'taskId' };

/**
 * Decides a command against the task stream alone. CreateTask also needs the workflow: handlers
 * create tasks through `decideCreateTask`, which calls this for the task's own rules.
 */
export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  checkOccurredAt(command.metadata.occurredAt, command.metadata.now, state.lastOccurredAt);
  if (command.type === 'CreateTask') return createTask(command, state);
  const task = existingTask(command, state);
  // "Already answered" tells more than "not allowed while in_progress" to whoever answers twice.
  if (command.type === 'AnswerQuestion') requireOpenQuestion(command, task);
  requireStatusFor(command, task);
  switch (command.type) {
    case 'StartTask':
      return [toEvent<TaskStarted>('TaskStarted', command.data, command)];
    case 'AssignTask':
      return assignTask(command, task);
    case 'RecordMilestone':
      return recordMilestone(command);
    case 'LogIssue':
      return logIssue(command, task);
    case 'AskQuestion':
      return askQuestion(command, task);
    case 'AnswerQuestion':
      return [toEvent<QuestionAnswered>('QuestionAnswered', command.data, command)];
    case 'BlockTask':
      return [toEvent<TaskBlocked>('TaskBlocked', command.data, command)];
    case 'UnblockTask':
      return [toEvent<TaskUnblocked>('TaskUnblocked', command.data, command)];
    case 'CompleteTask':
      return completeTask(command, task);
    case 'FailTask':
      return failTask(command, task);
    case 'CancelTask':
      return [toEvent<TaskCancelled>('TaskCancelled', command.data, command)];
    case 'RetryTask': {
      const { taskId, reason } = command.data;
      return [toEvent<TaskRetried>('TaskRetried', { taskId, attempt: task.attempt + 1, reason }, command)];
    }
    default:
      return assertNever(command);
  }
}

export const taskDecider: Decider<TaskState, TaskCommand, TaskEvent> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
};

function createTask(command: CreateTask, state: TaskState): TaskEvent[] {
  if (state.status !== 'initial') {
    throw entityAlreadyExists('task.already_exists', TASK, state.taskId);
  }
  const { dependsOn: _recordedOnTheWorkflow, ...created } = command.data;
  return [toEvent<TaskCreated>('TaskCreated', created, command)];
}

function existingTask(command: Exclude<TaskCommand, CreateTask>, state: TaskState): Task {
  const { taskId } = command.data;
  if (state.status === 'initial') {
    throw entityNotFound('task.not_found', TASK, taskId);
  }
  if (state.taskId !== taskId) {
    throw new Error(`${command.type} for task ${taskId} was decided against task ${state.taskId}`);
  }
  return state;
}

function assignTask(command: AssignTask, task: Task): TaskEvent[] {
  if (sameJson(command.data.assignee, task.assignee)) return [];
  return [toEvent<TaskAssigned>('TaskAssigned', command.data, command)];
}

function recordMilestone(command: RecordMilestone): TaskEvent[] {
  const { progress } = command.data;
  if (progress !== undefined && !(progress >= 0 && progress <= 100)) {
    throw invalid('task.progress_out_of_range', 'progress is a percentage from 0 to 100', {
      field: 'progress',
      expected: '0..100',
      actual: progress,
    });
  }
  return [toEvent<MilestoneRecorded>('MilestoneRecorded', command.data, command)];
}

function logIssue(command: LogIssue, task: Task): TaskEvent[] {
  const { taskId, issueId } = command.data;
  if (task.issueIds.includes(issueId)) {
    throw ruleBroken('task.issue_already_logged', `Issue ${issueId} is already logged`, { taskId, issueId });
  }
  return [toEvent<IssueLogged>('IssueLogged', command.data, command)];
}

function askQuestion(command: AskQuestion, task: Task): TaskEvent[] {
  const { taskId, questionId } = command.data;
  if (task.questions.some((question) => question.questionId === questionId)) {
    throw ruleBroken('task.question_already_asked', `Question ${questionId} was already asked`, {
      taskId,
      questionId,
    });
  }
  return [toEvent<QuestionAsked>('QuestionAsked', command.data, command)];
}

function requireOpenQuestion(command: AnswerQuestion, task: Task): void {
  const { taskId, questionId } = command.data;
  const question = task.questions.find((candidate) => candidate.questionId === questionId);
  if (!question) {
    throw notFound('task.question_not_found', `Question ${questionId} was not asked`, { taskId, questionId });
  }
  if (question.answeredAt !== null) {
    throw ruleBroken('task.question_already_answered', `Question ${questionId} is already answered`, {
      taskId,
      questionId,
      answeredAt: question.answeredAt,
    });
  }
}

function completeTask(command: CompleteTask, task: Task): TaskEvent[] {
  const data = {
    ...command.data,
    durationMs: durationSinceFirstStart(command, task),
    ...checkScope(task.areas, command.data.files),
  };
  return [toEvent<TaskCompleted>('TaskCompleted', data, command)];
}

function failTask(command: FailTask, task: Task): TaskEvent[] {
  const { files } = command.data;
  const data = {
    ...command.data,
    durationMs: durationSinceFirstStart(command, task),
    ...(files && checkScope(task.areas, files)),
  };
  return [toEvent<TaskFailed>('TaskFailed', data, command)];
}

/** From the first start, so that retries and blocked time count: the cycle time of the flow metrics. */
function durationSinceFirstStart(command: CompleteTask | FailTask, task: Task): number {
  if (task.firstStartedAt === null) {
    throw new Error(`${command.type} reached task ${task.taskId}, which never started`);
  }
  return command.metadata.occurredAt.getTime() - Date.parse(task.firstStartedAt);
}
