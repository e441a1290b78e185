import { fold } from '../shared';
import { deciderSpec, errorThrownBy, iso, metadataAt } from '../shared/testing';
import { WORKFLOW_ID } from '../workflow/testing/workflow.fixtures';
import { TaskCommand } from './task.commands';
import { taskDecider } from './task.decider';
import { TaskEvent } from './task.events';
import { TaskStatus } from './task.state';
import {
  outcome,
  questionAnswered,
  questionAsked,
  TASK_ID,
  taskBlocked,
  taskCommand,
  taskCompleted,
  taskCreated,
  taskEvent,
  taskFailed,
  taskRetried,
  taskStarted,
} from './testing/task.fixtures';

const spec = deciderSpec(taskDecider);

const statusAfter = (events: readonly TaskEvent[]): TaskStatus | 'initial' =>
  fold(taskDecider, events).status;

/** A history that leaves the task in each status, with no question open. */
const historyIn: Record<TaskStatus, TaskEvent[]> = {
  backlog: [taskCreated()],
  in_progress: [taskCreated(), taskStarted()],
  needs_input: [taskCreated(), taskStarted(), questionAsked('q1')],
  blocked: [taskCreated(), taskStarted(), taskBlocked()],
  completed: [taskCreated(), taskStarted(), taskCompleted()],
  failed: [taskCreated(), taskStarted(), taskFailed()],
  cancelled: [taskCreated(), taskEvent('TaskCancelled', { reason: 'not needed' })],
};
const ALL_STATUSES = Object.keys(historyIn) as TaskStatus[];

type LifeCycleRow = {
  command: Exclude<TaskCommand, { type: 'CreateTask' | 'AnswerQuestion' }>;
  event: TaskEvent['type'];
  from: TaskStatus[];
  /** The status after the command, or 'same' when it does not change the status. */
  to: TaskStatus | 'same';
};

/** The task's life cycle, written out as the documentation states it (AnswerQuestion has its own tests). */
const lifeCycle: LifeCycleRow[] = [
  { command: taskCommand('StartTask', {}), event: 'TaskStarted', from: ['backlog'], to: 'in_progress' },
  {
    command: taskCommand('AssignTask', { assignee: { type: 'human', id: 'ann' } }),
    event: 'TaskAssigned',
    from: ['backlog', 'in_progress', 'needs_input', 'blocked'],
    to: 'same',
  },
  {
    command: taskCommand('RecordMilestone', { message: 'schema done', progress: 40 }),
    event: 'MilestoneRecorded',
    from: ['in_progress', 'needs_input', 'blocked'],
    to: 'same',
  },
  {
    command: taskCommand('LogIssue', {
      issueId: 'i1',
      type: 'bug',
      description: 'crash',
      requiresHumanReview: true,
    }),
    event: 'IssueLogged',
    from: ['backlog', 'in_progress', 'needs_input', 'blocked', 'completed', 'failed'],
    to: 'same',
  },
  {
    command: taskCommand('AskQuestion', { questionId: 'q9', question: 'Which provider?' }),
    event: 'QuestionAsked',
    from: ['in_progress', 'needs_input'],
    to: 'needs_input',
  },
  {
    command: taskCommand('BlockTask', { reason: 'waiting for the API' }),
    event: 'TaskBlocked',
    from: ['in_progress', 'needs_input'],
    to: 'blocked',
  },
  { command: taskCommand('UnblockTask', {}), event: 'TaskUnblocked', from: ['blocked'], to: 'in_progress' },
  {
    command: taskCommand('CompleteTask', outcome()),
    event: 'TaskCompleted',
    from: ['in_progress'],
    to: 'completed',
  },
  {
    command: taskCommand('FailTask', { reason: 'tests fail' }),
    event: 'TaskFailed',
    from: ['in_progress', 'needs_input', 'blocked'],
    to: 'failed',
  },
  {
    command: taskCommand('CancelTask', { reason: 'not needed' }),
    event: 'TaskCancelled',
    from: ['backlog', 'in_progress', 'needs_input', 'blocked'],
    to: 'cancelled',
  },
  { command: taskCommand('RetryTask', {}), event: 'TaskRetried', from: ['failed'], to: 'in_progress' },
];

