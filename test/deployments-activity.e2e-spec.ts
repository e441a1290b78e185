import { RestSession, withQuery } from './support/rest-session';
import { startTestApp, TestApp, TestResponse } from './support/test-app';

/*
 * Service `checkout`, window [Mon 2026-01-05, Mon 2026-01-12): one ISO week, 7 days, one month.
 *   ta completed 01-05 08:00; tb completed 01-06 12:00.
 *   e1 production, tasks [ta], wf-dep: started 01-05 09:30, completed 10:00.
 *   e2 production, tasks [tb]: completed 01-06 11:00, rolled back 11:30 by e3.
 *   e3 production, type rollback of e2: completed 01-06 11:45.
 *   e4 production: failed 01-07 09:10, never restored.
 *   s1 staging: completed 01-06 08:00.
 */
const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 0, day, hour, minute)).toISOString();

describe('deployments, environments, activity and DORA metrics over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());
  const rest = new RestSession(() => t);
  const { command, get, fresh } = rest;
  const ok = (response: TestResponse) => {
    expect(response.status === 200 ? 'ok' : response.body).toBe('ok');
    return response.body;
  };
  const deploy = (id: string, requestedAt: string, extra: object = {}) =>
    command('/v1/deployments', {
      id,
      service: 'checkout',
      environment: 'production',
      type: 'automatic',
      occurredAt: requestedAt,
      ...extra,
    });
  const task = async (id: string, completedAt: string) => {
    await command('/v1/tasks', {
      id,
      workflowId: 'wf-dep',
      name: id,
      goal: 'ship',
      priority: 'medium',
      occurredAt: at(1, 9),
    });
    await command(`/v1/tasks/${id}/start`, { occurredAt: at(1, 10) });
    await command(`/v1/tasks/${id}/complete`, {
      result: 'success',
      summary: 'done',
      achievements: [],
      limitations: [],
      nextSteps: [],
      manualReviewNeeded: false,
      testsStatus: 'passed',
      packagesAdded: [],
      packagesRemoved: [],
      commandsExecuted: [],
      files: { added: [], modified: [], deleted: [] },
      occurredAt: completedAt,
    });
  };
  const currentProduction = async () =>
    ok(await fresh('/v1/environments?service=checkout&environment=production')).items.map(
      (e: { deploymentId: string }) => e.deploymentId,
    );

  beforeAll(async () => {
    await command('/v1/workflows', { id: 'wf-dep', name: 'Deliveries', occurredAt: at(1, 8) });
    await task('ta', at(5, 8));
    await task('tb', at(6, 12));
    await deploy('s1', at(6, 7), { environment: 'staging' });
    await command('/v1/deployments/s1/complete', { occurredAt: at(6, 8) });
    await deploy('e1', at(5, 9), {
      taskIds: ['ta'],
      workflowId: 'wf-dep',
      commit: 'abc1234',
      imageTag: 'v1',
    });
    await command('/v1/deployments/e1/start', { occurredAt: at(5, 9, 30) });
    await command('/v1/deployments/e1/complete', { url: 'https://checkout.example', occurredAt: at(5, 10) });
    await deploy('e2', at(6, 10), { taskIds: ['tb'], imageTag: 'v2' });
    await command('/v1/deployments/e2/complete', { occurredAt: at(6, 11) });
  });

  it('makes the previous deployment current again after a rollback, and the rollback deployment once it completes', async () => {
    expect(await currentProduction()).toEqual(['e2']);
    await deploy('e3', at(6, 11, 20), { type: 'rollback', rollbackOf: 'e2', imageTag: 'v1' });
    await command('/v1/deployments/e2/roll-back', {
      reason: 'error rate',
      rollbackDeploymentId: 'e3',
      occurredAt: at(6, 11, 30),
    });
    expect(await currentProduction()).toEqual(['e1']);
    await command('/v1/deployments/e3/complete', { occurredAt: at(6, 11, 45) });
    const environments = ok(await fresh('/v1/environments?service=checkout'));
    expect(environments.items).toEqual([
      expect.objectContaining({
        environment: 'production',
        deploymentId: 'e3',
        imageTag: 'v1',
        deployedAt: at(6, 11, 45),
      }),
      expect.objectContaining({ environment: 'staging', deploymentId: 's1', deployedAt: at(6, 8) }),
    ]);
    await deploy('e4', at(7, 9));
    await command('/v1/deployments/e4/fail', { error: 'migration failed', occurredAt: at(7, 9, 10) });
  });

  it('answers a deployment with its times and rollback links', async () => {
    const response = await fresh('/v1/deployments/e2');
    expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(rest.last);
    expect(ok(response)).toMatchObject({
      id: 'e2',
      status: 'rolled_back',
      taskIds: ['tb'],
      completedAt: at(6, 11),
      rolledBackAt: at(6, 11, 30),
      rollbackReason: 'error rate',
      rolledBackBy: 'e3',
    });
    expect(ok(await fresh('/v1/deployments/e3'))).toMatchObject({ type: 'rollback', rollbackOf: 'e2' });
    expect(ok(await fresh('/v1/deployments/e1'))).toMatchObject({
      startedAt: at(5, 9, 30),
      url: 'https://checkout.example',
      commit: 'abc1234',
      workflowId: 'wf-dep',
    });
  });

  it('lists deployments with filters, sorts and cursors', async () => {
    const ids = async (path: string) => ok(await fresh(path)).items.map((d: { id: string }) => d.id);
    expect(await ids('/v1/deployments?environment=production')).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(await ids('/v1/deployments?status=failed,rolled_back&sort=-requestedAt')).toEqual(['e4', 'e2']);
    expect(await ids('/v1/deployments?workflowId=wf-dep')).toEqual(['e1']);
    expect(await ids(`/v1/deployments?from=${at(6, 0)}&to=${at(7, 0)}`)).toEqual(['s1', 'e2', 'e3']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = ok(
        await fresh(`/v1/deployments?service=checkout&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...page.items.map((d: { id: string }) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['e1', 's1', 'e2', 'e3', 'e4']);
  });

  it('answers the four DORA metrics worked out by hand', async () => {
    const body = ok(await fresh(`/v1/metrics/dora?service=checkout&from=${at(5, 0)}&to=${at(12, 0)}`));
    expect(body).toMatchObject({
      service: 'checkout',
      environment: 'production',
      workflowId: null,
      windowDays: 7,
    });
    expect(body.deploymentFrequency).toEqual({
      // e1 (01-05), e2 and e3 (01-06): 3 in 7 days, on 2 days of the one ISO week; January: 3.
      deployments: 3,
      perDay: 3 / 7,
      deployDays: 2,
      medianDeployDaysPerWeek: 2,
      medianDeploymentsPerMonth: 3,
      bucket: 'weekly',
    });
    // e1 carries ta: 10:00 - 08:00 = 7200; e2 carries tb, completed an hour after e2: left out.
    expect(body.leadTimeForChanges).toEqual({
      samples: 1,
      p50Seconds: 7200,
      p85Seconds: 7200,
      p95Seconds: 7200,
    });
    // Outcomes e1 e2 e3 e4; e2 rolled back, e4 failed: 2 / 4.
    expect(body.changeFailureRate).toEqual({ deployments: 4, failed: 2, rate: 0.5 });
    // e2 rolled back 11:30 -> e3 completed 11:45 = 900; e4 never restored.
    expect(body.timeToRestore).toEqual({ failures: 2, restored: 1, p50Seconds: 900 });

    const staging = ok(
      await fresh(`/v1/metrics/dora?service=checkout&environment=staging&from=${at(5, 0)}&to=${at(12, 0)}`),
    );
    expect(staging.deploymentFrequency.deployments).toBe(1);
    expect(staging.leadTimeForChanges.p50Seconds).toBeNull();
  });

  it('shows the timeline newest first, per entity, per workflow and per actor', async () => {
    const types = async (path: string) => ok(await fresh(path)).items.map((a: { type: string }) => a.type);
    expect(await types('/v1/activity?entityKind=deployment&entityId=e2')).toEqual([
      'DeploymentRolledBack',
      'DeploymentCompleted',
      'DeploymentRequested',
    ]);
    const workflow = ok(await fresh('/v1/activity?workflowId=wf-dep&limit=500')).items;
    expect(workflow.map((a: { position: number }) => a.position)).toEqual(
      [...workflow.map((a: { position: number }) => a.position)].sort((a: number, b: number) => b - a),
    );
    expect(new Set(workflow.map((a: { entityKind: string }) => a.entityKind))).toEqual(
      new Set(['workflow', 'task', 'deployment']),
    );
    expect(await types('/v1/activity?type=DeploymentFailed')).toEqual(['DeploymentFailed']);
    const failed = ok(await fresh('/v1/activity?type=DeploymentFailed')).items[0];
    // The actor is whoever the request authenticated as, as the stored event records it.
    const stored = ok(await get('/v1/streams/deployment-e4/events')).items;
    const event = stored.find((e: { type: string }) => e.type === 'DeploymentFailed');
    expect(failed).toMatchObject({
      position: event.position,
      eventId: event.eventId,
      entityKind: 'deployment',
      entityId: 'e4',
      summary: 'Deployment failed: migration failed',
      actorId: event.metadata.actor.id,
    });
    const byActor = ok(await fresh(`/v1/activity?actor=${failed.actorId}&limit=500`)).items;
    expect(byActor.map((a: { position: number }) => a.position)).toContain(failed.position);
    expect(new Set(byActor.map((a: { actorId: string }) => a.actorId))).toEqual(new Set([failed.actorId]));
    const page = ok(await fresh('/v1/activity?limit=2'));
    const next = ok(await fresh(`/v1/activity?limit=2&cursor=${page.nextCursor}`));
    expect(next.items[0].position).toBe(page.items[1].position - 1);
  });

  it('refuses invalid parameters with the fields at fault', async () => {
    const problem = async (path: string) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      return response.body;
    };
    expect((await problem('/v1/deployments?status=sleeping')).errors).toEqual([
      expect.objectContaining({ field: 'status', code: 'field.not_allowed' }),
    ]);
    expect((await problem('/v1/environments?environment=Prod!')).errors).toEqual([
      expect.objectContaining({ field: 'environment', code: 'field.bad_format' }),
    ]);
    expect((await problem('/v1/activity?entityKind=robot&limit=0')).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'entityKind', code: 'field.not_allowed' }),
        expect.objectContaining({ field: 'limit', code: 'field.too_small' }),
      ]),
    );
    expect((await problem('/v1/metrics/dora')).errors).toEqual([
      expect.objectContaining({ field: 'service', code: 'field.required' }),
    ]);
    expect(await problem(`/v1/metrics/dora?service=checkout&from=${at(9, 0)}&to=${at(8, 0)}`)).toMatchObject({
      code: 'request.invalid',
      errors: [{ field: 'to', code: 'field.too_small', expected: `after ${at(9, 0)}`, actual: at(8, 0) }],
    });
    const page = ok(await fresh('/v1/deployments?limit=1'));
    expect(await problem(`/v1/deployments?sort=-updatedAt&cursor=${page.nextCursor}`)).toMatchObject({
      code: 'cursor.invalid',
    });
  });

  it('answers 404 for an unknown deployment and honours minPosition on every route', async () => {
    expect((await fresh('/v1/deployments/nope')).body).toMatchObject({
      status: 404,
      code: 'deployment.not_found',
    });
    for (const path of [
      '/v1/deployments',
      '/v1/environments',
      '/v1/activity',
      '/v1/metrics/dora?service=checkout',
    ]) {
      const response = await get(path, { 'X-Annals-Min-Position': String(rest.last) });
      expect(response.status).toBe(200);
      expect(Number(response.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(rest.last);
      const behind = await get(withQuery(path, `minPosition=${rest.last + 1000}&maxWaitMs=100`));
      expect(behind.body).toMatchObject({ status: 503, code: 'projection.behind' });
    }
  });
});
