import { EVENT_CATALOG } from '@annals/contracts';
import { TestLedger } from '../testing/test-ledger';
import { ACTIVITY_EVENTS, activityRows, entitiesReferred } from './activity-row';
import { ACTIVITY_SUMMARIES, SUMMARY_MAX_LENGTH, summaryOf } from './activity-summary';

const at = new Date(Date.UTC(2026, 0, 1)).toISOString();

describe('the activity row', () => {
  it('handles every event type of the catalog, each with a summary of its own', () => {
    const catalogTypes = EVENT_CATALOG.all().map((definition) => definition.type);
    expect([...ACTIVITY_EVENTS].sort()).toEqual([...catalogTypes].sort());
    expect(Object.keys(ACTIVITY_SUMMARIES).sort()).toEqual([...catalogTypes].sort());
  });

  it('cuts long summaries', () => {
    const summary = summaryOf('TaskFailed', { reason: 'x'.repeat(500) });
    expect(summary).toHaveLength(SUMMARY_MAX_LENGTH);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('learns an entity’s workflow from its creation in the same batch, or from the stored timeline', () => {
    const ledger = new TestLedger();
    const created = ledger.event(
      'TaskCreated',
      { taskId: 't1', workflowId: 'wf', name: 'n', goal: 'g', priority: 'low', areas: [] },
      at,
    );
    const started = ledger.event('TaskStarted', { taskId: 't1' }, at);
    const otherTask = ledger.event('TaskStarted', { taskId: 't2' }, at);
    const accepted = ledger.event('DecisionAccepted', { decisionId: 'd9' }, at);
    const rows = activityRows([created, started, otherTask, accepted], new Map([['task:t2', 'wf-2']]));
    expect(rows.map((row) => [row.entity_kind, row.entity_id, row.workflow_id])).toEqual([
      ['task', 't1', 'wf'],
      ['task', 't1', 'wf'],
      ['task', 't2', 'wf-2'],
      ['decision', 'd9', null],
    ]);
  });

  it('looks up the entities a batch refers to: its own and the task a decision or snapshot is about', () => {
    const ledger = new TestLedger();
    const decision = ledger.event(
      'DecisionRecorded',
      {
        decisionId: 'd1',
        taskId: 't1',
        category: 'other',
        question: 'q',
        optionsConsidered: ['a'],
        chosen: 'a',
        reasoning: 'r',
        status: 'accepted',
      },
      at,
    );
    expect(entitiesReferred([decision])).toEqual([
      { kind: 'decision', id: 'd1' },
      { kind: 'task', id: 't1' },
    ]);
    expect(activityRows([decision], new Map([['task:t1', 'wf']]))[0].workflow_id).toBe('wf');
  });
});
