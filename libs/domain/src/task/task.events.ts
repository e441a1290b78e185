import { DomainEvent, everyType } from '../shared';
import {
  AnswerQuestionData,
  AskQuestionData,
  AssignTaskData,
  BlockTaskData,
  CancelTaskData,
  CompleteTaskData,
  CreateTaskData,
  FailTaskData,
  LogIssueData,
  RecordMilestoneData,
  RetryTaskData,
  StartTaskData,
} from './task.commands';

export const taskStreamId = (taskId: string): string => `task-${taskId}`;

/** Computed by the decider from the changed files and the task's declared areas. */
export interface ScopeCheck {
  /** True when no changed file falls outside every declared area. */
  readonly scopeMatch: boolean;
  readonly unexpectedFiles: readonly string[];
}

/** From the first start to the end of this attempt (retries and blocked time included), in milliseconds. */
export interface Duration {
  readonly durationMs: number;
}

/** Dependencies are not repeated here: they are DependencyAdded events of the workflow stream. */
export type TaskCreatedData = Omit<CreateTaskData, 'dependsOn'>;
export type TaskCompletedData = CompleteTaskData & Duration & ScopeCheck;
/** The scope check is present when the failed attempt reported its files. */
export type TaskFailedData = FailTaskData & Duration & Partial<ScopeCheck>;

export type TaskCreated = DomainEvent<'TaskCreated', TaskCreatedData>;
export type TaskStarted = DomainEvent<'TaskStarted', StartTaskData>;
export type TaskAssigned = DomainEvent<'TaskAssigned', AssignTaskData>;
export type MilestoneRecorded = DomainEvent<'MilestoneRecorded', RecordMilestoneData>;
export type IssueLogged = DomainEvent<'IssueLogged', LogIssueData>;
export type QuestionAsked = DomainEvent<'QuestionAsked', AskQuestionData>;
export type QuestionAnswered = DomainEvent<'QuestionAnswered', AnswerQuestionData>;
export type TaskBlocked = DomainEvent<'TaskBlocked', BlockTaskData>;
export type TaskUnblocked = DomainEvent<'TaskUnblocked', { readonly taskId: string }>;
export type TaskCompleted = DomainEvent<'TaskCompleted', TaskCompletedData>;
export type TaskFailed = DomainEvent<'TaskFailed', TaskFailedData>;
export type TaskCancelled = DomainEvent<'TaskCancelled', CancelTaskData>;
/** `attempt` is the number of the attempt this retry begins: 2 for the first retry. */
export type TaskRetried = DomainEvent<'TaskRetried', RetryTaskData & { readonly attempt: number }>;

export type TaskEvent =
  | TaskCreated
  | TaskStarted
  | TaskAssigned
  | MilestoneRecorded
  | IssueLogged
  | QuestionAsked
  | QuestionAnswered
  | TaskBlocked
  | TaskUnblocked
  | TaskCompleted
  | TaskFailed
  | TaskCancelled
  | TaskRetried;

/** Every event type of the aggregate. */
export const TASK_EVENT_TYPES = everyType<TaskEvent['type']>({
  TaskCreated: true,
  TaskStarted: true,
  TaskAssigned: true,
  MilestoneRecorded: true,
  IssueLogged: true,
  QuestionAsked: true,
  QuestionAnswered: true,
  TaskBlocked: true,
  TaskUnblocked: true,
  TaskCompleted: true,
  TaskFailed: true,
  TaskCancelled: true,
  TaskRetried: true,
});
