import { deciderSpec, errorThrownBy, iso, metadataAt } from '../shared/testing';
import { WorkflowCommand } from './workflow.commands';
import { workflowDecider } from './workflow.decider';
import { WorkflowEvent } from './workflow.events';
import {
  dependencyAdded,
  phaseStarted,
  taskAttached,
  WORKFLOW_ID,
  workflowCommand,
  workflowEvent,
  workflowStarted,
} from './testing/workflow.fixtures';

const spec = deciderSpec(workflowDecider);

const completed = (at = 0) => workflowEvent('WorkflowCompleted', { result: 'completed' }, at);
const archived = (at = 0) => workflowEvent('WorkflowArchived', {}, at);
const tasks = (...taskIds: string[]) => taskIds.map((taskId) => taskAttached(taskId));

/** One command of every kind that needs an existing workflow. */
const commandsOnExistingWorkflow: WorkflowCommand[] = [
  workflowCommand('UpdateWorkflow', { name: 'Renamed' }),
  workflowCommand('StartPhase', { phaseId: 'p9', number: 9, name: 'Later' }),
  workflowCommand('CompletePhase', { phaseId: 'p1' }),
  workflowCommand('CompleteWorkflow', { result: 'completed' }),
  workflowCommand('ArchiveWorkflow', {}),
  workflowCommand('AttachTask', { taskId: 't-new' }),
  workflowCommand('AddDependency', { taskId: 'a', dependsOnTaskId: 'b' }),
  workflowCommand('RemoveDependency', { taskId: 'a', dependsOnTaskId: 'b' }),
];
const byType = (command: WorkflowCommand): [string, WorkflowCommand] => [command.type, command];

