import { DomainEvent } from '../shared';
import {
  AskQuestionData,
  Assignee,
  CompleteTaskData,
  CreateTaskData,
  FailTaskData,
  LogIssueData,
  RecordMilestoneData,
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
export type TaskAssigned = DomainEvent<
  'TaskAssigned',
  { readonly taskId: string; readonly assignee: Assignee }
>;
export type MilestoneRecorded = DomainEvent<'MilestoneRecorded', RecordMilestoneData>;
export type IssueLogged = DomainEvent<'IssueLogged', LogIssueData>;
export type QuestionAsked = DomainEvent<'QuestionAsked', AskQuestionData>;
export type QuestionAnswered = DomainEvent<
  'QuestionAnswered',
  { readonly taskId: string; readonly questionId: string; readonly answer: string }
>;
export type TaskBlocked = DomainEvent<
  'TaskBlocked',
  { readonly taskId: string; readonly reason: string; readonly blockedBy?: readonly string[] }
>;
export type TaskUnblocked = DomainEvent<'TaskUnblocked', { readonly taskId: string }>;
export type TaskCompleted = DomainEvent<'TaskCompleted', TaskCompletedData>;
export type TaskFailed = DomainEvent<'TaskFailed', TaskFailedData>;
export type TaskCancelled = DomainEvent<
  'TaskCancelled',
  { readonly taskId: string; readonly reason: string }
>;
/** `attempt` is the number of the attempt this retry begins: 2 for the first retry. */
export type TaskRetried = DomainEvent<
  'TaskRetried',
  { readonly taskId: string; readonly attempt: number; readonly reason?: string }
>;

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

export const TASK_EVENT_TYPES = [
  'TaskCreated',
  'TaskStarted',
  'TaskAssigned',
  'MilestoneRecorded',
  'IssueLogged',
  'QuestionAsked',
  'QuestionAnswered',
  'TaskBlocked',
  'TaskUnblocked',
  'TaskCompleted',
  'TaskFailed',
  'TaskCancelled',
  'TaskRetried',
] as const satisfies readonly TaskEvent['type'][];
