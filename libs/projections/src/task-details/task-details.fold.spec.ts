import { EnvelopeWithUpcastData } from '../engine/projection';
import { foldTaskDetails, IntervalRow, LoadedTaskDetails, QuestionRow } from './task-details.fold';

let position = 0;
const minute = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
const event = (type: string, data: Record<string, unknown>, m: number): EnvelopeWithUpcastData => {
  position += 1;
  return {
    position,
    eventId: `e${position}`,
    streamId: 'task-t1',
    streamType: 'task',
    version: position,
    type,
    schemaVersion: 1,
    data: { taskId: 't1', ...data },
    metadata: {},
    occurredAt: minute(m).toISOString(),
    recordedAt: minute(m).toISOString(),
    hash: '',
  };
};
const nothingLoaded: LoadedTaskDetails = { openIntervals: new Map(), openQuestions: new Map() };
const created = () =>
  event('TaskCreated', { workflowId: 'wf', name: 'T', goal: 'g', priority: 'low', areas: ['src'] }, 0);
const outcome = {
  summary: 's',
  achievements: ['a'],
  limitations: [],
  nextSteps: ['n'],
  manualReviewNeeded: false,
  testsStatus: 'passed',
  packagesAdded: ['p'],
  packagesRemoved: [],
  commandsExecuted: ['npm test'],
};
const spans = (rows: readonly IntervalRow[]) =>
  rows.map((r) => [r.seq, r.status, r.started_at.getUTCMinutes(), r.ended_at?.getUTCMinutes() ?? null]);

describe('the task details fold', () => {
  beforeEach(() => (position = 0));

  it('opens a status interval at each change of status and closes the one before', () => {
    const changes = foldTaskDetails(
      [
        created(),
        event('TaskStarted', {}, 2),
        event('TaskBlocked', { reason: 'r' }, 5),
        event('TaskUnblocked', {}, 9),
        event('TaskFailed', { reason: 'x', durationMs: 1 }, 10),
        event('TaskRetried', { attempt: 2 }, 11),
      ],
      nothingLoaded,
    );
    expect(spans(changes.intervals)).toEqual([
      [1, 'backlog', 0, 2],
      [2, 'in_progress', 2, 5],
      [3, 'blocked', 5, 9],
      [4, 'in_progress', 9, 10],
      [5, 'failed', 10, 11],
      [6, 'in_progress', 11, null],
    ]);
    // The position is that of the event that last changed the row: the one that closed it.
    expect(changes.intervals[1].position).toBe(3);
  });

  it('continues from the current interval and the open questions loaded before the batch', () => {
    const loaded: LoadedTaskDetails = {
      openIntervals: new Map([
        [
          't1',
          {
            task_id: 't1',
            seq: 4,
            status: 'needs_input',
            started_at: minute(3),
            ended_at: null,
            position: 7,
          },
        ],
      ]),
      openQuestions: new Map<string, QuestionRow[]>([
        [
          't1',
          ['q1', 'q2'].map((id) => ({
            task_id: 't1',
            question_id: id,
            question: `${id}?`,
            context: null,
            asked_at: minute(3),
            answer: null,
            answered_at: null,
            position: 7,
          })),
        ],
      ]),
    };
    position = 10;
    const answeredOne = foldTaskDetails(
      [event('QuestionAnswered', { questionId: 'q1', answer: 'yes' }, 4)],
      loaded,
    );
    // One question is still open: the task still waits for input.
    expect(answeredOne.intervals).toEqual([]);
    expect(answeredOne.questions).toEqual([
      expect.objectContaining({ question_id: 'q1', answer: 'yes', answered_at: minute(4), position: 11 }),
    ]);
    const answeredBoth = foldTaskDetails(
      [
        event('QuestionAnswered', { questionId: 'q1', answer: 'yes' }, 4),
        event('QuestionAnswered', { questionId: 'q2', answer: 'no' }, 6),
      ],
      loaded,
    );
    expect(spans(answeredBoth.intervals)).toEqual([
      [4, 'needs_input', 3, 6],
      [5, 'in_progress', 6, null],
    ]);
  });

  it('records milestones, issues and questions asked and answered in one batch', () => {
    const changes = foldTaskDetails(
      [
        created(),
        event('TaskStarted', {}, 1),
        event('MilestoneRecorded', { message: 'half', progress: 50, metadata: { k: 1 } }, 2),
        event('IssueLogged', { issueId: 'i1', type: 'bug', description: 'd', requiresHumanReview: true }, 3),
        event('QuestionAsked', { questionId: 'q1', question: 'which?' }, 4),
        event('QuestionAnswered', { questionId: 'q1', answer: 'this' }, 6),
      ],
      nothingLoaded,
    );
    expect(changes.milestones).toEqual([
      {
        task_id: 't1',
        position: 3,
        message: 'half',
        progress: 50,
        metadata: { k: 1 },
        recorded_at: minute(2),
      },
    ]);
    expect(changes.issues).toEqual([
      expect.objectContaining({ issue_id: 'i1', type: 'bug', resolution: null, requires_human_review: true }),
    ]);
    expect(changes.questions).toEqual([
      expect.objectContaining({
        question_id: 'q1',
        asked_at: minute(4),
        answer: 'this',
        answered_at: minute(6),
      }),
    ]);
    expect(spans(changes.intervals).slice(-2)).toEqual([
      [3, 'needs_input', 4, 6],
      [4, 'in_progress', 6, null],
    ]);
  });

  it('keeps the outcome and the files of the last finished attempt, each file with its scope check', () => {
    const changes = foldTaskDetails(
      [
        created(),
        event('TaskStarted', {}, 1),
        event(
          'TaskFailed',
          { reason: 'r', durationMs: 60_000, files: { added: ['src/a.ts'], modified: [], deleted: [] } },
          2,
        ),
        event('TaskRetried', { attempt: 2 }, 3),
        event(
          'TaskCompleted',
          {
            ...outcome,
            result: 'success',
            durationMs: 240_000,
            files: { added: ['src/b.ts'], modified: ['README.md', 'src/b.ts'], deleted: [] },
            scopeMatch: false,
            unexpectedFiles: ['README.md'],
          },
          5,
        ),
      ],
      nothingLoaded,
    );
    expect(changes.outcomes).toEqual([
      expect.objectContaining({
        kind: 'completed',
        achievements: ['a'],
        next_steps: ['n'],
        duration_ms: 240_000,
      }),
    ]);
    expect(changes.files.get('t1')).toEqual([
      { task_id: 't1', path: 'src/b.ts', change: 'modified', in_scope: true, position: 5 },
      { task_id: 't1', path: 'README.md', change: 'modified', in_scope: false, position: 5 },
    ]);
  });

  it('ignores the events of a task it never saw created', () => {
    const changes = foldTaskDetails([event('MilestoneRecorded', { message: 'm' }, 1)], nothingLoaded);
    expect(changes).toMatchObject({ milestones: [], intervals: [], questions: [] });
  });
});
