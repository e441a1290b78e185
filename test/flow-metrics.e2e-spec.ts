import { RestSession } from './support/rest-session';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The flow metrics of a fixed scenario, recorded through the commands' REST routes with explicit
 * occurredAt times, checked figure by figure against numbers worked out by hand (docs/metrics.md).
 * Times are hours from the window's start; the window is [0 h, 336 h): 14 days.
 */
describe('GET /v1/metrics/flow', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());
  const rest = new RestSession(() => t);
  const { get } = rest;

  const FROM = Date.parse('2026-03-02T00:00:00.000Z');
  const HOUR = 3600;
  const at = (hours: number) => new Date(FROM + hours * HOUR * 1000).toISOString();
  const window = `from=${at(0)}&to=${at(336)}`;

  const command = (path: string, hours: number, body: object = {}) =>
    rest.command(path, { ...body, occurredAt: at(hours) });
  const fresh = (query: string) => rest.freshOk(`/v1/metrics/flow?${query}`);

  const outcome = (manualReviewNeeded = false) => ({
    summary: 'done',
    achievements: [],
    limitations: [],
    nextSteps: [],
    manualReviewNeeded,
    testsStatus: 'passed',
    packagesAdded: [],
    packagesRemoved: [],
    commandsExecuted: [],
    files: { added: [], modified: [], deleted: [] },
  });
  const create = (id: string, workflowId: string, hours: number, areas: string[] = []) =>
    command('/v1/tasks', hours, { id, workflowId, name: id, goal: 'g', priority: 'medium', areas });
  const start = (id: string, hours: number, assignee: string) =>
    command(`/v1/tasks/${id}/start`, hours, { assignee: { type: 'agent', id: assignee } });
  const complete = (id: string, hours: number, result = 'success', review = false) =>
    command(`/v1/tasks/${id}/complete`, hours, { ...outcome(review), result });

  beforeAll(async () => {
    await command('/v1/workflows', -200, { id: 'wf-a', name: 'A' });
    await command('/v1/workflows', -200, { id: 'wf-b', name: 'B' });

    // A0: done before the window: only in the review backlog.
    await create('a0', 'wf-a', -100);
    await start('a0', -90, 'bob');
    await complete('a0', -80, 'success', true);
    // A9: started before the window, completed in it: cycle 50 h, lead 74 h.
    await create('a9', 'wf-a', -48);
    await start('a9', -24, 'carol');
    await complete('a9', 26);
    // A1: blocked 4 h, waits for a review: cycle 20 h, lead 44 h.
    await create('a1', 'wf-a', -24, ['api', 'web']);
    await start('a1', 0, 'alice');
    await command('/v1/tasks/a1/block', 10, { reason: 'waiting on infra' });
    await command('/v1/tasks/a1/unblock', 14);
    await complete('a1', 20, 'success', true);
    // A2: failed, retried, then completed: reworked; cycle 30 h, lead 32 h.
    await create('a2', 'wf-a', 0);
    await start('a2', 2, 'bob');
    await command('/v1/tasks/a2/issues', 3, {
      issueId: 'i-resolved',
      type: 'bug',
      description: 'flaky',
      resolution: 'fixed',
      requiresHumanReview: true,
    });
    await command('/v1/tasks/a2/fail', 6, { reason: 'tests failed' });
    await command('/v1/tasks/a2/retry', 8);
    await complete('a2', 32, 'partial_success');
    // A3: one question answered in 3 h, one issue for a human: cycle 40 h, lead 41 h.
    await create('a3', 'wf-a', 4, ['api']);
    await start('a3', 5, 'alice');
    await command('/v1/tasks/a3/questions', 6, { questionId: 'q1', question: 'which db?' });
    await command('/v1/tasks/a3/issues', 7, {
      issueId: 'i-review',
      type: 'unclear_requirement',
      description: 'ask the owner',
      requiresHumanReview: true,
    });
    await command('/v1/tasks/a3/issues', 8, {
      issueId: 'i-doc',
      type: 'doc_gap',
      description: 'missing doc',
      requiresHumanReview: false,
    });
    await command('/v1/tasks/a3/questions/q1/answer', 9, { answer: 'postgres' });
    await complete('a3', 45);
    // A4: still blocked at the end, with a question answered in 4 h and one still open.
    await create('a4', 'wf-a', 10);
    await start('a4', 12, 'bob');
    await command('/v1/tasks/a4/questions', 13, { questionId: 'q2', question: 'scope?' });
    await command('/v1/tasks/a4/questions/q2/answer', 17, { answer: 'small' });
    await command('/v1/tasks/a4/questions', 40, { questionId: 'q3', question: 'deadline?' });
    await command('/v1/tasks/a4/block', 50, { reason: 'needs access' });
    // A5: never started.
    await create('a5', 'wf-a', 20);
    // A6: cancelled 2 h after its start.
    await create('a6', 'wf-a', 30);
    await start('a6', 31, 'alice');
    await command('/v1/tasks/a6/cancel', 33, { reason: 'not needed' });
    // A7: failed and left failed.
    await create('a7', 'wf-a', 100);
    await start('a7', 101, 'carol');
    await command('/v1/tasks/a7/fail', 110, { reason: 'gave up' });
    // A8: created after the window: in no figure.
    await create('a8', 'wf-a', 400);
    // B1, the other workflow: cycle 2 h, lead 3 h.
    await create('b1', 'wf-b', 0);
    await start('b1', 1, 'alice');
    await complete('b1', 3);
  });

  it('answers every figure of each workflow as worked out by hand', async () => {
    const response = await fresh(`groupBy=workflow&${window}`);
    expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(rest.last);
    expect(response.body).toMatchObject({ groupBy: 'workflow', from: at(0), to: at(336), windowDays: 14 });
    const [a, b] = response.body.items;
    expect(response.body.items.map((item: { key: string }) => item.key)).toEqual(['wf-a', 'wf-b']);
    expect(response.body.nextCursor).toBeNull();

    // Completed in [0 h, 336 h): a9 (26 h), a1 (20 h), a2 (32 h), a3 (45 h); a0 finished before.
    // 4 completions in 14 days = 4 * 7 / 14 = 2 per 7 days.
    expect(a.throughput).toEqual({ completed: 4, perWeek: 2 });
    // Cycle (first start to completion), sorted: a1 20 h = 72000, a2 30 h = 108000 (retry included),
    // a3 40 h = 144000, a9 50 h = 180000 s. Rank r = p * (4 - 1):
    //   p50: r = 1.5  -> 108000 + 0.5  * 36000 = 126000
    //   p85: r = 2.55 -> 144000 + 0.55 * 36000 = 163800
    //   p95: r = 2.85 -> 144000 + 0.85 * 36000 = 174600
    expectPercentiles(a.cycleTime, 4, 126000, 163800, 174600);
    // Lead (creation to completion), sorted: a2 32 h = 115200, a3 41 h = 147600, a1 44 h = 158400,
    // a9 74 h = 266400 s.
    //   p50: 147600 + 0.5  * 10800  = 153000
    //   p85: 158400 + 0.55 * 108000 = 217800
    //   p95: 158400 + 0.85 * 108000 = 250200
    expectPercentiles(a.leadTime, 4, 153000, 217800, 250200);
    // Working time clipped to the window: a9 0-26 = 26 h; a1 0-20 = 20 h (blocked included);
    // a2 2-6 + 8-32 = 28 h (not while failed); a3 5-45 = 40 h; a4 12-336 = 324 h; a6 31-33 = 2 h;
    // a7 101-110 = 9 h. Sum 449 h over 336 h: average 449 / 336. At the end only a4 works (blocked).
    expect(a.wip.now).toBe(1);
    expect(a.wip.average).toBeCloseTo(449 / 336, 10);
    // Open at the end: a4 (created 10 h: 326 h = 1173600 s) and a5 (20 h: 316 h = 1137600 s).
    //   p50: r = 0.5  -> 1137600 + 0.5  * 36000 = 1155600
    //   p85: r = 0.85 -> 1137600 + 0.85 * 36000 = 1168200
    //   p95: r = 0.95 -> 1137600 + 0.95 * 36000 = 1171800
    expectPercentiles(a.openAge, 2, 1155600, 1168200, 1171800);
    // Blocked: a1 10-14 h = 14400 s; a4's block is not of a completed task.
    // Cycle sum 72000 + 108000 + 144000 + 180000 = 504000: ratio 14400 / 504000 = 1/35.
    expect(a.blockedTime.seconds).toBe(14400);
    expect(a.blockedTime.ratioToCycleTime).toBeCloseTo(14400 / 504000, 12);
    // Rework: a2 of the 4 completed was retried.
    expect(a.rework).toEqual({ reworked: 1, completed: 4, rate: 0.25 });
    // First attempts ended in the window: a9, a1, a3 completed; a2 failed (6 h), a6 cancelled, a7 failed.
    expect(a.firstPassYield).toEqual({ ended: 6, passed: 3, rate: 0.5 });
    // Final at the end, reached in the window: a9, a1, a3 success; a2 partial; a7 failed; a6 cancelled.
    expect(a.outcomeMix).toEqual({ success: 3, partial_success: 1, failed: 1, cancelled: 1 });
    // Review backlog: a0 (completed -80 h) and a1 asked for a review; the oldest waits 336 + 80 = 416 h.
    // Issues: i-review (i-resolved has a resolution, i-doc needs no human).
    expect(a.humanReviewBacklog).toEqual({ tasks: 2, oldestTaskSeconds: 416 * HOUR, issues: 1 });
    // Answered in the window: q1 in 3 h = 10800, q2 in 4 h = 14400 s; q3 still open.
    //   p50: 10800 + 0.5 * 3600 = 12600; p85: 10800 + 0.85 * 3600 = 13860; p95: 10800 + 0.95 * 3600 = 14220
    expectPercentiles(a.timeToAnswer, 2, 12600, 13860, 14220);
    expect(a.timeToAnswer.open).toBe(1);

    // wf-b: one task, cycle 2 h, lead 3 h, 2 h of work in 336 h; what has no sample is null.
    expect(b).toEqual({
      key: 'wf-b',
      throughput: { completed: 1, perWeek: 0.5 },
      cycleTime: { samples: 1, p50Seconds: 7200, p85Seconds: 7200, p95Seconds: 7200 },
      leadTime: { samples: 1, p50Seconds: 10800, p85Seconds: 10800, p95Seconds: 10800 },
      wip: { now: 0, average: 2 / 336 },
      openAge: { samples: 0, p50Seconds: null, p85Seconds: null, p95Seconds: null },
      blockedTime: { seconds: 0, ratioToCycleTime: 0 },
      rework: { reworked: 0, completed: 1, rate: 0 },
      firstPassYield: { ended: 1, passed: 1, rate: 1 },
      outcomeMix: { success: 1, partial_success: 0, failed: 0, cancelled: 0 },
      humanReviewBacklog: { tasks: 0, oldestTaskSeconds: null, issues: 0 },
      timeToAnswer: { samples: 0, p50Seconds: null, p85Seconds: null, p95Seconds: null, open: 0 },
    });
  });

  it('groups by assignee across workflows, in pages of groups', async () => {
    const first = await fresh(`groupBy=assignee&limit=2&${window}`);
    expect(first.body.items.map((item: { key: string }) => item.key)).toEqual(['alice', 'bob']);
    // alice completed a1 (cycle 20 h), a3 (40 h) and b1 (2 h): 3 in 14 days = 1.5 per 7 days.
    // Sorted 7200, 72000, 144000: p50 r = 1 -> 72000; p85 r = 1.7 -> 72000 + 0.7 * 72000 = 122400;
    // p95 r = 1.9 -> 72000 + 0.9 * 72000 = 136800.
    const alice = first.body.items[0];
    expect(alice.throughput).toEqual({ completed: 3, perWeek: 1.5 });
    expectPercentiles(alice.cycleTime, 3, 72000, 122400, 136800);
    const second = await fresh(`groupBy=assignee&limit=2&cursor=${first.body.nextCursor}&${window}`);
    expect(second.body.items.map((item: { key: string }) => item.key)).toEqual(['carol']);
    expect(second.body.nextCursor).toBeNull();
    // a cursor of one grouping is refused under another
    const foreign = await get(`/v1/metrics/flow?groupBy=workflow&cursor=${first.body.nextCursor}&${window}`);
    expect(foreign.body).toMatchObject({ status: 400, code: 'cursor.invalid' });
  });

  it('counts a task in each area it declares, and narrows to one workflow', async () => {
    const response = await fresh(`groupBy=area&workflowId=wf-a&${window}`);
    const [api, web] = response.body.items;
    // api: a1 and a3 completed; web: a1 only, with its 4 h blocked of a 20 h cycle.
    expect(api).toMatchObject({ key: 'api', throughput: { completed: 2, perWeek: 1 } });
    expect(web).toMatchObject({ key: 'web', blockedTime: { seconds: 14400, ratioToCycleTime: 0.2 } });
    expect(response.body.items).toHaveLength(2);
    expect((await fresh(`workflowId=wf-none&${window}`)).body.items).toEqual([]);
  });

  it('measures the state at the end of an earlier window', async () => {
    // [0 h, 24 h): a9 working since -24 h, a1 blocked at 10-14 h then completed at 20 h; WIP at 24 h:
    // a9, a2 (retried at 8 h), a3 (working since 5 h, q1 answered at 9 h), a4 (started 12 h).
    const response = await fresh(`groupBy=workflow&workflowId=wf-a&from=${at(0)}&to=${at(24)}`);
    const [a] = response.body.items;
    expect(a.wip.now).toBe(4);
    expect(a.throughput).toEqual({ completed: 1, perWeek: 7 });
    // Open at 24 h: a4 (14 h old), a5 (4 h), a9 (72 h), a2 (24 h), a3 (20 h): sorted 4, 14, 20, 24, 72 h.
    // p50 r = 2 -> 20 h = 72000 s
    expect(a.openAge).toMatchObject({ samples: 5, p50Seconds: 72000 });
  });

  it('refuses a reversed or too long window, an unknown grouping and a bad limit', async () => {
    const reversed = await get(`/v1/metrics/flow?from=${at(10)}&to=${at(5)}`);
    expect(reversed.body).toMatchObject({
      status: 400,
      code: 'request.invalid',
      errors: [{ field: 'to', code: 'field.too_small', expected: `after ${at(10)}`, actual: at(5) }],
    });
    const tooLong = await get(`/v1/metrics/flow?from=2000-01-01T00:00:00Z&to=${at(0)}`);
    expect(tooLong.body).toMatchObject({ status: 400, errors: [{ field: 'from', code: 'field.too_small' }] });
    const grouping = await get('/v1/metrics/flow?groupBy=team');
    expect(grouping.body).toMatchObject({
      status: 400,
      errors: [{ field: 'groupBy', code: 'field.not_allowed' }],
    });
    expect((await get('/v1/metrics/flow?limit=501')).status).toBe(400);
    expect((await get('/v1/metrics/flow?from=yesterday')).body).toMatchObject({
      errors: [{ field: 'from', code: 'field.bad_format' }],
    });
  });

  it('waits for minPosition and answers 503 projection.behind past the wait', async () => {
    const response = await get(`/v1/metrics/flow?minPosition=${rest.last + 1000}&maxWaitMs=100`);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'projection.behind', minPosition: rest.last + 1000 });
  });
});

function expectPercentiles(
  actual: { samples: number; p50Seconds: number; p85Seconds: number; p95Seconds: number },
  samples: number,
  p50: number,
  p85: number,
  p95: number,
) {
  expect(actual.samples).toBe(samples);
  // percentile_cont interpolates in double precision: 0.55 * 36000 may be 19799.999999999996.
  expect(actual.p50Seconds).toBeCloseTo(p50, 6);
  expect(actual.p85Seconds).toBeCloseTo(p85, 6);
  expect(actual.p95Seconds).toBeCloseTo(p95, 6);
}
