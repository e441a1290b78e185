import { Kysely, PostgresDialect } from 'kysely';
import { diffSnapshots, DomainError } from '@annals/domain';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { CheckpointRepository } from '../engine/checkpoint.repository';
import { EnvelopeWithUpcastData } from '../engine/projection';
import { ReadConsistency } from '../engine/read-consistency';
import { ReadDB } from '../schema';
import { applyBatch, TestLedger } from '../testing/test-ledger';
import { SnapshotNotFoundError, SnapshotQueries } from './snapshot-queries';
import { FileDifference, SnapshotQueriesRepository } from './snapshot-queries.repository';
import { SNAPSHOT_FILE_CHUNK } from './snapshots.repository';
import { SnapshotsProjection } from './snapshots.projection';

const day = (d: number, hour = 0) => new Date(Date.UTC(2026, 2, d, hour)).toISOString();
const digest = (n: number) => n.toString(16).padStart(8, '0');
const LARGE = 20_000;

/** 20,000 files; then every 7th changed, every 11th removed (unless changed), 1,500 added. */
function largePair(): { before: Record<string, string>; after: Record<string, string> } {
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  for (let i = 0; i < LARGE; i++) {
    const path = `src/m${String(i).padStart(5, '0')}.ts`;
    before[path] = digest(i);
    if (i % 7 === 0) after[path] = digest(i + 1_000_000);
    else if (i % 11 !== 0) after[path] = digest(i);
  }
  for (let i = 0; i < 1500; i++) after[`new/f${String(i).padStart(4, '0')}.ts`] = digest(i);
  return { before, after };
}

