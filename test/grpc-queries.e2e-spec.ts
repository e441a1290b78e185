import { status } from '@grpc/grpc-js';
import { fromProtoStruct, fromProtoValue } from '../apps/annals/src/grpc/protobuf-json';
import { asRestAnswer, commandEnvelope, grpcClient, reflectedServices, refusal } from './support/grpc-client';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Service `shop`, written over gRPC, window [Mon 2026-01-05, Mon 2026-01-12):
 *   ta completed 01-05 08:00.
 *   d1 production, tasks [ta], wf-q: completed 01-05 10:00.
 *   d2 production: completed 01-06 11:00, rolled back 11:30 by d3.
 *   d3 production, rollback of d2: completed 01-06 11:45.
 *   d4 production: failed 01-07 09:10.
 *   s1 staging: completed 01-06 08:00.
 * Then a second task (tb: blocked, failed, retried, completed), four decisions (adr-3 supersedes
 * adr-1, adr-4 rejected) and three snapshots (two environments with checksums, one git).
 */
const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 0, day, hour, minute)).toISOString();
const OUTCOME = {
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
};

describe('gRPC query services mirror the REST queries', () => {
  let t: TestApp;
  let grpc: ReturnType<typeof grpcClient>;
  /** The position of the last command: every query reads its own writes with it. */
  let last = '0';

  const execute = async (type: string, id: string, data: object = {}) => {
    const result = await grpc.unary('CommandService', 'Execute')(commandEnvelope(type, id, data));
    if (Number(result.position) > Number(last)) last = result.position;
    return result;
  };
  const query = (service: string, method: string) => (request: object) =>
    grpc.unary(service, method)({ minPosition: last, ...request });
  const rest = async (path: string) => {
    const response = await t.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);
    expect(response.status === 200 ? 'ok' : response.body).toBe('ok');
    return response.body;
  };
  /** A gRPC answer without its served `position`, read as REST JSON. */
  const sameAs = (answer: Record<string, unknown>, restBody: unknown) => {
    const { position: _position, ...rest } = answer;
    return asRestAnswer(rest, restBody);
  };

  beforeAll(async () => {
    t = await startTestApp();
    grpc = grpcClient(t.grpcAddress!, t.adminKey);
    await execute('StartWorkflow', 'wf-q', { name: 'Deliveries', occurredAt: at(1, 8) });
    await execute('CreateTask', 'ta', {
      workflowId: 'wf-q',
      name: 'ta',
      goal: 'ship',
      priority: 'medium',
      occurredAt: at(1, 9),
    });
    await execute('StartTask', 'ta', { occurredAt: at(1, 10) });
    await execute('CompleteTask', 'ta', { ...OUTCOME, occurredAt: at(5, 8) });
    const deploy = (id: string, requestedAt: string, extra: object = {}) =>
      execute('RequestDeployment', id, {
        service: 'shop',
        environment: 'production',
        type: 'automatic',
        occurredAt: requestedAt,
        ...extra,
      });
    await deploy('s1', at(6, 7), { environment: 'staging' });
    await execute('CompleteDeployment', 's1', { occurredAt: at(6, 8) });
    await deploy('d1', at(5, 9), { taskIds: ['ta'], workflowId: 'wf-q', imageTag: 'v1' });
    await execute('CompleteDeployment', 'd1', { url: 'https://shop.example', occurredAt: at(5, 10) });
    await deploy('d2', at(6, 10), { imageTag: 'v2' });
    await execute('CompleteDeployment', 'd2', { occurredAt: at(6, 11) });
    await deploy('d3', at(6, 11, 20), { type: 'rollback', rollbackOf: 'd2', imageTag: 'v1' });
    await execute('RollBackDeployment', 'd2', {
      reason: 'error rate',
      rollbackDeploymentId: 'd3',
      occurredAt: at(6, 11, 30),
    });
    await execute('CompleteDeployment', 'd3', { occurredAt: at(6, 11, 45) });
    await deploy('d4', at(7, 9));
    await execute('FailDeployment', 'd4', { error: 'migration failed', occurredAt: at(7, 9, 10) });

    // tb: started, blocked 2 h, failed, retried, completed: cycle 01-02 10:00 to 01-03 10:00.
    await execute('CreateTask', 'tb', {
      workflowId: 'wf-q',
      name: 'tb',
      goal: 'ship',
      priority: 'high',
      areas: ['api'],
      occurredAt: at(2, 9),
    });
    await execute('StartTask', 'tb', { assignee: { type: 'agent', id: 'coder-1' }, occurredAt: at(2, 10) });
    await execute('BlockTask', 'tb', { reason: 'waiting', occurredAt: at(2, 12) });
    await execute('UnblockTask', 'tb', { occurredAt: at(2, 14) });
    await execute('FailTask', 'tb', { reason: 'tests failed', occurredAt: at(2, 16) });
    await execute('RetryTask', 'tb', { occurredAt: at(2, 17) });
    await execute('CompleteTask', 'tb', { ...OUTCOME, occurredAt: at(3, 10) });

    const decide = (id: string, occurredAt: string, extra: object = {}) =>
      execute('RecordDecision', id, {
        workflowId: 'wf-q',
        category: 'architecture',
        question: `Question ${id}`,
        optionsConsidered: ['one', 'two'],
        chosen: 'one',
        reasoning: 'why not',
        status: 'accepted',
        occurredAt,
        ...extra,
      });
    await decide('adr-1', at(2, 0));
    await decide('adr-2', at(3, 0), { category: 'library_choice', taskId: 'ta', status: 'proposed' });
    await decide('adr-3', at(4, 0), { supersedes: 'adr-1' });
    await decide('adr-4', at(5, 0), { workflowId: 'wf-x', category: 'other', status: 'proposed' });
    await execute('RejectDecision', 'adr-4', { reason: 'too costly', occurredAt: at(6, 0) });

    const capture = (id: string, subject: [string, string], capturedAt: string, extra: object) =>
      execute('CaptureSnapshot', id, {
        subject: { type: subject[0], id: subject[1] },
        kind: 'checksum',
        schemaVersion: 1,
        status: 'ok',
        capturedAt,
        occurredAt: capturedAt,
        ...extra,
      });
    await capture('snap-prod', ['environment', 'production'], at(5, 0), {
      checksums: { 'a.ts': 'aaaaaaa1', 'b.ts': 'bbbbbbb1', 'c.ts': 'ccccccc1' },
    });
    await capture('snap-stg', ['environment', 'staging'], at(6, 0), {
      checksums: { 'a.ts': 'aaaaaaa1', 'b.ts': 'bbbbbbb2', 'd.ts': 'ddddddd1' },
    });
    await capture('snap-git', ['task', 'ta'], at(7, 0), {
      kind: 'git',
      status: 'warning',
      git: { commit: 'abcdef1', branch: 'main' },
      payload: { cpu: 4, tags: ['x', null] },
    });
  });
  afterAll(async () => {
    grpc?.close();
    await t?.close();
  });

  describe('DeploymentQueryService', () => {
    const list = (request: object) => query('DeploymentQueryService', 'List')(request);
    const get = (request: object) => query('DeploymentQueryService', 'Get')(request);
    const ids = async (request: object) => (await list(request)).items.map((d: { id: string }) => d.id);

    it('List filters like REST and answers the position served', async () => {
      const page = await list({ environment: 'production' });
      expect(page.items.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4']);
      expect(Number(page.position)).toBeGreaterThanOrEqual(Number(last));
      expect(await ids({ status: ['failed', 'rolled_back'], sort: '-requestedAt' })).toEqual(['d4', 'd2']);
      expect(await ids({ workflowId: 'wf-q' })).toEqual(['d1']);
      expect(await ids({ from: at(6, 0), to: at(7, 0) })).toEqual(['s1', 'd2', 'd3']);
      expect(sameAs(page, await rest('/v1/deployments?environment=production'))).toEqual(
        await rest('/v1/deployments?environment=production'),
      );
    });

    it('List pages with next_cursor through every deployment once, in a stable order', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ service: 'shop', limit: 2, ...(cursor && { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((d: { id: string }) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['d1', 's1', 'd2', 'd3', 'd4']);
    });

    it('Get answers the deployment REST answers, with its rollback links', async () => {
      const answer = await get({ id: 'd2' });
      expect(answer.deployment).toMatchObject({
        id: 'd2',
        status: 'rolled_back',
        completedAt: at(6, 11),
        rolledBackAt: at(6, 11, 30),
        rollbackReason: 'error rate',
        rolledBackBy: 'd3',
      });
      expect(Number(answer.position)).toBeGreaterThanOrEqual(Number(last));
      for (const id of ['d1', 'd2', 'd3', 'd4']) {
        const body = await rest(`/v1/deployments/${id}`);
        expect(asRestAnswer((await get({ id })).deployment, body)).toEqual(body);
      }
    });

    it('Get of a missing deployment is NOT_FOUND with deployment.not_found', async () => {
      expect(await refusal(get({ id: 'nope' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'deployment.not_found',
      });
    });

    it('a bad request is INVALID_ARGUMENT naming each field, like REST', async () => {
      const invalid = await refusal(list({ status: ['sleeping'], limit: 501, environment: 'Prod!' }));
      expect(invalid).toMatchObject({ code: status.INVALID_ARGUMENT, problemCode: 'request.invalid' });
      const fields = invalid.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['environment', 'limit', 'status']);
      const restRefusal = await t.request(
        'GET',
        '/v1/deployments?status=sleeping&limit=501&environment=Prod!',
      );
      expect(restRefusal.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(fields);
      expect((await refusal(get({ id: 'no spaces' }))).errors[0]).toMatchObject({ field: 'id' });
      // A cursor is bound to its sort: one made for requestedAt is refused under -requestedAt.
      const { nextCursor } = await list({ limit: 1 });
      expect(await refusal(list({ sort: '-requestedAt', cursor: nextCursor }))).toMatchObject({
        code: status.INVALID_ARGUMENT,
        problemCode: 'cursor.invalid',
      });
    });

    it('waits for min_position, and is UNAVAILABLE past the wait', async () => {
      const behind = await refusal(
        get({ id: 'd1', minPosition: String(Number(last) + 1000), maxWaitMs: 50 }),
      );
      expect(behind).toMatchObject({ code: status.UNAVAILABLE, problemCode: 'projection.behind' });
    });
  });

  describe('EnvironmentQueryService', () => {
    const list = (request: object) => query('EnvironmentQueryService', 'List')(request);

    it('List answers the current deployment per environment, filtered and paged like REST', async () => {
      const page = await list({ service: 'shop' });
      expect(page.items.map((e: any) => [e.environment, e.deploymentId, e.deployedAt])).toEqual([
        ['production', 'd3', at(6, 11, 45)],
        ['staging', 's1', at(6, 8)],
      ]);
      expect(sameAs(page, await rest('/v1/environments?service=shop'))).toEqual(
        await rest('/v1/environments?service=shop'),
      );
      expect((await list({ environment: 'staging' })).items.map((e: any) => e.deploymentId)).toEqual(['s1']);
      const first = await list({ service: 'shop', limit: 1 });
      const second = await list({ service: 'shop', limit: 1, cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((e: any) => e.environment)).toEqual([
        'production',
        'staging',
      ]);
      expect(second.nextCursor).toBeUndefined();
    });

    it('a bad request is INVALID_ARGUMENT naming the field', async () => {
      const invalid = await refusal(list({ environment: 'UPPER', limit: 0 }));
      expect(invalid.code).toBe(status.INVALID_ARGUMENT);
      expect(invalid.errors.map((e: { field: string }) => e.field).sort()).toEqual(['environment', 'limit']);
    });
  });

  describe('ActivityQueryService', () => {
    const list = (request: object) => query('ActivityQueryService', 'List')(request);

    it('List answers the timeline newest first, filtered like REST', async () => {
      const entity = await list({ entityKind: 'deployment', entityId: 'd2' });
      expect(entity.items.map((a: { type: string }) => a.type)).toEqual([
        'DeploymentRolledBack',
        'DeploymentCompleted',
        'DeploymentRequested',
      ]);
      const path = '/v1/activity?entityKind=deployment&entityId=d2';
      expect(sameAs(entity, await rest(path))).toEqual(await rest(path));
      const types = await list({ type: ['DeploymentFailed', 'TaskCompleted'] });
      // Newest first in ledger order: tb was written after the deployments.
      expect(types.items.map((a: any) => [a.type, a.entityId])).toEqual([
        ['TaskCompleted', 'tb'],
        ['DeploymentFailed', 'd4'],
        ['TaskCompleted', 'ta'],
      ]);
    });

    it('List pages with next_cursor, each event once, in ledger order', async () => {
      const positions: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({
          workflowId: 'wf-q',
          limit: 2,
          sort: 'position',
          ...(cursor && { cursor }),
        });
        positions.push(...page.items.map((a: { position: string }) => Number(a.position)));
        cursor = page.nextCursor;
      } while (cursor);
      const all = await rest('/v1/activity?workflowId=wf-q&sort=position&limit=500');
      expect(positions).toEqual(all.items.map((a: { position: number }) => a.position));
      // The workflow's events, its task's and d1's (d1 names the workflow), oldest first.
      expect(positions.length).toBeGreaterThanOrEqual(7);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });

    it('a bad request is INVALID_ARGUMENT naming the field', async () => {
      const invalid = await refusal(list({ type: ['NoSuchEvent'], entityKind: 'planet' }));
      expect(invalid.code).toBe(status.INVALID_ARGUMENT);
      expect(invalid.errors.map((e: { field: string }) => e.field).sort()).toEqual(['entityKind', 'type']);
    });
  });

  describe('DoraMetricsService', () => {
    const dora = (request: object) => query('DoraMetricsService', 'Get')(request);

    it('answers what GET /v1/metrics/dora answers for the same window', async () => {
      const window = { service: 'shop', from: at(5, 0), to: at(12, 0) };
      const answer = await dora(window);
      const body = await rest(`/v1/metrics/dora?service=shop&from=${window.from}&to=${window.to}`);
      expect(sameAs(answer, body)).toEqual(body);
      expect(Number(answer.position)).toBeGreaterThanOrEqual(Number(last));
      // Worked out by hand: d1, d2, d3 completed; d2 rolled back and d4 failed of 4 outcomes.
      expect(answer.deploymentFrequency).toMatchObject({ deployments: 3, deployDays: 2, bucket: 'weekly' });
      expect(answer.changeFailureRate).toEqual({ deployments: 4, failed: 2, rate: 0.5 });
      expect(answer.leadTimeForChanges).toMatchObject({ samples: 1, p50Seconds: 7200 });
      expect(answer.timeToRestore).toEqual({ failures: 2, restored: 1, p50Seconds: 900 });

      const staging = { service: 'shop', environment: 'staging', from: at(5, 0), to: at(12, 0) };
      const stagingAnswer = await dora(staging);
      const stagingBody = await rest(
        `/v1/metrics/dora?service=shop&environment=staging&from=${staging.from}&to=${staging.to}`,
      );
      expect(stagingBody.leadTimeForChanges.p50Seconds).toBeNull();
      expect(stagingAnswer.leadTimeForChanges.p50Seconds).toBeUndefined();
      expect(sameAs(stagingAnswer, stagingBody)).toEqual(stagingBody);
    });

    it('refuses a missing service or a reversed window as INVALID_ARGUMENT naming the field', async () => {
      const missing = await refusal(dora({ from: at(5, 0), to: at(12, 0) }));
      expect(missing.code).toBe(status.INVALID_ARGUMENT);
      expect(missing.errors.map((e: { field: string }) => e.field)).toEqual(['service']);
      const reversed = await refusal(dora({ service: 'shop', from: at(12, 0), to: at(5, 0) }));
      expect(reversed).toMatchObject({ code: status.INVALID_ARGUMENT, problemCode: 'request.invalid' });
      expect(reversed.errors).toEqual([
        expect.objectContaining({ field: 'to', code: 'field.too_small', actual: at(5, 0) }),
      ]);
    });
  });

  describe('DecisionQueryService', () => {
    const list = (request: object) => query('DecisionQueryService', 'List')(request);
    const get = (request: object) => query('DecisionQueryService', 'Get')(request);
    const ids = async (request: object) => (await list(request)).items.map((d: { id: string }) => d.id);

    it('List filters like REST and pages with next_cursor', async () => {
      expect(await ids({ workflowId: 'wf-q' })).toEqual(['adr-1', 'adr-2', 'adr-3']);
      expect(await ids({ category: ['other', 'library_choice'] })).toEqual(['adr-2', 'adr-4']);
      expect(await ids({ status: ['superseded', 'rejected'], sort: '-createdAt' })).toEqual([
        'adr-4',
        'adr-1',
      ]);
      expect(await ids({ taskId: 'ta' })).toEqual(['adr-2']);
      expect(await ids({ createdFrom: at(3, 0), createdTo: at(5, 0) })).toEqual(['adr-2', 'adr-3']);
      const page = await list({ workflowId: 'wf-q' });
      expect(sameAs(page, await rest('/v1/decisions?workflowId=wf-q'))).toEqual(
        await rest('/v1/decisions?workflowId=wf-q'),
      );
      const first = await list({ limit: 3 });
      const second = await list({ limit: 3, cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((d: { id: string }) => d.id)).toEqual([
        'adr-1',
        'adr-2',
        'adr-3',
        'adr-4',
      ]);
      expect(second.nextCursor).toBeUndefined();
    });

    it('Get answers the decision REST answers, with its supersession links; NOT_FOUND when missing', async () => {
      const answer = await get({ id: 'adr-1' });
      expect(answer.decision).toMatchObject({ id: 'adr-1', status: 'superseded', supersededBy: 'adr-3' });
      expect(answer.decision.supersedes).toBeUndefined();
      for (const id of ['adr-1', 'adr-3', 'adr-4']) {
        const body = await rest(`/v1/decisions/${id}`);
        expect(asRestAnswer((await get({ id })).decision, body)).toEqual(body);
      }
      expect(await refusal(get({ id: 'adr-9' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'decision.not_found',
      });
    });

    it('a bad request is INVALID_ARGUMENT naming the field', async () => {
      const invalid = await refusal(list({ category: ['astrology'], createdFrom: 'yesterday' }));
      expect(invalid.code).toBe(status.INVALID_ARGUMENT);
      expect(invalid.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'category',
        'createdFrom',
      ]);
    });
  });

  describe('SnapshotQueryService', () => {
    const list = (request: object) => query('SnapshotQueryService', 'List')(request);
    const get = (request: object) => query('SnapshotQueryService', 'Get')(request);
    const diff = (request: object) => query('SnapshotQueryService', 'Diff')(request);
    const ids = async (request: object) => (await list(request)).items.map((s: { id: string }) => s.id);

    it('List filters by subject, kind and status like REST, and pages with next_cursor', async () => {
      expect(await ids({ environment: 'staging' })).toEqual(['snap-stg']);
      expect(await ids({ subjectType: 'environment', sort: '-capturedAt' })).toEqual([
        'snap-stg',
        'snap-prod',
      ]);
      expect(await ids({ taskId: 'ta', kind: 'git', status: ['warning'] })).toEqual(['snap-git']);
      const page = await list({});
      expect(sameAs(page, await rest('/v1/snapshots'))).toEqual(await rest('/v1/snapshots'));
      const first = await list({ limit: 2 });
      const second = await list({ limit: 2, cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((s: { id: string }) => s.id)).toEqual([
        'snap-prod',
        'snap-stg',
        'snap-git',
      ]);
    });

    it('Get answers the snapshot, its payload as JSON and a page of its files, as REST does', async () => {
      const answer = await get({ id: 'snap-git' });
      expect(answer.snapshot).toMatchObject({ id: 'snap-git', git: { commit: 'abcdef1', branch: 'main' } });
      expect(fromProtoValue(answer.payload)).toEqual({ cpu: 4, tags: ['x', null] });
      const { payload, ...body } = await rest('/v1/snapshots/snap-git');
      expect(payload).toEqual({ cpu: 4, tags: ['x', null] });
      expect(asRestAnswer({ ...answer.snapshot, files: answer.files }, body)).toEqual(body);

      const first = await get({ id: 'snap-prod', limit: 2 });
      expect(first.payload).toBeUndefined();
      expect(first.files.items.map((f: { path: string }) => f.path)).toEqual(['a.ts', 'b.ts']);
      const second = await get({ id: 'snap-prod', limit: 2, cursor: first.files.nextCursor });
      expect(second.files).toEqual({ items: [{ path: 'c.ts', checksum: 'ccccccc1' }] });
      expect(await refusal(get({ id: 'snap-none' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'snapshot.not_found',
      });
    });

    it('Diff answers the files added, removed and changed with the counts, as REST does', async () => {
      const answer = await diff({ id: 'snap-prod', otherId: 'snap-stg' });
      expect(answer.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
      expect(answer.items.map((f: any) => [f.path, f.change])).toEqual([
        ['b.ts', 'changed'],
        ['c.ts', 'removed'],
        ['d.ts', 'added'],
      ]);
      const path = '/v1/snapshots/snap-prod/diff/snap-stg';
      expect(sameAs(answer, await rest(path))).toEqual(await rest(path));
      const added = await diff({ id: 'snap-prod', otherId: 'snap-stg', change: ['added'], limit: 1 });
      expect(added.items).toEqual([{ path: 'd.ts', change: 'added', toChecksum: 'ddddddd1' }]);
      expect(await refusal(diff({ id: 'snap-prod', otherId: 'snap-none' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'snapshot.not_found',
      });
      expect(await refusal(diff({ id: 'snap-prod', otherId: 'snap-git' }))).toMatchObject({
        code: status.FAILED_PRECONDITION,
        problemCode: 'snapshot.checksums_missing',
      });
    });

    it('a bad request is INVALID_ARGUMENT naming the field', async () => {
      const both = await refusal(list({ workflowId: 'wf-q', taskId: 'ta' }));
      expect(both.code).toBe(status.INVALID_ARGUMENT);
      expect(both.errors.map((e: { field: string }) => e.field)).toEqual(['workflowId']);
      const badDiff = await refusal(diff({ id: 'snap-prod', otherId: 'not valid', change: ['moved'] }));
      expect(badDiff.errors.map((e: { field: string }) => e.field).sort()).toEqual(['change', 'otherId']);
    });
  });

  describe('DecisionSnapshotMetricsService', () => {
    const decisions = (request: object) => query('DecisionSnapshotMetricsService', 'Decisions')(request);
    const drift = (request: object) => query('DecisionSnapshotMetricsService', 'SnapshotDrift')(request);

    it('Decisions answers what GET /v1/metrics/decisions answers for the same window', async () => {
      const window = { from: at(1, 0), to: at(12, 0) };
      const answer = await decisions(window);
      expect(answer).toMatchObject({ made: 4, superseded: 1, supersessionRate: 0.25 });
      expect(answer.byCategory).toMatchObject({ architecture: 2, library_choice: 1, other: 1 });
      const body = await rest(`/v1/metrics/decisions?from=${window.from}&to=${window.to}`);
      expect(sameAs(answer, body)).toEqual(body);
      const empty = { from: at(20, 0), to: at(21, 0), workflowId: 'wf-q' };
      const emptyBody = await rest(`/v1/metrics/decisions?from=${empty.from}&to=${empty.to}&workflowId=wf-q`);
      expect(emptyBody.supersessionRate).toBeNull();
      expect(sameAs(await decisions(empty), emptyBody)).toEqual(emptyBody);
    });

    it('SnapshotDrift answers what GET /v1/metrics/snapshot-drift answers, by ids or by environments', async () => {
      const byIds = await drift({ fromSnapshotId: 'snap-prod', toSnapshotId: 'snap-stg' });
      expect(byIds).toMatchObject({ drifted: 3, compared: 4, driftRatio: 0.75 });
      const path = '/v1/metrics/snapshot-drift?fromSnapshotId=snap-prod&toSnapshotId=snap-stg';
      expect(sameAs(byIds, await rest(path))).toEqual(await rest(path));
      const byEnvironments = await drift({ fromEnvironment: 'production', toEnvironment: 'staging' });
      const { position: _position, ...sameDrift } = byEnvironments;
      const { position: _ids, ...idsDrift } = byIds;
      expect(sameDrift).toEqual(idsDrift);
      expect(await refusal(drift({ fromEnvironment: 'production', toEnvironment: 'moon' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'snapshot.not_found',
      });
    });

    it('refuses a reversed window or half a pair as INVALID_ARGUMENT naming the field', async () => {
      const reversed = await refusal(decisions({ from: at(12, 0), to: at(1, 0) }));
      expect(reversed.code).toBe(status.INVALID_ARGUMENT);
      expect(reversed.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
      const half = await refusal(drift({ fromSnapshotId: 'snap-prod' }));
      expect(half.code).toBe(status.INVALID_ARGUMENT);
      expect(half.errors.map((e: { field: string }) => e.field)).toEqual(['toSnapshotId']);
    });
  });

  describe('FlowMetricsService', () => {
    const flow = (request: object) => query('FlowMetricsService', 'Get')(request);
    const window = { from: at(1, 0), to: at(12, 0) };

    it('answers what GET /v1/metrics/flow answers for the same window, per workflow and per assignee', async () => {
      const answer = await flow({ ...window, groupBy: 'workflow' });
      expect(answer.items.map((g: { key: string }) => g.key)).toEqual(['wf-q']);
      expect(answer.items[0]).toMatchObject({
        throughput: { completed: 2 },
        rework: { reworked: 1, completed: 2, rate: 0.5 },
        blockedTime: { seconds: 7200 },
      });
      const body = await rest(`/v1/metrics/flow?groupBy=workflow&from=${window.from}&to=${window.to}`);
      expect(sameAs(answer, body)).toEqual(body);
      const byAssignee = await flow({ ...window, groupBy: 'assignee' });
      const assigneeBody = await rest(
        `/v1/metrics/flow?groupBy=assignee&from=${window.from}&to=${window.to}`,
      );
      expect(sameAs(byAssignee, assigneeBody)).toEqual(assigneeBody);
    });

    it('pages the groups with next_cursor', async () => {
      const first = await flow({ ...window, groupBy: 'area', limit: 1 });
      const all = await rest(`/v1/metrics/flow?groupBy=area&from=${window.from}&to=${window.to}`);
      expect(first.items.map((g: { key: string }) => g.key)).toEqual([all.items[0].key]);
      const keys = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await flow({ ...window, groupBy: 'area', limit: 1, cursor });
        keys.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(keys.map((g: { key: string }) => g.key)).toEqual(all.items.map((g: { key: string }) => g.key));
      // A cursor names its grouping: it is refused under another.
      expect(
        await refusal(flow({ ...window, groupBy: 'workflow', cursor: first.nextCursor ?? 'x' })),
      ).toMatchObject({ code: status.INVALID_ARGUMENT, problemCode: 'cursor.invalid' });
    });

    it('a bad request is INVALID_ARGUMENT naming the field', async () => {
      const invalid = await refusal(flow({ groupBy: 'team', limit: 1000 }));
      expect(invalid.code).toBe(status.INVALID_ARGUMENT);
      expect(invalid.errors.map((e: { field: string }) => e.field).sort()).toEqual(['groupBy', 'limit']);
      const reversed = await refusal(flow({ from: at(12, 0), to: at(1, 0) }));
      expect(reversed.errors).toEqual([expect.objectContaining({ field: 'to', code: 'field.too_small' })]);
    });
  });

  describe('TaskQueryService', () => {
    it('Get answers, field by field, the detail GET /v1/tasks/{id} answers', async () => {
      // Its own workflow, after the metric tests: their windows and counts stay as described above.
      await execute('StartWorkflow', 'wf-t', { name: 'Details', occurredAt: at(8, 8) });
      await execute('CreateTask', 'tq', {
        workflowId: 'wf-t',
        name: 'tq',
        goal: 'ship the API',
        priority: 'high',
        category: 'backend',
        areas: ['src/api/**'],
        occurredAt: at(8, 9),
      });
      await execute('CreateTask', 'tq-sub', {
        workflowId: 'wf-t',
        parentTaskId: 'tq',
        dependsOn: ['tq'],
        name: 'tq-sub',
        goal: 'a part',
        priority: 'low',
        occurredAt: at(8, 9, 30),
      });
      await execute('StartTask', 'tq', {
        assignee: { type: 'agent', id: 'coder-2', name: 'Coder' },
        occurredAt: at(8, 10),
      });
      await execute('RecordMilestone', 'tq', {
        message: 'schema',
        progress: 40,
        metadata: { step: 1, tags: ['db', null] },
        occurredAt: at(8, 11),
      });
      await execute('LogIssue', 'tq', {
        issueId: 'gap',
        type: 'doc_gap',
        description: 'no API docs',
        resolution: 'wrote them',
        requiresHumanReview: true,
        occurredAt: at(8, 12),
      });
      await execute('AskQuestion', 'tq', {
        questionId: 'q1',
        question: 'REST or gRPC?',
        context: 'both?',
        occurredAt: at(8, 13),
      });
      await execute('AnswerQuestion', 'tq', { questionId: 'q1', answer: 'both', occurredAt: at(8, 14) });
      await execute('CompleteTask', 'tq', {
        ...OUTCOME,
        achievements: ['endpoint'],
        limitations: ['no paging'],
        nextSteps: ['add paging'],
        manualReviewNeeded: true,
        manualReviewReason: 'changed files outside its areas',
        packagesAdded: ['zod'],
        commandsExecuted: ['npm test'],
        files: { added: ['src/api/tasks.ts'], modified: ['README.md'], deleted: [] },
        occurredAt: at(9, 10),
      });

      const answer = await query('TaskQueryService', 'Get')({ id: 'tq' });
      const body = await rest('/v1/tasks/tq');
      // What was recorded is there, so that the comparison below is not one of two empty answers.
      expect(body).toMatchObject({
        status: 'completed',
        dependents: ['tq-sub'],
        outcome: {
          kind: 'completed',
          scopeMatch: false,
          unexpectedFiles: ['README.md'],
          durationMs: 86_400_000,
        },
        scopeCheck: { areas: ['src/api/**'], scopeMatch: false, unexpectedFiles: ['README.md'] },
        subtasks: { items: [{ id: 'tq-sub', status: 'backlog' }], total: 1, truncated: false },
        milestones: { items: [{ message: 'schema', metadata: { step: 1, tags: ['db', null] } }], total: 1 },
        issues: { items: [{ issueId: 'gap', resolution: 'wrote them' }], total: 1 },
        questions: { items: [{ questionId: 'q1', answer: 'both', answeredAt: at(8, 14) }], total: 1 },
        files: {
          items: [
            { path: 'README.md', change: 'modified', inScope: false },
            { path: 'src/api/tasks.ts', change: 'added', inScope: true },
          ],
          total: 2,
        },
        statusHistory: { total: 5 },
      });

      const { task, dependsOn, dependents, position } = answer;
      expect(Number(position)).toBeGreaterThanOrEqual(Number(last));
      // Milestone metadata travels as a google.protobuf.Struct; the edges stand beside the task.
      const milestones = task.milestones.items.map((m: { metadata?: object }) => ({
        ...m,
        metadata: m.metadata && fromProtoStruct(m.metadata),
      }));
      const asRest = {
        ...task,
        milestones: { ...task.milestones, items: milestones },
        dependsOn,
        dependents,
      };
      expect(asRestAnswer(asRest, body)).toEqual(body);
    });
  });

  describe('every query service', () => {
    /** One cheap call per method, each valid, so that only the key decides the answer. */
    const calls: ReadonlyArray<[string, string, object]> = [
      ['DeploymentQueryService', 'List', {}],
      ['DeploymentQueryService', 'Get', { id: 'd1' }],
      ['EnvironmentQueryService', 'List', {}],
      ['ActivityQueryService', 'List', {}],
      ['DoraMetricsService', 'Get', { service: 'shop' }],
      ['FlowMetricsService', 'Get', {}],
      ['DecisionQueryService', 'List', {}],
      ['DecisionQueryService', 'Get', { id: 'adr-1' }],
      ['SnapshotQueryService', 'List', {}],
      ['SnapshotQueryService', 'Get', { id: 'snap-prod' }],
      ['SnapshotQueryService', 'Diff', { id: 'snap-prod', otherId: 'snap-stg' }],
      ['DecisionSnapshotMetricsService', 'Decisions', { from: at(1, 0), to: at(12, 0) }],
      [
        'DecisionSnapshotMetricsService',
        'SnapshotDrift',
        { fromSnapshotId: 'snap-prod', toSnapshotId: 'snap-stg' },
      ],
    ];

    it('is listed by server reflection', async () => {
      const services = await reflectedServices(t.grpcAddress!);
      expect(services).toEqual(
        expect.arrayContaining([...new Set(calls.map(([service]) => `annals.v1.${service}`))]),
      );
    });

    it('answers an analyst key, refuses a publisher key (PERMISSION_DENIED) and no key (UNAUTHENTICATED)', async () => {
      const keyOf = async (role: string) =>
        (await t.request('POST', '/v1/keys', { body: { name: role, role } })).body.token as string;
      const analyst = grpcClient(t.grpcAddress!, await keyOf('analyst'));
      const publisher = grpcClient(t.grpcAddress!, await keyOf('publisher'));
      const anonymous = grpcClient(t.grpcAddress!, undefined);
      try {
        for (const [service, method, request] of calls) {
          const answer = await analyst.unary(service, method)({ minPosition: last, ...request });
          expect([service, method, Number(answer.position) >= Number(last)]).toEqual([service, method, true]);
          expect(await refusal(publisher.unary(service, method)(request))).toMatchObject({
            code: status.PERMISSION_DENIED,
            problemCode: 'auth.forbidden',
          });
          expect((await refusal(anonymous.unary(service, method)(request))).code).toBe(
            status.UNAUTHENTICATED,
          );
        }
      } finally {
        analyst.close();
        publisher.close();
        anonymous.close();
      }
    });
  });

  // Last: a rebuild swaps tables under the other queries.
  describe('ProjectionService', () => {
    const verify = (request: object) => grpc.unary('ProjectionService', 'Verify')(request);

    it('Verify replays a projection and answers what POST /v1/projections/{name}/verify answers', async () => {
      const { items } = await grpc.unary('ProjectionService', 'List')({});
      const deployments = items.find((p: { name: string }) => p.name === 'deployments');
      const answer = await verify({ name: 'deployments', at: deployments.position });
      expect(answer).toMatchObject({ name: 'deployments', match: true, position: deployments.position });
      expect(answer.tables.map((table: { table: string }) => table.table)).toEqual(
        expect.arrayContaining(['deployments']),
      );
      const body = (await t.request('POST', `/v1/projections/deployments/verify?at=${deployments.position}`))
        .body;
      expect(asRestAnswer(answer, body)).toEqual(body);
    });

    it('refuses an unknown projection (NOT_FOUND), a bad request (INVALID_ARGUMENT) and a position the tables are not at (ABORTED)', async () => {
      expect(await refusal(verify({ name: 'nope' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'projection.not_found',
      });
      const invalid = await refusal(verify({ name: '', at: '-1' }));
      expect(invalid.code).toBe(status.INVALID_ARGUMENT);
      expect(invalid.errors.map((e: { field: string }) => e.field).sort()).toEqual(['at', 'name']);
      const elsewhere = await refusal(verify({ name: 'deployments', at: '1' }));
      expect(elsewhere).toMatchObject({ code: status.ABORTED, problemCode: 'projection.not_at_position' });
    });

    it('Rebuild needs an admin key and answers the status with the build asked for', async () => {
      const analystKey = (await t.request('POST', '/v1/keys', { body: { name: 'a', role: 'analyst' } })).body
        .token;
      const analyst = grpcClient(t.grpcAddress!, analystKey);
      try {
        expect(
          await refusal(analyst.unary('ProjectionService', 'Rebuild')({ name: 'activity' })),
        ).toMatchObject({
          code: status.PERMISSION_DENIED,
        });
      } finally {
        analyst.close();
      }
      const rebuilt = await grpc.unary('ProjectionService', 'Rebuild')({ name: 'activity' });
      expect(rebuilt).toMatchObject({ name: 'activity', build: { version: expect.any(Number) } });
      const again = await t.request('POST', '/v1/projections/activity/rebuild');
      expect(again.status).toBe(202);
      expect(rebuilt.build.requestedAt).toBe(again.body.build.requestedAt);
      expect(await refusal(grpc.unary('ProjectionService', 'Rebuild')({ name: 'nope' }))).toMatchObject({
        code: status.NOT_FOUND,
        problemCode: 'projection.not_found',
      });
    });
  });
});
