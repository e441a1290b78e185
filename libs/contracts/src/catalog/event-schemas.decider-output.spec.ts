import {
  Command,
  Decider,
  decideCreateTask,
  decideRecordDecision,
  decideSupersedeDecision,
  DecisionCommand,
  DecisionEvent,
  DecisionState,
  decisionDecider,
  DeploymentCommand,
  deploymentDecider,
  DomainEvent,
  SnapshotCommand,
  snapshotDecider,
  TaskCommand,
  TaskEvent,
  TaskState,
  taskDecider,
  WorkflowCommand,
  workflowDecider,
} from '@annals/domain';
import { EVENT_CATALOG } from '.';

/*
 * Sample lives of each aggregate, decided by the real deciders: every event they produce must conform
 * to its schema in the catalog, and together they produce every event type the catalog knows.
 */

const T0 = Date.parse('2025-03-01T09:00:00.000Z');

/** One stream: decides each command against the state its earlier events left, as the command executor does. */
class Stream<State, Cmd extends Command, Event extends DomainEvent> {
  state: State;
  constructor(
    private readonly decider: Decider<State, Cmd, Event>,
    private readonly produced: DomainEvent[],
  ) {
    this.state = decider.initialState();
  }
  decide(command: Cmd): void {
    this.record(this.decider.decide(command, this.state));
  }
  record(events: readonly Event[]): void {
    this.state = events.reduce(this.decider.evolve, this.state);
    this.produced.push(...events);
  }
}

