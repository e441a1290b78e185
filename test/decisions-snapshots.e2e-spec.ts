import { RestSession } from './support/rest-session';
import { startTestApp, TestApp, TestResponse } from './support/test-app';

const day = (d: number, hour = 0) => new Date(Date.UTC(2026, 0, d, hour)).toISOString();
const WINDOW = `from=${day(10)}&to=${day(17)}`;

describe('decision and snapshot queries and metrics over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());
  const rest = new RestSession(() => t);
  const { command, get, freshOk: fresh } = rest;
  const ids = async (path: string) => (await fresh(path)).body.items.map((item: { id: string }) => item.id);

  const decision = (id: string, occurredAt: string, extra: object = {}) =>
    command('/v1/decisions', {
      id,
      workflowId: 'wf-e',
      category: 'architecture',
      question: `Question ${id}`,
      optionsConsidered: ['one', 'two'],
      chosen: 'one',
      reasoning: 'why not',
      status: 'accepted',
      occurredAt,
      ...extra,
    });
  const snapshot = (id: string, subject: [string, string], capturedAt: string, extra: object = {}) =>
    command('/v1/snapshots', {
      id,
      subject: { type: subject[0], id: subject[1] },
      kind: 'checksum',
      schemaVersion: 1,
      status: 'ok',
      capturedAt,
      occurredAt: capturedAt,
      ...extra,
    });

  beforeAll(async () => {
    await decision('adr-1', day(8));
    await decision('adr-2', day(10), { category: 'library_choice', taskId: 't-e1', status: 'proposed' });
    await decision('adr-3', day(11), { supersedes: 'adr-1' });
    await decision('adr-4', day(12), { category: 'trade_off', status: 'proposed' });
    await command('/v1/decisions/adr-4/reject', { reason: 'too costly', occurredAt: day(13) });
    await decision('adr-5', day(17), { category: 'other' });
    await decision('adr-6', day(14), { workflowId: 'wf-f', category: 'workaround' });
    await decision('adr-7', day(15), { workflowId: 'wf-f', category: 'other' });
    await command('/v1/decisions/adr-6/supersede', { by: 'adr-7', occurredAt: day(16) });

    await snapshot('snap-prod', ['environment', 'production'], day(10), {
      checksums: { 'a.ts': 'aaaaaaa1', 'b.ts': 'bbbbbbb1', 'c.ts': 'ccccccc1', 'd.ts': 'ddddddd1' },
    });
    await snapshot('snap-stg-old', ['environment', 'staging'], day(9), { checksums: { 'a.ts': 'aaaaaaa1' } });
    await snapshot('snap-stg', ['environment', 'staging'], day(12), {
      // Upper-case digests are stored in lowercase (the domain normalises them).
      checksums: {
        'a.ts': 'AAAAAAA1',
        'b.ts': 'bbbbbbb2',
        'c.ts': 'ccccccc1',
        'e.ts': 'eeeeeee1',
        'f.ts': 'fffffff1',
      },
    });
    await snapshot('snap-stg-git', ['environment', 'staging'], day(13), {
      kind: 'git',
      git: { commit: 'abcdef1' },
    });
    await snapshot('snap-task', ['task', 't-e1'], day(14), { kind: 'machine', payload: { cpu: 4 } });
  });

  it('answers a decision with its supersession links both ways', async () => {
    expect((await fresh('/v1/decisions/adr-1')).body).toMatchObject({
      id: 'adr-1',
      status: 'superseded',
      supersededBy: 'adr-3',
      supersededAt: day(11),
      supersedes: null,
    });
    expect((await fresh('/v1/decisions/adr-3')).body).toMatchObject({
      supersedes: 'adr-1',
      supersededBy: null,
    });
    expect((await fresh('/v1/decisions/adr-7')).body).toMatchObject({
      supersedes: 'adr-6',
      status: 'accepted',
    });
    expect((await fresh('/v1/decisions/adr-4')).body).toMatchObject({
      status: 'rejected',
      statusReason: 'too costly',
      category: 'trade_off',
      optionsConsidered: ['one', 'two'],
      createdAt: day(12),
      updatedAt: day(13),
    });
  });

  it('lists decisions by workflow, task, category, status and creation window, both ways', async () => {
    expect(await ids('/v1/decisions?workflowId=wf-f')).toEqual(['adr-6', 'adr-7']);
    expect(await ids('/v1/decisions?taskId=t-e1')).toEqual(['adr-2']);
    expect(await ids('/v1/decisions?category=other,workaround')).toEqual(['adr-6', 'adr-7', 'adr-5']);
    expect(await ids('/v1/decisions?status=superseded')).toEqual(['adr-1', 'adr-6']);
    expect(await ids(`/v1/decisions?createdFrom=${day(10)}&createdTo=${day(12)}`)).toEqual([
      'adr-2',
      'adr-3',
    ]);
    expect(await ids('/v1/decisions?workflowId=wf-e&sort=-createdAt')).toEqual([
      'adr-5',
      'adr-4',
      'adr-3',
      'adr-2',
      'adr-1',
    ]);
  });

  it('pages decisions with cursors that neither skip nor repeat', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TestResponse = await fresh(`/v1/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['adr-1', 'adr-2', 'adr-3', 'adr-4', 'adr-6', 'adr-7', 'adr-5']);
  });

  it('measures decisions in a window, as worked out by hand', async () => {
    // Recorded in [01-10, 01-17): adr-2 (01-10, the start is included), adr-3, adr-4, adr-6, adr-7;
    // adr-1 (01-08) is before, adr-5 (01-17, the end is excluded) after. made = 5.
    // Superseded in the window: adr-1 (01-11, by adr-3) and adr-6 (01-16, by adr-7). superseded = 2.
    // supersessionRate = 2 / 5 = 0.4.
    expect((await fresh(`/v1/metrics/decisions?${WINDOW}`)).body).toEqual({
      from: day(10),
      to: day(17),
      workflowId: null,
      made: 5,
      byCategory: { architecture: 1, library_choice: 1, trade_off: 1, workaround: 1, other: 1 },
      // adr-2 proposed; adr-3, adr-7 accepted; adr-4 rejected; adr-6 superseded.
      byStatus: { proposed: 1, accepted: 2, rejected: 1, deprecated: 0, superseded: 1 },
      superseded: 2,
      supersessionRate: 0.4,
    });
    // wf-e: made = adr-2, adr-3, adr-4 = 3; superseded = adr-1 = 1; rate = 1 / 3.
    expect((await fresh(`/v1/metrics/decisions?${WINDOW}&workflowId=wf-e`)).body).toMatchObject({
      workflowId: 'wf-e',
      made: 3,
      superseded: 1,
      supersessionRate: 1 / 3,
    });
    // Nothing recorded in [02-01, 03-01): the rate is null, not 0.
    expect((await fresh(`/v1/metrics/decisions?from=${day(32)}&to=${day(60)}`)).body).toMatchObject({
      made: 0,
      supersessionRate: null,
    });
  });

  it('lists snapshots by subject shorthand, kind, status and capture window', async () => {
    expect(await ids('/v1/snapshots?environment=staging')).toEqual([
      'snap-stg-old',
      'snap-stg',
      'snap-stg-git',
    ]);
    expect(await ids('/v1/snapshots?taskId=t-e1')).toEqual(['snap-task']);
    expect(await ids('/v1/snapshots?subjectType=environment&sort=-capturedAt')).toEqual([
      'snap-stg-git',
      'snap-stg',
      'snap-prod',
      'snap-stg-old',
    ]);
    expect(await ids('/v1/snapshots?kind=git')).toEqual(['snap-stg-git']);
    expect(await ids(`/v1/snapshots?capturedFrom=${day(10)}&capturedTo=${day(13)}`)).toEqual([
      'snap-prod',
      'snap-stg',
    ]);
  });

  it('answers a snapshot with its files in pages', async () => {
    const first = (await fresh('/v1/snapshots/snap-stg?limit=2')).body;
    expect(first).toMatchObject({
      id: 'snap-stg',
      subject: { type: 'environment', id: 'staging' },
      fileCount: 5,
      files: {
        items: [
          { path: 'a.ts', checksum: 'aaaaaaa1' },
          { path: 'b.ts', checksum: 'bbbbbbb2' },
        ],
      },
    });
    const files: string[] = [];
    let cursor: string | null = first.files.nextCursor;
    while (cursor) {
      const page: TestResponse = await fresh(`/v1/snapshots/snap-stg?limit=2&cursor=${cursor}`);
      files.push(...page.body.files.items.map((f: { path: string }) => f.path));
      cursor = page.body.files.nextCursor;
    }
    expect(files).toEqual(['c.ts', 'e.ts', 'f.ts']);
    expect((await fresh('/v1/snapshots/snap-task')).body).toMatchObject({
      payload: { cpu: 4 },
      hasChecksums: false,
    });
  });

  it('diffs two snapshots with both checksums of each differing file', async () => {
    expect((await fresh('/v1/snapshots/snap-prod/diff/snap-stg')).body).toEqual({
      from: 'snap-prod',
      to: 'snap-stg',
      counts: { added: 2, removed: 1, changed: 1, unchanged: 2 },
      items: [
        { path: 'b.ts', change: 'changed', fromChecksum: 'bbbbbbb1', toChecksum: 'bbbbbbb2' },
        { path: 'd.ts', change: 'removed', fromChecksum: 'ddddddd1', toChecksum: null },
        { path: 'e.ts', change: 'added', fromChecksum: null, toChecksum: 'eeeeeee1' },
        { path: 'f.ts', change: 'added', fromChecksum: null, toChecksum: 'fffffff1' },
      ],
      nextCursor: null,
    });
    const added = (await fresh('/v1/snapshots/snap-prod/diff/snap-stg?change=added&limit=1')).body;
    expect(added.items.map((d: { path: string }) => d.path)).toEqual(['e.ts']);
    const rest = (
      await fresh(`/v1/snapshots/snap-prod/diff/snap-stg?change=added&limit=1&cursor=${added.nextCursor}`)
    ).body;
    expect(rest.items.map((d: { path: string }) => d.path)).toEqual(['f.ts']);
  });

  it('measures drift between two snapshots and between the latest snapshots of two environments', async () => {
    // production's latest: snap-prod {a, b, c, d}; staging's with checksums: snap-stg {a, b', c, e, f}
    // (snap-stg-git is later but has no files). added 2, removed 1, changed 1, unchanged 2;
    // drifted = 2 + 1 + 1 = 4; compared = 4 + 2 = 6; driftRatio = 4 / 6.
    const expected = {
      added: 2,
      removed: 1,
      changed: 1,
      unchanged: 2,
      drifted: 4,
      compared: 6,
      driftRatio: 4 / 6,
    };
    const byEnvironment = await fresh(
      '/v1/metrics/snapshot-drift?fromEnvironment=production&toEnvironment=staging',
    );
    expect(byEnvironment.body).toMatchObject({
      from: { id: 'snap-prod' },
      to: { id: 'snap-stg' },
      ...expected,
    });
    const byId = await fresh('/v1/metrics/snapshot-drift?fromSnapshotId=snap-prod&toSnapshotId=snap-stg');
    expect(byId.body).toMatchObject(expected);
  });

  const problem = async (path: string) => (await rest.fresh(path)).body;

  it('answers 404 and 422 problems', async () => {
    expect(await problem('/v1/decisions/nope')).toMatchObject({ status: 404, code: 'decision.not_found' });
    expect(await problem('/v1/snapshots/nope')).toMatchObject({ status: 404, code: 'snapshot.not_found' });
    expect(await problem('/v1/snapshots/snap-prod/diff/nope')).toMatchObject({
      status: 404,
      code: 'snapshot.not_found',
      detail: 'No snapshot nope',
    });
    expect(
      await problem('/v1/metrics/snapshot-drift?fromEnvironment=production&toEnvironment=qa'),
    ).toMatchObject({
      status: 404,
      code: 'snapshot.not_found',
    });
    // A git snapshot has no checksums: every file would look added or removed.
    expect(await problem('/v1/snapshots/snap-prod/diff/snap-stg-git')).toMatchObject({
      status: 422,
      code: 'snapshot.checksums_missing',
      snapshotId: 'snap-stg-git',
    });
  });

  it('refuses invalid parameters with 400 and a problem per field', async () => {
    const fields = async (path: string) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      return response.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    };
    expect(await fields('/v1/decisions?limit=501&category=vibes&sort=question')).toEqual(
      expect.arrayContaining([
        'limit:field.too_large',
        'category:field.not_allowed',
        'sort:field.not_allowed',
      ]),
    );
    expect(await fields('/v1/decisions?createdFrom=yesterday&workflowId=a%20b')).toEqual(
      expect.arrayContaining(['createdFrom:field.bad_format', 'workflowId:field.bad_format']),
    );
    expect(await fields(`/v1/metrics/decisions?from=${day(17)}&to=${day(10)}`)).toEqual([
      'to:field.later_than',
    ]);
    expect(await fields('/v1/metrics/decisions')).toEqual(['from:field.required', 'to:field.required']);
    expect(await fields('/v1/snapshots?workflowId=wf-e&taskId=t-e1&status=fine')).toEqual(
      expect.arrayContaining(['workflowId:field.exclusive', 'status:field.not_allowed']),
    );
    expect(await fields('/v1/snapshots/snap-prod/diff/snap-stg?change=renamed')).toEqual([
      'change:field.not_allowed',
    ]);
    expect(await fields('/v1/metrics/snapshot-drift')).toEqual(['fromSnapshotId:field.required']);
    expect(await fields('/v1/metrics/snapshot-drift?fromSnapshotId=a&fromEnvironment=staging')).toEqual(
      expect.arrayContaining([
        'fromSnapshotId:field.exclusive',
        'toSnapshotId:field.required',
        'toEnvironment:field.required',
      ]),
    );
    const page = await fresh('/v1/decisions?limit=1');
    const foreign = await get(`/v1/decisions?sort=-updatedAt&cursor=${page.body.nextCursor}`);
    expect(foreign.body).toMatchObject({ status: 400, code: 'cursor.invalid' });
  });

  it('reads its own write: minPosition as query or header, 503 projection.behind past the wait', async () => {
    const recorded = await decision('adr-late', day(20));
    const position = recorded.body.position;
    const viaHeader = await get('/v1/decisions/adr-late', { 'X-Annals-Min-Position': String(position) });
    expect(viaHeader.status).toBe(200);
    expect(Number(viaHeader.headers.get('x-annals-position'))).toBeGreaterThanOrEqual(position);
    for (const path of ['/v1/decisions', '/v1/snapshots/snap-prod', `/v1/metrics/decisions?${WINDOW}`]) {
      const behind = await get(
        `${path}${path.includes('?') ? '&' : '?'}minPosition=${position + 1000}&maxWaitMs=100`,
      );
      expect(behind.status).toBe(503);
      expect(behind.body).toMatchObject({ code: 'projection.behind', minPosition: position + 1000 });
      expect(behind.headers.get('x-annals-position')).toBe(String(behind.body.position));
    }
  });

  it('reports both projections in GET /v1/projections', async () => {
    await fresh('/v1/snapshots');
    const byName = Object.fromEntries(
      (await get('/v1/projections')).body.items.map((p: { name: string; position: number }) => [p.name, p]),
    );
    expect(byName.decisions.position).toBeGreaterThanOrEqual(rest.last);
    expect(byName.snapshots.position).toBeGreaterThanOrEqual(rest.last);
  });

  it('documents the query routes in OpenAPI beside the command routes of the same prefixes', async () => {
    const { body } = await t.request('GET', '/docs/openapi.json');
    const operation = (path: string, method = 'get') => body.paths[path]?.[method]?.operationId;
    expect(operation('/v1/decisions')).toBe('listDecisions');
    expect(body.paths['/v1/decisions'].post).toBeDefined();
    expect(operation('/v1/decisions/{id}')).toBe('getDecision');
    expect(operation('/v1/snapshots')).toBe('listSnapshots');
    expect(body.paths['/v1/snapshots'].post).toBeDefined();
    expect(operation('/v1/snapshots/{id}')).toBe('getSnapshot');
    expect(operation('/v1/snapshots/{id}/diff/{otherId}')).toBe('diffSnapshots');
    expect(operation('/v1/metrics/decisions')).toBe('decisionMetrics');
    expect(operation('/v1/metrics/snapshot-drift')).toBe('snapshotDrift');
  });
});
