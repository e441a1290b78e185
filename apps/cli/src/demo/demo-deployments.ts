import { createHash } from 'node:crypto';
import { DEPLOY_FAILURES, ROLLBACK_REASONS, serviceOf, SERVICES } from './demo-catalog';
import { DAY, HOUR, MINUTE, ScenarioPlan, TaskOutcome } from './scenario-plan';

/** Tasks waiting for their deployment to a stage, each ready from a time (its completion, or its deployment to the stage before). */
class ShippingQueue {
  private waiting: { readonly task: TaskOutcome; readonly readyAt: number }[] = [];

  add(tasks: readonly TaskOutcome[], readyAt: (task: TaskOutcome) => number): void {
    this.waiting.push(...tasks.map((task) => ({ task, readyAt: readyAt(task) })));
  }

  /** Takes the tasks ready before `at`. */
  takeReadyBefore(at: number): TaskOutcome[] {
    const ready = this.waiting.filter((w) => w.readyAt < at);
    this.waiting = this.waiting.filter((w) => w.readyAt >= at);
    return ready.map((w) => w.task);
  }
}

/**
 * Per service: automatic staging deployments every few hours to days, each carrying the tasks completed
 * since the previous one, and now and then a manual promotion to production carrying what staging
 * shipped since the last production deployment. Some fail (their tasks go with the next one); some
 * production releases are rolled back by a rollback deployment. Every completed deployment captures a
 * snapshot of its environment.
 */
export function planDeployments(plan: ScenarioPlan, tasks: readonly TaskOutcome[], scale: number): void {
  const { random } = plan;
  let count = 0;
  const nextId = () => plan.id('dep', String(++count).padStart(4, '0'));
  const changes: EnvironmentChange[] = [];
  const services = Array.from({ length: scale }, (_, round) =>
    SERVICES.map((s) => serviceOf(s, round)),
  ).flat();
  for (const service of services) {
    const shipped = tasks
      .filter((t) => t.completedAt !== undefined && t.service === service)
      .sort((a, b) => a.completedAt! - b.completedAt!);
    const toStaging = new ShippingQueue();
    toStaging.add(shipped, (task) => task.completedAt!);
    const toProduction = new ShippingQueue();
    let release = 0;
    let lastProductionImage: string | undefined;
    let stagingSinceProduction = 0;
    for (let at = plan.windowStart + random.between(HOUR, 2 * DAY); at < plan.now;) {
      release += 1;
      const imageTag = `${service}:1.${release}.0`;
      const staging = deploy(plan, nextId(), {
        service,
        environment: 'staging',
        type: 'automatic',
        at,
        imageTag,
        tasks: toStaging.takeReadyBefore(at),
        failureRate: 0.15,
      });
      at = staging.endsAt;
      if (staging.completed) {
        changes.push({
          environment: 'staging',
          deploymentId: staging.deploymentId,
          service,
          imageTag,
          at: staging.endsAt + MINUTE,
        });
        toProduction.add(staging.tasks, () => staging.endsAt);
        stagingSinceProduction += 1;
      } else {
        toStaging.add(staging.tasks, () => staging.endsAt);
      }
      if (staging.completed && (stagingSinceProduction >= 3 || random.chance(0.35))) {
        const promoteAt = at + random.skewed(HOUR, DAY);
        const production = deploy(plan, nextId(), {
          service,
          environment: 'production',
          type: 'manual',
          at: promoteAt,
          imageTag,
          tasks: toProduction.takeReadyBefore(promoteAt),
          failureRate: 0.08,
        });
        at = Math.max(at, production.endsAt);
        if (!production.completed) {
          toProduction.add(production.tasks, () => production.endsAt);
        } else {
          stagingSinceProduction = 0;
          changes.push({
            environment: 'production',
            deploymentId: production.deploymentId,
            service,
            imageTag,
            at: production.endsAt + MINUTE,
          });
          if (lastProductionImage && random.chance(0.1)) {
            const rollbackId = nextId();
            at = rollBack(
              plan,
              rollbackId,
              production.deploymentId,
              service,
              lastProductionImage,
              production.endsAt,
            );
            changes.push({
              environment: 'production',
              deploymentId: rollbackId,
              service,
              imageTag: lastProductionImage,
              at,
            });
          } else {
            lastProductionImage = imageTag;
          }
        }
      }
      at += random.skewed(4 * HOUR, 3 * DAY);
    }
  }
  captureEnvironments(plan, changes);
}

