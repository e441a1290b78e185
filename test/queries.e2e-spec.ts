import { RestSession } from './support/rest-session';
import { startTestApp, TestApp, TestResponse } from './support/test-app';

describe('workflow and task queries over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());
  const rest = new RestSession(() => t);
  const { command, get, fresh } = rest;
  const ids = (response: TestResponse) => {
    expect(response.status === 200 ? 'ok' : response.body).toBe('ok');
    return response.body.items.map((item: { id: string }) => item.id);
  };
  const base = Date.now() - 60 * 60_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

  const task = (id: string, extra: object = {}) =>
    command('/v1/tasks', {
      id,
      workflowId: 'wf-q',
      name: `Task ${id}`,
      goal: 'do it',
      priority: 'medium',
      ...extra,
    });

  beforeAll(async () => {
    await command('/v1/workflows', {
      id: 'wf-q',
      name: 'Queries',
      labels: ['alpha', 'beta'],
      occurredAt: at(0),
    });
    await command('/v1/workflows', { id: 'wf-other', name: 'Other', labels: ['beta'], occurredAt: at(0) });
    await command('/v1/workflows/wf-q/phases', {
      phaseId: 'build',
      number: 1,
      name: 'Build',
      occurredAt: at(0),
    });
    await task('t-a', { phaseId: 'build', priority: 'high', areas: ['src/api'], occurredAt: at(1) });
    await task('t-b', { priority: 'urgent', dependsOn: ['t-a'], occurredAt: at(2) });
    await task('t-c', { parentTaskId: 't-a', priority: 'low', occurredAt: at(3) });
    await command('/v1/tasks/t-a/start', {
      assignee: { type: 'agent', id: 'coder-1', name: 'Coder' },
      occurredAt: at(4),
    });
    await command('/v1/tasks/t-a/milestones', { message: 'half', progress: 50, occurredAt: at(5) });
    await command('/v1/tasks/t-a/milestones', { message: 'most', progress: 90, occurredAt: at(6) });
    await command('/v1/tasks/t-a/questions', { questionId: 'q1', question: 'which db?', occurredAt: at(6) });
    await command('/v1/tasks/t-a/questions/q1/answer', { answer: 'postgres', occurredAt: at(7) });
    await command('/v1/tasks/t-a/complete', {
      result: 'success',
      summary: 'done',
      achievements: [],
      limitations: [],
      nextSteps: [],
      manualReviewNeeded: true,
      testsStatus: 'passed',
      packagesAdded: [],
      packagesRemoved: [],
      commandsExecuted: [],
      files: { added: ['src/api/x.ts', 'README.md'], modified: [], deleted: [] },
      occurredAt: at(8),
    });
  });

  it('answers a task with its row, outcome, counts and dependencies once the projection has the last write', async () => {
    const response = await fresh('/v1/tasks/t-a');
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(rest.last);
    expect(response.body).toMatchObject({
      id: 't-a',
      workflowId: 'wf-q',
      phaseId: 'build',
      status: 'completed',
      priority: 'high',
      assignee: { type: 'agent', id: 'coder-1', name: 'Coder' },
      attempt: 1,
      createdAt: at(1),
      startedAt: at(4),
      completedAt: at(8),
      outcome: {
        result: 'success',
        summary: 'done',
        testsStatus: 'passed',
        manualReviewNeeded: true,
        scopeMatch: false,
        unexpectedFiles: ['README.md'],
      },
      counts: { milestones: 2, issues: 0, openQuestions: 0 },
      dependsOn: [],
      dependents: ['t-b'],
    });
    expect((await fresh('/v1/tasks/t-b')).body).toMatchObject({
      dependsOn: ['t-a'],
      dependents: [],
      status: 'backlog',
    });
  });

  it('accepts minPosition as the X-Annals-Min-Position header', async () => {
    const response = await get('/v1/tasks/t-a', { 'X-Annals-Min-Position': String(rest.last) });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(rest.last);
  });

  it('answers a workflow with its phases and task counts by status', async () => {
    const response = await fresh('/v1/workflows/wf-q');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: 'wf-q',
      name: 'Queries',
      labels: ['alpha', 'beta'],
      status: 'in_progress',
      phases: [{ phaseId: 'build', number: 1, name: 'Build', status: 'in_progress', completedAt: null }],
      taskCounts: { completed: 1, backlog: 2, total: 3 },
      createdAt: at(0),
    });
  });

  it('filters tasks', async () => {
    expect(ids(await fresh('/v1/tasks?workflowId=wf-q'))).toEqual(['t-a', 't-b', 't-c']);
    expect(ids(await fresh('/v1/tasks?status=backlog,blocked'))).toEqual(['t-b', 't-c']);
    expect(ids(await fresh('/v1/tasks?priority=urgent,low'))).toEqual(['t-b', 't-c']);
    expect(ids(await fresh('/v1/tasks?phaseId=build'))).toEqual(['t-a']);
    expect(ids(await fresh('/v1/tasks?assignee=coder-1'))).toEqual(['t-a']);
    expect(ids(await fresh('/v1/tasks?area=src/api'))).toEqual(['t-a']);
    expect(ids(await fresh('/v1/tasks?parentTaskId=t-a'))).toEqual(['t-c']);
    expect(ids(await fresh('/v1/tasks?needsReview=true'))).toEqual(['t-a']);
    expect(ids(await fresh(`/v1/tasks?createdFrom=${at(2)}&createdTo=${at(3)}`))).toEqual(['t-b']);
    expect(ids(await fresh(`/v1/tasks?updatedSince=${at(8)}`))).toEqual(['t-a']);
  });

  it('sorts tasks by priority, both ways', async () => {
    expect(ids(await fresh('/v1/tasks?sort=priority'))).toEqual(['t-c', 't-a', 't-b']);
    expect(ids(await fresh('/v1/tasks?sort=-priority'))).toEqual(['t-b', 't-a', 't-c']);
  });

  it('filters workflows by status and label', async () => {
    expect(ids(await fresh('/v1/workflows?label=beta'))).toEqual(['wf-q', 'wf-other'].sort());
    expect(ids(await fresh('/v1/workflows?label=alpha&status=in_progress'))).toEqual(['wf-q']);
    expect(ids(await fresh('/v1/workflows?status=archived'))).toEqual([]);
  });

  it('answers 404 problems for unknown ids', async () => {
    expect((await fresh('/v1/tasks/nope')).body).toMatchObject({ status: 404, code: 'task.not_found' });
    expect((await fresh('/v1/workflows/nope')).body).toMatchObject({
      status: 404,
      code: 'workflow.not_found',
    });
  });

  it('keeps events of extension streams out of the read tables, whatever their type', async () => {
    // An ext- stream takes any type: one named like a domain event must not complete t-b.
    const before = (await fresh('/v1/tasks/t-b')).body;
    const forged = await t.request('POST', '/v1/streams/ext-forger/events', {
      body: { events: [{ type: 'TaskCompleted', data: { taskId: 't-b', result: 'success' } }] },
    });
    expect(forged.status).toBe(201);
    const task = await t.request('GET', `/v1/tasks/t-b?minPosition=${forged.body.position}`);
    expect(task.status).toBe(200);
    expect(task.body.status).toBe(before.status);
    expect(task.body.status).not.toBe('completed');
    const activity = await t.request('GET', `/v1/activity?entityId=t-b&minPosition=${forged.body.position}`);
    expect(activity.body.items.map((item: { type: string }) => item.type)).not.toContain('TaskCompleted');
  });

  it('keeps GET /v1/workflows/{id}/history apart from the detail route', async () => {
    const response = await get('/v1/workflows/wf-q/history');
    expect(response.status).toBe(200);
    expect(response.body.items[0].type).toBe('WorkflowStarted');
  });

  it('refuses invalid query parameters and foreign cursors', async () => {
    expect((await get('/v1/tasks?limit=501')).status).toBe(400);
    expect((await get('/v1/tasks?status=sleeping')).status).toBe(400);
    expect((await get('/v1/tasks?sort=name')).status).toBe(400);
    const page = await fresh('/v1/tasks?limit=1');
    const foreign = await get(`/v1/tasks?sort=-createdAt&cursor=${page.body.nextCursor}`);
    expect(foreign.body).toMatchObject({ status: 400, code: 'cursor.invalid' });
  });

  it('answers 503 projection.behind with the position reached when minPosition is not reached in time', async () => {
    const response = await get(`/v1/tasks?minPosition=${rest.last + 1000}&maxWaitMs=200`);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'projection.behind', minPosition: rest.last + 1000 });
    expect(response.body.position).toBeGreaterThanOrEqual(rest.last);
    expect(response.headers.get('x-annals-position')).toBe(String(response.body.position));
  });

  it('pages through tasks without skipping or repeating a row while tasks are created and changed', async () => {
    const workflow = 'wf-pages';
    const create = (id: string, minutes: number) =>
      command('/v1/tasks', {
        id,
        workflowId: workflow,
        name: id,
        goal: 'g',
        priority: 'low',
        occurredAt: at(minutes),
      });
    await command('/v1/workflows', { id: workflow, name: 'Pages', occurredAt: at(10) });
    const existing = Array.from({ length: 23 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
    // Groups of five share a creation time: the id breaks the ties.
    for (const [i, id] of existing.entries()) await create(id, 10 + Math.floor(i / 5));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await fresh(
        `/v1/tasks?workflowId=${workflow}&sort=-createdAt&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
      // Between pages: a newer task (it sorts before the cursor) and a change to a row already served.
      pages += 1;
      await create(`new-${pages}`, 30);
      await command(`/v1/tasks/${seen[seen.length - 1]}/start`, { occurredAt: at(31) });
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual([...existing].reverse());
  });

  it('reports each projection with its position, lag and state', async () => {
    await fresh('/v1/workflows');
    const response = await get('/v1/projections');
    expect(response.status).toBe(200);
    const byName = Object.fromEntries(response.body.items.map((p: { name: string }) => [p.name, p]));
    for (const name of ['workflows', 'tasks']) {
      expect(byName[name]).toMatchObject({
        name,
        version: 1,
        state: expect.stringMatching(/running|catching_up/),
      });
      expect(byName[name].position).toBeGreaterThanOrEqual(rest.last);
      expect(byName[name].lag).toBeGreaterThanOrEqual(0);
    }
  });
});
