import { Command, Decider, DomainEvent } from '../shared';
import { AddDependency, AttachTask, workflowDecider, WorkflowEvent, WorkflowState } from '../workflow';
import { CreateTask } from './task.commands';
import { decideTask } from './task.decider';
import { TaskEvent } from './task.events';
import { TaskState } from './task.state';

export interface CreateTaskStreams {
  readonly task: TaskState;
  /** The stream of `command.data.workflowId`. */
  readonly workflow: WorkflowState;
}

/** To be appended in one transaction, each stream with the version its state was folded from. */
export interface CreateTaskEvents {
  readonly task: TaskEvent[];
  readonly workflow: WorkflowEvent[];
}

/**
 * Creating a task is decided against both streams: the task's (it must not exist) and its
 * workflow's, which records TaskAttached and one DependencyAdded per distinct `dependsOn`. Appending
 * to the workflow stream with its expected version is what makes a concurrent archive, phase
 * change or conflicting dependency refuse one of the two writes.
 */
export function decideCreateTask(command: CreateTask, streams: CreateTaskStreams): CreateTaskEvents {
  const task = decideTask(command, streams.task);
  const { workflowId, taskId, phaseId, parentTaskId, dependsOn } = command.data;
  const { metadata } = command;
  const attach: AttachTask = {
    type: 'AttachTask',
    data: { workflowId, taskId, phaseId, parentTaskId },
    metadata,
  };
  const dependencies = [...new Set(dependsOn)].map((dependsOnTaskId): AddDependency => ({
    type: 'AddDependency',
    data: { workflowId, taskId, dependsOnTaskId },
    metadata,
  }));
  const workflow = decideInSequence(workflowDecider, [attach, ...dependencies], streams.workflow);
  return { task, workflow };
}

/** Each command is decided against the state the previous ones left. */
function decideInSequence<State, Cmd extends Command, Event extends DomainEvent>(
  decider: Decider<State, Cmd, Event>,
  commands: readonly Cmd[],
  initial: State,
): Event[] {
  const events: Event[] = [];
  let state = initial;
  for (const command of commands) {
    const decided = decider.decide(command, state);
    state = decided.reduce(decider.evolve, state);
    events.push(...decided);
  }
  return events;
}
