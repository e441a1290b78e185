import { commandsOn, eventsOf } from '../../shared/testing';
import { WORKFLOW_ID } from '../../workflow/testing/workflow.fixtures';
import { CompleteTaskData, TaskCommand } from '../task.commands';
import { TaskEvent } from '../task.events';

export const TASK_ID = 't-1';

/** A command on task TASK_ID happening at `at` (minutes after T0), with the server clock at the same time. */
export const taskCommand = commandsOn<TaskCommand, 'taskId'>('taskId', TASK_ID);

/** An event of task TASK_ID that happened at `at` (minutes after T0). */
export const taskEvent = eventsOf<TaskEvent, 'taskId'>('taskId', TASK_ID);

export const AREAS = ['src/auth/**', 'docs'];

export const taskCreated = (at = 0, areas: string[] = AREAS) =>
  taskEvent(
    'TaskCreated',
    { workflowId: WORKFLOW_ID, name: 'Add login', goal: 'Users can log in', priority: 'high', areas },
    at,
  );
export const taskStarted = (at = 0) => taskEvent('TaskStarted', {}, at);
export const questionAsked = (questionId: string, at = 0) =>
  taskEvent('QuestionAsked', { questionId, question: `What about ${questionId}?` }, at);
export const questionAnswered = (questionId: string, at = 0) =>
  taskEvent('QuestionAnswered', { questionId, answer: 'This.' }, at);
export const taskBlocked = (at = 0) => taskEvent('TaskBlocked', { reason: 'waiting for the API' }, at);
export const taskFailed = (at = 0) => taskEvent('TaskFailed', { reason: 'tests fail', durationMs: 0 }, at);
export const taskRetried = (attempt: number, at = 0) => taskEvent('TaskRetried', { attempt }, at);

/** A complete outcome whose files all lie in AREAS. */
export const outcome = (overrides: Partial<CompleteTaskData> = {}): Omit<CompleteTaskData, 'taskId'> => ({
  result: 'success',
  summary: 'Login works',
  achievements: ['password login'],
  limitations: [],
  nextSteps: ['add SSO'],
  manualReviewNeeded: false,
  testsStatus: 'passed',
  packagesAdded: ['bcrypt'],
  packagesRemoved: [],
  commandsExecuted: ['npm test'],
  files: { added: ['src/auth/login.ts'], modified: ['docs/auth.md'], deleted: [] },
  ...overrides,
});

export const taskCompleted = (at = 0) =>
  taskEvent('TaskCompleted', { ...outcome(), durationMs: 0, scopeMatch: true, unexpectedFiles: [] }, at);
