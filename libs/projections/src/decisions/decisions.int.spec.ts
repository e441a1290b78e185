import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { CheckpointRepository } from '../engine/checkpoint.repository';
import { EnvelopeWithUpcastData } from '../engine/projection';
import { ReadConsistency } from '../engine/read-consistency';
import { ReadDB } from '../schema';
import { applyBatch, TestLedger } from '../testing/test-ledger';
import { DecisionQueries } from './decision-queries';
import { DecisionFilter, DecisionQueriesRepository } from './decision-queries.repository';
import { DecisionsProjection } from './decisions.projection';

const day = (d: number, hour = 0) => new Date(Date.UTC(2026, 2, d, hour)).toISOString();
const WINDOW = { from: day(1), to: day(8) };

describe('decisions projection and queries (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  let queries: DecisionQueries;
  const ledger = new TestLedger();
  const projection = new DecisionsProjection();
  const apply = (...events: EnvelopeWithUpcastData[]) => applyBatch(database.db, projection, events);

  const recorded = (decisionId: string, at: string, extra: Record<string, unknown> = {}) =>
    ledger.event(
      'DecisionRecorded',
      {
        decisionId,
        workflowId: 'wf-a',
        category: 'architecture',
        question: `Q ${decisionId}`,
        optionsConsidered: ['x', 'y'],
        chosen: 'x',
        reasoning: 'because',
        status: 'accepted',
        ...extra,
      },
      at,
    );
  const superseded = (decisionId: string, by: string, at: string) =>
    ledger.event('DecisionSuperseded', { decisionId, by }, at);

  beforeAll(async () => {
    database = await createTestDatabase<ReadDB>();
    queries = new DecisionQueries(
      new DecisionQueriesRepository(database.db),
      new ReadConsistency(new CheckpointRepository(database.db)),
      0,
    );
    // Batch 1: d1 before the window; d2 on its first instant (included), later rejected.
    await apply(
      recorded('d1', new Date(Date.UTC(2026, 1, 25)).toISOString()),
      recorded('d2', day(1), { category: 'library_choice', taskId: 't1', status: 'proposed' }),
    );
    // Batch 2: d3 replaces d1 when recorded (both streams, one append); d2 is rejected. d1 comes
    // from the table, not from this batch: the fold loads it.
    await apply(
      recorded('d3', day(2), { supersedes: 'd1' }),
      superseded('d1', 'd3', day(2)),
      ledger.event('DecisionRejected', { decisionId: 'd2', reason: 'no' }, day(3)),
      recorded('d4', day(5), { workflowId: 'wf-b', category: 'workaround', status: 'proposed' }),
      ledger.event('DecisionAccepted', { decisionId: 'd4' }, day(6)),
      recorded('d6', day(4), { category: 'other' }),
      // On the window's end (excluded).
      recorded('d5', day(8), { category: 'trade_off' }),
    );
    // Batch 3, after the window: d7 supersedes d6 by SupersedeDecision (a link on each stream).
    await apply(
      recorded('d7', day(9), { category: 'other' }),
      superseded('d6', 'd7', day(9, 1)),
      ledger.event('DecisionLinkedAsSuccessor', { decisionId: 'd7', supersedes: 'd6' }, day(9, 1)),
    );
  });
  afterAll(() => database.drop());

  const ids = async (filter: DecisionFilter, sort?: string) =>
    (await queries.list(filter, { sort }, {})).result.items.map((d) => d.id);

  it('writes one row per decision with both ends of each supersession link', async () => {
    const rows = await database.db
      .selectFrom('read.decisions')
      .select(['id', 'status', 'supersedes', 'superseded_by', 'status_reason', 'position'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        id: 'd1',
        status: 'superseded',
        supersedes: null,
        superseded_by: 'd3',
        status_reason: null,
        position: '4',
      },
      {
        id: 'd2',
        status: 'rejected',
        supersedes: null,
        superseded_by: null,
        status_reason: 'no',
        position: '5',
      },
      {
        id: 'd3',
        status: 'accepted',
        supersedes: 'd1',
        superseded_by: null,
        status_reason: null,
        position: '3',
      },
      {
        id: 'd4',
        status: 'accepted',
        supersedes: null,
        superseded_by: null,
        status_reason: null,
        position: '7',
      },
      {
        id: 'd5',
        status: 'accepted',
        supersedes: null,
        superseded_by: null,
        status_reason: null,
        position: '9',
      },
      {
        id: 'd6',
        status: 'superseded',
        supersedes: null,
        superseded_by: 'd7',
        status_reason: null,
        position: '11',
      },
      {
        id: 'd7',
        status: 'accepted',
        supersedes: 'd6',
        superseded_by: null,
        status_reason: null,
        position: '12',
      },
    ]);
    expect((await queries.get('d7', {})).result).toMatchObject({ supersedes: 'd6', supersededBy: null });
    expect((await queries.get('d6', {})).result).toMatchObject({
      supersededBy: 'd7',
      supersededAt: day(9, 1),
      acceptedAt: day(4),
    });
    expect((await queries.get('nope', {})).result).toBeUndefined();
  });

  it('filters by workflow, task, category, status and creation window', async () => {
    expect(await ids({ workflowId: 'wf-b' })).toEqual(['d4']);
    expect(await ids({ taskId: 't1' })).toEqual(['d2']);
    expect(await ids({ categories: ['other', 'workaround'] })).toEqual(['d6', 'd4', 'd7']);
    expect(await ids({ statuses: ['superseded'] })).toEqual(['d1', 'd6']);
    expect(await ids({ createdFrom: WINDOW.from, createdTo: WINDOW.to })).toEqual(['d2', 'd3', 'd6', 'd4']);
    expect(await ids({ workflowId: 'wf-a' }, '-updatedAt')).toEqual(['d7', 'd6', 'd5', 'd2', 'd3', 'd1']);
  });

  it('counts a window by category and status and rates supersession, as worked out by hand', async () => {
    // Recorded in [03-01, 03-08): d2 (03-01, included), d3 (03-02), d6 (03-04), d4 (03-05); d1 is
    // before, d5 on the end (excluded), d7 after. made = 4.
    // Superseded in the window: d1 (03-02); d6 was superseded on 03-09, outside. superseded = 1.
    // supersessionRate = 1 / 4 = 0.25.
    expect((await queries.metrics(WINDOW, {})).result).toEqual({
      from: WINDOW.from,
      to: WINDOW.to,
      workflowId: null,
      made: 4,
      byCategory: { architecture: 1, library_choice: 1, trade_off: 0, workaround: 1, other: 1 },
      // d2 rejected; d3, d4 accepted; d6 superseded (its status as served now).
      byStatus: { proposed: 0, accepted: 2, rejected: 1, deprecated: 0, superseded: 1 },
      superseded: 1,
      supersessionRate: 0.25,
    });
    // wf-a: made = d2, d3, d6 = 3; superseded = d1 = 1; rate = 1 / 3.
    expect((await queries.metrics({ ...WINDOW, workflowId: 'wf-a' }, {})).result).toMatchObject({
      made: 3,
      superseded: 1,
      supersessionRate: 1 / 3,
    });
    // wf-b: made = d4 = 1; superseded = 0; rate = 0 / 1 = 0.
    expect((await queries.metrics({ ...WINDOW, workflowId: 'wf-b' }, {})).result).toMatchObject({
      made: 1,
      superseded: 0,
      supersessionRate: 0,
    });
    // [03-09, 03-10): d7 made, d6 superseded: 1 / 1 = 1.
    expect((await queries.metrics({ from: day(9), to: day(10) }, {})).result).toMatchObject({
      made: 1,
      superseded: 1,
      supersessionRate: 1,
    });
  });

  it.each(['createdAt', '-createdAt'])(
    'pages by %s without skipping or repeating a decision while decisions are recorded and change status',
    async (sort) => {
      const workflowId = `wf-pages${sort}`;
      const existing = Array.from({ length: 23 }, (_, i) => `p${sort}-${String(i).padStart(2, '0')}`);
      // Groups of five share a creation time: the id breaks the ties.
      await apply(
        ...existing.map((id, i) =>
          recorded(id, day(20, Math.floor(i / 5)), { workflowId, status: 'proposed' }),
        ),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = (await queries.list({ workflowId }, { sort, cursor, limit: 4 }, {})).result;
        seen.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
        // Between pages: a decision of the same list that sorts before the cursor (so it must never
        // show), and a change to one already served (status and updatedAt; the sort key stays).
        const before = sort === 'createdAt' ? day(19) : day(22);
        await apply(
          recorded(`new${sort}-${pages}`, before, { workflowId, status: 'proposed' }),
          ledger.event('DecisionAccepted', { decisionId: seen[seen.length - 1] }, day(21)),
        );
      } while (cursor);
      expect(pages).toBe(6);
      expect(seen).toEqual(sort === 'createdAt' ? existing : [...existing].reverse());
    },
  );
});
