import { RestSession } from './support/rest-session';
import { startTestApp, TestApp } from './support/test-app';

/** GET /v1/tasks/{id}: everything the issue asks the task detail to show, recorded through REST. */
describe('the task detail', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());
  const rest = new RestSession(() => t);
  const { get } = rest;

  const base = Date.now() - 60 * 60_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

  const command = (path: string, minutes: number, body: object = {}) =>
    rest.command(path, { ...body, occurredAt: at(minutes) });
  const detail = async (id: string) => (await rest.freshOk(`/v1/tasks/${id}`)).body;
  const task = (id: string, minutes: number, extra: object = {}) =>
    command('/v1/tasks', minutes, {
      id,
      workflowId: 'wf-d',
      name: id,
      goal: 'g',
      priority: 'high',
      ...extra,
    });
  const outcome = {
    summary: 'shipped',
    achievements: ['endpoint'],
    limitations: ['no paging'],
    nextSteps: ['add paging'],
    manualReviewNeeded: true,
    manualReviewReason: 'touches auth',
    testsStatus: 'passed',
    packagesAdded: ['zod'],
    packagesRemoved: [],
    commandsExecuted: ['npm test'],
  };

  beforeAll(async () => {
    await command('/v1/workflows', 0, { id: 'wf-d', name: 'Details' });
    await task('base', 1);
    await task('main', 2, { areas: ['src/api/**'], dependsOn: ['base'] });
    await task('child-1', 3, { parentTaskId: 'main' });
    await task('child-2', 4, { parentTaskId: 'main' });
    await task('after', 5, { dependsOn: ['main'] });
    await command('/v1/tasks/main/start', 10, { assignee: { type: 'agent', id: 'coder' } });
    await command('/v1/tasks/main/milestones', 11, {
      message: 'schema',
      progress: 30,
      metadata: { step: 1 },
    });
    await command('/v1/tasks/main/issues', 12, {
      issueId: 'gap',
      type: 'doc_gap',
      description: 'no docs for the API',
      requiresHumanReview: false,
    });
    await command('/v1/tasks/main/questions', 13, {
      questionId: 'q1',
      question: 'REST or gRPC?',
      context: 'both?',
    });
    await command('/v1/tasks/main/questions/q1/answer', 15, { answer: 'REST first' });
    await command('/v1/tasks/main/block', 16, { reason: 'CI down' });
    await command('/v1/tasks/main/unblock', 18);
    await command('/v1/tasks/main/fail', 20, {
      reason: 'tests red',
      files: { added: ['src/api/old.ts'], modified: [], deleted: [] },
    });
    await command('/v1/tasks/main/retry', 21);
    await command('/v1/tasks/main/milestones', 22, { message: 'green', progress: 100 });
    await command('/v1/tasks/main/questions', 23, { questionId: 'q2', question: 'version it?' });
    await command('/v1/tasks/main/questions/q2/answer', 24, { answer: 'yes' });
    await command('/v1/tasks/main/complete', 30, {
      ...outcome,
      result: 'success',
      files: { added: ['src/api/tasks.ts'], modified: ['README.md'], deleted: ['src/api/legacy.ts'] },
    });
  });

  it('shows dependencies, dependents, subtasks, milestones, issues, questions, outcome, files and scope', async () => {
    const body = await detail('main');
    expect(body).toMatchObject({
      id: 'main',
      status: 'completed',
      attempt: 2,
      dependsOn: ['base'],
      dependents: ['after'],
      subtasks: {
        items: [
          { id: 'child-1', status: 'backlog', createdAt: at(3), completedAt: null },
          { id: 'child-2', status: 'backlog', createdAt: at(4), completedAt: null },
        ],
        total: 2,
        truncated: false,
      },
      milestones: {
        items: [
          { message: 'schema', progress: 30, metadata: { step: 1 }, recordedAt: at(11) },
          { message: 'green', progress: 100, metadata: null, recordedAt: at(22) },
        ],
        total: 2,
        truncated: false,
      },
      issues: {
        items: [
          {
            issueId: 'gap',
            type: 'doc_gap',
            description: 'no docs for the API',
            resolution: null,
            requiresHumanReview: false,
            loggedAt: at(12),
          },
        ],
        total: 1,
      },
      questions: {
        items: [
          {
            questionId: 'q1',
            question: 'REST or gRPC?',
            context: 'both?',
            askedAt: at(13),
            answer: 'REST first',
            answeredAt: at(15),
          },
          { questionId: 'q2', askedAt: at(23), answer: 'yes', answeredAt: at(24) },
        ],
        total: 2,
      },
      outcome: {
        kind: 'completed',
        result: 'success',
        summary: 'shipped',
        failureReason: null,
        testsStatus: 'passed',
        manualReviewNeeded: true,
        manualReviewReason: 'touches auth',
        achievements: ['endpoint'],
        limitations: ['no paging'],
        nextSteps: ['add paging'],
        packagesAdded: ['zod'],
        packagesRemoved: [],
        commandsExecuted: ['npm test'],
        snapshotId: null,
        // From the first start (10) to the completion (30): retries and blocked time included.
        durationMs: 20 * 60_000,
        finishedAt: at(30),
      },
      // The failed attempt's src/api/old.ts is gone: the files are those of the last finished attempt.
      files: {
        items: [
          { path: 'README.md', change: 'modified', inScope: false },
          { path: 'src/api/legacy.ts', change: 'deleted', inScope: true },
          { path: 'src/api/tasks.ts', change: 'added', inScope: true },
        ],
        total: 3,
        truncated: false,
      },
      scopeCheck: { areas: ['src/api/**'], scopeMatch: false, unexpectedFiles: ['README.md'] },
      statusHistory: {
        items: [
          { status: 'backlog', startedAt: at(2), endedAt: at(10) },
          { status: 'in_progress', startedAt: at(10), endedAt: at(13) },
          { status: 'needs_input', startedAt: at(13), endedAt: at(15) },
          { status: 'in_progress', startedAt: at(15), endedAt: at(16) },
          { status: 'blocked', startedAt: at(16), endedAt: at(18) },
          { status: 'in_progress', startedAt: at(18), endedAt: at(20) },
          { status: 'failed', startedAt: at(20), endedAt: at(21) },
          { status: 'in_progress', startedAt: at(21), endedAt: at(23) },
          { status: 'needs_input', startedAt: at(23), endedAt: at(24) },
          { status: 'in_progress', startedAt: at(24), endedAt: at(30) },
          { status: 'completed', startedAt: at(30), endedAt: null },
        ],
        total: 11,
      },
    });
  });

  it('shows a fresh task with empty lists and no outcome', async () => {
    expect(await detail('child-1')).toMatchObject({
      parentTaskId: 'main',
      subtasks: { items: [], total: 0, truncated: false },
      milestones: { items: [], total: 0 },
      files: { items: [], total: 0 },
      outcome: { kind: null, achievements: [], durationMs: null, finishedAt: null },
      scopeCheck: { areas: [], scopeMatch: null, unexpectedFiles: [] },
      statusHistory: { items: [{ status: 'backlog', startedAt: at(3), endedAt: null }], total: 1 },
    });
  });

  it('caps a long list, newest milestones kept, and tells the total', async () => {
    await command('/v1/tasks/base/start', 40);
    // Two batches (a batch holds at most 100 commands) rather than 105 round trips.
    for (const [first, count] of [
      [0, 60],
      [60, 45],
    ]) {
      const commands = Array.from({ length: count }, (_, i) => ({
        type: 'RecordMilestone',
        id: 'base',
        data: { message: `m${first + i}`, occurredAt: at(41) },
      }));
      const batch = await t.request('POST', '/v1/commands', { body: { commands } });
      expect(batch.status < 300 ? 'ok' : batch.body).toBe('ok');
      rest.last = Math.max(rest.last, ...batch.body.results.map((r: { position: number }) => r.position));
    }
    const body = await detail('base');
    expect(body.milestones.total).toBe(105);
    expect(body.milestones.truncated).toBe(true);
    expect(body.milestones.items).toHaveLength(100);
    expect(body.milestones.items[0].message).toBe('m5');
    expect(body.milestones.items[99].message).toBe('m104');
    expect(body.counts.milestones).toBe(105);
  });

  it('takes minPosition from the X-Annals-Min-Position header, refuses a bad one, and answers 503 when behind', async () => {
    const ok = await get('/v1/tasks/main', { 'X-Annals-Min-Position': String(rest.last) });
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(rest.last);
    const bad = await get('/v1/tasks/main', { 'X-Annals-Min-Position': 'soon' });
    expect(bad.body).toMatchObject({ status: 400, code: 'request.invalid_header' });
    expect((await get('/v1/tasks/main?minPosition=-1')).status).toBe(400);
    const behind = await get(`/v1/tasks/main?minPosition=${rest.last + 1000}&maxWaitMs=100`);
    expect(behind.body).toMatchObject({
      status: 503,
      code: 'projection.behind',
      minPosition: rest.last + 1000,
    });
  });

  it('answers 404 task.not_found for an unknown task', async () => {
    expect((await get(`/v1/tasks/nope?minPosition=${rest.last}`)).body).toMatchObject({
      status: 404,
      code: 'task.not_found',
    });
  });
});