function sampleEvents(): DomainEvent[] {
  const produced: DomainEvent[] = [];
  const stream = <State, Cmd extends Command, Event extends DomainEvent>(
    decider: Decider<State, Cmd, Event>,
  ) => new Stream(decider, produced);
  let minute = 0;
  const on =
    <Cmd extends Command>() =>
    <Type extends Cmd['type']>(type: Type, data: Extract<Cmd, { type: Type }>['data']) => {
      const time = new Date(T0 + minute++ * 60_000);
      return { type, data, metadata: { now: time, occurredAt: time } } as Extract<Cmd, { type: Type }>;
    };

  const workflowCommand = on<WorkflowCommand>();
  const taskCommand = on<TaskCommand>();
  const workflow = stream(workflowDecider);
  const workflowId = 'wf-1';
  workflow.decide(
    workflowCommand('StartWorkflow', {
      workflowId,
      name: 'Ship v2',
      description: 'The second version',
      objective: 'Customers on v2',
      plan: [{ step: 'build', goal: 'it works' }],
      labels: ['q4'],
      repository: { url: 'https://git.example.com/team/app.git', defaultBranch: 'main' },
    }),
  );
  workflow.decide(
    workflowCommand('UpdateWorkflow', {
      workflowId,
      description: null,
      labels: ['q4', 'infra'],
      repository: null,
    }),
  );
  workflow.decide(
    workflowCommand('StartPhase', { workflowId, phaseId: 'p1', number: 1, name: 'Build', parallel: true }),
  );

  const createTask = (
    task: Stream<TaskState, TaskCommand, TaskEvent>,
    command: Extract<TaskCommand, { type: 'CreateTask' }>,
  ) => {
    const decided = decideCreateTask(command, { task: task.state, workflow: workflow.state });
    task.record(decided.task);
    workflow.record(decided.workflow);
  };
  const docs = stream(taskDecider);
  createTask(
    docs,
    taskCommand('CreateTask', {
      taskId: 't-0',
      workflowId,
      name: 'Write docs',
      goal: 'People can read how',
      priority: 'low',
      areas: ['docs/**'],
      dependsOn: [],
    }),
  );
  const login = stream(taskDecider);
  createTask(
    login,
    taskCommand('CreateTask', {
      taskId: 't-1',
      workflowId,
      phaseId: 'p1',
      parentTaskId: 't-0',
      name: 'Add login',
      goal: 'Users can log in',
      priority: 'high',
      category: 'feature',
      areas: ['src/auth/**', 'docs'],
      dependsOn: ['t-0', 't-0'],
    }),
  );
  workflow.decide(workflowCommand('RemoveDependency', { workflowId, taskId: 't-1', dependsOnTaskId: 't-0' }));

  docs.decide(taskCommand('StartTask', { taskId: 't-0' }));
  docs.decide(taskCommand('CancelTask', { taskId: 't-0', reason: 'Not needed' }));

  const taskId = 't-1';
  login.decide(
    taskCommand('StartTask', {
      taskId,
      assignee: { type: 'agent', id: 'coder-1', name: 'Coder' },
      snapshotId: 'snap-1',
    }),
  );
  login.decide(taskCommand('AssignTask', { taskId, assignee: { type: 'human', id: 'ada' } }));
  login.decide(
    taskCommand('RecordMilestone', { taskId, message: 'Half way', progress: 50, metadata: { step: 3 } }),
  );
  login.decide(
    taskCommand('LogIssue', {
      taskId,
      issueId: 'i-1',
      type: 'doc_gap',
      description: 'The auth flow is undocumented',
      resolution: 'Read the code',
      requiresHumanReview: false,
    }),
  );
  login.decide(
    taskCommand('AskQuestion', {
      taskId,
      questionId: 'q-1',
      question: 'Which hash?',
      context: 'bcrypt or argon2',
    }),
  );
  login.decide(taskCommand('AnswerQuestion', { taskId, questionId: 'q-1', answer: 'argon2' }));
  login.decide(taskCommand('BlockTask', { taskId, reason: 'Waiting for the API', blockedBy: ['t-0'] }));
  login.decide(taskCommand('UnblockTask', { taskId }));
  login.decide(
    taskCommand('FailTask', {
      taskId,
      reason: 'Tests fail',
      testsStatus: 'failed',
      files: { added: ['src/auth/login.ts'], modified: [], deleted: [] },
    }),
  );
  login.decide(taskCommand('RetryTask', { taskId, reason: 'Fixed the fixture' }));
  login.decide(
    taskCommand('CompleteTask', {
      taskId,
      result: 'partial_success',
      summary: 'Login works, SSO does not',
      achievements: ['password login'],
      limitations: ['no SSO'],
      nextSteps: ['add SSO'],
      manualReviewNeeded: true,
      manualReviewReason: 'touches auth',
      testsStatus: 'passed',
      packagesAdded: ['argon2'],
      packagesRemoved: [],
      commandsExecuted: ['npm test'],
      files: { added: ['src/auth/login.ts'], modified: ['package.json'], deleted: [] },
      snapshotId: 'snap-2',
    }),
  );

  workflow.decide(workflowCommand('CompletePhase', { workflowId, phaseId: 'p1' }));
  workflow.decide(
    workflowCommand('CompleteWorkflow', {
      workflowId,
      result: 'partial',
      summary: 'Shipped without SSO',
      achievements: ['login'],
      limitations: ['no SSO'],
    }),
  );
  workflow.decide(workflowCommand('ArchiveWorkflow', { workflowId, reason: 'Done' }));

  const decisionCommand = on<DecisionCommand>();
  const recordDecision = (
    decision: Stream<DecisionState, DecisionCommand, DecisionEvent>,
    command: Extract<DecisionCommand, { type: 'RecordDecision' }>,
    superseded?: Stream<DecisionState, DecisionCommand, DecisionEvent>,
  ) => {
    const decided = decideRecordDecision(command, {
      decision: decision.state,
      superseded: superseded?.state,
    });
    decision.record(decided.decision);
    superseded?.record(decided.superseded);
  };
  const record = (decisionId: string, status: 'proposed' | 'accepted', supersedes?: string) =>
    decisionCommand('RecordDecision', {
      decisionId,
      workflowId,
      taskId,
      category: 'library_choice',
      question: 'Which SQL layer?',
      context: 'We need typed SQL',
      optionsConsidered: ['Kysely', 'TypeORM'],
      chosen: 'Kysely',
      reasoning: 'Typed SQL without an ORM',
      tradeOffs: 'Fewer tutorials',
      drivers: ['type safety'],
      deciders: ['ada'],
      status,
      supersedes,
    });
  const [adr1, adr2, adr3, adr4, adr5] = [1, 2, 3, 4, 5].map(() => stream(decisionDecider));
  recordDecision(adr1, record('adr-1', 'accepted'));
  recordDecision(adr2, record('adr-2', 'accepted', 'adr-1'), adr1);
  adr2.decide(decisionCommand('DeprecateDecision', { decisionId: 'adr-2', reason: 'No longer relevant' }));
  recordDecision(adr3, record('adr-3', 'proposed'));
  adr3.decide(decisionCommand('AcceptDecision', { decisionId: 'adr-3' }));
  recordDecision(adr4, record('adr-4', 'accepted'));
  const supersede = decideSupersedeDecision(
    decisionCommand('SupersedeDecision', { decisionId: 'adr-3', by: 'adr-4' }),
    {
      decision: adr3.state,
      successor: adr4.state,
    },
  );
  adr3.record(supersede.decision);
  adr4.record(supersede.successor);
  recordDecision(adr5, record('adr-5', 'proposed'));
  adr5.decide(decisionCommand('RejectDecision', { decisionId: 'adr-5', reason: 'Too much magic' }));

  const snapshotCommand = on<SnapshotCommand>();
  stream(snapshotDecider).decide(
    snapshotCommand('CaptureSnapshot', {
      snapshotId: 'snap-1',
      subject: { type: 'repository', id: 'github.com/team/app' },
      kind: 'git',
      schemaVersion: 1,
      status: 'ok',
      git: { commit: '9FCEB02D0AE598E95DC970B74767F19372D61AF8', branch: 'main', dirty: false },
      payload: { node: '20.19', flags: ['a', 1, null] },
    }),
  );
  stream(snapshotDecider).decide(
    snapshotCommand('CaptureSnapshot', {
      snapshotId: 'snap-2',
      subject: { type: 'task', id: taskId },
      kind: 'checksum',
      schemaVersion: 2,
      status: 'warning',
      checksums: { 'src/auth/login.ts': 'E3B0C44298FC1C149AFBF4C8996FB924' },
      capturedAt: new Date(T0).toISOString(),
    }),
  );

  const deploymentCommand = on<DeploymentCommand>();
  const release = stream(deploymentDecider);
  release.decide(
    deploymentCommand('RequestDeployment', {
      deploymentId: 'dep-1',
      service: 'annals-api',
      environment: 'production',
      type: 'automatic',
      workflowId,
      branch: 'main',
      commit: '9fceb02',
      imageTag: 'v2.0.0',
      taskIds: [taskId, taskId],
      triggeredBy: 'ci',
    }),
  );
  release.decide(deploymentCommand('StartDeployment', { deploymentId: 'dep-1' }));
  release.decide(
    deploymentCommand('CompleteDeployment', { deploymentId: 'dep-1', url: 'https://app.example.com' }),
  );
  release.decide(
    deploymentCommand('RollBackDeployment', {
      deploymentId: 'dep-1',
      reason: 'Error rate up',
      rollbackDeploymentId: 'dep-2',
    }),
  );
  const rollback = stream(deploymentDecider);
  rollback.decide(
    deploymentCommand('RequestDeployment', {
      deploymentId: 'dep-2',
      service: 'annals-api',
      environment: 'eu-1',
      type: 'rollback',
      rollbackOf: 'dep-1',
    }),
  );
  rollback.decide(
    deploymentCommand('FailDeployment', {
      deploymentId: 'dep-2',
      error: 'Image missing',
      logsUrl: 'https://ci.example.com/42',
    }),
  );
  return produced;
}

describe('events decided by the domain conform to their schemas', () => {
  const events = sampleEvents();

  it('produces every event type of the catalog in the sample scenarios', () => {
    const produced = new Set(events.map((event) => event.type));
    expect(EVENT_CATALOG.all().filter((definition) => !produced.has(definition.type))).toEqual([]);
  });

  it('finds no violation in any decided event', () => {
    const violations = events
      .map((event) => ({ type: event.type, violations: EVENT_CATALOG.violations(event.type, event.data) }))
      .filter((checked) => checked.violations.length > 0);
    expect(violations).toEqual([]);
  });

  it('would notice a decided event that drifted from its schema', () => {
    const completed = events.find((event) => event.type === 'TaskCompleted')!;
    const drifted = { ...(completed.data as object), scopeMatch: 'yes', reviewer: 'ada' };
    expect(EVENT_CATALOG.violations('TaskCompleted', drifted)).toEqual([
      { path: 'scopeMatch', keyword: 'type', message: 'must be boolean, not string' },
      { path: 'reviewer', keyword: 'additionalProperties', message: 'is not allowed' },
    ]);
  });
});
