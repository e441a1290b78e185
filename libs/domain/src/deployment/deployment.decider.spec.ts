import { fold } from '../shared';
import { EARLIER, NOW_ISO, afterNow, deciderSpec } from '../shared/testing';
import { deploymentDecider } from './deployment.decider';
import { DeploymentEvent } from './deployment.events';
import { DeploymentStatus } from './deployment.state';
import {
  DEPLOYMENT_ID,
  completeDeployment,
  deploymentCompleted,
  deploymentFailed,
  deploymentRequested,
  deploymentRolledBack,
  deploymentStarted,
  failDeployment,
  requestDeployment,
  rollBackDeployment,
  startDeployment,
} from './testing/deployment.fixtures';

const spec = deciderSpec(deploymentDecider);

const history: Record<DeploymentStatus, DeploymentEvent[]> = {
  pending: [deploymentRequested()],
  in_progress: [deploymentRequested(), deploymentStarted()],
  completed: [deploymentRequested(), deploymentStarted(), deploymentCompleted()],
  failed: [deploymentRequested(), deploymentStarted(), deploymentFailed()],
  rolled_back: [deploymentRequested(), deploymentStarted(), deploymentCompleted(), deploymentRolledBack()],
};

const commandToward = {
  in_progress: startDeployment(),
  completed: completeDeployment(),
  failed: failDeployment(),
  rolled_back: rollBackDeployment(),
} as const;

