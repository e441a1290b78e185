import { LIMITS } from '@annals/contracts';
import { startTestApp, TestApp } from './support/test-app';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

const decision = (fields: Record<string, unknown> = {}) => ({
  category: 'architecture',
  question: 'Which broker carries events out?',
  optionsConsidered: ['Kafka', 'NATS'],
  chosen: 'Kafka',
  reasoning: 'The platform team runs it already',
  ...fields,
});

const snapshot = (fields: Record<string, unknown> = {}) => ({
  subject: { type: 'repository', id: 'annals' },
  kind: 'git',
  schemaVersion: 1,
  status: 'ok',
  git: { commit: COMMIT, branch: 'main' },
  ...fields,
});

const deployment = (fields: Record<string, unknown> = {}) => ({
  service: 'checkout-api',
  environment: 'production',
  type: 'manual',
  ...fields,
});

/** `n` distinct checksum entries with short paths and the shortest digest (CRC-32), to keep bodies small. */
const checksums = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i.toString(16).padStart(8, '0')]));

const types = (events: readonly { type: string }[]) => events.map((e) => e.type);

describe('decision, snapshot and deployment commands over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  const stream = async (streamId: string) => (await t.request('GET', `/v1/streams/${streamId}/events`)).body;

  describe('decisions', () => {
    it('records a proposal, accepts it and deprecates it', async () => {
      const recorded = await t.request('POST', '/v1/decisions', {
        body: decision({ id: 'adr-life', workflowId: 'wf-1', drivers: ['cost'], deciders: ['ana'] }),
      });
      expect(recorded.status).toBe(201);
      expect(recorded.headers.get('etag')).toBe('"1"');
      expect(recorded.body).toMatchObject({
        id: 'adr-life',
        streamId: 'decision-adr-life',
        version: 1,
        events: [{ type: 'DecisionRecorded', streamId: 'decision-adr-life', version: 1 }],
      });

      const accepted = await t.request('POST', '/v1/decisions/adr-life/accept', { body: {} });
      expect(accepted.status).toBe(200);
      expect(types(accepted.body.events)).toEqual(['DecisionAccepted']);
      const deprecated = await t.request('POST', '/v1/decisions/adr-life/deprecate', {
        body: { reason: 'We moved to managed queues' },
      });
      expect(deprecated.status).toBe(200);
      expect(deprecated.body.version).toBe(3);

      const { items } = await stream('decision-adr-life');
      expect(types(items)).toEqual(['DecisionRecorded', 'DecisionAccepted', 'DecisionDeprecated']);
      expect(items[0].data).toMatchObject({ status: 'proposed', workflowId: 'wf-1', deciders: ['ana'] });
      expect(items[2].data).toEqual({ decisionId: 'adr-life', reason: 'We moved to managed queues' });
    });

    it('records a decision that supersedes another: both streams get their event in one command', async () => {
      await t.request('POST', '/v1/decisions', { body: decision({ id: 'adr-old', status: 'accepted' }) });
      const res = await t.request('POST', '/v1/decisions', {
        body: decision({ id: 'adr-new', status: 'accepted', supersedes: 'adr-old', chosen: 'NATS' }),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: 'adr-new', streamId: 'decision-adr-new', version: 1 });
      expect(res.body.events).toEqual([
        expect.objectContaining({ streamId: 'decision-adr-new', type: 'DecisionRecorded', version: 1 }),
        expect.objectContaining({ streamId: 'decision-adr-old', type: 'DecisionSuperseded', version: 2 }),
      ]);

      const old = await stream('decision-adr-old');
      expect(old.items[1]).toMatchObject({
        type: 'DecisionSuperseded',
        data: { decisionId: 'adr-old', by: 'adr-new' },
      });
      const successor = await stream('decision-adr-new');
      expect(successor.items[0].data).toMatchObject({ supersedes: 'adr-old', status: 'accepted' });
      // One append: the two events were committed by the same command.
      expect(old.items[1].metadata.command).toBe('RecordDecision');
    });

    it('links two accepted decisions with SupersedeDecision, writing both ends of the link', async () => {
      await t.request('POST', '/v1/decisions', { body: decision({ id: 'adr-a', status: 'accepted' }) });
      await t.request('POST', '/v1/decisions', { body: decision({ id: 'adr-b' }) });
      await t.request('POST', '/v1/decisions/adr-b/accept', { body: {} });

      const res = await t.request('POST', '/v1/decisions/adr-a/supersede', { body: { by: 'adr-b' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: 'adr-a', version: 2 });
      expect(res.body.events).toEqual([
        expect.objectContaining({ streamId: 'decision-adr-a', type: 'DecisionSuperseded' }),
        expect.objectContaining({
          streamId: 'decision-adr-b',
          type: 'DecisionLinkedAsSuccessor',
          version: 3,
        }),
      ]);
      expect((await stream('decision-adr-b')).items[2].data).toEqual({
        decisionId: 'adr-b',
        supersedes: 'adr-a',
      });
    });

    it('rejects a proposal, and then refuses to accept it (422 with from and to)', async () => {
      await t.request('POST', '/v1/decisions', { body: decision({ id: 'adr-no' }) });
      const rejected = await t.request('POST', '/v1/decisions/adr-no/reject', {
        body: { reason: 'Too costly' },
      });
      expect(rejected.status).toBe(200);
      const res = await t.request('POST', '/v1/decisions/adr-no/accept', { body: {} });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'decision.invalid_transition',
        decisionId: 'adr-no',
        from: 'rejected',
        to: 'accepted',
      });
    });

    interface Refusal {
      readonly rule: string;
      /** RecordDecision bodies to post first. */
      readonly setUp: readonly object[];
      readonly path: string;
      readonly body: object;
      readonly status: number;
      readonly code: string;
    }
    /** A refusal leaves every decision stream it names as it was. */
    const refuses = async ({ setUp, path, body, status, code }: Refusal) => {
      for (const given of setUp)
        expect((await t.request('POST', '/v1/decisions', { body: given })).status).toBe(201);
      const named = [...JSON.stringify({ path, body }).matchAll(/adr-[a-z0-9]+/g)].map(([id]) => id);
      const versions = () => Promise.all(named.map(async (id) => (await stream(`decision-${id}`)).version));
      const before = await versions();
      const res = await t.request('POST', path, { body });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(await versions()).toEqual(before);
    };

    it.each<Refusal>([
      {
        rule: 'the superseded decision must exist',
        setUp: [],
        path: '/v1/decisions',
        body: decision({ id: 'adr-r3', status: 'accepted', supersedes: 'adr-missing' }),
        status: 404,
        code: 'decision.not_found',
      },
      {
        rule: 'a decision does not supersede itself',
        setUp: [],
        path: '/v1/decisions',
        body: decision({ id: 'adr-r4', status: 'accepted', supersedes: 'adr-r4' }),
        status: 400,
        code: 'decision.self_supersession',
      },
      {
        rule: 'the chosen option is one of the options considered',
        setUp: [],
        path: '/v1/decisions',
        body: decision({ id: 'adr-r5', chosen: 'RabbitMQ' }),
        status: 400,
        code: 'decision.chosen_not_considered',
      },
      {
        rule: 'an id is recorded once',
        setUp: [decision({ id: 'adr-r6' })],
        path: '/v1/decisions',
        body: decision({ id: 'adr-r6' }),
        status: 422,
        code: 'decision.already_exists',
      },
      {
        rule: 'a proposal cannot be deprecated',
        setUp: [decision({ id: 'adr-r9' })],
        path: '/v1/decisions/adr-r9/deprecate',
        body: { reason: 'old' },
        status: 422,
        code: 'decision.invalid_transition',
      },
      {
        rule: 'a missing decision cannot be accepted',
        setUp: [],
        path: '/v1/decisions/adr-nowhere/accept',
        body: {},
        status: 404,
        code: 'decision.not_found',
      },
    ])('refuses when $rule: $status $code, writing nothing', refuses);

    it.each<Refusal>([
      {
        rule: 'a proposal cannot supersede (it could still be rejected)',
        setUp: [decision({ id: 'adr-r1', status: 'accepted' })],
        path: '/v1/decisions',
        body: decision({ id: 'adr-r2', supersedes: 'adr-r1' }),
        status: 422,
        code: 'decision.successor_not_accepted',
      },
      {
        rule: 'the successor of SupersedeDecision must be accepted',
        setUp: [decision({ id: 'adr-r7', status: 'accepted' }), decision({ id: 'adr-r8' })],
        path: '/v1/decisions/adr-r7/supersede',
        body: { by: 'adr-r8' },
        status: 422,
        code: 'decision.successor_not_accepted',
      },
    ])('refuses when $rule: $status $code, writing nothing', refuses);
  });

  describe('snapshots', () => {
    it('captures a git snapshot, storing the commit in lowercase, and refuses a second capture (422)', async () => {
      const res = await t.request('POST', '/v1/snapshots', {
        body: snapshot({ id: 'snap-git', git: { commit: COMMIT.toUpperCase(), dirty: true } }),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: 'snap-git',
        streamId: 'snapshot-snap-git',
        version: 1,
        events: [{ type: 'SnapshotCaptured' }],
      });
      const [event] = (await stream('snapshot-snap-git')).items;
      expect(event.data.git).toEqual({ commit: COMMIT, dirty: true });
      expect(event.data.capturedAt).toBe(event.occurredAt);

      const again = await t.request('POST', '/v1/snapshots', { body: snapshot({ id: 'snap-git' }) });
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ code: 'snapshot.already_exists', snapshotId: 'snap-git' });
    });

    it('captures a checksum snapshot with a JSON payload, generating the id', async () => {
      const payload = { node: '20.19.0', disks: [{ free: 12.5 }], proxy: null };
      const res = await t.request('POST', '/v1/snapshots', {
        body: snapshot({
          kind: 'checksum',
          git: undefined,
          subject: { type: 'task', id: 'task-9' },
          status: 'warning',
          checksums: { 'src/a.ts': DIGEST_A.toUpperCase(), 'src/b.ts': DIGEST_B },
          payload,
          capturedAt: '2025-03-01T13:30:00+02:00',
        }),
      });
      expect(res.status).toBe(201);
      expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      const [event] = (await stream(res.body.streamId)).items;
      expect(event.data).toMatchObject({
        snapshotId: res.body.id,
        kind: 'checksum',
        checksums: { 'src/a.ts': DIGEST_A, 'src/b.ts': DIGEST_B },
        payload,
        capturedAt: '2025-03-01T11:30:00.000Z',
      });
    });

    it('refuses a checksum snapshot without checksums (400 from the domain, naming the field)', async () => {
      const res = await t.request('POST', '/v1/snapshots', {
        body: snapshot({ kind: 'checksum', git: undefined }),
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'snapshot.checksums_required', field: 'checksums' });
    });
  });

  describe('deployments', () => {
    it('goes pending -> in_progress -> completed -> rolled_back', async () => {
      const requested = await t.request('POST', '/v1/deployments', {
        body: deployment({ id: 'dep-life', taskIds: ['t-1', 't-2', 't-1'], commit: COMMIT }),
      });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({ id: 'dep-life', streamId: 'deployment-dep-life', version: 1 });
      const started = await t.request('POST', '/v1/deployments/dep-life/start', { body: {} });
      const completed = await t.request('POST', '/v1/deployments/dep-life/complete', {
        body: { url: 'https://checkout.example.com' },
      });
      const rolledBack = await t.request('POST', '/v1/deployments/dep-life/roll-back', {
        body: { reason: 'Error rate doubled', rollbackDeploymentId: 'dep-life-rb' },
      });
      expect([started, completed, rolledBack].map((r) => [r.status, r.body.version])).toEqual([
        [200, 2],
        [200, 3],
        [200, 4],
      ]);
      const { items } = await stream('deployment-dep-life');
      expect(types(items)).toEqual([
        'DeploymentRequested',
        'DeploymentStarted',
        'DeploymentCompleted',
        'DeploymentRolledBack',
      ]);
      expect(items[0].data.taskIds).toEqual(['t-1', 't-2']);
      expect(items[2].data.url).toBe('https://checkout.example.com');
    });

    it('goes pending -> failed directly (a publisher may report only the outcome)', async () => {
      await t.request('POST', '/v1/deployments', {
        body: deployment({ id: 'dep-fail', environment: 'eu-west.2' }),
      });
      const res = await t.request('POST', '/v1/deployments/dep-fail/fail', {
        body: { error: 'Image pull failed', logsUrl: 'https://ci.example.com/runs/42' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, events: [{ type: 'DeploymentFailed' }] });
    });

    it('refuses to start a completed deployment: 422 with from and to', async () => {
      await t.request('POST', '/v1/deployments', { body: deployment({ id: 'dep-done' }) });
      await t.request('POST', '/v1/deployments/dep-done/complete', { body: {} });
      const res = await t.request('POST', '/v1/deployments/dep-done/start', { body: {} });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'deployment.invalid_transition',
        deploymentId: 'dep-done',
        from: 'completed',
        to: 'in_progress',
      });
      expect((await stream('deployment-dep-done')).version).toBe(2);
    });

    it('answers a retried RequestDeployment without an id with the same generated id', async () => {
      const request = () =>
        t.request('POST', '/v1/deployments', {
          body: deployment({ service: 'search' }),
          headers: { 'Idempotency-Key': 'deploy-search-1' },
        });
      const first = await request();
      const retry = await request();
      expect(first.status).toBe(201);
      expect(first.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect((await stream(`deployment-${first.body.id}`)).version).toBe(1);
    });

    it.each([
      [
        'a rollback deployment must name what it rolls back',
        { type: 'rollback' },
        'deployment.rollback_of_required',
      ],
      ['only a rollback names rollbackOf', { rollbackOf: 'dep-x' }, 'deployment.rollback_of_not_allowed'],
    ])('refuses a request when %s (400 %s)', async (_rule, fields, code) => {
      const res = await t.request('POST', '/v1/deployments', { body: deployment(fields) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code, field: 'rollbackOf' });
    });
  });

  describe('batch', () => {
    it('runs a decision, a snapshot and a deployment request and completion in order, atomically', async () => {
      const res = await t.request('POST', '/v1/commands', {
        body: {
          commands: [
            { type: 'RecordDecision', id: 'adr-batch', data: decision({ status: 'accepted' }) },
            { type: 'CaptureSnapshot', data: snapshot({ id: 'snap-batch' }) },
            { type: 'RequestDeployment', id: 'dep-batch', data: deployment({ taskIds: ['t-9'] }) },
            { type: 'CompleteDeployment', id: 'dep-batch', data: { url: 'https://a.example.com' } },
          ],
        },
      });
      expect(res.status).toBe(200);
      expect(
        res.body.results.map((r: { streamId: string; version: number }) => [r.streamId, r.version]),
      ).toEqual([
        ['decision-adr-batch', 1],
        ['snapshot-snap-batch', 1],
        ['deployment-dep-batch', 1],
        ['deployment-dep-batch', 2],
      ]);
      const positions = res.body.results.map((r: { position: number }) => r.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(types((await stream('deployment-dep-batch')).items)).toEqual([
        'DeploymentRequested',
        'DeploymentCompleted',
      ]);
    });

    it('writes nothing when a later command is refused, and names its index', async () => {
      const res = await t.request('POST', '/v1/commands', {
        body: {
          commands: [
            { type: 'RecordDecision', id: 'adr-batch-2', data: decision() },
            { type: 'CaptureSnapshot', id: 'snap-batch-2', data: snapshot() },
            { type: 'RequestDeployment', id: 'dep-batch-2', data: deployment() },
            { type: 'RollBackDeployment', id: 'dep-batch-2', data: { reason: 'pending cannot roll back' } },
          ],
        },
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'deployment.invalid_transition', commandIndex: 3 });
      for (const streamId of ['decision-adr-batch-2', 'snapshot-snap-batch-2', 'deployment-dep-batch-2'])
        expect((await stream(streamId)).version).toBe(0);
    });

    it('validates the data of every command against its route body, naming each field with its index', async () => {
      const res = await t.request('POST', '/v1/commands', {
        body: {
          commands: [
            { type: 'RecordDecision', data: decision({ category: 'hunch' }) },
            { type: 'CaptureSnapshot', data: snapshot({ checksums: { 'a.ts': 'not-hex!' } }) },
            { type: 'CompleteDeployment', id: 'dep-x', data: { url: 'nope' } },
          ],
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'commands[0].data.category',
        'commands[1].data.checksums',
        'commands[2].data.url',
      ]);
    });
  });

  describe('malformed bodies', () => {
    const tooLong = (limit: number) => 'x'.repeat(limit + 1);
    const many = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);
    const badIds = ['bad id', '-leading-dash', 'a/b', 'é'];

    interface Case {
      readonly route: string;
      readonly name: string;
      readonly body: unknown;
      readonly field: string;
      readonly code?: string;
    }
    /** Cases for one route: each breaks one field of a valid body (`base`), or replaces the body. */
    const on =
      (route: string, base: (fields?: Record<string, unknown>) => object = () => ({})) =>
      (name: string, fields: Record<string, unknown>, field: string, code?: string): Case => ({
        route,
        name,
        body: base(fields),
        field,
        code,
      });
    const record = on('/v1/decisions', decision);
    const capture = on('/v1/snapshots', snapshot);
    const request = on('/v1/deployments', deployment);
    const withBody = (route: string) => on(route, (fields) => ({ ...fields }));

    const cases: Case[] = [
      record('category not in the list', { category: 'hunch' }, 'category', 'field.not_allowed'),
      record('status not proposed or accepted', { status: 'rejected' }, 'status', 'field.not_allowed'),
      record('question a number', { question: 42 }, 'question', 'field.wrong_type'),
      record('question too long', { question: tooLong(LIMITS.text) }, 'question', 'field.too_long'),
      record('reasoning missing', { reasoning: undefined }, 'reasoning', 'field.required'),
      record('chosen empty', { chosen: '' }, 'chosen', 'field.too_short'),
      record('no options', { optionsConsidered: [] }, 'optionsConsidered', 'field.too_few'),
      record('options a string', { optionsConsidered: 'Kafka' }, 'optionsConsidered', 'field.wrong_type'),
      record(
        'too many options',
        { optionsConsidered: many(LIMITS.list + 1), chosen: 'item-0' },
        'optionsConsidered',
        'field.too_many',
      ),
      record(
        'an option too long',
        { optionsConsidered: ['Kafka', tooLong(LIMITS.text)] },
        'optionsConsidered',
        'field.too_long',
      ),
      record('a decider name too long', { deciders: [tooLong(LIMITS.name)] }, 'deciders', 'field.too_long'),
      record('too many drivers', { drivers: many(LIMITS.list + 1) }, 'drivers', 'field.too_many'),
      record('drivers not strings', { drivers: [1, 2] }, 'drivers', 'field.wrong_type'),
      record('an unknown field', { owner: 'ana' }, 'owner', 'field.unknown'),
      record('occurredAt not a time', { occurredAt: 'yesterday' }, 'occurredAt', 'field.bad_format'),
      record('id too long', { id: 'x'.repeat(129) }, 'id', 'field.bad_format'),
      ...badIds.map((id) => record(`id ${id}`, { id }, 'id', 'field.bad_format')),
      record('supersedes a bad id', { supersedes: 'bad id' }, 'supersedes', 'field.bad_format'),
      record('workflowId a number', { workflowId: 7 }, 'workflowId', 'field.wrong_type'),
      withBody('/v1/decisions/adr-x/accept')('an unknown field', { note: 'ok' }, 'note', 'field.unknown'),
      withBody('/v1/decisions/adr-x/reject')('reason missing', {}, 'reason', 'field.required'),
      withBody('/v1/decisions/adr-x/reject')('reason empty', { reason: '' }, 'reason', 'field.too_short'),
      withBody('/v1/decisions/adr-x/deprecate')(
        'reason too long',
        { reason: tooLong(LIMITS.text) },
        'reason',
        'field.too_long',
      ),
      withBody('/v1/decisions/adr-x/deprecate')(
        'reason an object',
        { reason: {} },
        'reason',
        'field.wrong_type',
      ),
      withBody('/v1/decisions/adr-x/supersede')('by missing', {}, 'by', 'field.required'),
      withBody('/v1/decisions/adr-x/supersede')('by a bad id', { by: 'a b' }, 'by', 'field.bad_format'),
      ...badIds.map((id) =>
        withBody(`/v1/decisions/${encodeURIComponent(id)}/accept`)(
          `path id ${id}`,
          {},
          'id',
          'field.bad_format',
        ),
      ),

      capture('subject missing', { subject: undefined }, 'subject'),
      capture('subject a string', { subject: 'runner-3' }, 'subject', 'field.wrong_type'),
      capture(
        'subject type not in the list',
        { subject: { type: 'cluster', id: 'c' } },
        'subject.type',
        'field.not_allowed',
      ),
      capture('subject id missing', { subject: { type: 'machine' } }, 'subject.id', 'field.required'),
      capture(
        'subject id too long',
        { subject: { type: 'machine', id: tooLong(LIMITS.name) } },
        'subject.id',
        'field.too_long',
      ),
      capture(
        'an unknown subject field',
        { subject: { type: 'machine', id: 'm', os: 'linux' } },
        'subject.os',
        'field.unknown',
      ),
      capture('kind in capitals', { kind: 'Git' }, 'kind', 'field.bad_format'),
      capture('kind too long', { kind: tooLong(LIMITS.name) }, 'kind', 'field.too_long'),
      capture('schemaVersion 0', { schemaVersion: 0 }, 'schemaVersion', 'field.too_small'),
      capture('schemaVersion a string', { schemaVersion: '1' }, 'schemaVersion', 'field.wrong_type'),
      capture('schemaVersion a fraction', { schemaVersion: 1.5 }, 'schemaVersion', 'field.wrong_type'),
      capture('status not in the list', { status: 'fine' }, 'status', 'field.not_allowed'),
      capture('commit not hex', { git: { commit: 'HEAD' } }, 'git.commit', 'field.bad_format'),
      capture('dirty a string', { git: { commit: COMMIT, dirty: 'yes' } }, 'git.dirty', 'field.wrong_type'),
      capture('an unknown git field', { git: { commit: COMMIT, tag: 'v1' } }, 'git.tag', 'field.unknown'),
      capture('checksums an array', { checksums: [DIGEST_A] }, 'checksums', 'field.wrong_type'),
      capture(
        'a digest not hex',
        { checksums: { 'a.ts': DIGEST_A, 'b.ts': 'not-hex!' } },
        'checksums',
        'field.bad_format',
      ),
      capture('a digest a number', { checksums: { 'a.ts': 12345678 } }, 'checksums', 'field.bad_format'),
      capture('a digest too short', { checksums: { 'a.ts': 'abc' } }, 'checksums', 'field.bad_format'),
      capture('an empty path', { checksums: { '': DIGEST_A } }, 'checksums', 'field.bad_format'),
      capture(
        'a path of 1025 characters',
        { checksums: { ['p'.repeat(1025)]: DIGEST_A } },
        'checksums',
        'field.bad_format',
      ),
      // About 1 MB of JSON: well under the 8 MiB body limit, so validation names the field.
      capture(
        '50,001 checksums',
        { checksums: checksums(LIMITS.checksums + 1) },
        'checksums',
        'field.too_many',
      ),
      // Under the 8 MiB body limit too: 400 naming the field, not 413 for the whole request.
      capture('payload over 256 KiB', { payload: { blob: 'x'.repeat(LIMITS.payloadBytes) } }, 'payload'),
      capture('capturedAt not a time', { capturedAt: 'soon' }, 'capturedAt', 'field.bad_format'),
      capture('an unknown field', { host: 'm1' }, 'host', 'field.unknown'),
      capture('id too long', { id: 'x'.repeat(129) }, 'id', 'field.bad_format'),
      ...badIds.map((id) => capture(`id ${id}`, { id }, 'id', 'field.bad_format')),

      request('environment in capitals', { environment: 'Production' }, 'environment', 'field.bad_format'),
      request('environment with a space', { environment: 'eu west' }, 'environment', 'field.bad_format'),
      request('environment too long', { environment: tooLong(LIMITS.name) }, 'environment', 'field.too_long'),
      request('type not in the list', { type: 'canary' }, 'type', 'field.not_allowed'),
      request('service missing', { service: undefined }, 'service', 'field.required'),
      request('service empty', { service: '' }, 'service', 'field.too_short'),
      request('service too long', { service: tooLong(LIMITS.name) }, 'service', 'field.too_long'),
      request('taskIds a string', { taskIds: 't-1' }, 'taskIds', 'field.wrong_type'),
      request('a task id malformed', { taskIds: ['t-1', 'bad id'] }, 'taskIds', 'field.bad_format'),
      request('too many task ids', { taskIds: many(LIMITS.list + 1) }, 'taskIds', 'field.too_many'),
      request(
        'rollbackOf a bad id',
        { type: 'rollback', rollbackOf: 'bad id' },
        'rollbackOf',
        'field.bad_format',
      ),
      request('imageTag too long', { imageTag: tooLong(LIMITS.name) }, 'imageTag', 'field.too_long'),
      request('an unknown field', { region: 'eu' }, 'region', 'field.unknown'),
      request('id too long', { id: 'x'.repeat(129) }, 'id', 'field.bad_format'),
      ...badIds.map((id) => request(`id ${id}`, { id }, 'id', 'field.bad_format')),
      withBody('/v1/deployments/dep-x/start')('an unknown field', { force: true }, 'force', 'field.unknown'),
      withBody('/v1/deployments/dep-x/complete')(
        'url not a URL',
        { url: 'not a url' },
        'url',
        'field.bad_format',
      ),
      withBody('/v1/deployments/dep-x/complete')(
        'url without a scheme',
        { url: 'checkout.example.com' },
        'url',
        'field.bad_format',
      ),
      withBody('/v1/deployments/dep-x/complete')(
        'url too long',
        { url: `https://a.example.com/${tooLong(LIMITS.url)}` },
        'url',
        'field.too_long',
      ),
      withBody('/v1/deployments/dep-x/fail')('error missing', {}, 'error', 'field.required'),
      withBody('/v1/deployments/dep-x/fail')(
        'error too long',
        { error: tooLong(LIMITS.text) },
        'error',
        'field.too_long',
      ),
      withBody('/v1/deployments/dep-x/fail')(
        'logsUrl not http',
        { error: 'boom', logsUrl: 'ftp://logs.example.com/1' },
        'logsUrl',
        'field.bad_format',
      ),
      withBody('/v1/deployments/dep-x/roll-back')('reason missing', {}, 'reason', 'field.required'),
      withBody('/v1/deployments/dep-x/roll-back')(
        'rollbackDeploymentId a bad id',
        { reason: 'r', rollbackDeploymentId: 'a b' },
        'rollbackDeploymentId',
        'field.bad_format',
      ),
      withBody('/v1/deployments/dep-x/roll-back')(
        'occurredAt a number',
        { reason: 'r', occurredAt: 1700000000 },
        'occurredAt',
        'field.bad_format',
      ),
      ...badIds.map((id) =>
        withBody(`/v1/deployments/${encodeURIComponent(id)}/start`)(
          `path id ${id}`,
          {},
          'id',
          'field.bad_format',
        ),
      ),
    ];

    it.each(cases)('POST $route, $name: 400 naming $field', async ({ route, body, field, code }) => {
      const res = await t.request('POST', route, { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.invalid');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
      if (code) expect(res.body.errors.map((e: { code: string }) => e.code)).toContain(code);
    });

    it('answers 413 for a body over the 8 MiB request limit, before any validation', async () => {
      const res = await t.request('POST', '/v1/snapshots', {
        body: snapshot({ payload: 'x'.repeat(8 * 1024 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('request.too_large');
    });

    it('addresses an entity by a 128-character id in the path', async () => {
      const id = 'd'.repeat(128);
      expect((await t.request('POST', '/v1/deployments', { body: deployment({ id }) })).status).toBe(201);
      const res = await t.request('POST', `/v1/deployments/${id}/start`, { body: {} });
      expect(res.status).toBe(200);
    });
  });
});
