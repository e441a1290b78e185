import { EVENT_CATALOG } from '@annals/contracts';
import { eventsByAggregate, idleProjections } from './dataset-report';

describe('eventsByAggregate', () => {
  it('adds up event types by the aggregate the catalog names, unknown types under ?', () => {
    expect(
      eventsByAggregate(
        { TaskCreated: 3, TaskStarted: 2, DeploymentRequested: 4, Invented: 1 },
        EVENT_CATALOG,
      ),
    ).toEqual({ task: 5, deployment: 4, '?': 1 });
  });
});

describe('idleProjections', () => {
  it('names the projections none of whose event types occur', () => {
    const projections = [
      { name: 'tasks', handles: ['TaskCreated', 'TaskStarted'] },
      { name: 'decisions', handles: ['DecisionRecorded'] },
    ];

    expect(idleProjections({ TaskStarted: 1, DecisionRecorded: 0 }, projections)).toEqual(['decisions']);
  });
});
