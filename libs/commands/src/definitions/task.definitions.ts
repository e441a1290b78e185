import {
  AnswerQuestionDto,
  AskQuestionDto,
  AssignTaskDto,
  BlockTaskDto,
  CancelTaskDto,
  CommandBodyDto,
  CompleteTaskDto,
  CreateTaskDto,
  FailTaskDto,
  LogIssueDto,
  RecordMilestoneDto,
  RetryTaskDto,
  StartTaskDto,
  TaskDependencyDto,
} from '@annals/contracts';
import { decideCreateTask, entityNotFound, workflowDecider } from '@annals/domain';
import { CommandDefinition, singleStreamCommand } from '../command-definition';

/** CreateTask is decided against the task (it must not exist) and its workflow (attach, dependency edges). */
const createTask: CommandDefinition<CreateTaskDto> = {
  type: 'CreateTask',
  aggregate: 'task',
  dto: CreateTaskDto,
  creates: true,
  summary:
    'Create a task in a workflow that is not archived; its dependencies are recorded on the workflow, refused when they close a cycle',
  async execute(context, taskId, data) {
    const task = await context.load('task', taskId);
    const workflow = await context.load('workflow', data.workflowId);
    const events = decideCreateTask(
      { type: 'CreateTask', data: { ...data, taskId }, metadata: context.metadata },
      { task: task.state, workflow: workflow.state },
    );
    return {
      primary: task,
      changes: [
        { stream: task, events: events.task },
        { stream: workflow, events: events.workflow },
      ],
    };
  },
};

/**
 * Dependency edges are workflow facts (so that every cycle is refused against one graph), addressed
 * through the task that depends. The workflow stream is the primary one: it is the only stream
 * written, so the result's version, the ETag and If-Match all refer to the graph the edge changed.
 */
const dependencyCommand = (
  type: 'AddDependency' | 'RemoveDependency',
  summary: string,
): CommandDefinition<TaskDependencyDto> => ({
  type,
  aggregate: 'task',
  dto: TaskDependencyDto,
  creates: false,
  summary,
  async execute(context, taskId, { dependsOnTaskId }) {
    const task = await context.load('task', taskId);
    if (task.state.status === 'initial') {
      throw entityNotFound('task.not_found', { name: 'Task', idField: 'taskId' }, taskId);
    }
    const workflow = await context.load('workflow', task.state.workflowId);
    const events = workflowDecider.decide(
      {
        type,
        data: { workflowId: task.state.workflowId, taskId, dependsOnTaskId },
        metadata: context.metadata,
      },
      workflow.state,
    );
    return { primary: workflow, changes: [{ stream: workflow, events }] };
  },
});

export const taskCommands: CommandDefinition[] = [
  createTask,
  singleStreamCommand({
    type: 'StartTask',
    aggregate: 'task',
    dto: StartTaskDto,
    summary: 'Start work on a task in the backlog, optionally naming who does it',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'AssignTask',
    aggregate: 'task',
    dto: AssignTaskDto,
    summary: 'Hand an open task to an agent, a human or a service; the same assignee records nothing',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'RecordMilestone',
    aggregate: 'task',
    dto: RecordMilestoneDto,
    summary: 'Record progress on a task being worked on',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'LogIssue',
    aggregate: 'task',
    dto: LogIssueDto,
    summary: 'Log an issue met on a task: a documentation gap, a bug, a dependency conflict, ...',
    toCommand: (taskId, data, context) => ({ ...data, taskId, issueId: data.issueId ?? context.newId() }),
  }),
  singleStreamCommand({
    type: 'AskQuestion',
    aggregate: 'task',
    dto: AskQuestionDto,
    summary: 'Ask a question: the task waits for input until every question is answered',
    toCommand: (taskId, data, context) => ({
      ...data,
      taskId,
      questionId: data.questionId ?? context.newId(),
    }),
  }),
  singleStreamCommand({
    type: 'AnswerQuestion',
    aggregate: 'task',
    dto: AnswerQuestionDto,
    summary: 'Answer an open question; the task resumes when none is left open',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'BlockTask',
    aggregate: 'task',
    dto: BlockTaskDto,
    summary: 'Mark a task blocked, saying why and by what',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'UnblockTask',
    aggregate: 'task',
    dto: CommandBodyDto,
    summary: 'Resume a blocked task',
    toCommand: (taskId) => ({ taskId }),
  }),
  singleStreamCommand({
    type: 'CompleteTask',
    aggregate: 'task',
    dto: CompleteTaskDto,
    summary:
      'Record the outcome of a task; the event adds its duration and the changed files outside its areas',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'FailTask',
    aggregate: 'task',
    dto: FailTaskDto,
    summary: 'Record that an attempt failed, with what it produced; RetryTask starts the next attempt',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'CancelTask',
    aggregate: 'task',
    dto: CancelTaskDto,
    summary: 'Abandon an open task, saying why',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  singleStreamCommand({
    type: 'RetryTask',
    aggregate: 'task',
    dto: RetryTaskDto,
    summary: 'Start the next attempt of a failed task',
    toCommand: (taskId, data) => ({ ...data, taskId }),
  }),
  dependencyCommand(
    'AddDependency',
    'Make a task depend on another task of its workflow (an edge of the workflow graph); refused when it closes a cycle',
  ),
  dependencyCommand('RemoveDependency', 'Remove a dependency edge between two tasks of a workflow'),
];
