import { startTestApp, TestApp } from './support/test-app';

describe('workflow commands over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  it('records a whole workflow life and answers each command with version, position and events', async () => {
    const started = await t.request('POST', '/v1/workflows', {
      body: { id: 'wf-life', name: 'Ship v2', labels: ['q4'] },
    });
    expect(started.status).toBe(201);
    expect(started.headers.get('etag')).toBe('"1"');
    expect(started.body).toMatchObject({
      id: 'wf-life',
      streamId: 'workflow-wf-life',
      version: 1,
      events: [{ type: 'WorkflowStarted', version: 1 }],
    });
    expect(started.body.position).toBe(started.body.events[0].position);

    const phase = await t.request('POST', '/v1/workflows/wf-life/phases', {
      body: { phaseId: 'p1', number: 1, name: 'Build' },
    });
    expect(phase.body.events.map((e: { type: string }) => e.type)).toEqual(['PhaseStarted']);
    const completePhase = await t.request('POST', '/v1/workflows/wf-life/phases/p1/complete', { body: {} });
    expect(completePhase.status).toBe(200);
    const done = await t.request('POST', '/v1/workflows/wf-life/complete', {
      body: { result: 'completed', summary: 'done' },
    });
    expect(done.body.version).toBe(4);
    const archived = await t.request('POST', '/v1/workflows/wf-life/archive', { body: { reason: 'old' } });
    expect(archived.body.version).toBe(5);

    const refused = await t.request('PATCH', '/v1/workflows/wf-life', { body: { name: 'Renamed' } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('workflow.archived');
  });

  it('generates a UUIDv7 id when the body has none', async () => {
    const res = await t.request('POST', '/v1/workflows', { body: { name: 'No id' } });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('records nothing for an update that changes nothing, and answers the current version', async () => {
    await t.request('POST', '/v1/workflows', { body: { id: 'wf-noop', name: 'Same' } });
    const res = await t.request('PATCH', '/v1/workflows/wf-noop', { body: { name: 'Same' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, events: [] });
  });

  it('answers 404 for a command on a workflow that does not exist', async () => {
    const res = await t.request('POST', '/v1/workflows/nope/complete', { body: { result: 'completed' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('workflow.not_found');
  });

  it('refuses a stale If-Match with 409 and both versions', async () => {
    await t.request('POST', '/v1/workflows', { body: { id: 'wf-stale', name: 'A' } });
    const res = await t.request('PATCH', '/v1/workflows/wf-stale', {
      body: { name: 'B' },
      headers: { 'If-Match': '"0"' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ expectedVersion: 0, actualVersion: 1, streamId: 'workflow-wf-stale' });
    expect(
      (
        await t.request('PATCH', '/v1/workflows/wf-stale', {
          body: { name: 'B' },
          headers: { 'If-Match': '1' },
        })
      ).status,
    ).toBe(200);
  });

  it('returns the first result for a retried command and refuses the key with another body', async () => {
    const body = { id: 'wf-idem', name: 'Once' };
    const first = await t.request('POST', '/v1/workflows', {
      body,
      headers: { 'Idempotency-Key': 'start-wf-idem' },
    });
    const retry = await t.request('POST', '/v1/workflows', {
      body,
      headers: { 'Idempotency-Key': 'start-wf-idem' },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await t.request('POST', '/v1/workflows', {
      body: { ...body, name: 'Twice' },
      headers: { 'Idempotency-Key': 'start-wf-idem' },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
  });

  it('runs a batch in order in one transaction, and writes nothing when one command fails', async () => {
    const ok = await t.request('POST', '/v1/commands', {
      body: {
        commands: [
          { type: 'StartWorkflow', id: 'wf-batch', data: { name: 'Batch' } },
          { type: 'StartPhase', id: 'wf-batch', data: { phaseId: 'p1', number: 1, name: 'One' } },
        ],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { version: number }) => r.version)).toEqual([1, 2]);

    const failed = await t.request('POST', '/v1/commands', {
      body: {
        commands: [
          { type: 'StartWorkflow', id: 'wf-batch-2', data: { name: 'Never' } },
          { type: 'CompletePhase', id: 'wf-batch', data: { phaseId: 'missing' } },
        ],
      },
    });
    expect(failed.status).toBe(404);
    expect(failed.body.code).toBe('workflow.phase_not_found');
    expect(failed.body.commandIndex).toBe(1);
    expect((await t.request('GET', '/v1/streams/workflow-wf-batch-2/events')).body.version).toBe(0);
  });

  it('validates every command of a batch and names each field with its index', async () => {
    const res = await t.request('POST', '/v1/commands', {
      body: {
        commands: [
          { type: 'StartWorkflow', data: { name: 5 } },
          { type: 'Nope', data: {} },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'commands[0].data.name' }),
        expect.objectContaining({ field: 'commands[1].type', code: 'command.unknown_type' }),
      ]),
    );
  });

  it('loses no update when 16 concurrent commands conflict: each is re-decided on the fresh state', async () => {
    await t.request('POST', '/v1/workflows', { body: { id: 'wf-race', name: 'Race' } });
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.request('POST', '/v1/workflows/wf-race/phases', {
          body: { phaseId: `p${i}`, number: i + 1, name: `P${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(200));
    const stream = await t.request('GET', '/v1/streams/workflow-wf-race/events');
    expect(stream.body.version).toBe(17);
    expect(stream.body.items.filter((e: { type: string }) => e.type === 'PhaseStarted')).toHaveLength(16);
  });
});
