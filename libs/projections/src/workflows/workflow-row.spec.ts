import { EnvelopeWithUpcastData } from '../engine/projection';
import { foldRows } from '../engine/fold-rows';
import { stateOf } from '../engine/projection-status';
import { evolveWorkflowRow } from './workflow-row';
import { workflowView } from './workflow-view';

const event = (position: number, type: string, data: Record<string, unknown>): EnvelopeWithUpcastData => ({
  position,
  eventId: `e${position}`,
  streamId: 'workflow-w',
  streamType: 'workflow',
  version: position,
  type,
  schemaVersion: 1,
  data: { workflowId: 'w', ...data },
  metadata: {},
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, position)).toISOString(),
  recordedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  hash: '',
});
const fold = (...events: EnvelopeWithUpcastData[]) =>
  foldRows(new Map(), events, (e) => e.data.workflowId, evolveWorkflowRow)[0];

describe('the workflows row', () => {
  it('applies only the fields an update names, null clearing one', () => {
    const row = fold(
      event(1, 'WorkflowStarted', { name: 'W', description: 'd', labels: ['a'] }),
      event(2, 'WorkflowUpdated', { description: null, labels: ['b'] }),
    );
    expect(row).toMatchObject({ name: 'W', description: null, labels: ['b'], position: 2 });
  });

  it('follows phases and the end of the workflow', () => {
    const row = fold(
      event(1, 'WorkflowStarted', { name: 'W' }),
      event(2, 'PhaseStarted', { phaseId: 'p', number: 1, name: 'P' }),
      event(3, 'PhaseCompleted', { phaseId: 'p' }),
      event(4, 'WorkflowCompleted', { result: 'partial', summary: 's' }),
    );
    expect(workflowView(row, { completed: 2, failed: 1 })).toMatchObject({
      status: 'partial',
      result: 'partial',
      summary: 's',
      phases: [
        {
          phaseId: 'p',
          parallel: false,
          status: 'completed',
          startedAt: '2026-01-01T00:02:00.000Z',
          completedAt: '2026-01-01T00:03:00.000Z',
        },
      ],
      taskCounts: { completed: 2, failed: 1, total: 3 },
      createdAt: '2026-01-01T00:01:00.000Z',
      updatedAt: '2026-01-01T00:04:00.000Z',
    });
  });

  it('archives', () => {
    expect(fold(event(1, 'WorkflowStarted', { name: 'W' }), event(2, 'WorkflowArchived', {})).status).toBe(
      'archived',
    );
  });
});

describe('projection state', () => {
  it('is stopped without a lock holder, else running when caught up and catching up when behind', () => {
    expect([stateOf(false, 0), stateOf(true, 0), stateOf(true, 3)]).toEqual([
      'stopped',
      'running',
      'catching_up',
    ]);
  });
});
