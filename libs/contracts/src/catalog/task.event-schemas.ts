import {
  Assignee,
  ASSIGNEE_TYPES,
  ChangedFiles,
  ISSUE_TYPES,
  TASK_PRIORITIES,
  TASK_RESULTS,
  TaskEvent,
  TaskOutcome,
  TESTS_STATUSES,
} from '@annals/domain';
import { aggregateEvents } from './event-definition';
import { files, ID, list, NAME, PATH, TEXT } from './event-fields';
import {
  anyObject,
  boolean,
  integer,
  number,
  object,
  oneOf,
  optional,
  partial,
  PropertySchemas,
} from './json-schema';

const assignee = object<Assignee>({ type: oneOf(ASSIGNEE_TYPES), id: NAME, name: optional(NAME) });
const durationMs = integer({ minimum: 0 });

const outcome: PropertySchemas<TaskOutcome> = {
  summary: TEXT,
  achievements: list(TEXT),
  limitations: list(TEXT),
  nextSteps: list(TEXT),
  manualReviewNeeded: boolean(),
  manualReviewReason: optional(TEXT),
  testsStatus: oneOf(TESTS_STATUSES),
  packagesAdded: list(NAME),
  packagesRemoved: list(NAME),
  commandsExecuted: list(TEXT),
  files: object<ChangedFiles>({ added: files(), modified: files(), deleted: files() }),
  snapshotId: optional(ID),
};

export const TASK_EVENTS = aggregateEvents<TaskEvent>('task', {
  TaskCreated: {
    description: 'A task was created in a workflow, with its goal, priority and declared areas.',
    data: {
      taskId: ID,
      workflowId: ID,
      phaseId: optional(ID),
      parentTaskId: optional(ID),
      name: NAME,
      goal: TEXT,
      priority: oneOf(TASK_PRIORITIES),
      category: optional(NAME),
      areas: list(PATH),
    },
  },
  TaskStarted: {
    description: 'Work on the task began (backlog -> in_progress).',
    data: { taskId: ID, assignee: optional(assignee), snapshotId: optional(ID) },
  },
  TaskAssigned: {
    description: 'The task was given to another agent, human or service.',
    data: { taskId: ID, assignee },
  },
  MilestoneRecorded: {
    description: 'Progress was reported on the task, optionally as a percentage.',
    data: {
      taskId: ID,
      message: TEXT,
      progress: optional(number({ minimum: 0, maximum: 100 })),
      metadata: optional(anyObject()),
    },
  },
  IssueLogged: {
    description: 'A problem met while working on the task was logged.',
    data: {
      taskId: ID,
      issueId: ID,
      type: oneOf(ISSUE_TYPES),
      description: TEXT,
      resolution: optional(TEXT),
      requiresHumanReview: boolean(),
    },
  },
  QuestionAsked: {
    description: 'The task needs an answer to go on (-> needs_input).',
    data: { taskId: ID, questionId: ID, question: TEXT, context: optional(TEXT) },
  },
  QuestionAnswered: {
    description: 'A question was answered; the task goes back to in_progress when none is open.',
    data: { taskId: ID, questionId: ID, answer: TEXT },
  },
  TaskBlocked: {
    description: 'The task cannot go on until something else happens.',
    data: { taskId: ID, reason: TEXT, blockedBy: optional(list(NAME)) },
  },
  TaskUnblocked: {
    description: 'The block was lifted.',
    data: { taskId: ID },
  },
  TaskCompleted: {
    description: 'The task succeeded: its outcome, the time since the first start, and the scope check.',
    data: {
      taskId: ID,
      result: oneOf(TASK_RESULTS),
      ...outcome,
      durationMs,
      scopeMatch: boolean(),
      unexpectedFiles: files(),
    },
  },
  TaskFailed: {
    description:
      'The attempt failed: the reason, what it produced, and the scope check when files were given.',
    data: {
      taskId: ID,
      reason: TEXT,
      ...partial(outcome),
      durationMs,
      scopeMatch: optional(boolean()),
      unexpectedFiles: optional(files()),
    },
  },
  TaskCancelled: {
    description: 'The task was abandoned.',
    data: { taskId: ID, reason: TEXT },
  },
  TaskRetried: {
    description: 'A failed task began a new attempt (failed -> in_progress); attempt is its number.',
    data: { taskId: ID, reason: optional(TEXT), attempt: integer({ minimum: 2 }) },
  },
});
