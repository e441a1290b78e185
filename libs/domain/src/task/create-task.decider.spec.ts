import { fold } from '../shared';
import { expectRefusal, metadataAt } from '../shared/testing';
import { workflowDecider, WorkflowEvent } from '../workflow';
import {
  dependencyAdded,
  phaseStarted,
  taskAttached,
  WORKFLOW_ID,
  workflowEvent,
  workflowStarted,
} from '../workflow/testing/workflow.fixtures';
import { decideCreateTask } from './create-task.decider';
import { CreateTask, CreateTaskData } from './task.commands';
import { taskDecider } from './task.decider';
import { TaskEvent } from './task.events';
import { TASK_ID, taskCreated, taskEvent } from './testing/task.fixtures';

const createTask = (data: Partial<CreateTaskData> = {}, at = 1): CreateTask => ({
  type: 'CreateTask',
  data: {
    taskId: TASK_ID,
    workflowId: WORKFLOW_ID,
    name: 'Add login',
    goal: 'Users can log in',
    priority: 'high',
    areas: ['src/auth/**'],
    dependsOn: [],
    ...data,
  },
  metadata: metadataAt(at),
});

/** Given the histories of both streams, when the task is created. */
const given = (streams: { task?: TaskEvent[]; workflow: WorkflowEvent[] }) => ({
  when: (command: CreateTask) => () =>
    decideCreateTask(command, {
      task: fold(taskDecider, streams.task ?? []),
      workflow: fold(workflowDecider, streams.workflow),
    }),
});

describe('decideCreateTask', () => {
  it('creates the task and attaches it to its workflow with one edge per dependency', () => {
    const decide = given({
      workflow: [workflowStarted(), phaseStarted('p1', 1), taskAttached('t-0'), taskAttached('t-a')],
    }).when(
      createTask({
        phaseId: 'p1',
        parentTaskId: 't-0',
        category: 'feature',
        dependsOn: ['t-0', 't-a', 't-0'],
      }),
    );

    expect(decide()).toEqual({
      task: [
        taskEvent(
          'TaskCreated',
          {
            workflowId: WORKFLOW_ID,
            phaseId: 'p1',
            parentTaskId: 't-0',
            name: 'Add login',
            goal: 'Users can log in',
            priority: 'high',
            category: 'feature',
            areas: ['src/auth/**'],
          },
          1,
        ),
      ],
      workflow: [
        workflowEvent('TaskAttached', { taskId: TASK_ID, phaseId: 'p1', parentTaskId: 't-0' }, 1),
        dependencyAdded(TASK_ID, 't-0', 1),
        dependencyAdded(TASK_ID, 't-a', 1),
      ],
    });
  });

  it('attaches a task without phase, parent or dependencies', () => {
    expect(given({ workflow: [workflowStarted()] }).when(createTask())().workflow).toStrictEqual([
      workflowEvent('TaskAttached', { taskId: TASK_ID }, 1),
    ]);
  });

  it('task.already_exists: a task is created once', () => {
    expectRefusal(
      given({ task: [taskCreated()], workflow: [workflowStarted(), taskAttached(TASK_ID)] }).when(
        createTask(),
      ),
      'task.already_exists',
      { taskId: TASK_ID },
    );
  });

  it('workflow.not_found: the workflow must exist', () => {
    const error = expectRefusal(given({ workflow: [] }).when(createTask()), 'workflow.not_found', {
      workflowId: WORKFLOW_ID,
    });

    expect(error.kind).toBe('not_found');
  });

  it('workflow.archived: an archived workflow takes no new task', () => {
    expectRefusal(
      given({ workflow: [workflowStarted(), workflowEvent('WorkflowArchived', {})] }).when(createTask()),
      'workflow.archived',
      { command: 'AttachTask' },
    );
  });

  it('workflow.not_in_progress: a finished workflow takes no new task', () => {
    expectRefusal(
      given({
        workflow: [workflowStarted(), workflowEvent('WorkflowCompleted', { result: 'completed' })],
      }).when(createTask()),
      'workflow.not_in_progress',
      { status: 'completed', command: 'AttachTask' },
    );
  });

  it('task.phase_not_in_workflow: the phase must be one of the workflow', () => {
    expectRefusal(
      given({ workflow: [workflowStarted()] }).when(createTask({ phaseId: 'p1' })),
      'task.phase_not_in_workflow',
      { phaseId: 'p1' },
    );
  });

  it('task.parent_not_in_workflow: the parent must be a task of the same workflow', () => {
    expectRefusal(
      given({ workflow: [workflowStarted()] }).when(createTask({ parentTaskId: 't-elsewhere' })),
      'task.parent_not_in_workflow',
      { parentTaskId: 't-elsewhere' },
    );
  });

  it('dependency.task_not_in_workflow: every dependency must be a task of the same workflow', () => {
    expectRefusal(
      given({ workflow: [workflowStarted(), taskAttached('t-a')] }).when(
        createTask({ dependsOn: ['t-a', 't-x'] }),
      ),
      'dependency.task_not_in_workflow',
      { taskId: 't-x' },
    );
  });

  it('dependency.self_reference: a task cannot depend on itself', () => {
    expectRefusal(
      given({ workflow: [workflowStarted()] }).when(createTask({ dependsOn: [TASK_ID] })),
      'dependency.self_reference',
      { taskId: TASK_ID },
    );
  });

  it("command.occurred_at_before_previous: the fact cannot precede the workflow's previous one", () => {
    expectRefusal(
      given({ workflow: [workflowStarted(0), taskAttached('t-a', 5)] }).when(createTask({}, 4)),
      'command.occurred_at_before_previous',
    );
  });

  it('refuses to decide against the stream of another workflow', () => {
    expect(given({ workflow: [workflowStarted()] }).when(createTask({ workflowId: 'wf-2' }))).toThrow(
      /decided against workflow wf-1/,
    );
  });
});
