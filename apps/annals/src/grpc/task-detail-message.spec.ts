import { ANNALS_PROTO_OPTIONS, loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import type { TaskDetail } from '@annals/projections';
import { fromProtoStruct } from './protobuf-json';
import { getTaskResponse } from './task-detail-message';

/** No field at its proto3 default (no null, no empty list, no 0, no false), so none may go missing unseen. */
const everyFieldSet: TaskDetail = {
  id: 'main',
  workflowId: 'wf-d',
  phaseId: 'p1',
  parentTaskId: 'epic',
  name: 'Main',
  goal: 'ship',
  priority: 'high',
  category: 'backend',
  areas: ['src/api/**'],
  status: 'completed',
  assignee: { type: 'agent', id: 'coder', name: 'Coder' },
  attempt: 2,
  createdAt: '2026-01-01T09:00:00.000Z',
  startedAt: '2026-01-01T10:00:00.000Z',
  completedAt: '2026-01-02T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
  outcome: {
    result: 'partial_success',
    summary: 'shipped',
    failureReason: 'flaky tests',
    testsStatus: 'passed',
    manualReviewNeeded: true,
    scopeMatch: true,
    unexpectedFiles: ['README.md'],
    kind: 'completed',
    achievements: ['endpoint'],
    limitations: ['no paging'],
    nextSteps: ['add paging'],
    manualReviewReason: 'touches auth',
    packagesAdded: ['zod'],
    packagesRemoved: ['joi'],
    commandsExecuted: ['npm test'],
    snapshotId: 'snap-1',
    durationMs: 86_400_000,
    finishedAt: '2026-01-02T10:00:00.000Z',
  },
  counts: { milestones: 1, issues: 1, openQuestions: 1 },
  position: 9_007_199_254,
  dependsOn: ['base'],
  dependents: ['after'],
  scopeCheck: { areas: ['src/api/**'], scopeMatch: true, unexpectedFiles: ['README.md'] },
  subtasks: {
    items: [
      {
        id: 'child',
        name: 'Child',
        status: 'completed',
        priority: 'low',
        createdAt: '2026-01-01T09:30:00.000Z',
        completedAt: '2026-01-01T11:00:00.000Z',
      },
    ],
    total: 3,
    truncated: true,
  },
  milestones: {
    items: [
      {
        message: 'schema',
        progress: 30,
        metadata: { step: 1, tags: ['a', null], nested: { ok: true } },
        recordedAt: '2026-01-01T11:00:00.000Z',
        position: 12,
      },
    ],
    total: 1,
    truncated: true,
  },
  issues: {
    items: [
      {
        issueId: 'gap',
        type: 'doc_gap',
        description: 'no docs',
        resolution: 'wrote them',
        requiresHumanReview: true,
        loggedAt: '2026-01-01T12:00:00.000Z',
        position: 13,
      },
    ],
    total: 1,
    truncated: true,
  },
  questions: {
    items: [
      {
        questionId: 'q1',
        question: 'REST or gRPC?',
        context: 'both?',
        askedAt: '2026-01-01T13:00:00.000Z',
        answer: 'REST first',
        answeredAt: '2026-01-01T14:00:00.000Z',
        position: 14,
      },
    ],
    total: 1,
    truncated: true,
  },
  files: { items: [{ path: 'src/api/a.ts', change: 'added', inScope: true }], total: 1, truncated: true },
  statusHistory: {
    items: [
      {
        status: 'in_progress',
        startedAt: '2026-01-01T10:00:00.000Z',
        endedAt: '2026-01-02T10:00:00.000Z',
      },
    ],
    total: 1,
    truncated: true,
  },
};

/** The response as a client decodes it off the wire: int64 read as numbers to compare with the view. */
function overTheWire(detail: TaskDetail) {
  const serialize = (loadAnnalsProtos()['annals.v1.TaskQueryService'] as any).Get.responseSerialize;
  const client = loadAnnalsProtos({ ...ANNALS_PROTO_OPTIONS, arrays: true, longs: Number });
  const deserialize = (client['annals.v1.TaskQueryService'] as any).Get.responseDeserialize;
  return deserialize(serialize({ ...getTaskResponse(detail), position: '42' }));
}

describe('getTaskResponse (annals.v1.GetTaskResponse from the REST task detail)', () => {
  it('carries every field of the detail through the wire encoding, metadata as a Struct', () => {
    const decoded = overTheWire(everyFieldSet);
    const { dependsOn, dependents, ...task } = everyFieldSet;
    const { metadata, ...milestone } = decoded.task.milestones.items[0];
    expect(fromProtoStruct(metadata)).toEqual(task.milestones.items[0].metadata);
    decoded.task.milestones.items[0] = { ...milestone, metadata: task.milestones.items[0].metadata };
    expect(decoded).toEqual({ task, dependsOn, dependents, position: 42 });
  });

  it('leaves unset what REST answers as null, so that it never reads as "", 0 or false', () => {
    const backlog: TaskDetail = {
      ...everyFieldSet,
      phaseId: null,
      assignee: null,
      completedAt: null,
      outcome: {
        ...everyFieldSet.outcome,
        result: null,
        scopeMatch: null,
        durationMs: null,
        finishedAt: null,
      },
      milestones: {
        ...everyFieldSet.milestones,
        items: [{ ...everyFieldSet.milestones.items[0], progress: null, metadata: null }],
      },
    };
    const { task } = overTheWire(backlog);
    for (const field of ['phaseId', 'assignee', 'completedAt']) expect(task).not.toHaveProperty(field);
    for (const field of ['result', 'scopeMatch', 'durationMs', 'finishedAt'])
      expect(task.outcome).not.toHaveProperty(field);
    expect(task.milestones.items[0]).not.toHaveProperty('progress');
    expect(task.milestones.items[0]).not.toHaveProperty('metadata');
  });
});