describe('Task decider', () => {
  describe('life cycle', () => {
    for (const { command, event, from, to } of lifeCycle) {
      describe(command.type, () => {
        const allowed = ALL_STATUSES.filter((status) => from.includes(status));
        const refused = ALL_STATUSES.filter((status) => !from.includes(status));

        it.each(allowed)(`is allowed from %s and records ${event}`, (status) => {
          const events = spec.given(historyIn[status]).when(command).events();

          expect(events.map((decided) => decided.type)).toEqual([event]);
          expect(statusAfter([...historyIn[status], ...events])).toBe(to === 'same' ? status : to);
        });

        if (refused.length > 0) {
          it.each(refused)('task.invalid_transition: is refused from %s', (status) => {
            spec.given(historyIn[status]).when(command).thenThrows('task.invalid_transition', {
              taskId: TASK_ID,
              from: status,
              command: command.type,
            });
          });
        }
      });
    }
  });

  describe('CreateTask (the task stream alone; see decideCreateTask)', () => {
    it('creates a task in the backlog, leaving its dependencies to the workflow stream', () => {
      const data = {
        workflowId: WORKFLOW_ID,
        phaseId: 'p1',
        parentTaskId: 't-0',
        name: 'Add login',
        goal: 'Users can log in',
        priority: 'high' as const,
        category: 'feature',
        areas: ['src/auth/**'],
      };

      spec
        .given([])
        .when(taskCommand('CreateTask', { ...data, dependsOn: ['t-0'] }))
        .then([taskEvent('TaskCreated', data, 1)]);
    });

    it('task.already_exists: a task is created once', () => {
      spec
        .given([taskCreated()])
        .when(
          taskCommand('CreateTask', {
            workflowId: WORKFLOW_ID,
            name: 'Again',
            goal: 'x',
            priority: 'low',
            areas: [],
            dependsOn: [],
          }),
        )
        .thenThrows('task.already_exists', { taskId: TASK_ID });
    });
  });

  describe('task.not_found', () => {
    it.each(lifeCycle.map(({ command }) => [command.type, command]))(
      '%s needs an existing task',
      (_type, command) => {
        spec.given([]).when(command).thenThrows('task.not_found', { taskId: TASK_ID });
      },
    );

    it('is a missing entity, not a broken rule', () => {
      expect(errorThrownBy(() => spec.given([]).when(taskCommand('StartTask', {})).events()).kind).toBe(
        'not_found',
      );
    });
  });

  describe('StartTask', () => {
    it('records the assignee and the snapshot the work starts from', () => {
      const data = {
        assignee: { type: 'agent' as const, id: 'claude-7', name: 'Claude' },
        snapshotId: 's-1',
      };

      spec
        .given([taskCreated()])
        .when(taskCommand('StartTask', data))
        .then([taskEvent('TaskStarted', data, 1)]);
    });
  });

  describe('AssignTask', () => {
    const ann = { type: 'human' as const, id: 'ann' };

    it('records a new assignee', () => {
      spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('AssignTask', { assignee: ann }))
        .then([taskEvent('TaskAssigned', { assignee: ann }, 1)]);
    });

    it('records no event when the assignee is already the one given', () => {
      spec
        .given([taskCreated(), taskEvent('TaskStarted', { assignee: ann })])
        .when(taskCommand('AssignTask', { assignee: { id: 'ann', type: 'human', name: undefined } }))
        .then([]);
    });
  });

  describe('RecordMilestone', () => {
    it('records the message, the progress and free metadata', () => {
      const data = { message: 'schema done', progress: 100, metadata: { tables: 3 } };

      spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('RecordMilestone', data))
        .then([taskEvent('MilestoneRecorded', data, 1)]);
    });

    it.each([-1, 100.5, Number.NaN])(
      'task.progress_out_of_range: progress %s is not a percentage',
      (progress) => {
        const when = spec
          .given([taskCreated(), taskStarted()])
          .when(taskCommand('RecordMilestone', { message: 'x', progress }));

        when.thenThrows('task.progress_out_of_range', { field: 'progress' });
        expect(errorThrownBy(when.events).kind).toBe('invalid');
      },
    );
  });

  describe('LogIssue', () => {
    const issue = {
      issueId: 'i1',
      type: 'doc_gap' as const,
      description: 'the auth flow is undocumented',
      resolution: 'read the code',
      requiresHumanReview: false,
    };

    it('records an issue', () => {
      spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('LogIssue', issue))
        .then([taskEvent('IssueLogged', issue, 1)]);
    });

    it('task.issue_already_logged: an issue id is used once per task', () => {
      spec
        .given([taskCreated(), taskStarted(), taskEvent('IssueLogged', issue)])
        .when(taskCommand('LogIssue', { ...issue, description: 'again' }))
        .thenThrows('task.issue_already_logged', { issueId: 'i1' });
    });
  });

  describe('questions', () => {
    const answer = (questionId: string, at = 1) =>
      taskCommand('AnswerQuestion', { questionId, answer: 'This.' }, at);

    it('asking a question moves the task to needs_input', () => {
      const data = { questionId: 'q1', question: 'Which provider?', context: 'two are configured' };

      spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('AskQuestion', data))
        .then([taskEvent('QuestionAsked', data, 1)]);
      expect(statusAfter([taskCreated(), taskStarted(), taskEvent('QuestionAsked', data)])).toBe(
        'needs_input',
      );
    });

    it('task.question_already_asked: a question id is used once per task', () => {
      spec
        .given([taskCreated(), taskStarted(), questionAsked('q1'), questionAnswered('q1')])
        .when(taskCommand('AskQuestion', { questionId: 'q1', question: 'again?' }))
        .thenThrows('task.question_already_asked', { questionId: 'q1' });
    });

    it('answering the only open question moves the task back to in_progress', () => {
      const history = [taskCreated(), taskStarted(), questionAsked('q1')];
      const events = spec.given(history).when(answer('q1')).events();

      expect(events).toEqual([questionAnswered('q1', 1)]);
      expect(statusAfter([...history, ...events])).toBe('in_progress');
    });

    it('the task keeps needing input while another question is open', () => {
      const history = [taskCreated(), taskStarted(), questionAsked('q1'), questionAsked('q2')];
      const events = spec.given(history).when(answer('q1')).events();

      expect(statusAfter([...history, ...events])).toBe('needs_input');
    });

    it('answering while blocked keeps the task blocked; unblocking then resumes work', () => {
      const history = [
        taskCreated(),
        taskStarted(),
        questionAsked('q1'),
        taskBlocked(),
        questionAnswered('q1'),
      ];

      expect(statusAfter(history)).toBe('blocked');
      spec
        .given(history)
        .when(taskCommand('UnblockTask', {}))
        .then([taskEvent('TaskUnblocked', {}, 1)]);
      expect(statusAfter([...history, taskEvent('TaskUnblocked', {})])).toBe('in_progress');
    });

    it('unblocking a task with an open question returns it to needs_input', () => {
      expect(
        statusAfter([
          taskCreated(),
          taskStarted(),
          questionAsked('q1'),
          taskBlocked(),
          taskEvent('TaskUnblocked', {}),
        ]),
      ).toBe('needs_input');
    });

    it('an answer can still be recorded on a failed task', () => {
      spec
        .given([taskCreated(), taskStarted(), questionAsked('q1'), taskFailed()])
        .when(answer('q1'))
        .then([questionAnswered('q1', 1)]);
    });

    it('task.invalid_transition: a cancelled task takes no answer', () => {
      spec
        .given([
          taskCreated(),
          taskStarted(),
          questionAsked('q1'),
          taskEvent('TaskCancelled', { reason: 'x' }),
        ])
        .when(answer('q1'))
        .thenThrows('task.invalid_transition', { from: 'cancelled', command: 'AnswerQuestion' });
    });

    it('task.question_not_found: only an asked question can be answered', () => {
      const when = spec.given([taskCreated(), taskStarted(), questionAsked('q1')]).when(answer('q2'));

      when.thenThrows('task.question_not_found', { questionId: 'q2' });
      expect(errorThrownBy(when.events).kind).toBe('not_found');
    });

    it('task.question_already_answered: a question is answered once', () => {
      spec
        .given([taskCreated(), taskStarted(), questionAsked('q1'), questionAnswered('q1', 2)])
        .when(answer('q1', 3))
        .thenThrows('task.question_already_answered', { questionId: 'q1', answeredAt: iso(2) });
    });

    it('a task waiting for input cannot be completed', () => {
      spec
        .given([
          taskCreated(),
          taskStarted(),
          questionAsked('q1'),
          questionAsked('q2'),
          questionAnswered('q1'),
        ])
        .when(taskCommand('CompleteTask', outcome()))
        .thenThrows('task.invalid_transition', { from: 'needs_input', command: 'CompleteTask' });
    });
  });

  describe('BlockTask', () => {
    it('records the reason and what blocks the task', () => {
      const data = { reason: 'waiting for the API', blockedBy: ['t-2', 'vendor ticket 42'] };

      spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('BlockTask', data))
        .then([taskEvent('TaskBlocked', data, 1)]);
    });
  });

  describe('CompleteTask', () => {
    it('records the outcome with its duration from the first start and a matching scope', () => {
      spec
        .given([taskCreated(0), taskStarted(10)])
        .when(taskCommand('CompleteTask', outcome(), 40))
        .then([
          taskEvent(
            'TaskCompleted',
            { ...outcome(), durationMs: 30 * 60_000, scopeMatch: true, unexpectedFiles: [] },
            40,
          ),
        ]);
    });

    it('counts the duration from the first start, across failures and retries', () => {
      const [completed] = spec
        .given([taskCreated(0), taskStarted(10), taskFailed(20), taskRetried(2, 30)])
        .when(taskCommand('CompleteTask', outcome(), 70))
        .events();

      expect(completed.data).toMatchObject({ durationMs: 60 * 60_000 });
    });

    it('lists the changed files outside every declared area', () => {
      const files = {
        added: ['src/auth/login.ts', 'src/billing/invoice.ts'],
        modified: ['docs/auth.md', 'package.json'],
        deleted: ['scripts/old.sh'],
      };
      const [completed] = spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('CompleteTask', outcome({ files, result: 'partial_success' })))
        .events();

      expect(completed.data).toMatchObject({
        scopeMatch: false,
        unexpectedFiles: ['src/billing/invoice.ts', 'package.json', 'scripts/old.sh'],
      });
    });

    it('matches the scope of a task that declared no areas', () => {
      const files = { added: ['anywhere/at/all.ts'], modified: [], deleted: [] };
      const [completed] = spec
        .given([taskCreated(0, []), taskStarted()])
        .when(taskCommand('CompleteTask', outcome({ files })))
        .events();

      expect(completed.data).toMatchObject({ scopeMatch: true, unexpectedFiles: [] });
    });
  });

  describe('FailTask', () => {
    it('records the reason and duration, without a scope check when no files were reported', () => {
      const [failed] = spec
        .given([taskCreated(0), taskStarted(5)])
        .when(taskCommand('FailTask', { reason: 'tests fail', testsStatus: 'failed' }, 20))
        .events();

      expect(failed).toStrictEqual(
        taskEvent('TaskFailed', { reason: 'tests fail', testsStatus: 'failed', durationMs: 15 * 60_000 }, 20),
      );
    });

    it('checks the scope of the files a failed attempt reports', () => {
      const files = { added: [], modified: ['src/auth/login.ts', 'Makefile'], deleted: [] };
      const [failed] = spec
        .given([taskCreated(), taskStarted()])
        .when(taskCommand('FailTask', { reason: 'tests fail', files }))
        .events();

      expect(failed.data).toMatchObject({ files, scopeMatch: false, unexpectedFiles: ['Makefile'] });
    });
  });

  describe('RetryTask', () => {
    it('starts the second attempt of a failed task', () => {
      spec
        .given([taskCreated(), taskStarted(), taskFailed()])
        .when(taskCommand('RetryTask', { reason: 'flaky test fixed' }))
        .then([taskEvent('TaskRetried', { attempt: 2, reason: 'flaky test fixed' }, 1)]);
    });

    it('counts every attempt', () => {
      spec
        .given([taskCreated(), taskStarted(), taskFailed(), taskRetried(2), taskFailed()])
        .when(taskCommand('RetryTask', {}))
        .then([taskEvent('TaskRetried', { attempt: 3 }, 1)]);
    });

    it('returns to needs_input when a question asked before the failure is still open', () => {
      expect(
        statusAfter([taskCreated(), taskStarted(), questionAsked('q1'), taskFailed(), taskRetried(2)]),
      ).toBe('needs_input');
    });
  });

  describe('occurredAt', () => {
    const milestone = (occurredAt: number, now: number): TaskCommand => ({
      type: 'RecordMilestone',
      data: { taskId: TASK_ID, message: 'step' },
      metadata: metadataAt(occurredAt, now),
    });

    it('command.occurred_at_in_future: refuses a fact more than 5 minutes ahead of the server clock', () => {
      spec
        .given([taskCreated(0), taskStarted(0)])
        .when(milestone(16, 10))
        .thenThrows('command.occurred_at_in_future');
    });

    it("command.occurred_at_before_previous: refuses a fact earlier than the stream's previous one", () => {
      spec
        .given([taskCreated(0), taskStarted(5)])
        .when(milestone(4, 10))
        .thenThrows('command.occurred_at_before_previous', { expected: `>= ${iso(5)}` });
    });

    it('accepts a fact at the same time as the previous one, and stamps it with that time', () => {
      spec
        .given([taskCreated(0), taskStarted(5)])
        .when(milestone(5, 10))
        .then([taskEvent('MilestoneRecorded', { message: 'step' }, 5)]);
    });
  });

  it('emits events that survive a JSON round trip unchanged', () => {
    const history: TaskEvent[] = [];
    const decideAndRecord = (command: TaskCommand) =>
      history.push(...spec.given(history).when(command).events());

    decideAndRecord(
      taskCommand('CreateTask', {
        workflowId: WORKFLOW_ID,
        name: 'Add login',
        goal: 'Users can log in',
        priority: 'urgent',
        category: undefined,
        phaseId: undefined,
        areas: ['src/**'],
        dependsOn: [],
      }),
    );
    decideAndRecord(taskCommand('StartTask', { assignee: { type: 'agent', id: 'a-1', name: undefined } }));
    decideAndRecord(
      taskCommand('RecordMilestone', { message: 'half', progress: undefined, metadata: { a: [1] } }),
    );
    decideAndRecord(taskCommand('AskQuestion', { questionId: 'q1', question: '?', context: undefined }));
    decideAndRecord(taskCommand('AnswerQuestion', { questionId: 'q1', answer: '!' }));
    decideAndRecord(taskCommand('FailTask', { reason: 'x', summary: undefined }));
    decideAndRecord(taskCommand('RetryTask', { reason: undefined }));
    decideAndRecord(
      taskCommand('CompleteTask', outcome({ manualReviewReason: undefined, snapshotId: undefined })),
    );

    expect(history).toHaveLength(8);
    expect(JSON.parse(JSON.stringify(history))).toStrictEqual(history);
  });
});