describe('snapshots projection and queries (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let queries: SnapshotQueries;
  const statements: string[] = [];
  const ledger = new TestLedger();
  const projection = new SnapshotsProjection();
  /** The database through a Kysely that logs every statement it runs (writes and queries alike). */
  let logged: Kysely<ReadDB>;
  const apply = (...events: EnvelopeWithUpcastData[]) => applyBatch(logged, projection, events);
  const captured = (snapshotId: string, subject: [string, string], at: string, extra: object = {}) =>
    ledger.event(
      'SnapshotCaptured',
      {
        snapshotId,
        subject: { type: subject[0], id: subject[1] },
        kind: 'checksum',
        schemaVersion: 1,
        status: 'ok',
        capturedAt: at,
        ...extra,
      },
      at,
    );
  const { before, after } = largePair();

  beforeAll(async () => {
    database = await createTestDatabase<ReadDB>();
    logged = new Kysely<ReadDB>({
      dialect: new PostgresDialect({ pool: database.pool }),
      log: (event) => {
        statements.push(event.query.sql);
      },
    });
    queries = new SnapshotQueries(
      new SnapshotQueriesRepository(logged),
      new ReadConsistency(new CheckpointRepository(database.db)),
      0,
    );
    await apply(
      captured('prod-1', ['environment', 'production'], day(2), {
        checksums: { a: 'aaaaaaa1', b: 'bbbbbbb1', c: 'ccccccc1', d: 'ddddddd1' },
      }),
      captured('stg-1', ['environment', 'staging'], day(1), { checksums: { a: 'aaaaaaa1' } }),
      captured('stg-2', ['environment', 'staging'], day(3), {
        checksums: { a: 'aaaaaaa1', b: 'bbbbbbb2', c: 'ccccccc1', e: 'eeeeeee1', f: 'fffffff1' },
      }),
      // Later than stg-2 but without checksums: no file can be compared, so it is not "the latest".
      captured('stg-git', ['environment', 'staging'], day(4), { kind: 'git', git: { commit: 'abcdef1' } }),
      captured('wf-snap', ['workflow', 'wf-1'], day(5), { status: 'warning', checksums: { x: '12345678' } }),
      captured('task-snap', ['task', 't-1'], day(6), { kind: 'custom', checksums: {}, payload: { ram: 3 } }),
    );
  });
  afterAll(() => database.drop());

  it('writes a large capture in chunks of files, never a statement per file', async () => {
    statements.length = 0;
    await apply(
      captured('big-1', ['repository', 'r'], day(10), { checksums: before }),
      captured('big-2', ['repository', 'r'], day(11), { checksums: after }),
    );
    const fileInserts = statements.filter((text) => text.startsWith('insert into "read"."snapshot_files"'));
    const files = LARGE + Object.keys(after).length; // 20,000 + 18,831 (see largePair)
    expect(fileInserts).toHaveLength(Math.ceil(files / SNAPSHOT_FILE_CHUNK));
    expect(statements.filter((text) => text.startsWith('insert into "read"."snapshots"'))).toHaveLength(1);
    const counted = await database.db
      .selectFrom('read.snapshot_files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('snapshot_id', 'in', ['big-1', 'big-2'])
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(files);
    expect((await queries.get('big-2', { limit: 1 }, {})).result).toMatchObject({
      fileCount: Object.keys(after).length,
      hasChecksums: true,
    });
  });

  it('takes a batch of more snapshots than one INSERT has bind parameters for', async () => {
    // 5,000 rows x 15 columns = 75,000 parameters, over PostgreSQL's 65,535: one statement failed.
    const many = Array.from({ length: 5000 }, (_, i) =>
      captured(`many-${i}`, ['repository', 'many'], day(12), { checksums: {} }),
    );
    statements.length = 0;
    await apply(...many);
    expect(
      statements.filter((text) => text.startsWith('insert into "read"."snapshots"')).length,
    ).toBeGreaterThan(1);
    const counted = await database.db
      .selectFrom('read.snapshots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('subject_id', '=', 'many')
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(5000);
  });

  it('diffs two large snapshots in SQL exactly as the domain diff does, page after page', async () => {
    const expected = diffSnapshots(
      { snapshotId: 'big-1', checksums: before },
      { snapshotId: 'big-2', checksums: after },
    );
    statements.length = 0;
    const seen: FileDifference[] = [];
    let cursor: string | undefined;
    let counts;
    do {
      const page = (await queries.diff('big-1', 'big-2', undefined, { cursor, limit: 500 }, {})).result;
      seen.push(...page.items);
      counts = page.counts;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(statements.some((text) => text.includes('full join'))).toBe(true);
    const paths = (change: string) => seen.filter((d) => d.change === change).map((d) => d.path);
    expect(paths('added')).toEqual(expected.added);
    expect(paths('removed')).toEqual(expected.removed);
    expect(paths('changed')).toEqual(expected.changed);
    // changed: i % 7 = 0 -> ceil(20000 / 7) = 2858; removed: i % 11 = 0 and i % 7 != 0 ->
    // ceil(20000 / 11) - ceil(20000 / 77) = 1819 - 260 = 1559; added 1500;
    // unchanged = 20000 - 2858 - 1559 = 15583.
    expect(counts).toEqual({ added: 1500, removed: 1559, changed: 2858, unchanged: 15583 });
    const changed = seen.find((d) => d.path === 'src/m00007.ts');
    expect(changed).toEqual({
      path: 'src/m00007.ts',
      change: 'changed',
      fromChecksum: digest(7),
      toChecksum: digest(1_000_007),
    });
    expect(seen.find((d) => d.path === 'src/m00011.ts')).toMatchObject({
      change: 'removed',
      toChecksum: null,
    });
  });

  it('filters a diff by kind of change, the counts still covering the whole diff', async () => {
    const page = (await queries.diff('prod-1', 'stg-2', ['added', 'removed'], {}, {})).result;
    expect(page.items.map((d) => [d.change, d.path])).toEqual([
      ['removed', 'd'],
      ['added', 'e'],
      ['added', 'f'],
    ]);
    expect(page.counts).toEqual({ added: 2, removed: 1, changed: 1, unchanged: 2 });
  });

  it('compares the latest snapshots with checksums of two environments, as worked out by hand', async () => {
    const drift = (await queries.drift({ fromEnvironment: 'production', toEnvironment: 'staging' }, {}))
      .result;
    // production's latest: prod-1 {a, b, c, d}; staging's: stg-2 {a, b', c, e, f} (stg-git has no files).
    // added e, f = 2; removed d = 1; changed b = 1; unchanged a, c = 2.
    // drifted = 2 + 1 + 1 = 4; compared = 4 + 2 = 6; driftRatio = 4 / 6.
    expect(drift).toMatchObject({
      from: { id: 'prod-1' },
      to: { id: 'stg-2' },
      added: 2,
      removed: 1,
      changed: 1,
      unchanged: 2,
      drifted: 4,
      compared: 6,
      driftRatio: 4 / 6,
    });
    const same = (await queries.drift({ fromSnapshotId: 'stg-1', toSnapshotId: 'stg-1' }, {})).result;
    // 1 path, nothing differs: 0 / 1 = 0.
    expect(same).toMatchObject({ drifted: 0, compared: 1, driftRatio: 0 });
  });

  it('refuses to diff a snapshot without checksums, and names a missing snapshot or environment', async () => {
    await expect(queries.diff('stg-1', 'stg-git', undefined, {}, {})).rejects.toMatchObject({
      constructor: DomainError,
      code: 'snapshot.checksums_missing',
    });
    await expect(queries.diff('stg-1', 'nope', undefined, {}, {})).rejects.toBeInstanceOf(
      SnapshotNotFoundError,
    );
    await expect(queries.drift({ fromEnvironment: 'production', toEnvironment: 'qa' }, {})).rejects.toThrow(
      'No snapshot with file checksums of environment qa',
    );
  });

  it('answers a snapshot with its payload and its files in pages by path', async () => {
    const first = (await queries.get('prod-1', { limit: 3 }, {})).result!;
    expect(first).toMatchObject({
      id: 'prod-1',
      subject: { type: 'environment', id: 'production' },
      fileCount: 4,
    });
    expect(first.files.items).toEqual([
      { path: 'a', checksum: 'aaaaaaa1' },
      { path: 'b', checksum: 'bbbbbbb1' },
      { path: 'c', checksum: 'ccccccc1' },
    ]);
    const rest = (await queries.get('prod-1', { limit: 3, cursor: first.files.nextCursor! }, {})).result!;
    expect(rest.files).toEqual({ items: [{ path: 'd', checksum: 'ddddddd1' }], nextCursor: null });
    expect((await queries.get('task-snap', {}, {})).result).toMatchObject({
      payload: { ram: 3 },
      fileCount: 0,
    });
    expect((await queries.get('nope', {}, {})).result).toBeUndefined();
  });

  it('filters by subject, kind, status and capture window', async () => {
    const ids = async (filter: object, sort?: string) =>
      (await queries.list(filter, { sort }, {})).result.items.map((s) => s.id);
    expect(await ids({ subjectType: 'environment', subjectId: 'staging' })).toEqual([
      'stg-1',
      'stg-2',
      'stg-git',
    ]);
    expect(await ids({ subjectType: 'environment' }, '-capturedAt')).toEqual([
      'stg-git',
      'stg-2',
      'prod-1',
      'stg-1',
    ]);
    expect(await ids({ subjectType: 'workflow', subjectId: 'wf-1' })).toEqual(['wf-snap']);
    expect(await ids({ kind: 'git' })).toEqual(['stg-git']);
    expect(await ids({ statuses: ['warning'] })).toEqual(['wf-snap']);
    expect(await ids({ capturedFrom: day(2), capturedTo: day(4) })).toEqual(['prod-1', 'stg-2']);
  });

  it('pages snapshots without skipping or repeating one while snapshots are captured', async () => {
    const existing = Array.from({ length: 13 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    // Groups of three share a capture time: the id breaks the ties.
    await apply(...existing.map((id, i) => captured(id, ['machine', 'm1'], day(20, Math.floor(i / 3)))));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await queries.list({ subjectId: 'm1' }, { sort: '-capturedAt', cursor, limit: 3 }, {}))
        .result;
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
      // A newer capture sorts before the cursor: it must not show.
      await apply(captured(`late-${pages}`, ['machine', 'm1'], day(21)));
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual([...existing].reverse());
  });
});
