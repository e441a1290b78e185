import { EnvelopeWithUpcastData } from '../engine/projection';
import { foldRows } from '../engine/fold-rows';
import { foldEdges } from './dependency-edges';
import { evolveTaskRow, TaskRow } from './task-row';
import { taskView } from './task-view';

let position = 0;
const event = (type: string, data: Record<string, unknown>, minute = position): EnvelopeWithUpcastData => {
  position += 1;
  return {
    position,
    eventId: `e${position}`,
    streamId: `task-${String(data.taskId)}`,
    streamType: 'task',
    version: position,
    type,
    schemaVersion: 1,
    data: { taskId: 't1', ...data },
    metadata: {},
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    hash: '',
  };
};
const created = () =>
  event('TaskCreated', { workflowId: 'wf', name: 'T', goal: 'g', priority: 'high', areas: ['src'] }, 0);
const fold = (...events: EnvelopeWithUpcastData[]): TaskRow =>
  foldRows(new Map(), events, (e) => e.data.taskId, evolveTaskRow)[0];

describe('the tasks row', () => {
  beforeEach(() => (position = 0));

  it('starts in the backlog with the creation time and position', () => {
    expect(fold(created())).toMatchObject({
      id: 't1',
      status: 'backlog',
      priority_rank: 2,
      attempt: 1,
      position: 1,
    });
  });

  it('keeps the first start time across restarts and records the assignee', () => {
    const row = fold(
      created(),
      event('TaskStarted', { assignee: { type: 'agent', id: 'a1' } }, 5),
      event('TaskFailed', { reason: 'broke', durationMs: 1 }, 6),
      event('TaskRetried', { attempt: 2 }, 7),
      event('TaskStarted', {}, 8),
    );
    expect(taskView(row)).toMatchObject({
      status: 'in_progress',
      attempt: 2,
      startedAt: '2026-01-01T00:05:00.000Z',
      updatedAt: '2026-01-01T00:08:00.000Z',
      assignee: { type: 'agent', id: 'a1', name: null },
      outcome: { failureReason: 'broke' },
      position: 5,
    });
  });

  it('waits for input while a question is open, also after an unblock', () => {
    const asked = [
      created(),
      event('QuestionAsked', { questionId: 'q1' }),
      event('TaskBlocked', { reason: 'r' }),
    ];
    expect(fold(...asked, event('TaskUnblocked', {})).status).toBe('needs_input');
    position = 0;
    const answered = fold(
      created(),
      event('QuestionAsked', { questionId: 'q1' }),
      event('QuestionAnswered', { questionId: 'q1' }),
    );
    expect(taskView(answered)).toMatchObject({ status: 'in_progress', counts: { openQuestions: 0 } });
  });

  it('records the outcome of a completion and counts milestones and issues', () => {
    const row = fold(
      created(),
      event('MilestoneRecorded', { message: 'm' }),
      event('IssueLogged', { issueId: 'i1' }),
      event('TaskCompleted', {
        result: 'success',
        summary: 's',
        testsStatus: 'passed',
        manualReviewNeeded: true,
        scopeMatch: false,
        unexpectedFiles: ['x.md'],
      }),
    );
    expect(taskView(row)).toMatchObject({
      status: 'completed',
      completedAt: row.updated_at.toISOString(),
      outcome: { result: 'success', manualReviewNeeded: true, scopeMatch: false, unexpectedFiles: ['x.md'] },
      counts: { milestones: 1, issues: 1, openQuestions: 0 },
    });
  });

  it('ignores events of a task it never saw created', () => {
    expect(foldRows(new Map(), [event('TaskStarted', {})], (e) => e.data.taskId, evolveTaskRow)).toEqual([]);
  });

  it('keeps the last word of a batch on each dependency edge', () => {
    const edge = { workflowId: 'wf', taskId: 'b', dependsOnTaskId: 'a' };
    const other = { workflowId: 'wf', taskId: 'c', dependsOnTaskId: 'a' };
    const changes = foldEdges([
      event('DependencyAdded', edge),
      event('DependencyAdded', other),
      event('DependencyRemoved', other),
    ]);
    expect(changes).toEqual({
      present: [{ task_id: 'b', depends_on_task_id: 'a', workflow_id: 'wf', position: 1 }],
      removed: [{ task_id: 'c', depends_on_task_id: 'a' }],
    });
  });
});
