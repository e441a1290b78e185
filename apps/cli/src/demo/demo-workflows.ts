import {
  AGENTS,
  BLOCKERS,
  FAILURES,
  ISSUES,
  PHASES,
  QUESTIONS,
  REPOSITORY,
  serviceOf,
  STRAY_FILES,
  TASK_VERBS,
  WorkflowTemplate,
  WORKFLOW_TEMPLATES,
} from './demo-catalog';
import { DAY, HOUR, MINUTE, RepositorySnapshot, ScenarioPlan, TaskOutcome } from './scenario-plan';
import { SeededRandom } from './seeded-random';

export const TASKS_PER_WORKFLOW = 50;
const PRIORITIES = ['low', 'medium', 'medium', 'high', 'high', 'urgent'] as const;

export interface PlannedWorkflow {
  readonly workflowId: string;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly tasks: readonly TaskOutcome[];
}

/**
 * `count` workflows spread over the window, each with its phases and TASKS_PER_WORKFLOW tasks. The
 * older two thirds complete (most of them successfully) and the oldest is archived; the most recent
 * third is still running, so lists show work in every state.
 */
export function planWorkflows(
  plan: ScenarioPlan,
  count: number,
  snapshots: readonly RepositorySnapshot[],
): PlannedWorkflow[] {
  const window = plan.now - plan.windowStart;
  const workflows: PlannedWorkflow[] = [];
  let archived = false;
  for (let w = 0; w < count; w++) {
    const template = WORKFLOW_TEMPLATES[w % WORKFLOW_TEMPLATES.length];
    const round = Math.floor(w / WORKFLOW_TEMPLATES.length);
    const startedAt = plan.windowStart + (w / count) * 0.75 * window + plan.random.between(0, 2 * DAY);
    // The most recent third is still running at `now`, so that there is work in progress to show.
    const running = w >= count - Math.max(1, Math.round(count / 3));
    const span = running
      ? plan.now - startedAt + plan.random.between(5, 20) * DAY
      : Math.min(window * plan.random.between(0.3, 0.55), plan.now - 2 * DAY - startedAt);
    const workflow = planWorkflow(plan, template, round, startedAt, span, snapshots);
    workflows.push(workflow);
    if (!running && !archived && workflow.endsAt + 3 * DAY < plan.now) {
      plan.add(workflow.endsAt + 3 * DAY, 'ArchiveWorkflow', workflow.workflowId, {
        reason: 'Superseded by the follow-up initiative',
      });
      archived = true;
    }
  }
  return workflows;
}

function planWorkflow(
  plan: ScenarioPlan,
  template: WorkflowTemplate,
  round: number,
  startedAt: number,
  span: number,
  snapshots: readonly RepositorySnapshot[],
): PlannedWorkflow {
  const { random } = plan;
  const key = round === 0 ? template.key : `${template.key}${round + 1}`;
  const workflowId = plan.id(key);
  const endsAt = startedAt + span;
  const finished = endsAt < plan.now;
  plan.add(startedAt, 'StartWorkflow', workflowId, {
    name: round === 0 ? template.name : `${template.name} (round ${round + 1})`,
    description: `Demo workflow: ${template.objective.toLowerCase()}.`,
    objective: template.objective,
    plan: PHASES.map((step) => ({ step, goal: `${step} for ${template.name.toLowerCase()}` })),
    labels: [...template.labels],
    repository: { ...REPOSITORY },
  });
  plan.add(startedAt + random.between(0.2, 0.5) * span, 'UpdateWorkflow', workflowId, {
    labels: [...template.labels, 'q-goal'],
  });

  const phaseStarts = PHASES.map((_, i) => startedAt + 5 * MINUTE + (i / PHASES.length) * 0.9 * span);
  const phaseIds = PHASES.map((_, i) => plan.id(key, `p${i + 1}`));
  PHASES.forEach((name, i) => {
    plan.add(phaseStarts[i], 'StartPhase', workflowId, {
      phaseId: phaseIds[i],
      number: i + 1,
      name,
      parallel: name === 'Implementation',
    });
    const completesAt =
      i + 1 < PHASES.length ? phaseStarts[i + 1] - HOUR : finished ? endsAt - HOUR : undefined;
    if (completesAt !== undefined)
      plan.add(completesAt, 'CompletePhase', workflowId, { phaseId: phaseIds[i] });
  });

  // A workflow still running has a fifth of its tasks created in the last three days, so that they are
  // open (in progress, waiting, blocked) when the demo ends.
  const recentFrom = Math.max(startedAt + 10 * MINUTE, plan.now - 3 * DAY);
  const creationTimes = Array.from({ length: TASKS_PER_WORKFLOW }, (_, n) =>
    finished
      ? random.between(startedAt + 10 * MINUTE, startedAt + 0.85 * span)
      : n < TASKS_PER_WORKFLOW * 0.8
        ? random.between(startedAt + 10 * MINUTE, recentFrom)
        : random.between(recentFrom, plan.now - 2 * HOUR),
  ).sort((a, b) => a - b);
  const tasks: TaskOutcome[] = [];
  creationTimes.forEach((createdAt, n) => {
    const phase = phaseStarts.filter((start) => start <= createdAt).length - 1;
    tasks.push(
      planTask(plan, {
        template,
        service: serviceOf(template.service, round),
        workflowId,
        taskId: plan.id(key, `t${String(n + 1).padStart(3, '0')}`),
        phaseId: phaseIds[Math.max(0, phase)],
        createdAt,
        earlier: tasks,
        snapshots,
      }),
    );
  });

  if (finished) {
    const result = random.chance(0.7) ? 'completed' : random.chance(0.66) ? 'partial' : 'failed';
    plan.add(endsAt, 'CompleteWorkflow', workflowId, {
      result,
      summary: `${template.name}: ${result}`,
      achievements: [`${template.taskTopics[0]} in production`],
      limitations: result === 'completed' ? [] : [`${template.taskTopics[1]} left for a follow-up`],
    });
  }
  return { workflowId, startedAt, endsAt, tasks };
}

