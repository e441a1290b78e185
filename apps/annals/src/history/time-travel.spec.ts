import { errorThrownBy, expectRefusal } from '@annals/domain/shared/testing';
import { stateAt, StoredEvent } from './time-travel';

const at = (minutes: number) => new Date(Date.parse('2025-03-01T09:00:00.000Z') + minutes * 60_000);

const event = (
  version: number,
  minutes: number,
  type: string,
  data: object,
  schemaVersion = 1,
): StoredEvent => ({
  version,
  type,
  schemaVersion,
  data,
  occurredAt: at(minutes).toISOString(),
});

const workflowId = 'wf-1';
const workflow = [
  event(1, 0, 'WorkflowStarted', { workflowId, name: 'Ship v2' }),
  event(2, 10, 'WorkflowUpdated', { workflowId, name: 'Ship v2.1' }),
  event(3, 20, 'PhaseStarted', { workflowId, phaseId: 'p1', number: 1, name: 'Build' }),
];

describe('stateAt', () => {
  it('folds every event for the current state', () => {
    const { version, state } = stateAt('workflow', workflowId, workflow, 'current');
    expect(version).toBe(3);
    expect(state).toMatchObject({ name: 'Ship v2.1', phases: [{ phaseId: 'p1' }] });
  });

  it('folds the events that occurred before a time', () => {
    const { version, state } = stateAt('workflow', workflowId, workflow, { asOf: at(15) });
    expect(version).toBe(2);
    expect(state).toMatchObject({ name: 'Ship v2.1', phases: [] });
  });

  it('counts an event that occurred exactly at the time', () => {
    expect(stateAt('workflow', workflowId, workflow, { asOf: at(10) }).version).toBe(2);
  });

  it('folds the events up to a version', () => {
    const { version, state } = stateAt('workflow', workflowId, workflow, { version: 1 });
    expect(version).toBe(1);
    expect(state).toMatchObject({ status: 'in_progress', name: 'Ship v2' });
  });

  it('does not find a version beyond the stream, and says which is the current one', () => {
    const error = expectRefusal(
      () => stateAt('workflow', workflowId, workflow, { version: 4 }),
      'workflow.version_not_found',
      { workflowId, version: 4, currentVersion: 3 },
    );
    expect(error.kind).toBe('not_found');
  });

  it('does not find the entity before its first event', () => {
    const error = expectRefusal(
      () => stateAt('workflow', workflowId, workflow, { asOf: at(-1) }),
      'workflow.not_found',
      { workflowId, asOf: at(-1).toISOString(), firstOccurredAt: at(0).toISOString() },
    );
    expect(error.message).toBe(`Workflow wf-1 did not exist at ${at(-1).toISOString()}`);
  });

  it('does not find an entity without events', () => {
    expect(errorThrownBy(() => stateAt('task', 't-9', [], 'current'))).toMatchObject({
      code: 'task.not_found',
      kind: 'not_found',
      details: { taskId: 't-9' },
    });
  });

  it('upcasts old event versions before folding', () => {
    const requested = event(1, 0, 'DeploymentRequested', {
      deploymentId: 'dep-1',
      service: 'api',
      environment: 'production',
      type: 'manual',
    });
    const { state } = stateAt('deployment', 'dep-1', [requested], 'current');
    expect(state).toMatchObject({ status: 'pending', deployment: { taskIds: [] } });
  });
});
