import { ruleBroken } from '../shared';
import { TaskCommand } from './task.commands';
import { Task, TaskStatus } from './task.state';

type CommandOnExistingTask = Exclude<TaskCommand, { type: 'CreateTask' }>;

const WORKING = ['in_progress', 'needs_input', 'blocked'] as const satisfies readonly TaskStatus[];
const OPEN = ['backlog', ...WORKING] as const satisfies readonly TaskStatus[];

/**
 * The statuses in which each command is accepted: the single source of the task's life cycle
 * (docs/domain.md shows it as a table).
 */
export const TASK_COMMAND_ALLOWED_FROM = {
  StartTask: ['backlog'],
  AssignTask: OPEN,
  RecordMilestone: WORKING,
  // Gaps and bugs are found before starting and when reviewing an outcome too; a cancelled task is abandoned.
  LogIssue: [...OPEN, 'completed', 'failed'],
  AskQuestion: ['in_progress', 'needs_input'],
  // An answer is still worth recording while the task is blocked or failed: a retry can use it.
  AnswerQuestion: ['needs_input', 'blocked', 'failed'],
  BlockTask: ['in_progress', 'needs_input'],
  UnblockTask: ['blocked'],
  CompleteTask: ['in_progress'],
  FailTask: WORKING,
  CancelTask: OPEN,
  RetryTask: ['failed'],
} as const satisfies Record<CommandOnExistingTask['type'], readonly TaskStatus[]>;

export function requireStatusFor(command: CommandOnExistingTask, task: Task): void {
  const allowedFrom: readonly TaskStatus[] = TASK_COMMAND_ALLOWED_FROM[command.type];
  if (!allowedFrom.includes(task.status)) {
    throw ruleBroken('task.invalid_transition', `${command.type} is not allowed on a ${task.status} task`, {
      taskId: task.taskId,
      from: task.status,
      command: command.type,
      allowedFrom,
    });
  }
}
