import { FlowCounts, flowFigures, NO_SAMPLES } from './flow';

const fourteenDays = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-16T00:00:00Z') };
const nothing: FlowCounts = {
  key: 'wf',
  completed: 0,
  reworked: 0,
  cycleTime: NO_SAMPLES,
  leadTime: NO_SAMPLES,
  blockedSeconds: 0,
  cycleSeconds: 0,
  wipNow: 0,
  wipSeconds: 0,
  openAge: NO_SAMPLES,
  firstAttemptsEnded: 0,
  firstAttemptsPassed: 0,
  outcomes: { success: 0, partial_success: 0, failed: 0, cancelled: 0 },
  reviewTasks: 0,
  oldestReviewSeconds: null,
  reviewIssues: 0,
  timeToAnswer: NO_SAMPLES,
  openQuestions: 0,
};

describe('the flow figures', () => {
  it('answers counts of 0 but null ratios and durations when nothing happened', () => {
    expect(flowFigures(nothing, fourteenDays)).toMatchObject({
      throughput: { completed: 0, perWeek: 0 },
      wip: { now: 0, average: 0 },
      blockedTime: { seconds: null, ratioToCycleTime: null },
      rework: { rate: null },
      firstPassYield: { rate: null },
      humanReviewBacklog: { tasks: 0, oldestTaskSeconds: null },
    });
  });

  it('scales throughput to 7 days and WIP time to the window length', () => {
    // 3 completions in 14 days: 3 * 7 / 14 = 1.5 per week; 7 task-days of work in 14 days: 0.5.
    const figures = flowFigures({ ...nothing, completed: 3, wipSeconds: 7 * 86_400 }, fourteenDays);
    expect(figures.throughput.perWeek).toBe(1.5);
    expect(figures.wip.average).toBe(0.5);
  });

  it('divides blocked time by cycle time and reworked by completed tasks', () => {
    // 1 h blocked of 4 h of cycle time; 1 of 4 completed tasks retried; 3 of 4 first attempts passed.
    const figures = flowFigures(
      {
        ...nothing,
        completed: 4,
        reworked: 1,
        blockedSeconds: 3600,
        cycleSeconds: 4 * 3600,
        firstAttemptsEnded: 4,
        firstAttemptsPassed: 3,
      },
      fourteenDays,
    );
    expect(figures.blockedTime).toEqual({ seconds: 3600, ratioToCycleTime: 0.25 });
    expect(figures.rework.rate).toBe(0.25);
    expect(figures.firstPassYield.rate).toBe(0.75);
  });
});