interface DeploySpec {
  readonly service: string;
  readonly environment: 'staging' | 'production';
  readonly type: 'automatic' | 'manual';
  readonly at: number;
  readonly imageTag: string;
  readonly tasks: readonly TaskOutcome[];
  readonly failureRate: number;
}

function deploy(plan: ScenarioPlan, deploymentId: string, spec: DeploySpec) {
  const { random } = plan;
  plan.add(spec.at, 'RequestDeployment', deploymentId, {
    service: spec.service,
    environment: spec.environment,
    type: spec.type,
    branch: 'main',
    commit: random.hex(40),
    imageTag: spec.imageTag,
    taskIds: spec.tasks.map((t) => t.taskId),
    triggeredBy: spec.type === 'automatic' ? 'ci' : random.pick(['ada', 'grace']),
  });
  const startedAt = spec.at + random.skewed(MINUTE, 3 * MINUTE);
  plan.add(startedAt, 'StartDeployment', deploymentId);
  const endsAt = startedAt + random.skewed(4 * MINUTE, 25 * MINUTE);
  const completed = !random.chance(spec.failureRate);
  if (completed) {
    plan.add(endsAt, 'CompleteDeployment', deploymentId, {
      url: `https://${spec.environment}.example.com/${spec.service}`,
    });
  } else {
    plan.add(endsAt, 'FailDeployment', deploymentId, {
      error: random.pick(DEPLOY_FAILURES),
      logsUrl: `https://ci.example.com/logs/${deploymentId}`,
    });
  }
  return { deploymentId, completed, endsAt, tasks: spec.tasks };
}

/** A bad release: a rollback deployment to the previous image, then the release marked rolled back. */
function rollBack(
  plan: ScenarioPlan,
  rollbackId: string,
  releaseId: string,
  service: string,
  previousImage: string,
  releasedAt: number,
): number {
  const { random } = plan;
  const at = releasedAt + random.skewed(20 * MINUTE, 3 * HOUR);
  plan.add(at, 'RequestDeployment', rollbackId, {
    service,
    environment: 'production',
    type: 'rollback',
    rollbackOf: releaseId,
    imageTag: previousImage,
    taskIds: [],
    triggeredBy: 'on-call',
  });
  plan.add(at + MINUTE, 'StartDeployment', rollbackId);
  const restoredAt = at + random.skewed(3 * MINUTE, 10 * MINUTE);
  plan.add(restoredAt, 'CompleteDeployment', rollbackId, {
    url: `https://production.example.com/${service}`,
  });
  plan.add(restoredAt + MINUTE, 'RollBackDeployment', releaseId, {
    reason: random.pick(ROLLBACK_REASONS),
    rollbackDeploymentId: rollbackId,
  });
  return restoredAt + 2 * MINUTE;
}

interface EnvironmentChange {
  readonly environment: 'staging' | 'production';
  readonly deploymentId: string;
  readonly service: string;
  readonly imageTag: string;
  readonly at: number;
}

/**
 * What runs in each environment, as file checksums (an image digest and a config digest per service),
 * captured after every deployment that changed it, in time order across services: so snapshot drift
 * between staging and production shows what staging runs ahead of production.
 */
function captureEnvironments(plan: ScenarioPlan, changes: readonly EnvironmentChange[]): void {
  const files = { staging: new Map<string, string>(), production: new Map<string, string>() };
  for (const change of [...changes].sort((a, b) => a.at - b.at)) {
    const running = files[change.environment];
    running.set(`${change.service}/image`, sha256(change.imageTag));
    running.set(
      `${change.service}/config.yaml`,
      sha256(`${change.service} ${change.environment} ${plan.random.int(2, 6)}`),
    );
    plan.add(change.at, 'CaptureSnapshot', `${change.deploymentId}-env`, {
      subject: { type: 'environment', id: change.environment },
      kind: 'checksum',
      schemaVersion: 1,
      status: 'ok',
      checksums: Object.fromEntries(running),
      payload: { deploymentId: change.deploymentId, service: change.service, imageTag: change.imageTag },
    });
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