interface TaskSpec {
  readonly template: WorkflowTemplate;
  readonly service: string;
  readonly workflowId: string;
  readonly taskId: string;
  readonly phaseId: string;
  readonly createdAt: number;
  /** Tasks of the workflow created before this one: parents and dependencies come from them. */
  readonly earlier: readonly TaskOutcome[];
  readonly snapshots: readonly RepositorySnapshot[];
}

/** One task's life, from creation to its outcome; each step strictly after the one before. */
function planTask(plan: ScenarioPlan, spec: TaskSpec): TaskOutcome {
  const { random } = plan;
  const { template, taskId, workflowId, createdAt } = spec;
  const recent = spec.earlier.slice(-15);
  const parent = recent.length > 0 && random.chance(0.2) ? random.pick(recent) : undefined;
  const dependsOn =
    recent.length > 0 && random.chance(0.25)
      ? random.sample(recent, random.int(1, 2)).map((t) => t.taskId)
      : [];
  const topic = random.pick(template.taskTopics);
  plan.add(createdAt, 'CreateTask', taskId, {
    workflowId,
    phaseId: spec.phaseId,
    ...(parent && { parentTaskId: parent.taskId }),
    name: `${random.pick(TASK_VERBS)} ${topic}`,
    goal: `${topic[0].toUpperCase()}${topic.slice(1)} works end to end and is covered by tests`,
    priority: random.pick(PRIORITIES),
    category: random.pick(['feature', 'bugfix', 'chore', 'research']),
    areas: [...template.areas],
    dependsOn,
  });
  const outcome = { taskId, workflowId, service: spec.service, createdAt };

  if (random.chance(0.08)) {
    // Never started: most wait in the backlog, a few are dropped.
    if (random.chance(0.3))
      plan.add(createdAt + random.skewed(HOUR, 5 * DAY), 'CancelTask', taskId, { reason: 'Out of scope' });
    return outcome;
  }

  let at = createdAt + random.skewed(10 * MINUTE, 2 * DAY);
  const assignee = random.pick(AGENTS);
  const startFrom = spec.snapshots.filter((s) => s.at < at).at(-1);
  plan.add(at, 'StartTask', taskId, {
    assignee: { ...assignee },
    ...(startFrom && random.chance(0.5) && { snapshotId: startFrom.snapshotId }),
  });
  const step = (min: number, max: number) => (at += random.skewed(min, max));

  for (let attempt = 1; ; attempt++) {
    const working = random.int(1, 4);
    for (let m = 1; m <= working; m++) {
      step(HOUR, 2 * DAY);
      plan.add(at, 'RecordMilestone', taskId, {
        message: `${['Plan ready', 'Tests written', 'Implementation done', 'Review comments addressed'][m - 1]}`,
        progress: Math.round((m / (working + 1)) * 100),
        ...(random.chance(0.3) && { metadata: { attempt, tokens: random.int(2_000, 90_000) } }),
      });
      episode(plan, `${taskId}-${attempt}${m}`, taskId, step, spec.earlier, assignee.id);
    }
    if (random.chance(0.03)) {
      plan.add(step(MINUTE, DAY), 'CancelTask', taskId, { reason: 'Superseded by a broader change' });
      return outcome;
    }
    if (attempt < 3 && random.chance(attempt === 1 ? 0.15 : 0.2)) {
      plan.add(step(30 * MINUTE, 8 * HOUR), 'FailTask', taskId, {
        reason: random.pick(FAILURES),
        testsStatus: 'failed',
        commandsExecuted: ['npm ci', 'npm test'],
      });
      plan.add(step(30 * MINUTE, DAY), 'RetryTask', taskId, {
        reason: 'Fixed the environment, trying again',
      });
      continue;
    }
    break;
  }

  const completedAt = step(HOUR, DAY);
  const files = changedFiles(random, template, taskId);
  const gitSnapshot = random.chance(0.3) ? `${taskId}-git` : undefined;
  if (gitSnapshot) {
    plan.add(completedAt - MINUTE, 'CaptureSnapshot', gitSnapshot, {
      subject: { type: 'task', id: taskId },
      kind: 'git',
      schemaVersion: 1,
      status: 'ok',
      git: { commit: random.hex(40), branch: `feature/${taskId}`, dirty: false },
    });
  }
  const partial = random.chance(0.15);
  const review = random.chance(0.12);
  plan.add(completedAt, 'CompleteTask', taskId, {
    result: partial ? 'partial_success' : 'success',
    summary: `${topic} ${partial ? 'mostly done' : 'done'}`,
    achievements: [`${topic} implemented`, 'tests green'],
    limitations: partial ? ['edge cases of the old format not handled'] : [],
    nextSteps: partial ? ['handle the old format'] : [],
    manualReviewNeeded: review,
    ...(review && { manualReviewReason: 'Touches money movement: needs a second pair of eyes' }),
    testsStatus: partial && random.chance(0.5) ? 'not_run' : 'passed',
    packagesAdded: random.chance(0.1) ? ['zod@3'] : [],
    packagesRemoved: [],
    commandsExecuted: ['npm ci', 'npm test', 'npm run lint'],
    files,
    ...(gitSnapshot && { snapshotId: gitSnapshot }),
  });
  return { ...outcome, completedAt };
}

