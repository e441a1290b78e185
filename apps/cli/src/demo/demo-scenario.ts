import type { CommandEnvelope } from '@annals/commands';
import { ChangedFiles, checkScope } from '@annals/domain';
import { planDecisions } from './demo-decisions';
import { planDeployments } from './demo-deployments';
import { planRepositorySnapshots } from './demo-snapshots';
import { planWorkflows } from './demo-workflows';
import { DAY, ScenarioPlan } from './scenario-plan';
import { SeededRandom } from './seeded-random';

export const DEMO_LIMITS = {
  seed: { min: 0, max: 2 ** 32 - 1 },
  scale: { min: 1, max: 100 },
  days: { min: 14, max: 3650 },
} as const;

export const DEMO_DEFAULTS = { seed: 1, scale: 1, days: 90 } as const;

/** Six workflows per unit of --scale (with ~50 tasks each). */
export const WORKFLOWS_PER_SCALE = 6;

/** The kind of the snapshot that records how a demo data set was made. */
export const DEMO_MANIFEST_KIND = 'annals.demo';
export const DEMO_ACTOR_ID = 'annals-demo';

export interface DemoOptions {
  readonly seed: number;
  /** Multiplies the volume: workflows, their tasks and the services they ship. */
  readonly scale: number;
  /** How far back the data set reaches from `now`. */
  readonly days: number;
  /** The end of the window: no fact is later. */
  readonly now: Date;
}

/** What the manifest snapshot records: a rerun with the same seed rebuilds the same commands from it. */
export interface DemoManifest {
  readonly seed: number;
  readonly scale: number;
  readonly days: number;
  readonly now: string;
  readonly commands: number;
}

export interface DemoCommand extends CommandEnvelope {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly data: Readonly<Record<string, unknown>> & { readonly occurredAt: string };
}

export interface DemoScenario {
  readonly options: DemoOptions;
  /** In execution order: by time, the manifest first. */
  readonly commands: readonly DemoCommand[];
}

/** Manifest ids are this prefix and the seed: one manifest per data set. */
export const DEMO_MANIFEST_ID_PREFIX = 'annals-demo-';
export const demoManifestId = (seed: number): string => `${DEMO_MANIFEST_ID_PREFIX}${seed}`;

/**
 * The demo data set as commands, a pure function of its options: workflows with phases and tasks
 * (milestones, issues, questions, blocks, retries, completions), decisions with supersessions,
 * repository and environment snapshots, and deployments with failures and rollbacks, over the `days`
 * before `now`. Every command has an explicit occurredAt, ordered so that each stream's facts come in
 * time order; facts that would fall after `now` are left out, which leaves the recent work open.
 * Ids and idempotency keys derive from the seed, so running the same scenario twice writes once.
 */
export function generateDemoScenario(options: DemoOptions): DemoScenario {
  const now = options.now.getTime();
  const windowStart = now - options.days * DAY;
  const plan = new ScenarioPlan(new SeededRandom(options.seed), `demo-${options.seed}`, windowStart, now);

  const snapshots = planRepositorySnapshots(plan);
  const workflows = planWorkflows(plan, WORKFLOWS_PER_SCALE * options.scale, snapshots);
  planDecisions(plan, workflows);
  planDeployments(
    plan,
    workflows.flatMap((w) => w.tasks),
    options.scale,
  );

  const planned = plan.sorted().filter((c) => c.at <= now);
  const manifest: DemoManifest = {
    seed: options.seed,
    scale: options.scale,
    days: options.days,
    now: options.now.toISOString(),
    commands: planned.length + 1,
  };
  const commands = [
    {
      at: windowStart,
      type: 'CaptureSnapshot',
      id: demoManifestId(options.seed),
      data: {
        subject: { type: 'environment', id: DEMO_ACTOR_ID },
        kind: DEMO_MANIFEST_KIND,
        schemaVersion: 1,
        status: 'ok',
        payload: manifest,
      },
    },
    ...planned,
  ];
  return {
    options,
    commands: commands.map((c, index) => ({
      type: c.type,
      id: c.id,
      idempotencyKey: `${DEMO_ACTOR_ID}:${options.seed}:${index}`,
      data: { ...c.data, occurredAt: new Date(c.at).toISOString() },
    })),
  };
}

/** What a data set holds, by kind of fact: the summary `annals demo` prints. */
export function summarizeScenario(commands: readonly DemoCommand[]): Record<string, number> {
  const count = (type: string, where: (data: Record<string, unknown>) => boolean = () => true) =>
    commands.filter((c) => c.type === type && where(c.data)).length;
  return {
    workflows: count('StartWorkflow'),
    workflowsCompleted: count('CompleteWorkflow'),
    workflowsArchived: count('ArchiveWorkflow'),
    phases: count('StartPhase'),
    tasks: count('CreateTask'),
    subtasks: count('CreateTask', (d) => d.parentTaskId !== undefined),
    dependencies: commands
      .filter((c) => c.type === 'CreateTask')
      .reduce((sum, c) => sum + (c.data.dependsOn as string[]).length, 0),
    tasksCompleted: count('CompleteTask'),
    scopeMismatches: scopeMismatches(commands),
    tasksNeedingReview: count('CompleteTask', (d) => d.manualReviewNeeded === true),
    tasksFailed: count('FailTask'),
    retries: count('RetryTask'),
    tasksCancelled: count('CancelTask'),
    milestones: count('RecordMilestone'),
    issues: count('LogIssue'),
    questions: count('AskQuestion'),
    answers: count('AnswerQuestion'),
    blocks: count('BlockTask'),
    decisions: count('RecordDecision'),
    supersessions: count('RecordDecision', (d) => d.supersedes !== undefined) + count('SupersedeDecision'),
    snapshots: count('CaptureSnapshot'),
    deployments: count('RequestDeployment'),
    deploymentsFailed: count('FailDeployment'),
    rollbacks: count('RollBackDeployment'),
  };
}

/** Completions with changed files outside the task's areas, as the decider will find them. */
function scopeMismatches(commands: readonly DemoCommand[]): number {
  const areas = new Map<string, string[]>();
  let mismatches = 0;
  for (const { type, id, data } of commands) {
    if (type === 'CreateTask') areas.set(id, data.areas as string[]);
    if (type === 'CompleteTask' && !checkScope(areas.get(id) ?? [], data.files as ChangedFiles).scopeMatch)
      mismatches += 1;
  }
  return mismatches;
}
