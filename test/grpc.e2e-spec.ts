import {
  ChannelCredentials,
  Client,
  ClientReadableStream,
  loadPackageDefinition,
  Metadata,
  ServiceError,
  status,
} from '@grpc/grpc-js';
import { ANNALS_PROTO_OPTIONS, loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import { toProtoStruct } from '../apps/annals/src/grpc/protobuf-json';
import { reflectedServices, refusal } from './support/grpc-client';
import { startTestApp, TestApp } from './support/test-app';

type Unary = (request: object, metadata?: Record<string, string>) => Promise<any>;

/** A real @grpc/grpc-js client of every annals.v1 service, promisified. */
function annalsClient(address: string, key: string | undefined) {
  const loaded = loadPackageDefinition(loadAnnalsProtos({ ...ANNALS_PROTO_OPTIONS, arrays: true })) as any;
  const clients: Client[] = [];
  const service = (name: string) => {
    const client = new loaded.annals.v1[name](address, ChannelCredentials.createInsecure());
    clients.push(client);
    return client;
  };
  const metadataOf = (extra: Record<string, string> = {}) => {
    const metadata = new Metadata();
    if (key) metadata.set('authorization', `Bearer ${key}`);
    for (const [name, value] of Object.entries(extra)) metadata.set(name, value);
    return metadata;
  };
  const unary =
    (client: any, method: string): Unary =>
    (request, metadata) =>
      new Promise((resolve, reject) =>
        client[method](request, metadataOf(metadata), (error: ServiceError | null, response: unknown) =>
          error ? reject(error) : resolve(response),
        ),
      );
  const commands = service('CommandService');
  const store = service('EventStoreService');
  const tasks = service('TaskQueryService');
  const workflows = service('WorkflowQueryService');
  const projections = service('ProjectionService');
  return {
    execute: unary(commands, 'Execute'),
    batch: unary(commands, 'Batch'),
    readStream: unary(store, 'ReadStream'),
    readLedger: unary(store, 'ReadLedger'),
    subscribe: (request: object): ClientReadableStream<any> => store.Subscribe(request, metadataOf()),
    listTasks: unary(tasks, 'List'),
    getTask: unary(tasks, 'Get'),
    listWorkflows: unary(workflows, 'List'),
    getWorkflow: unary(workflows, 'Get'),
    listProjections: unary(projections, 'List'),
    close: () => clients.forEach((client) => client.close()),
  };
}

describe('gRPC (package annals.v1)', () => {
  let t: TestApp;
  let grpc: ReturnType<typeof annalsClient>;

  beforeAll(async () => {
    t = await startTestApp();
    grpc = annalsClient(t.grpcAddress!, t.adminKey);
  });
  afterAll(async () => {
    grpc.close();
    await t.close();
  });

  const command = (type: string, id: string | undefined, data: object, extra: object = {}) => ({
    type,
    ...(id !== undefined && { id }),
    data: toProtoStruct(data as Record<string, unknown>),
    ...extra,
  });

  let created: any;

  beforeAll(async () => {
    await grpc.execute(command('StartWorkflow', 'wf-g', { name: 'gRPC', labels: ['rpc'] }));
    created = await grpc.execute(
      command('CreateTask', 't-g1', { workflowId: 'wf-g', name: 'One', goal: 'g', priority: 'high' }),
      { 'idempotency-key': 'create-t-g1', 'x-correlation-id': 'corr-1', 'x-causation-id': 'cause-1' },
    );
  });

  it('Execute creates a workflow and a task, with positions and event metadata from the call', async () => {
    expect(created).toMatchObject({ id: 't-g1', streamId: 'task-t-g1', version: '1', replayed: false });
    expect(Number(created.position)).toBeGreaterThan(0);
    // Creating a task also attaches it to its workflow's stream, in the same append.
    expect(created.events.map((e: any) => [e.streamId, e.type, e.version])).toEqual([
      ['task-t-g1', 'TaskCreated', '1'],
      ['workflow-wf-g', 'TaskAttached', '2'],
    ]);
    const stream = await grpc.readStream({ streamId: 'task-t-g1' });
    expect(stream.version).toBe('1');
    expect(stream.items[0].metadata.fields).toMatchObject({
      transport: { stringValue: 'grpc' },
      correlationId: { stringValue: 'corr-1' },
      causationId: { stringValue: 'cause-1' },
      actor: { structValue: expect.anything() },
    });
  });

  it('Execute with the same idempotency-key replays the first result', async () => {
    const again = await grpc.execute(
      command('CreateTask', 't-g1', { workflowId: 'wf-g', name: 'One', goal: 'g', priority: 'high' }),
      { 'idempotency-key': 'create-t-g1' },
    );
    expect(again).toMatchObject({ id: 't-g1', version: '1', position: created.position, replayed: true });
  });

  it('Batch runs several envelopes in order, atomically', async () => {
    const { results } = await grpc.batch({
      commands: [
        command('CreateTask', 't-g2', { workflowId: 'wf-g', name: 'Two', goal: 'g', priority: 'low' }),
        command('StartTask', 't-g2', { assignee: { type: 'agent', id: 'coder-1' } }),
        command('RecordMilestone', 't-g2', { message: 'half', progress: 50 }),
      ],
    });
    expect(results.map((r: any) => [r.id, r.version])).toEqual([
      ['t-g2', '1'],
      ['t-g2', '2'],
      ['t-g2', '3'],
    ]);
    const failing = await refusal(
      grpc.batch({
        commands: [
          command('CreateTask', 't-g3', { workflowId: 'wf-g', name: 'Three', goal: 'g', priority: 'low' }),
          command('CompleteWorkflow', 'wf-missing', { result: 'completed' }),
        ],
      }),
    );
    expect(failing.code).toBe(status.NOT_FOUND);
    expect(failing.problem.commandIndex).toBe(1);
    expect(await refusal(grpc.getTask({ id: 't-g3' }))).toMatchObject({ code: status.NOT_FOUND });
  });

  it('a version conflict is ABORTED with the code and both versions in the trailing metadata', async () => {
    const conflict = await refusal(grpc.execute(command('StartTask', 't-g1', {}), { 'if-match': '7' }));
    expect(conflict).toMatchObject({
      code: status.ABORTED,
      problemCode: 'stream.wrong_expected_version',
      problem: { streamId: 'task-t-g1', expectedVersion: 7, actualVersion: 1 },
    });
  });

  it('a broken rule is FAILED_PRECONDITION', async () => {
    const broken = await refusal(grpc.execute(command('UnblockTask', 't-g1', {})));
    expect(broken.code).toBe(status.FAILED_PRECONDITION);
    expect(broken.problemCode).toMatch(/^task\./);
  });

  it('a validation error is INVALID_ARGUMENT with every field problem', async () => {
    const invalid = await refusal(
      grpc.execute(command('CreateTask', 't-bad', { workflowId: 'wf-g', priority: 'huge' })),
    );
    expect(invalid.code).toBe(status.INVALID_ARGUMENT);
    expect(invalid.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([expect.stringMatching(/name$/), expect.stringMatching(/priority$/)]),
    );
    const envelope = await refusal(grpc.execute({ type: 'lowercase', data: toProtoStruct({}) }));
    expect(envelope).toMatchObject({ code: status.INVALID_ARGUMENT, problemCode: 'request.invalid' });
    expect(envelope.errors[0]).toMatchObject({ field: 'type', code: 'field.bad_format' });
    const header = await refusal(grpc.execute(command('StartTask', 't-g1', {}), { 'if-match': 'yesterday' }));
    expect(header).toMatchObject({ code: status.INVALID_ARGUMENT, problemCode: 'header.invalid' });
    const contradiction = await refusal(
      grpc.execute(command('StartTask', 't-g1', {}, { idempotencyKey: 'a' }), { 'idempotency-key': 'b' }),
    );
    expect(contradiction).toMatchObject({
      code: status.INVALID_ARGUMENT,
      problemCode: 'request.conflicting_values',
      errors: [{ field: 'idempotency_key', expected: 'b', actual: 'a' }],
    });
    const list = await refusal(grpc.listTasks({ limit: 501, status: ['sleeping'] }));
    expect(list.code).toBe(status.INVALID_ARGUMENT);
    expect(list.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('NOT_FOUND for a missing task or workflow, with the entity code', async () => {
    expect(await refusal(grpc.getTask({ id: 'nope' }))).toMatchObject({
      code: status.NOT_FOUND,
      problemCode: 'task.not_found',
    });
    expect(await refusal(grpc.getWorkflow({ id: 'nope' }))).toMatchObject({
      code: status.NOT_FOUND,
      problemCode: 'workflow.not_found',
    });
  });

  it('ReadStream and ReadLedger answer the stored envelopes with JSON data', async () => {
    const stream = await grpc.readStream({ streamId: 'task-t-g2', fromVersion: '2' });
    expect(stream.items.map((e: any) => [e.version, e.type])).toEqual([
      ['2', 'TaskStarted'],
      ['3', 'MilestoneRecorded'],
    ]);
    expect(stream.items[1].data.structValue.fields.progress).toEqual({ numberValue: 50 });
    const ledger = await grpc.readLedger({ after: '0', limit: 2 });
    expect(ledger.items.map((e: any) => e.position)).toEqual(['1', '2']);
    expect(ledger.lastPosition).toBe('2');
    const tasksOnly = await grpc.readLedger({ streamTypes: ['task'], types: ['TaskCreated'] });
    expect(tasksOnly.items.map((e: any) => e.streamId)).toEqual(['task-t-g1', 'task-t-g2']);
    expect((await refusal(grpc.readStream({ streamId: 'no dash' }))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('List and Get tasks read their own write with min_position, and answer the position served', async () => {
    const last = await grpc.execute(command('BlockTask', 't-g2', { reason: 'waiting' }));
    const page = await grpc.listTasks({
      workflowId: 'wf-g',
      status: ['blocked', 'backlog'],
      sort: '-createdAt',
      minPosition: last.position,
    });
    expect(page.items.map((task: any) => [task.id, task.status])).toEqual([
      ['t-g2', 'blocked'],
      ['t-g1', 'backlog'],
    ]);
    expect(Number(page.position)).toBeGreaterThanOrEqual(Number(last.position));
    const first = await grpc.listTasks({ workflowId: 'wf-g', limit: 1, minPosition: last.position });
    expect(first.items).toHaveLength(1);
    const second = await grpc.listTasks({ workflowId: 'wf-g', limit: 1, cursor: first.nextCursor });
    expect(second.items.map((task: any) => task.id)).not.toEqual(first.items.map((task: any) => task.id));
    const detail = await grpc.getTask({ id: 't-g2', minPosition: last.position });
    expect(detail.task).toMatchObject({
      id: 't-g2',
      status: 'blocked',
      assignee: { type: 'agent', id: 'coder-1' },
      counts: { milestones: 1 },
      position: last.position,
    });
    const workflow = await grpc.getWorkflow({ id: 'wf-g', minPosition: last.position });
    expect(workflow.workflow).toMatchObject({ id: 'wf-g', labels: ['rpc'], taskCounts: { total: 2 } });
    const behind = await refusal(
      grpc.getTask({ id: 't-g2', minPosition: String(Number(last.position) + 1000), maxWaitMs: 50 }),
    );
    expect(behind).toMatchObject({ code: status.UNAVAILABLE, problemCode: 'projection.behind' });
    const { items } = await grpc.listProjections({});
    expect(items.map((p: any) => p.name)).toEqual(expect.arrayContaining(['tasks', 'workflows']));
  });

  it('Subscribe catches up from a position, then receives events appended after it started', async () => {
    const { lastPosition: head } = await grpc.readLedger({ after: '0', limit: 10000 });
    const from = Number(head) - 2;
    const stream = grpc.subscribe({ after: String(from), streamTypes: ['task', 'workflow'] });
    const received: any[] = [];
    const enough = new Promise<void>((resolve, reject) => {
      stream.on('data', (event) => {
        received.push(event);
        if (received.some((e) => e.streamId === 'task-t-live')) resolve();
      });
      stream.on('error', (error: ServiceError) => {
        if (error.code !== status.CANCELLED) reject(error);
      });
    });
    // Appended only once the caught-up part has arrived: these can only come live.
    await waitUntil(() => received.length >= 2);
    await grpc.execute(
      command('CreateTask', 't-live', { workflowId: 'wf-g', name: 'Live', goal: 'g', priority: 'low' }),
    );
    await enough;
    stream.cancel();
    const positions = received.map((e) => Number(e.position));
    expect(positions.slice(0, 2)).toEqual([from + 1, from + 2]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    const live = received.find((e) => e.streamId === 'task-t-live');
    expect(live).toMatchObject({ type: 'TaskCreated', version: '1' });
    expect(live.data.structValue.fields.name).toEqual({ stringValue: 'Live' });
    expect(Number(live.position)).toBeGreaterThan(Number(head));
  });

  it('server reflection lists every annals.v1 service', async () => {
    expect(await reflectedServices(t.grpcAddress!)).toEqual(
      expect.arrayContaining([
        'annals.v1.CommandService',
        'annals.v1.EventStoreService',
        'annals.v1.WorkflowQueryService',
        'annals.v1.TaskQueryService',
        'annals.v1.ProjectionService',
      ]),
    );
  });

  it("checks each method's permission: an analyst key queries but cannot write", async () => {
    const created = await t.request('POST', '/v1/keys', { body: { name: 'analyst', role: 'analyst' } });
    expect(created.status).toBe(201);
    const analyst = annalsClient(t.grpcAddress!, created.body.token);
    try {
      expect((await analyst.listTasks({ workflowId: 'wf-g' })).items.length).toBeGreaterThan(0);
      const refused = await refusal(analyst.execute(command('StartTask', 't-g1', {})));
      expect(refused).toMatchObject({ code: status.PERMISSION_DENIED, problemCode: 'auth.forbidden' });
      const scoped = await t.request('POST', '/v1/keys', {
        body: { name: 'one workflow', role: 'analyst', workflowId: 'wf-g' },
      });
      const scopedClient = annalsClient(t.grpcAddress!, scoped.body.token);
      const scopedRefusal = await refusal(scopedClient.listTasks({ workflowId: 'wf-g' }));
      scopedClient.close();
      expect(scopedRefusal.code).toBe(status.PERMISSION_DENIED);
    } finally {
      analyst.close();
    }
  });

  it('ends a subscription with UNAVAILABLE when the service shuts down', async () => {
    const other = await startTestApp();
    const client = annalsClient(other.grpcAddress!, other.adminKey);
    try {
      const stream = client.subscribe({ after: '0' });
      const ended = new Promise<ServiceError>((resolve) => stream.on('error', resolve));
      stream.on('data', () => undefined);
      // The call is live once the server has its metadata; give it a moment to reach the handler.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await other.app.close();
      const error = await ended;
      expect(error.code).toBe(status.UNAVAILABLE);
      expect(error.metadata.get('annals-problem-code')).toEqual(['server.shutting_down']);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      client.close();
      await other.runtime.close().catch(() => undefined);
      await other.database.drop();
    }
  });

  it('refuses a call without a key as UNAUTHENTICATED', async () => {
    const anonymous = annalsClient(t.grpcAddress!, undefined);
    try {
      const refused = await refusal(anonymous.listTasks({}));
      expect(refused.code).toBe(status.UNAUTHENTICATED);
      expect(refused.problemCode).toBe('auth.missing');
    } finally {
      anonymous.close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
