import { DependencyData, PlanStep, Repository, WORKFLOW_RESULTS, WorkflowEvent } from '@annals/domain';
import { aggregateEvents } from './event-definition';
import { ID, LABEL, list, NAME, TEXT, URL } from './event-fields';
import { boolean, integer, nullable, object, oneOf, optional, PropertySchemas } from './json-schema';

const plan = list(object<PlanStep>({ step: NAME, goal: TEXT }));
const repository = object<Repository>({ url: URL, defaultBranch: NAME });
const dependency: PropertySchemas<DependencyData> = { workflowId: ID, taskId: ID, dependsOnTaskId: ID };

export const WORKFLOW_EVENTS = aggregateEvents<WorkflowEvent>('workflow', {
  WorkflowStarted: {
    description: 'A workflow began, with its name, objective, plan, labels and repository.',
    data: {
      workflowId: ID,
      name: NAME,
      description: optional(TEXT),
      objective: optional(TEXT),
      plan: optional(plan),
      labels: optional(list(LABEL)),
      repository: optional(repository),
    },
  },
  WorkflowUpdated: {
    description: 'Fields of a workflow changed: only the changed fields are present; null clears one.',
    data: {
      workflowId: ID,
      name: optional(NAME),
      description: optional(nullable(TEXT)),
      objective: optional(nullable(TEXT)),
      plan: optional(plan),
      labels: optional(list(LABEL)),
      repository: optional(nullable(repository)),
    },
  },
  PhaseStarted: {
    description: 'A numbered phase of the workflow began.',
    data: {
      workflowId: ID,
      phaseId: ID,
      number: integer({ minimum: 1 }),
      name: NAME,
      parallel: optional(boolean()),
    },
  },
  PhaseCompleted: {
    description: 'A phase of the workflow was completed.',
    data: { workflowId: ID, phaseId: ID },
  },
  WorkflowCompleted: {
    description: 'The workflow ended: completed, failed or partial.',
    data: {
      workflowId: ID,
      result: oneOf(WORKFLOW_RESULTS),
      summary: optional(TEXT),
      achievements: optional(list(TEXT)),
      limitations: optional(list(TEXT)),
    },
  },
  WorkflowArchived: {
    description: 'The workflow was archived: it refuses every change and every new task from now on.',
    data: { workflowId: ID, reason: optional(TEXT) },
  },
  TaskAttached: {
    description: 'A task was created in the workflow (recorded with TaskCreated, in the same transaction).',
    data: { workflowId: ID, taskId: ID, phaseId: optional(ID), parentTaskId: optional(ID) },
  },
  DependencyAdded: {
    description: 'Task taskId now depends on task dependsOnTaskId; the edge closes no cycle.',
    data: dependency,
  },
  DependencyRemoved: {
    description: 'Task taskId no longer depends on task dependsOnTaskId.',
    data: dependency,
  },
});