describe('Workflow decider', () => {
  describe('StartWorkflow', () => {
    it('starts a workflow with everything it was given', () => {
      const data = {
        name: 'Ship v2',
        description: 'The second major version',
        objective: 'Customers on v2 by June',
        plan: [{ step: 'design', goal: 'an agreed API' }],
        labels: ['v2', 'api'],
        repository: { url: 'https://git.example.com/annals.git', defaultBranch: 'main' },
      };

      spec
        .given([])
        .when(workflowCommand('StartWorkflow', data))
        .then([workflowEvent('WorkflowStarted', data, 1)]);
    });

    it('omits the optional fields that were not given', () => {
      const [event] = spec
        .given([])
        .when(workflowCommand('StartWorkflow', { name: 'Ship v2', description: undefined }))
        .events();

      expect(event.data).toStrictEqual({ workflowId: WORKFLOW_ID, name: 'Ship v2' });
    });

    it('workflow.already_exists: a workflow starts once', () => {
      spec
        .given([workflowStarted()])
        .when(workflowCommand('StartWorkflow', { name: 'Again' }))
        .thenThrows('workflow.already_exists', { workflowId: WORKFLOW_ID });
    });
  });

  describe('workflow.not_found', () => {
    it.each(commandsOnExistingWorkflow.map(byType))('%s needs an existing workflow', (_type, command) => {
      spec.given([]).when(command).thenThrows('workflow.not_found', { workflowId: WORKFLOW_ID });
    });

    it('is a missing entity, not a broken rule', () => {
      const error = errorThrownBy(() =>
        spec
          .given([])
          .when(workflowCommand('UpdateWorkflow', { name: 'x' }))
          .events(),
      );

      expect(error.kind).toBe('not_found');
    });
  });

  describe('UpdateWorkflow', () => {
    const startedWithEverything = workflowEvent('WorkflowStarted', {
      name: 'Ship v2',
      description: 'The second major version',
      plan: [{ step: 'design', goal: 'an agreed API' }],
      labels: ['v2'],
      repository: { url: 'https://git.example.com/annals.git', defaultBranch: 'main' },
    });

    it('records only the fields that changed', () => {
      spec
        .given([startedWithEverything])
        .when(
          workflowCommand('UpdateWorkflow', { name: 'Ship v2', labels: ['v2', 'api'], objective: 'June' }),
        )
        .then([workflowEvent('WorkflowUpdated', { labels: ['v2', 'api'], objective: 'June' }, 1)]);
    });

    it('records no event when nothing differs from the current state', () => {
      spec
        .given([startedWithEverything])
        .when(
          workflowCommand('UpdateWorkflow', {
            name: 'Ship v2',
            description: 'The second major version',
            plan: [{ goal: 'an agreed API', step: 'design' }],
            labels: ['v2'],
            repository: { defaultBranch: 'main', url: 'https://git.example.com/annals.git' },
          }),
        )
        .then([]);
    });

    it('clears an optional field given as null', () => {
      spec
        .given([startedWithEverything])
        .when(workflowCommand('UpdateWorkflow', { description: null, repository: null }))
        .then([workflowEvent('WorkflowUpdated', { description: null, repository: null }, 1)]);
    });

    it('compares against the state the previous updates left', () => {
      spec
        .given([startedWithEverything, workflowEvent('WorkflowUpdated', { description: null, plan: [] })])
        .when(workflowCommand('UpdateWorkflow', { description: null, plan: [] }))
        .then([]);
    });

    it('is still allowed once the workflow is finished', () => {
      spec
        .given([workflowStarted(), completed()])
        .when(workflowCommand('UpdateWorkflow', { name: 'Ship v2 (done)' }))
        .then([workflowEvent('WorkflowUpdated', { name: 'Ship v2 (done)' }, 1)]);
    });
  });

  describe('StartPhase', () => {
    it('starts a phase', () => {
      const data = { phaseId: 'p1', number: 1, name: 'Design', parallel: true };

      spec
        .given([workflowStarted()])
        .when(workflowCommand('StartPhase', data))
        .then([workflowEvent('PhaseStarted', data, 1)]);
    });

    it('workflow.phase_already_exists: a phase id is used once', () => {
      spec
        .given([workflowStarted(), phaseStarted('p1', 1)])
        .when(workflowCommand('StartPhase', { phaseId: 'p1', number: 2, name: 'Build' }))
        .thenThrows('workflow.phase_already_exists', { phaseId: 'p1' });
    });

    it('workflow.phase_number_taken: phase numbers are unique', () => {
      spec
        .given([workflowStarted(), phaseStarted('p1', 1)])
        .when(workflowCommand('StartPhase', { phaseId: 'p2', number: 1, name: 'Build' }))
        .thenThrows('workflow.phase_number_taken', { number: 1, phaseId: 'p1' });
    });
  });

  describe('CompletePhase', () => {
    it('completes a started phase', () => {
      spec
        .given([workflowStarted(), phaseStarted('p1', 1)])
        .when(workflowCommand('CompletePhase', { phaseId: 'p1' }))
        .then([workflowEvent('PhaseCompleted', { phaseId: 'p1' }, 1)]);
    });

    it('workflow.phase_not_found: the phase must exist', () => {
      const when = spec.given([workflowStarted()]).when(workflowCommand('CompletePhase', { phaseId: 'p1' }));

      when.thenThrows('workflow.phase_not_found', { phaseId: 'p1' });
      expect(errorThrownBy(when.events).kind).toBe('not_found');
    });

    it('workflow.phase_already_completed: a phase completes once', () => {
      spec
        .given([
          workflowStarted(),
          phaseStarted('p1', 1),
          workflowEvent('PhaseCompleted', { phaseId: 'p1' }, 3),
        ])
        .when(workflowCommand('CompletePhase', { phaseId: 'p1' }, 4))
        .thenThrows('workflow.phase_already_completed', { phaseId: 'p1', completedAt: iso(3) });
    });
  });

  describe('CompleteWorkflow', () => {
    it.each(['completed', 'failed', 'partial'] as const)('ends an in-progress workflow as %s', (result) => {
      const data = { result, summary: 'done', achievements: ['API'], limitations: ['no UI'] };

      spec
        .given([workflowStarted()])
        .when(workflowCommand('CompleteWorkflow', data))
        .then([workflowEvent('WorkflowCompleted', data, 1)]);
    });

    it('workflow.not_in_progress: a finished workflow does not finish again', () => {
      spec
        .given([workflowStarted(), workflowEvent('WorkflowCompleted', { result: 'failed' })])
        .when(workflowCommand('CompleteWorkflow', { result: 'completed' }))
        .thenThrows('workflow.not_in_progress', { status: 'failed', command: 'CompleteWorkflow' });
    });
  });

  describe('finished workflows', () => {
    const allowedOnlyInProgress = commandsOnExistingWorkflow.filter(
      (command) => command.type !== 'UpdateWorkflow' && command.type !== 'ArchiveWorkflow',
    );

    it.each(allowedOnlyInProgress.map(byType))('workflow.not_in_progress: %s is refused', (type, command) => {
      spec
        .given([workflowStarted(), ...tasks('a', 'b'), phaseStarted('p1', 1), completed()])
        .when(command)
        .thenThrows('workflow.not_in_progress', { status: 'completed', command: type });
    });
  });

  describe('ArchiveWorkflow', () => {
    it('archives an in-progress workflow', () => {
      spec
        .given([workflowStarted()])
        .when(workflowCommand('ArchiveWorkflow', { reason: 'abandoned' }))
        .then([workflowEvent('WorkflowArchived', { reason: 'abandoned' }, 1)]);
    });

    it('archives a finished workflow', () => {
      spec
        .given([workflowStarted(), workflowEvent('WorkflowCompleted', { result: 'partial' })])
        .when(workflowCommand('ArchiveWorkflow', {}))
        .then([workflowEvent('WorkflowArchived', {}, 1)]);
    });

    it.each(commandsOnExistingWorkflow.map(byType))('workflow.archived: %s is refused', (type, command) => {
      spec
        .given([workflowStarted(), ...tasks('a', 'b'), phaseStarted('p1', 1), archived()])
        .when(command)
        .thenThrows('workflow.archived', { workflowId: WORKFLOW_ID, command: type });
    });
  });

  describe('AttachTask', () => {
    it('attaches a task with its phase and parent', () => {
      const data = { taskId: 'child', phaseId: 'p1', parentTaskId: 'parent' };

      spec
        .given([workflowStarted(), phaseStarted('p1', 1), taskAttached('parent')])
        .when(workflowCommand('AttachTask', data))
        .then([workflowEvent('TaskAttached', data, 1)]);
    });

    it('attaches follow-up work to a phase that is already completed', () => {
      spec
        .given([workflowStarted(), phaseStarted('p1', 1), workflowEvent('PhaseCompleted', { phaseId: 'p1' })])
        .when(workflowCommand('AttachTask', { taskId: 'fix', phaseId: 'p1' }))
        .then([workflowEvent('TaskAttached', { taskId: 'fix', phaseId: 'p1' }, 1)]);
    });

    it('workflow.task_already_attached: a task joins a workflow once', () => {
      spec
        .given([workflowStarted(), taskAttached('a')])
        .when(workflowCommand('AttachTask', { taskId: 'a' }))
        .thenThrows('workflow.task_already_attached', { taskId: 'a' });
    });

    it('task.phase_not_in_workflow: the phase must be one of the workflow', () => {
      spec
        .given([workflowStarted()])
        .when(workflowCommand('AttachTask', { taskId: 'a', phaseId: 'p1' }))
        .thenThrows('task.phase_not_in_workflow', { phaseId: 'p1' });
    });

    it('task.parent_not_in_workflow: the parent must be a task of the workflow', () => {
      spec
        .given([workflowStarted()])
        .when(workflowCommand('AttachTask', { taskId: 'a', parentTaskId: 'elsewhere' }))
        .thenThrows('task.parent_not_in_workflow', { parentTaskId: 'elsewhere' });
    });
  });

  describe('AddDependency', () => {
    it('adds an edge between two tasks of the workflow', () => {
      spec
        .given([workflowStarted(), ...tasks('a', 'b')])
        .when(workflowCommand('AddDependency', { taskId: 'a', dependsOnTaskId: 'b' }))
        .then([workflowEvent('DependencyAdded', { taskId: 'a', dependsOnTaskId: 'b' }, 1)]);
    });

    it('records no event for an edge that already exists', () => {
      spec
        .given([workflowStarted(), ...tasks('a', 'b'), dependencyAdded('a', 'b')])
        .when(workflowCommand('AddDependency', { taskId: 'a', dependsOnTaskId: 'b' }))
        .then([]);
    });

    it('dependency.self_reference: a task cannot depend on itself', () => {
      spec
        .given([workflowStarted(), ...tasks('a')])
        .when(workflowCommand('AddDependency', { taskId: 'a', dependsOnTaskId: 'a' }))
        .thenThrows('dependency.self_reference', { taskId: 'a' });
    });

    it.each([
      ['dependent task', 'x', 'a'],
      ['dependency', 'a', 'x'],
    ])('dependency.task_not_in_workflow: the %s must be attached', (_role, taskId, dependsOnTaskId) => {
      spec
        .given([workflowStarted(), ...tasks('a')])
        .when(workflowCommand('AddDependency', { taskId, dependsOnTaskId }))
        .thenThrows('dependency.task_not_in_workflow', { taskId: 'x' });
    });

    it('dependency.cycle: an edge that closes a cycle is refused with the cycle path', () => {
      spec
        .given([
          workflowStarted(),
          ...tasks('a', 'b', 'c'),
          dependencyAdded('b', 'c'),
          dependencyAdded('c', 'a'),
        ])
        .when(workflowCommand('AddDependency', { taskId: 'a', dependsOnTaskId: 'b' }))
        .thenThrows('dependency.cycle', { taskId: 'a', dependsOnTaskId: 'b', path: ['a', 'b', 'c', 'a'] });
    });

    it('dependency.cycle: the reverse of an existing edge is a cycle of two', () => {
      spec
        .given([workflowStarted(), ...tasks('a', 'b'), dependencyAdded('a', 'b')])
        .when(workflowCommand('AddDependency', { taskId: 'b', dependsOnTaskId: 'a' }))
        .thenThrows('dependency.cycle', { path: ['b', 'a', 'b'] });
    });

    it('dependency.cycle: the path reported is a shortest one', () => {
      spec
        .given([
          workflowStarted(),
          ...tasks('a', 'b', 'c', 'd'),
          dependencyAdded('b', 'c'),
          dependencyAdded('c', 'd'),
          dependencyAdded('d', 'a'),
          dependencyAdded('b', 'd'),
        ])
        .when(workflowCommand('AddDependency', { taskId: 'a', dependsOnTaskId: 'b' }))
        .thenThrows('dependency.cycle', { path: ['a', 'b', 'd', 'a'] });
    });

    it('allows a diamond, which has no cycle', () => {
      spec
        .given([
          workflowStarted(),
          ...tasks('a', 'b', 'c', 'd'),
          dependencyAdded('a', 'b'),
          dependencyAdded('a', 'c'),
          dependencyAdded('b', 'd'),
        ])
        .when(workflowCommand('AddDependency', { taskId: 'c', dependsOnTaskId: 'd' }))
        .then([workflowEvent('DependencyAdded', { taskId: 'c', dependsOnTaskId: 'd' }, 1)]);
    });

    it('allows the reverse edge once the original was removed', () => {
      spec
        .given([
          workflowStarted(),
          ...tasks('a', 'b'),
          dependencyAdded('a', 'b'),
          workflowEvent('DependencyRemoved', { taskId: 'a', dependsOnTaskId: 'b' }),
        ])
        .when(workflowCommand('AddDependency', { taskId: 'b', dependsOnTaskId: 'a' }))
        .then([workflowEvent('DependencyAdded', { taskId: 'b', dependsOnTaskId: 'a' }, 1)]);
    });
  });

  describe('RemoveDependency', () => {
    it('removes an existing edge', () => {
      spec
        .given([workflowStarted(), ...tasks('a', 'b'), dependencyAdded('a', 'b')])
        .when(workflowCommand('RemoveDependency', { taskId: 'a', dependsOnTaskId: 'b' }))
        .then([workflowEvent('DependencyRemoved', { taskId: 'a', dependsOnTaskId: 'b' }, 1)]);
    });

    it('dependency.not_found: only an existing edge can be removed', () => {
      const when = spec
        .given([workflowStarted(), ...tasks('a', 'b'), dependencyAdded('b', 'a')])
        .when(workflowCommand('RemoveDependency', { taskId: 'a', dependsOnTaskId: 'b' }));

      when.thenThrows('dependency.not_found', { taskId: 'a', dependsOnTaskId: 'b' });
      expect(errorThrownBy(when.events).kind).toBe('not_found');
    });
  });

  describe('occurredAt', () => {
    const rename = (occurredAt: number, now: number): WorkflowCommand => ({
      type: 'UpdateWorkflow',
      data: { workflowId: WORKFLOW_ID, name: 'Renamed' },
      metadata: metadataAt(occurredAt, now),
    });

    it('stamps each event with the time the fact happened, not the server time', () => {
      const [event] = spec
        .given([workflowStarted(0)])
        .when(rename(3, 10))
        .events();

      expect(event.occurredAt).toBe(iso(3));
    });

    it('accepts a fact up to 5 minutes ahead of the server clock', () => {
      spec
        .given([workflowStarted(0)])
        .when(rename(15, 10))
        .then([workflowEvent('WorkflowUpdated', { name: 'Renamed' }, 15)]);
    });

    it('command.occurred_at_in_future: refuses a fact more than 5 minutes ahead', () => {
      spec
        .given([workflowStarted(0)])
        .when(rename(16, 10))
        .thenThrows('command.occurred_at_in_future', { actual: iso(16) });
    });

    it("command.occurred_at_before_previous: refuses a fact earlier than the stream's previous one", () => {
      spec
        .given([workflowStarted(0), workflowEvent('WorkflowUpdated', { name: 'Later' }, 5)])
        .when(rename(4, 10))
        .thenThrows('command.occurred_at_before_previous', { expected: `>= ${iso(5)}` });
    });

    it('applies to starting a workflow too', () => {
      spec
        .given([])
        .when({ ...workflowCommand('StartWorkflow', { name: 'x' }), metadata: metadataAt(20, 10) })
        .thenThrows('command.occurred_at_in_future');
    });
  });

  it('emits events that survive a JSON round trip unchanged', () => {
    const history: WorkflowEvent[] = [];
    const decideAndRecord = (command: WorkflowCommand) => {
      const events = spec.given(history).when(command).events();
      history.push(...events);
    };

    decideAndRecord(
      workflowCommand('StartWorkflow', { name: 'Ship v2', objective: undefined, labels: ['x'] }),
    );
    decideAndRecord(
      workflowCommand('StartPhase', { phaseId: 'p1', number: 1, name: 'Design', parallel: undefined }),
    );
    decideAndRecord(workflowCommand('AttachTask', { taskId: 'a', phaseId: 'p1', parentTaskId: undefined }));
    decideAndRecord(
      workflowCommand('UpdateWorkflow', { description: null, name: 'Ship v3', labels: undefined }),
    );
    decideAndRecord(workflowCommand('CompleteWorkflow', { result: 'partial', summary: undefined }));
    decideAndRecord(workflowCommand('ArchiveWorkflow', { reason: undefined }));

    expect(history.map((event) => event.type)).toEqual([
      'WorkflowStarted',
      'PhaseStarted',
      'TaskAttached',
      'WorkflowUpdated',
      'WorkflowCompleted',
      'WorkflowArchived',
    ]);
    expect(JSON.parse(JSON.stringify(history))).toStrictEqual(history);
  });
});