/** Between milestones, now and then: an issue, a question and its answer, a block, a hand-over. */
function episode(
  plan: ScenarioPlan,
  /** Unique per episode: names its issue and question. */
  episodeId: string,
  taskId: string,
  step: (min: number, max: number) => number,
  earlier: readonly TaskOutcome[],
  assigneeId: string,
): void {
  const { random } = plan;
  const soon = () => step(10 * MINUTE, 4 * HOUR);
  if (random.chance(0.1)) {
    const issue = random.pick(ISSUES);
    const review = random.chance(0.25);
    plan.add(soon(), 'LogIssue', taskId, {
      issueId: `${episodeId}-issue`,
      type: issue.type,
      description: issue.description,
      ...(random.chance(0.5) && { resolution: 'Worked around; ticket filed' }),
      requiresHumanReview: review,
    });
  }
  if (random.chance(0.07)) {
    const { question, answer } = random.pick(QUESTIONS);
    const questionId = `${episodeId}-question`;
    plan.add(soon(), 'AskQuestion', taskId, { questionId, question, context: 'Not covered by the ticket' });
    plan.add(step(10 * MINUTE, DAY), 'AnswerQuestion', taskId, { questionId, answer });
  }
  if (random.chance(0.05)) {
    const blocker = earlier.length > 0 && random.chance(0.5) ? random.pick(earlier).taskId : 'INFRA-1432';
    plan.add(soon(), 'BlockTask', taskId, { reason: random.pick(BLOCKERS), blockedBy: [blocker] });
    plan.add(step(2 * HOUR, 3 * DAY), 'UnblockTask', taskId);
  }
  if (random.chance(0.04)) {
    const other = random.pick(AGENTS.filter((a) => a.id !== assigneeId));
    plan.add(soon(), 'AssignTask', taskId, { assignee: { ...other } });
  }
}

/** Files in the workflow's areas, and now and then one outside them (a scope mismatch). */
function changedFiles(random: SeededRandom, template: WorkflowTemplate, taskId: string) {
  const touched = random.sample(template.files, random.int(1, 3));
  const stray = random.chance(0.12) ? [random.pick(STRAY_FILES)] : [];
  // A new file lands in the first area when it is a directory (`src/payments/**`).
  const directory = template.areas[0].endsWith('/**') ? template.areas[0].slice(0, -3) : undefined;
  const added = directory && random.chance(0.3) ? [`${directory}/${taskId.split('-').at(-1)}.ts`] : [];
  return { added, modified: [...touched, ...stray], deleted: random.chance(0.05) ? [touched.at(-1)!] : [] };
}
