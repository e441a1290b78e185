import { EnvelopeWithUpcastData } from '../engine/projection';
import { foldRows } from '../engine/fold-rows';
import { DecisionRow, evolveDecisionRow } from './decision-row';
import { decisionView } from './decision-view';

let position = 0;
const event = (type: string, data: Record<string, unknown>, minute: number): EnvelopeWithUpcastData => {
  position += 1;
  return {
    position,
    eventId: `e${position}`,
    streamId: `decision-${String(data.decisionId)}`,
    streamType: 'decision',
    version: position,
    type,
    schemaVersion: 1,
    data,
    metadata: {},
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    hash: '',
  };
};
const recorded = (decisionId: string, extra: Record<string, unknown> = {}, minute = 0) =>
  event(
    'DecisionRecorded',
    {
      decisionId,
      category: 'architecture',
      question: 'Which store?',
      optionsConsidered: ['pg', 'mongo'],
      chosen: 'pg',
      reasoning: 'transactions',
      status: 'proposed',
      ...extra,
    },
    minute,
  );
const fold = (...events: EnvelopeWithUpcastData[]): DecisionRow[] =>
  foldRows(new Map(), events, (e) => e.data.decisionId, evolveDecisionRow);

describe('the decisions row', () => {
  beforeEach(() => (position = 0));

  it('records the content, the initial status and the refs, with empty lists where none were given', () => {
    const [row] = fold(recorded('d1', { workflowId: 'wf', taskId: 't1', drivers: ['cost'] }));
    expect(decisionView(row)).toMatchObject({
      id: 'd1',
      workflowId: 'wf',
      taskId: 't1',
      category: 'architecture',
      optionsConsidered: ['pg', 'mongo'],
      chosen: 'pg',
      drivers: ['cost'],
      deciders: [],
      status: 'proposed',
      acceptedAt: null,
      supersedes: null,
      supersededBy: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      position: 1,
    });
  });

  it('takes a decision recorded as accepted as accepted when recorded', () => {
    const [row] = fold(recorded('d1', { status: 'accepted' }, 3));
    expect(row.accepted_at).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 3)));
  });

  it('keeps the reason of a rejection', () => {
    const [row] = fold(
      recorded('d1'),
      event('DecisionRejected', { decisionId: 'd1', reason: 'too slow' }, 4),
    );
    expect(decisionView(row)).toMatchObject({
      status: 'rejected',
      statusReason: 'too slow',
      updatedAt: '2026-01-01T00:04:00.000Z',
      position: 2,
    });
  });

  it('links both ends of a supersession, each from its own stream, whatever the order in the batch', () => {
    const rows = fold(
      recorded('old', { status: 'accepted' }, 0),
      recorded('new', { status: 'accepted' }, 5),
      event('DecisionSuperseded', { decisionId: 'old', by: 'new' }, 6),
      event('DecisionLinkedAsSuccessor', { decisionId: 'new', supersedes: 'old' }, 6),
    );
    const byId = Object.fromEntries(rows.map((row) => [row.id, decisionView(row)]));
    expect(byId.old).toMatchObject({
      status: 'superseded',
      supersededBy: 'new',
      supersededAt: '2026-01-01T00:06:00.000Z',
      position: 3,
    });
    expect(byId.new).toMatchObject({ status: 'accepted', supersedes: 'old', position: 4 });
  });

  it('ignores events of a decision it never saw recorded', () => {
    expect(fold(event('DecisionAccepted', { decisionId: 'ghost' }, 1))).toEqual([]);
  });
});
