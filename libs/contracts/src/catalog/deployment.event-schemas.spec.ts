import { deploymentDecider, DeploymentRequested, fold } from '@annals/domain';
import { EVENT_CATALOG, UnsupportedSchemaVersionError } from '.';
import { deploymentRequestedV1ToV2 } from './deployment.event-schemas';

/** As DeploymentRequested was written before it recorded the tasks a deployment ships. */
const v1 = {
  deploymentId: 'dep-7',
  service: 'annals-api',
  environment: 'production',
  type: 'manual',
  commit: '9fceb02',
};

describe('DeploymentRequested v1 -> v2', () => {
  it('is written at version 2', () => {
    expect(EVENT_CATALOG.schemaVersionOf('DeploymentRequested')).toBe(2);
  });

  it('adds an empty taskIds and keeps every other field', () => {
    expect(deploymentRequestedV1ToV2(v1)).toEqual({ ...v1, taskIds: [] });
  });

  it('turns data the v2 schema refuses into data it accepts', () => {
    expect(EVENT_CATALOG.violations('DeploymentRequested', v1).map((v) => `${v.path}:${v.keyword}`)).toEqual([
      'taskIds:required',
    ]);
    expect(
      EVENT_CATALOG.violations('DeploymentRequested', EVENT_CATALOG.upcast('DeploymentRequested', 1, v1)),
    ).toEqual([]);
  });

  it('leaves v2 data as it is', () => {
    const v2 = { ...v1, taskIds: ['t-1'] };
    expect(EVENT_CATALOG.upcast('DeploymentRequested', 2, v2)).toBe(v2);
  });

  it('refuses a v3 event, which this code cannot read', () => {
    expect(() => EVENT_CATALOG.upcast('DeploymentRequested', 3, v1)).toThrow(UnsupportedSchemaVersionError);
  });

  it('folds into a deployment that ships no task, and later commands are decided on it', () => {
    const requested = {
      type: 'DeploymentRequested',
      data: EVENT_CATALOG.upcast('DeploymentRequested', 1, v1),
      occurredAt: '2025-03-01T09:00:00.000Z',
    } as DeploymentRequested;
    const state = fold(deploymentDecider, [requested]);
    expect(state).toMatchObject({ status: 'pending', deployment: { deploymentId: 'dep-7', taskIds: [] } });
    const at = new Date('2025-03-01T09:05:00.000Z');
    const completed = deploymentDecider.decide(
      { type: 'CompleteDeployment', data: { deploymentId: 'dep-7' }, metadata: { now: at, occurredAt: at } },
      state,
    );
    expect(completed.map((event) => event.type)).toEqual(['DeploymentCompleted']);
  });
});
