import { decisionMetrics } from './decision-metrics';

describe('decision metrics of a window', () => {
  const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' };

  it('adds the counts up by category and by status, every category and status listed', () => {
    const metrics = decisionMetrics(window, [
      { category: 'architecture', status: 'accepted', made: 2, superseded: 0 },
      { category: 'architecture', status: 'superseded', made: 1, superseded: 2 },
      { category: 'workaround', status: 'proposed', made: 1, superseded: 0 },
    ]);
    // made = 2 + 1 + 1 = 4; superseded = 0 + 2 + 0 = 2; rate = 2 / 4 = 0.5
    expect(metrics).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
      workflowId: null,
      made: 4,
      byCategory: { architecture: 3, library_choice: 0, trade_off: 0, workaround: 1, other: 0 },
      byStatus: { proposed: 1, accepted: 2, rejected: 0, deprecated: 0, superseded: 1 },
      superseded: 2,
      supersessionRate: 0.5,
    });
  });

  it('answers a null rate, not 0, when no decision was made in the window', () => {
    const metrics = decisionMetrics(window, [
      { category: 'other', status: 'superseded', made: 0, superseded: 1 },
    ]);
    expect(metrics).toMatchObject({ made: 0, superseded: 1, supersessionRate: null });
  });

  it('can exceed 1 when older decisions are replaced faster than new ones are made', () => {
    const metrics = decisionMetrics(window, [
      { category: 'other', status: 'accepted', made: 1, superseded: 0 },
      { category: 'other', status: 'superseded', made: 0, superseded: 3 },
    ]);
    // 3 superseded / 1 made = 3
    expect(metrics.supersessionRate).toBe(3);
  });
});
