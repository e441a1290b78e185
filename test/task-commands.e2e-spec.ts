import { startTestApp, TestApp, TestResponse } from './support/test-app';

interface StoredEvent {
  readonly type: string;
  readonly streamId: string;
  readonly version: number;
  readonly data: Record<string, any>;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** One past a bound: a string of `max + 1` characters, a list of `max + 1` items. */
const longer = (max: number) => 'x'.repeat(max + 1);
const more = (max: number, item: unknown = 'a') => Array.from({ length: max + 1 }, () => item);

describe('task commands over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  const post = (path: string, body: unknown = {}) => t.request('POST', path, { body });
  const typesOf = (response: TestResponse): string[] =>
    response.body.events.map((e: { type: string }) => e.type);

  async function streamOf(streamId: string): Promise<{ version: number; items: StoredEvent[] }> {
    const response = await t.request('GET', `/v1/streams/${streamId}/events`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function expectOk(response: Promise<TestResponse>, status = 200): Promise<TestResponse> {
    const settled = await response;
    expect({ status: settled.status, body: settled.body }).toMatchObject({ status });
    return settled;
  }

  const startWorkflow = (id: string, extra: object = {}) =>
    expectOk(post('/v1/workflows', { id, name: `Workflow ${id}`, ...extra }), 201);

  const createTask = (id: string, workflowId: string, extra: object = {}) =>
    expectOk(
      post('/v1/tasks', { id, workflowId, name: `Task ${id}`, goal: 'do it', priority: 'medium', ...extra }),
      201,
    );

  describe('the life of a task', () => {
    // Explicit times, so that the duration the decider computes is known exactly.
    const base = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

    it('records every step and completes with its duration and scope check', async () => {
      await startWorkflow('wf-life', { occurredAt: at(0) });
      await expectOk(
        post('/v1/workflows/wf-life/phases', {
          phaseId: 'build',
          number: 1,
          name: 'Build',
          occurredAt: at(0),
        }),
      );

      const created = await createTask('life', 'wf-life', {
        phaseId: 'build',
        areas: ['src/api', 'docs'],
        category: 'feature',
        occurredAt: at(1),
      });
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        id: 'life',
        streamId: 'task-life',
        version: 1,
        events: [
          { type: 'TaskCreated', streamId: 'task-life', version: 1 },
          { type: 'TaskAttached', streamId: 'workflow-wf-life', version: 3 },
        ],
      });

      const assignee = { type: 'agent', id: 'coder-7', name: 'Coder' };
      expect(typesOf(await expectOk(post('/v1/tasks/life/start', { assignee, occurredAt: at(2) })))).toEqual([
        'TaskStarted',
      ]);
      const metadata = { step: 'schema', counts: [1, 2, 3], nested: { ok: true } };
      await expectOk(
        post('/v1/tasks/life/milestones', {
          message: 'schema done',
          progress: 30,
          metadata,
          occurredAt: at(3),
        }),
      );
      await expectOk(
        post('/v1/tasks/life/milestones', { message: 'api done', progress: 60, occurredAt: at(4) }),
      );
      const issue = await expectOk(
        post('/v1/tasks/life/issues', {
          type: 'doc_gap',
          description: 'the API is undocumented',
          requiresHumanReview: true,
          occurredAt: at(5),
        }),
      );
      expect(issue.body.version).toBe(5);
      await expectOk(
        post('/v1/tasks/life/questions', { questionId: 'q1', question: 'REST or gRPC?', occurredAt: at(6) }),
      );

      const whileWaiting = await post('/v1/tasks/life/complete', {
        result: 'success',
        summary: 'x',
        manualReviewNeeded: false,
        testsStatus: 'passed',
        files: {},
      });
      expect(whileWaiting.status).toBe(422);
      expect(whileWaiting.body).toMatchObject({ code: 'task.invalid_transition', from: 'needs_input' });

      await expectOk(post('/v1/tasks/life/questions/q1/answer', { answer: 'REST', occurredAt: at(7) }));
      await expectOk(
        post('/v1/tasks/life/block', {
          reason: 'waiting for keys',
          blockedBy: ['ops-12'],
          occurredAt: at(8),
        }),
      );
      await expectOk(post('/v1/tasks/life/unblock', { occurredAt: at(9) }));
      const completed = await expectOk(
        post('/v1/tasks/life/complete', {
          result: 'success',
          summary: 'API shipped',
          achievements: ['users endpoint'],
          manualReviewNeeded: false,
          testsStatus: 'passed',
          packagesAdded: ['zod'],
          files: { added: ['src/api/users.ts'], modified: ['docs/api.md', 'package.json'] },
          occurredAt: at(32),
        }),
      );
      expect(completed.headers.get('etag')).toBe('"10"');

      const stream = await streamOf('task-life');
      expect(stream.items.map((e) => e.type)).toEqual([
        'TaskCreated',
        'TaskStarted',
        'MilestoneRecorded',
        'MilestoneRecorded',
        'IssueLogged',
        'QuestionAsked',
        'QuestionAnswered',
        'TaskBlocked',
        'TaskUnblocked',
        'TaskCompleted',
      ]);
      const byType = (type: string) => stream.items.find((e) => e.type === type)!.data;
      expect(byType('TaskStarted')).toEqual({ taskId: 'life', assignee });
      expect(byType('MilestoneRecorded')).toEqual({
        taskId: 'life',
        message: 'schema done',
        progress: 30,
        metadata,
      });
      expect(byType('IssueLogged').issueId).toMatch(UUID_V7);
      expect(byType('TaskCompleted')).toMatchObject({
        durationMs: 30 * 60_000,
        scopeMatch: false,
        unexpectedFiles: ['package.json'],
        achievements: ['users endpoint'],
        limitations: [],
        files: { added: ['src/api/users.ts'], modified: ['docs/api.md', 'package.json'], deleted: [] },
      });
    });

    it('generates a task id when the body has none, and a question id when the question has none', async () => {
      await startWorkflow('wf-ids');
      const created = await expectOk(
        post('/v1/tasks', { workflowId: 'wf-ids', name: 'Anonymous', goal: 'g', priority: 'low' }),
        201,
      );
      expect(created.body.id).toMatch(UUID_V7);
      await expectOk(post(`/v1/tasks/${created.body.id}/start`));
      await expectOk(post(`/v1/tasks/${created.body.id}/questions`, { question: 'Why?' }));
      const asked = (await streamOf(`task-${created.body.id}`)).items.at(-1)!;
      expect(asked.data.questionId).toMatch(UUID_V7);
    });
  });

  it('counts attempts: each retry of a failed task begins the next one', async () => {
    await startWorkflow('wf-flaky');
    await createTask('flaky', 'wf-flaky', { areas: ['src'] });
    await expectOk(post('/v1/tasks/flaky/start'));
    const failure = { reason: 'tests are red', testsStatus: 'failed', files: { modified: ['src/a.ts'] } };
    await expectOk(post('/v1/tasks/flaky/fail', failure));
    await expectOk(post('/v1/tasks/flaky/retry', { reason: 'flaky runner' }));
    await expectOk(post('/v1/tasks/flaky/fail', { reason: 'still red' }));
    const again = await post('/v1/tasks/flaky/fail', { reason: 'twice' });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'task.invalid_transition', from: 'failed' });
    await expectOk(post('/v1/tasks/flaky/retry'));

    const { items } = await streamOf('task-flaky');
    expect(items.filter((e) => e.type === 'TaskRetried').map((e) => e.data.attempt)).toEqual([2, 3]);
    const [withFiles, withoutFiles] = items.filter((e) => e.type === 'TaskFailed').map((e) => e.data);
    expect(withFiles).toMatchObject({ scopeMatch: true, unexpectedFiles: [], testsStatus: 'failed' });
    expect(withFiles.durationMs).toBeGreaterThanOrEqual(0);
    expect(withoutFiles).not.toHaveProperty('scopeMatch');
    expect(withoutFiles).not.toHaveProperty('files');
  });

  it('cancels an open task, which then refuses to start', async () => {
    await startWorkflow('wf-cancel');
    await createTask('dropped', 'wf-cancel');
    const cancelled = await expectOk(post('/v1/tasks/dropped/cancel', { reason: 'out of scope' }));
    expect(typesOf(cancelled)).toEqual(['TaskCancelled']);
    const start = await post('/v1/tasks/dropped/start');
    expect(start.status).toBe(422);
    expect(start.body).toMatchObject({ code: 'task.invalid_transition', from: 'cancelled' });
  });

  it('answers 404 for a command on a task that does not exist', async () => {
    const res = await post('/v1/tasks/ghost/start');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'task.not_found', taskId: 'ghost' });
  });

  describe('creation is decided against the workflow too', () => {
    it('refuses a task in a workflow that does not exist (404) and writes nothing', async () => {
      const res = await post('/v1/tasks', {
        id: 'orphan',
        workflowId: 'nowhere',
        name: 'n',
        goal: 'g',
        priority: 'low',
      });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('workflow.not_found');
      expect((await streamOf('task-orphan')).version).toBe(0);
    });

    it('refuses a task in an archived workflow (422) and writes nothing', async () => {
      await startWorkflow('wf-old');
      await expectOk(post('/v1/workflows/wf-old/archive', { reason: 'done' }));
      const res = await post('/v1/tasks', {
        id: 'late',
        workflowId: 'wf-old',
        name: 'n',
        goal: 'g',
        priority: 'low',
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('workflow.archived');
      expect((await streamOf('task-late')).version).toBe(0);
      expect((await streamOf('workflow-wf-old')).version).toBe(2);
    });

    it('records dependsOn as edges on the workflow stream, each once', async () => {
      await startWorkflow('wf-deps');
      await createTask('base', 'wf-deps');
      const created = await createTask('top', 'wf-deps', { dependsOn: ['base', 'base'] });
      expect(
        created.body.events.map((e: { type: string; streamId: string }) => [e.type, e.streamId]),
      ).toEqual([
        ['TaskCreated', 'task-top'],
        ['TaskAttached', 'workflow-wf-deps'],
        ['DependencyAdded', 'workflow-wf-deps'],
      ]);
      const edge = (await streamOf('workflow-wf-deps')).items.at(-1)!;
      expect(edge.data).toEqual({ workflowId: 'wf-deps', taskId: 'top', dependsOnTaskId: 'base' });
    });

    it('refuses a dependency on a task outside the workflow, writing neither stream', async () => {
      await startWorkflow('wf-lonely');
      const res = await post('/v1/tasks', {
        id: 'lonely',
        workflowId: 'wf-lonely',
        name: 'n',
        goal: 'g',
        priority: 'low',
        dependsOn: ['base'],
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('dependency.task_not_in_workflow');
      expect((await streamOf('task-lonely')).version).toBe(0);
      expect((await streamOf('workflow-wf-lonely')).version).toBe(1);
    });
  });

  describe('dependencies', () => {
    beforeAll(async () => {
      await startWorkflow('wf-graph');
      for (const id of ['a', 'b', 'c']) await createTask(id, 'wf-graph');
    });

    it('adds edges on the workflow stream and refuses the one that closes a cycle, with its path', async () => {
      const ab = await expectOk(post('/v1/tasks/a/dependencies', { dependsOnTaskId: 'b' }));
      expect(ab.body).toMatchObject({
        id: 'a',
        streamId: 'workflow-wf-graph',
        events: [{ type: 'DependencyAdded' }],
      });
      expect(ab.headers.get('etag')).toBe(`"${ab.body.version}"`);
      await expectOk(post('/v1/tasks/b/dependencies', { dependsOnTaskId: 'c' }));
      const before = (await streamOf('workflow-wf-graph')).version;

      const cycle = await post('/v1/tasks/c/dependencies', { dependsOnTaskId: 'a' });
      expect(cycle.status).toBe(422);
      expect(cycle.body).toMatchObject({ code: 'dependency.cycle', path: ['c', 'a', 'b', 'c'] });
      expect((await streamOf('workflow-wf-graph')).version).toBe(before);
    });

    it('removes an edge, after which the former cycle is allowed; a missing edge is 404', async () => {
      const removed = await expectOk(t.request('DELETE', '/v1/tasks/a/dependencies/b'));
      expect(typesOf(removed)).toEqual(['DependencyRemoved']);
      expect((await streamOf('workflow-wf-graph')).items.at(-1)!.data).toEqual({
        workflowId: 'wf-graph',
        taskId: 'a',
        dependsOnTaskId: 'b',
      });
      const again = await t.request('DELETE', '/v1/tasks/a/dependencies/b');
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('dependency.not_found');
      await expectOk(post('/v1/tasks/c/dependencies', { dependsOnTaskId: 'a' }));
    });

    it('takes If-Match as the version of the workflow stream', async () => {
      const { version } = await streamOf('workflow-wf-graph');
      const stale = await t.request('POST', '/v1/tasks/b/dependencies', {
        body: { dependsOnTaskId: 'a' },
        headers: { 'If-Match': `"${version - 1}"` },
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ streamId: 'workflow-wf-graph', actualVersion: version });
      const current = await t.request('POST', '/v1/tasks/b/dependencies', {
        body: { dependsOnTaskId: 'a' },
        headers: { 'If-Match': `"${version}"` },
      });
      expect(current.status).toBe(200);
      expect(current.headers.get('etag')).toBe(`"${version + 1}"`);
    });

    it('answers 404 task.not_found for an edge from a task that does not exist', async () => {
      const res = await post('/v1/tasks/ghost/dependencies', { dependsOnTaskId: 'a' });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'task.not_found', taskId: 'ghost' });
    });
  });

  describe('batches', () => {
    it('creates a workflow, two dependent tasks and starts one, in order', async () => {
      const res = await expectOk(
        post('/v1/commands', {
          commands: [
            { type: 'StartWorkflow', id: 'wf-batch', data: { name: 'Batch' } },
            {
              type: 'CreateTask',
              id: 'first',
              data: { workflowId: 'wf-batch', name: 'First', goal: 'g', priority: 'high' },
            },
            {
              type: 'CreateTask',
              data: {
                id: 'second',
                workflowId: 'wf-batch',
                name: 'Second',
                goal: 'g',
                priority: 'low',
                dependsOn: ['first'],
              },
            },
            { type: 'StartTask', id: 'first', data: { assignee: { type: 'human', id: 'ada' } } },
          ],
        }),
      );
      expect(
        res.body.results.map((r: { streamId: string; version: number }) => [r.streamId, r.version]),
      ).toEqual([
        ['workflow-wf-batch', 1],
        ['task-first', 1],
        ['task-second', 1],
        ['task-first', 2],
      ]);
      expect((await streamOf('workflow-wf-batch')).items.map((e) => e.type)).toEqual([
        'WorkflowStarted',
        'TaskAttached',
        'TaskAttached',
        'DependencyAdded',
      ]);
    });

    it('writes nothing when the third command breaks a rule', async () => {
      const res = await post('/v1/commands', {
        commands: [
          { type: 'StartWorkflow', id: 'wf-undone', data: { name: 'Undone' } },
          {
            type: 'CreateTask',
            id: 'undone',
            data: { workflowId: 'wf-undone', name: 'n', goal: 'g', priority: 'low' },
          },
          {
            type: 'CompleteTask',
            id: 'undone',
            data: {
              result: 'success',
              summary: 's',
              manualReviewNeeded: false,
              testsStatus: 'passed',
              files: {},
            },
          },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'task.invalid_transition', commandIndex: 2, from: 'backlog' });
      expect((await streamOf('workflow-wf-undone')).version).toBe(0);
      expect((await streamOf('task-undone')).version).toBe(0);
    });

    it('validates the data of task commands with the index of each', async () => {
      const res = await post('/v1/commands', {
        commands: [
          { type: 'RecordMilestone', id: 'a', data: { message: 'm', progress: 101 } },
          { type: 'AnswerQuestion', id: 'a', data: { answer: 'yes' } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'commands[0].data.progress', code: 'field.too_large' }),
          expect.objectContaining({ field: 'commands[1].data.questionId' }),
        ]),
      );
    });
  });

  it('loses no milestone when 16 are recorded at once on one task', async () => {
    await startWorkflow('wf-busy');
    await createTask('busy', 'wf-busy');
    await expectOk(post('/v1/tasks/busy/start'));
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        post('/v1/tasks/busy/milestones', { message: `step ${i}`, progress: i }),
      ),
    );
    // The refusals themselves, not just their statuses, so that a failure says which rule fired.
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(16);
    const { items, version } = await streamOf('task-busy');
    expect(version).toBe(18);
    const milestones = items.filter((e) => e.type === 'MilestoneRecorded').map((e) => e.data.message);
    expect(milestones.sort()).toEqual(Array.from({ length: 16 }, (_, i) => `step ${i}`).sort());
  });

  it('creates 16 tasks at once in one workflow: each is attached', async () => {
    await startWorkflow('wf-crowd');
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        post('/v1/tasks', {
          id: `crowd-${i}`,
          workflowId: 'wf-crowd',
          name: 'n',
          goal: 'g',
          priority: 'low',
        }),
      ),
    );
    expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    const { items } = await streamOf('workflow-wf-crowd');
    expect(items.filter((e) => e.type === 'TaskAttached')).toHaveLength(16);
  });

  describe('malformed requests', () => {
    interface Malformed {
      readonly method: string;
      readonly path: string;
      readonly name: string;
      readonly body: unknown;
      readonly field: string;
      readonly code: string;
    }
    /** Rows of [what is wrong, body, the field named, its code] for one route. */
    const route = (method: string, path: string, rows: [string, unknown, string, string][]): Malformed[] =>
      rows.map(([name, body, field, code]) => ({ method, path, name, body, field, code }));

    const create = { workflowId: 'wf-bad', name: 'n', goal: 'g', priority: 'low' };
    const complete = {
      result: 'success',
      summary: 's',
      manualReviewNeeded: false,
      testsStatus: 'passed',
      files: {},
    };
    const assignee = { type: 'human', id: 'h' };

    beforeAll(async () => {
      await startWorkflow('wf-bad');
      await createTask('target', 'wf-bad');
      await expectOk(post('/v1/tasks/target/start'));
    });

    it.each([
      ...route('POST', '/v1/tasks', [
        ['a name of the wrong type', { ...create, name: 5 }, 'name', 'field.wrong_type'],
        ['a missing name', { ...create, name: undefined }, 'name', 'field.required'],
        ['a missing goal', { ...create, goal: undefined }, 'goal', 'field.required'],
        ['a missing workflowId', { ...create, workflowId: undefined }, 'workflowId', 'field.required'],
        ['a missing priority', { ...create, priority: undefined }, 'priority', 'field.required'],
        ['an unknown priority', { ...create, priority: 'critical' }, 'priority', 'field.not_allowed'],
        ['an extra field', { ...create, owner: 'me' }, 'owner', 'field.unknown'],
        ['an empty name', { ...create, name: '' }, 'name', 'field.too_short'],
        ['a name over 200', { ...create, name: longer(200) }, 'name', 'field.too_long'],
        ['a goal over 10,000', { ...create, goal: longer(10_000) }, 'goal', 'field.too_long'],
        ['a category over 200', { ...create, category: longer(200) }, 'category', 'field.too_long'],
        ['over 500 areas', { ...create, areas: more(500) }, 'areas', 'field.too_many'],
        ['an area over 1024', { ...create, areas: [longer(1024)] }, 'areas', 'field.too_long'],
        ['areas not a list', { ...create, areas: 'src' }, 'areas', 'field.wrong_type'],
        ['over 500 dependencies', { ...create, dependsOn: more(500) }, 'dependsOn', 'field.too_many'],
        ['a bad id in dependsOn', { ...create, dependsOn: ['a b'] }, 'dependsOn', 'field.bad_format'],
        ['a bad task id', { ...create, id: '-x' }, 'id', 'field.bad_format'],
        ['a task id over 128', { ...create, id: longer(128) }, 'id', 'field.bad_format'],
        ['a task id of the wrong type', { ...create, id: 7 }, 'id', 'field.wrong_type'],
        ['a bad workflowId', { ...create, workflowId: 'wf/1' }, 'workflowId', 'field.bad_format'],
        ['an empty phaseId', { ...create, phaseId: '' }, 'phaseId', 'field.bad_format'],
        ['occurredAt not a time', { ...create, occurredAt: 'yesterday' }, 'occurredAt', 'field.bad_format'],
      ]),
      ...route('POST', '/v1/tasks/bad%20id/start', [
        ['a bad task id in the path', {}, 'id', 'field.bad_format'],
      ]),
      ...route('POST', '/v1/tasks/target/start', [
        ['an assignee not an object', { assignee: 'bob' }, 'assignee', 'field.nestedValidation'],
        [
          'an unknown assignee type',
          { assignee: { type: 'robot', id: 'r' } },
          'assignee.type',
          'field.not_allowed',
        ],
        ['a bad snapshotId', { snapshotId: 'snap shot' }, 'snapshotId', 'field.bad_format'],
      ]),
      ...route('POST', '/v1/tasks/target/assign', [
        ['a missing assignee', {}, 'assignee', 'field.required'],
        ['an assignee without id', { assignee: { type: 'human' } }, 'assignee.id', 'field.required'],
        [
          'an extra assignee field',
          { assignee: { ...assignee, email: 'h@x' } },
          'assignee.email',
          'field.unknown',
        ],
        [
          'an assignee name over 200',
          { assignee: { ...assignee, name: longer(200) } },
          'assignee.name',
          'field.too_long',
        ],
      ]),
      ...route('POST', '/v1/tasks/target/milestones', [
        ['progress 101', { message: 'm', progress: 101 }, 'progress', 'field.too_large'],
        ['progress -1', { message: 'm', progress: -1 }, 'progress', 'field.too_small'],
        ['a fractional progress', { message: 'm', progress: 50.5 }, 'progress', 'field.wrong_type'],
        ['progress as a string', { message: 'm', progress: '50' }, 'progress', 'field.wrong_type'],
        ['progress set to null', { message: 'm', progress: null }, 'progress', 'field.wrong_type'],
        ['a missing message', { progress: 5 }, 'message', 'field.required'],
        ['a message over 10,000', { message: longer(10_000) }, 'message', 'field.too_long'],
        ['metadata as a list', { message: 'm', metadata: [1] }, 'metadata', 'field.wrong_type'],
        ['metadata as a string', { message: 'm', metadata: 'x' }, 'metadata', 'field.wrong_type'],
        [
          'metadata over 64 KiB',
          { message: 'm', metadata: { blob: longer(65_536) } },
          'metadata',
          'field.too_large',
        ],
      ]),
      ...route('POST', '/v1/tasks/target/issues', [
        [
          'an unknown issue type',
          { type: 'typo', description: 'd', requiresHumanReview: false },
          'type',
          'field.not_allowed',
        ],
        [
          'requiresHumanReview as a string',
          { type: 'bug', description: 'd', requiresHumanReview: 'yes' },
          'requiresHumanReview',
          'field.wrong_type',
        ],
        [
          'a missing description',
          { type: 'bug', requiresHumanReview: false },
          'description',
          'field.required',
        ],
        [
          'a bad issueId',
          { issueId: 'a/b', type: 'bug', description: 'd', requiresHumanReview: false },
          'issueId',
          'field.bad_format',
        ],
      ]),
      ...route('POST', '/v1/tasks/target/questions', [
        ['a missing question', { context: 'c' }, 'question', 'field.required'],
        ['a bad questionId', { questionId: '.q', question: 'q' }, 'questionId', 'field.bad_format'],
        ['a context set to null', { question: 'q', context: null }, 'context', 'field.wrong_type'],
      ]),
      ...route('POST', '/v1/tasks/target/questions/-q/answer', [
        ['a bad questionId in the path', { answer: 'a' }, 'questionId', 'field.bad_format'],
      ]),
      ...route('POST', '/v1/tasks/-t/questions/q/answer', [
        ['a bad task id in the path', { answer: 'a' }, 'id', 'field.bad_format'],
      ]),
      ...route('POST', '/v1/tasks/target/questions/q/answer', [
        ['a missing answer', {}, 'answer', 'field.required'],
        [
          'the questionId in the body as well',
          { answer: 'a', questionId: 'q' },
          'questionId',
          'field.unknown',
        ],
      ]),
      ...route('POST', '/v1/tasks/target/block', [
        ['a missing reason', {}, 'reason', 'field.required'],
        ['over 500 blockers', { reason: 'r', blockedBy: more(500) }, 'blockedBy', 'field.too_many'],
        ['a blocker not a string', { reason: 'r', blockedBy: [7] }, 'blockedBy', 'field.wrong_type'],
      ]),
      ...route('POST', '/v1/tasks/target/unblock', [
        ['a field it does not take', { reason: 'r' }, 'reason', 'field.unknown'],
      ]),
      ...route('POST', '/v1/tasks/target/complete', [
        ['an unknown result', { ...complete, result: 'done' }, 'result', 'field.not_allowed'],
        ['an unknown testsStatus', { ...complete, testsStatus: 'green' }, 'testsStatus', 'field.not_allowed'],
        ['a missing summary', { ...complete, summary: undefined }, 'summary', 'field.required'],
        ['a summary over 10,000', { ...complete, summary: longer(10_000) }, 'summary', 'field.too_long'],
        [
          'a missing manualReviewNeeded',
          { ...complete, manualReviewNeeded: undefined },
          'manualReviewNeeded',
          'field.required',
        ],
        ['missing files', { ...complete, files: undefined }, 'files', 'field.required'],
        [
          'files.added not a list',
          { ...complete, files: { added: 'a.ts' } },
          'files.added',
          'field.wrong_type',
        ],
        [
          'over 10,000 modified files',
          { ...complete, files: { modified: more(10_000) } },
          'files.modified',
          'field.too_many',
        ],
        [
          'a deleted path over 1024',
          { ...complete, files: { deleted: [longer(1024)] } },
          'files.deleted',
          'field.too_long',
        ],
        ['an unknown files field', { ...complete, files: { renamed: [] } }, 'files.renamed', 'field.unknown'],
        ['over 500 achievements', { ...complete, achievements: more(500) }, 'achievements', 'field.too_many'],
        ['over 500 next steps', { ...complete, nextSteps: more(500) }, 'nextSteps', 'field.too_many'],
        [
          'over 500 commands',
          { ...complete, commandsExecuted: more(500) },
          'commandsExecuted',
          'field.too_many',
        ],
        [
          'a package name over 200',
          { ...complete, packagesAdded: [longer(200)] },
          'packagesAdded',
          'field.too_long',
        ],
        [
          'over 500 removed packages',
          { ...complete, packagesRemoved: more(500) },
          'packagesRemoved',
          'field.too_many',
        ],
      ]),
      ...route('POST', '/v1/tasks/target/fail', [
        ['a missing reason', { summary: 's' }, 'reason', 'field.required'],
        [
          'a result, which only completion takes',
          { reason: 'r', result: 'success' },
          'result',
          'field.unknown',
        ],
        [
          'a changed file not a string',
          { reason: 'r', files: { added: [1] } },
          'files.added',
          'field.wrong_type',
        ],
        ['over 500 limitations', { reason: 'r', limitations: more(500) }, 'limitations', 'field.too_many'],
        ['files set to null', { reason: 'r', files: null }, 'files', 'field.nestedValidation'],
      ]),
      ...route('POST', '/v1/tasks/target/cancel', [['a missing reason', {}, 'reason', 'field.required']]),
      ...route('POST', '/v1/tasks/target/retry', [
        ['a reason over 10,000', { reason: longer(10_000) }, 'reason', 'field.too_long'],
      ]),
      ...route('POST', '/v1/tasks/target/dependencies', [
        ['a missing dependsOnTaskId', {}, 'dependsOnTaskId', 'field.required'],
        ['a bad dependsOnTaskId', { dependsOnTaskId: 'a b' }, 'dependsOnTaskId', 'field.bad_format'],
      ]),
      ...route('DELETE', '/v1/tasks/target/dependencies/%20', [
        ['a bad dependsOnId in the path', {}, 'dependsOnId', 'field.bad_format'],
      ]),
      ...route('DELETE', '/v1/tasks/target/dependencies/a', [
        ['a field it does not take', { dependsOnTaskId: 'a' }, 'dependsOnTaskId', 'field.unknown'],
      ]),
    ])('$method $path answers 400 for $name', async ({ method, path, body, field, code }) => {
      const res = await t.request(method, path, { body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });

    it.each<[string, number, string, { raw?: string; body?: unknown; headers?: Record<string, string> }]>([
      ['broken JSON', 400, 'request.invalid_json', { raw: '{"message": ' }],
      ['a JSON list instead of an object', 400, 'request.invalid', { raw: '["m"]' }],
      [
        'plain text',
        415,
        'request.unsupported_media_type',
        { raw: 'done', headers: { 'content-type': 'text/plain' } },
      ],
      [
        'a body larger than the server takes',
        413,
        'request.too_large',
        { body: { message: longer(9 * 1024 * 1024) } },
      ],
    ])('answers %s with %d', async (_case, status, code, options) => {
      const res = await t.request('POST', '/v1/tasks/target/milestones', options);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('wrote nothing for any of them', async () => {
      expect((await streamOf('task-target')).version).toBe(2);
    });
  });
});