describe('Deployment decider', () => {
  describe('RequestDeployment', () => {
    it('requests a deployment with no tasks when none are given', () =>
      spec
        .given([])
        .when(requestDeployment())
        .then([deploymentRequested({ taskIds: [] }, NOW_ISO)]));

    it('keeps every optional field given', () => {
      const optional = {
        workflowId: 'wf-1',
        branch: 'main',
        commit: '9fceb02',
        imageTag: 'annals-api:1.4.0',
        taskIds: ['task-1', 'task-2'],
        triggeredBy: 'ci',
      };
      spec
        .given([])
        .when(requestDeployment(optional))
        .then([deploymentRequested(optional, NOW_ISO)]);
    });

    it('leaves optional fields that were not given out of the event, so it survives a JSON round trip', () => {
      const [event] = spec.given([]).when(requestDeployment()).events();
      expect(Object.keys(event.data).sort()).toEqual([
        'deploymentId',
        'environment',
        'service',
        'taskIds',
        'type',
      ]);
      expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
    });

    it('drops a task listed twice, so that it counts once in lead time', () =>
      spec
        .given([])
        .when(requestDeployment({ taskIds: ['task-2', 'task-1', 'task-2'] }))
        .then([deploymentRequested({ taskIds: ['task-2', 'task-1'] }, NOW_ISO)]));

    it.each(['preview', 'staging', 'production', 'eu-west.canary_2'])(
      'accepts the environment %j',
      (environment) =>
        spec
          .given([])
          .when(requestDeployment({ environment }))
          .then([deploymentRequested({ environment }, NOW_ISO)]),
    );

    it.each(['Production', '-dev', 'qa env', ''])(
      'refuses the environment %j: deployment.invalid_environment',
      (environment) =>
        spec
          .given([])
          .when(requestDeployment({ environment }))
          .thenThrows('deployment.invalid_environment', { field: 'environment', actual: environment }),
    );

    it('requests a rollback deployment of another deployment', () =>
      spec
        .given([])
        .when(requestDeployment({ type: 'rollback', rollbackOf: 'dep-99' }))
        .then([deploymentRequested({ type: 'rollback', rollbackOf: 'dep-99' }, NOW_ISO)]));

    it('a rollback deployment names the deployment it rolls back: deployment.rollback_of_required', () =>
      spec
        .given([])
        .when(requestDeployment({ type: 'rollback' }))
        .thenThrows('deployment.rollback_of_required', { field: 'rollbackOf' }));

    it('only a rollback deployment names rollbackOf: deployment.rollback_of_not_allowed', () =>
      spec
        .given([])
        .when(requestDeployment({ type: 'manual', rollbackOf: 'dep-99' }))
        .thenThrows('deployment.rollback_of_not_allowed', { field: 'rollbackOf', type: 'manual' }));

    it('a deployment cannot roll itself back: deployment.self_rollback', () =>
      spec
        .given([])
        .when(requestDeployment({ type: 'rollback', rollbackOf: DEPLOYMENT_ID }))
        .thenThrows('deployment.self_rollback', { field: 'rollbackOf', deploymentId: DEPLOYMENT_ID }));

    it('refuses a second request on the same id: deployment.already_exists', () =>
      spec
        .given([deploymentRequested()])
        .when(requestDeployment())
        .thenThrows('deployment.already_exists', { deploymentId: DEPLOYMENT_ID }));
  });

  describe('allowed transitions', () => {
    it('pending -> in_progress', () =>
      spec
        .given(history.pending)
        .when(startDeployment())
        .then([deploymentStarted(NOW_ISO)]));

    it('pending -> completed (only the outcome reported)', () =>
      spec
        .given(history.pending)
        .when(completeDeployment())
        .then([deploymentCompleted(NOW_ISO)]));

    it('pending -> failed (only the outcome reported)', () =>
      spec
        .given(history.pending)
        .when(failDeployment())
        .then([deploymentFailed(NOW_ISO)]));

    it('in_progress -> completed, with its url', () =>
      spec
        .given(history.in_progress)
        .when(completeDeployment('https://annals.example.com'))
        .then([deploymentCompleted(NOW_ISO, 'https://annals.example.com')]));

    it('in_progress -> failed, with its logs', () =>
      spec
        .given(history.in_progress)
        .when(failDeployment('https://ci.example.com/42'))
        .then([deploymentFailed(NOW_ISO, 'https://ci.example.com/42')]));

    it('completed -> rolled_back, naming the deployment that rolled it back', () =>
      spec
        .given(history.completed)
        .when(rollBackDeployment('dep-101'))
        .then([deploymentRolledBack(NOW_ISO, 'dep-101')]));
  });

  describe('refused transitions: deployment.invalid_transition', () => {
    it.each<[DeploymentStatus, keyof typeof commandToward]>([
      ['pending', 'rolled_back'],
      ['in_progress', 'in_progress'],
      ['in_progress', 'rolled_back'],
      ['completed', 'in_progress'],
      ['completed', 'completed'],
      ['completed', 'failed'],
      ['failed', 'in_progress'],
      ['failed', 'completed'],
      ['failed', 'failed'],
      ['failed', 'rolled_back'],
      ['rolled_back', 'in_progress'],
      ['rolled_back', 'completed'],
      ['rolled_back', 'failed'],
      ['rolled_back', 'rolled_back'],
    ])('%s -> %s', (from, to) =>
      spec
        .given(history[from])
        .when(commandToward[to])
        .thenThrows('deployment.invalid_transition', { deploymentId: DEPLOYMENT_ID, from, to }),
    );
  });

  describe('a deployment that was never requested: deployment.not_found', () => {
    it.each(Object.entries(commandToward))('refuses the change toward %s', (_to, command) =>
      spec.given([]).when(command).thenThrows('deployment.not_found', { deploymentId: DEPLOYMENT_ID }),
    );

    it('is reported as not_found, so transports answer 404 rather than 422', () =>
      expect(() => spec.given([]).when(startDeployment()).events()).toThrow(
        expect.objectContaining({ code: 'deployment.not_found', kind: 'not_found' }),
      ));
  });

  it('a deployment is not rolled back by itself: deployment.self_rollback', () =>
    spec
      .given(history.completed)
      .when(rollBackDeployment(DEPLOYMENT_ID))
      .thenThrows('deployment.self_rollback', {
        field: 'rollbackDeploymentId',
        deploymentId: DEPLOYMENT_ID,
      }));

  describe('occurredAt', () => {
    it('refuses a fact more than 5 minutes in the future: command.occurred_at_in_future', () =>
      spec
        .given([])
        .when(requestDeployment({}, afterNow(5 * 60_000 + 1)))
        .thenThrows('command.occurred_at_in_future', { field: 'occurredAt' }));

    it("refuses a fact before the stream's previous fact: command.occurred_at_before_previous", () =>
      spec
        .given([deploymentRequested({}, NOW_ISO)])
        .when(startDeployment(afterNow(-1)))
        .thenThrows('command.occurred_at_before_previous', {
          field: 'occurredAt',
          expected: `>= ${NOW_ISO}`,
        }));
  });

  describe('evolve', () => {
    it('keeps the times DORA metrics need', () => {
      const state = fold(deploymentDecider, [
        deploymentRequested({}, EARLIER),
        deploymentStarted('2025-03-01T11:10:00.000Z'),
        deploymentCompleted('2025-03-01T11:20:00.000Z', 'https://annals.example.com'),
        deploymentRolledBack(NOW_ISO, 'dep-101'),
      ]);
      expect(state).toEqual({
        status: 'rolled_back',
        deployment: deploymentRequested().data,
        requestedAt: EARLIER,
        startedAt: '2025-03-01T11:10:00.000Z',
        completedAt: '2025-03-01T11:20:00.000Z',
        url: 'https://annals.example.com',
        rolledBackAt: NOW_ISO,
        reason: 'error rate up',
        rollbackDeploymentId: 'dep-101',
        lastOccurredAt: NOW_ISO,
      });
    });

    it('records the error of a failure reported without a start', () => {
      const state = fold(deploymentDecider, [deploymentRequested(), deploymentFailed(NOW_ISO)]);
      expect(state).toEqual({
        status: 'failed',
        deployment: deploymentRequested().data,
        requestedAt: EARLIER,
        failedAt: NOW_ISO,
        error: 'health check failed',
        lastOccurredAt: NOW_ISO,
      });
    });
  });
});
