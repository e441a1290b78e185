import { startTestApp, TestApp } from './support/test-app';

describe('event store over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  const append = (streamId: string, events: unknown[], headers: Record<string, string> = {}) =>
    t.request('POST', `/v1/streams/${streamId}/events`, { body: { events }, headers });

  it('is ready when the database and the ledger answer', async () => {
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({
      database: { status: 'up' },
      ledger: { status: 'up', sequencer: { leader: true } },
    });
    expect((await t.request('GET', '/health/live')).status).toBe(200);
  });

  it('appends to an extension stream and answers with versions and ledger positions, ETag = version', async () => {
    const res = await append('ext-orders-1', [
      { type: 'OrderPlaced', data: { total: 10 } },
      { type: 'OrderPaid', data: { total: 10 }, metadata: { source: 'shop' } },
    ]);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ streamId: 'ext-orders-1', version: 2 });
    const [first, second] = res.body.events;
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.position).toBe(first.position + 1);
    expect(res.body.position).toBe(second.position);

    const read = await t.request('GET', '/v1/streams/ext-orders-1/events');
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.body.items[1]).toMatchObject({
      position: second.position,
      eventId: second.eventId,
      streamId: 'ext-orders-1',
      streamType: 'ext',
      version: 2,
      type: 'OrderPaid',
      schemaVersion: 1,
      data: { total: 10 },
      // The actor is the key behind the request (ank_<id>_<secret>): the harness's admin key.
      metadata: {
        source: 'shop',
        transport: 'rest',
        actor: { id: t.adminKey!.split('_')[1], role: 'admin' },
      },
    });
    expect(Object.keys(read.body.items[1]).sort()).toEqual([
      'data',
      'eventId',
      'hash',
      'metadata',
      'occurredAt',
      'position',
      'recordedAt',
      'schemaVersion',
      'streamId',
      'streamType',
      'type',
      'version',
    ]);
  });

  it('refuses a stale If-Match with 409, both versions and the current ETag, writing nothing', async () => {
    await append('ext-c', [{ type: 'A', data: {} }]);
    const res = await append('ext-c', [{ type: 'B', data: {} }], { 'If-Match': '"0"' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      code: 'stream.wrong_expected_version',
      expectedVersion: 0,
      actualVersion: 1,
    });
    expect((await t.request('GET', '/v1/streams/ext-c/events')).body.version).toBe(1);
    expect((await append('ext-c', [{ type: 'B', data: {} }], { 'If-Match': '1' })).status).toBe(201);
    expect((await append('ext-new', [{ type: 'B', data: {} }], { 'If-Match': 'no_stream' })).status).toBe(
      201,
    );
  });

  it('returns the first result for a retried Idempotency-Key and refuses the key with another body (422)', async () => {
    const body = [{ type: 'Paid', data: { amount: 5 } }];
    const first = await append('ext-idem', body, { 'Idempotency-Key': 'pay-1' });
    const retry = await append('ext-idem', body, { 'Idempotency-Key': 'pay-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const reused = await append('ext-idem', [{ type: 'Paid', data: { amount: 6 } }], {
      'Idempotency-Key': 'pay-1',
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency.key_reused');
    expect((await t.request('GET', '/v1/streams/ext-idem/events')).body.items).toHaveLength(1);
  });

  it('points domain streams to their command routes and refuses other kinds', async () => {
    const task = await append('task-1', [{ type: 'TaskCreated', data: {} }]);
    expect(task.status).toBe(422);
    expect(task.body).toMatchObject({ code: 'stream.domain_kind', commandRoutes: '/v1/tasks' });
    expect((await append('orders-1', [{ type: 'A', data: {} }])).body.code).toBe('stream.not_extension');
    expect((await append('Bad Id', [{ type: 'A', data: {} }])).body.code).toBe('stream.invalid_id');
  });

  it.each([
    ['not JSON', { raw: '{"events": [', headers: {} }, 400, 'request.invalid_json'],
    ['not an object', { raw: '[1,2]', headers: {} }, 400, 'request.invalid'],
    [
      'text/plain',
      { raw: 'hello', headers: { 'content-type': 'text/plain' } },
      415,
      'request.unsupported_media_type',
    ],
    [
      'bad If-Match',
      { raw: '{"events":[{"type":"A","data":1}]}', headers: { 'If-Match': 'soon' } },
      400,
      'header.invalid',
    ],
  ])(
    'answers a request that is %s with the right status and problem code',
    async (_, request, status, code) => {
      const res = await t.request('POST', '/v1/streams/ext-bad/events', request);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );

  it('lists every invalid field with its path, expectation and value', async () => {
    const res = await t.request('POST', '/v1/streams/ext-bad/events', {
      body: { events: [{ type: '9bad', data: 1, extra: true }, { data: 2 }], more: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'more', code: 'field.unknown' }),
        expect.objectContaining({ field: 'events[0].extra', code: 'field.unknown' }),
        expect.objectContaining({ field: 'events[0].type', code: 'field.bad_format', actual: '9bad' }),
        expect.objectContaining({ field: 'events[1].type' }),
      ]),
    );
  });

  it('answers 413 for event data over the limit and writes nothing', async () => {
    const res = await append('ext-big', [{ type: 'Big', data: { blob: 'x'.repeat(300 * 1024) } }]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'append.too_large',
      errors: [{ field: 'streams[0].events[0].data', expected: '<= 262144 bytes' }],
    });
    expect((await t.request('GET', '/v1/streams/ext-big/events')).body.version).toBe(0);
  });

  it('serves the ledger in order with filters and lastPosition, and verifies it with its seals', async () => {
    await append('ext-l', [
      { type: 'Alpha', data: {} },
      { type: 'Beta', data: {} },
    ]);
    const all = await t.request('GET', '/v1/events?after=0&limit=1000');
    const positions = all.body.items.map((e: { position: number }) => e.position);
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    expect(all.body.lastPosition).toBe(positions.length);
    const betas = await t.request('GET', '/v1/events?after=0&types=Beta');
    expect(betas.body.items.map((e: { type: string }) => e.type)).toEqual(['Beta']);
    const page = await t.request('GET', '/v1/events?after=0&limit=2');
    expect(page.body).toMatchObject({ lastPosition: 2 });
    expect((await t.request('GET', '/v1/events?after=-1')).status).toBe(400);

    const verify = await t.request('GET', '/v1/audit/verify');
    expect(verify.body).toMatchObject({
      ok: true,
      from: 1,
      to: positions.length,
      eventsChecked: positions.length,
    });
  });

  it('answers unknown routes 404 as a problem, without internals', async () => {
    const res = await t.request('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'route.not_found', status: 404 });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('publishes OpenAPI', async () => {
    const res = await t.request('GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/streams/{streamId}/events', '/v1/events', '/v1/audit/verify']),
    );
  });
});
