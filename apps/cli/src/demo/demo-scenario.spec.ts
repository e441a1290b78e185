import { AggregateKind } from '@annals/commands';
import {
  DEMO_MANIFEST_KIND,
  DemoCommand,
  DemoOptions,
  demoManifestId,
  generateDemoScenario,
  summarizeScenario,
} from './demo-scenario';
import { DAY } from './scenario-plan';
import { ReplayedScenario, replayScenario } from './testing/replay-scenario';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const OPTIONS: DemoOptions = { seed: 7, scale: 1, days: 90, now: NOW };

const timeOf = (command: DemoCommand) => Date.parse(command.data.occurredAt);
const ofType = (commands: readonly DemoCommand[], type: string) => commands.filter((c) => c.type === type);

describe('generateDemoScenario', () => {
  const scenario = generateDemoScenario(OPTIONS);
  const { commands } = scenario;
  let replayed: ReplayedScenario;

  beforeAll(async () => {
    replayed = await replayScenario(commands, NOW);
  });

  it('is a pure function of its options: the same seed gives the same commands, another seed others', () => {
    expect(generateDemoScenario({ ...OPTIONS }).commands).toEqual(commands);
    const other = generateDemoScenario({ ...OPTIONS, seed: 8 }).commands;
    expect(other.map((c) => c.data)).not.toEqual(commands.map((c) => c.data));
    expect(other.every((c) => c.id.startsWith('demo-8-') || c.id === demoManifestId(8))).toBe(true);
  });

  it('passes validation and every domain rule, command after command, as the executor would run them', () => {
    // beforeAll threw at the first refusal otherwise; every command wrote at least one event.
    expect(replayed.eventCount).toBeGreaterThan(commands.length);
  });

  it.each([1, 2, 3, 4294967295])(
    'holds the rules for seed %i too, with something in every list',
    async (seed) => {
      const other = generateDemoScenario({ ...OPTIONS, seed });
      await expect(replayScenario(other.commands, NOW)).resolves.toBeDefined();
      expect(Object.entries(summarizeScenario(other.commands)).filter(([, count]) => count === 0)).toEqual(
        [],
      );
    },
  );

  it('starts with the manifest that records how it was made', () => {
    expect(commands[0]).toMatchObject({
      type: 'CaptureSnapshot',
      id: demoManifestId(7),
      data: {
        kind: DEMO_MANIFEST_KIND,
        payload: { seed: 7, scale: 1, days: 90, now: NOW.toISOString(), commands: commands.length },
      },
    });
  });

  it('names every entity and idempotency key after the seed, each key once', () => {
    const keys = commands.map((c) => c.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith('annals-demo:7:'))).toBe(true);
    expect(commands.slice(1).every((c) => c.id.startsWith('demo-7-'))).toBe(true);
  });

  it('spreads the facts over the window, in time order, none after now', () => {
    const times = commands.map(timeOf);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(NOW.getTime() - 90 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    // Activity in every third of the window, not only at its ends.
    const thirds = [0, 1, 2].map(
      (i) =>
        times.filter((t) => t >= NOW.getTime() - (3 - i) * 30 * DAY && t < NOW.getTime() - (2 - i) * 30 * DAY)
          .length,
    );
    expect(Math.min(...thirds)).toBeGreaterThan(commands.length / 10);
  });

  it('keeps every stream in time order', () => {
    for (const [streamId, events] of replayed.streams) {
      const times = events.map((e) => Date.parse(e.occurredAt));
      expect({ streamId, times }).toEqual({ streamId, times: [...times].sort((a, b) => a - b) });
    }
  });

  it('has the volume the issue asks for, and something in every list', () => {
    const counts = summarizeScenario(commands);
    expect(counts.workflows).toBe(6);
    expect(counts.tasks).toBe(300);
    expect(counts.phases).toBe(24);
    const empty = Object.entries(counts).filter(([, count]) => count === 0);
    expect(empty).toEqual([]);
    expect(counts.deployments).toBeGreaterThan(50);
    expect(counts.decisions).toBeGreaterThanOrEqual(24);
  });

  it('leaves tasks, workflows, decisions and deployments in every kind of state', () => {
    const statuses = (kind: AggregateKind, type: string) =>
      new Set(ofType(commands, type).map((c) => replayed.stateOf(kind, c.id).status));
    expect([...statuses('task', 'CreateTask')]).toEqual(
      expect.arrayContaining(['backlog', 'in_progress', 'completed', 'cancelled']),
    );
    expect([...statuses('workflow', 'StartWorkflow')]).toEqual(
      expect.arrayContaining(['in_progress', 'archived']),
    );
    expect([...statuses('decision', 'RecordDecision')]).toEqual(
      expect.arrayContaining(['proposed', 'accepted', 'rejected', 'superseded']),
    );
    expect([...statuses('deployment', 'RequestDeployment')]).toEqual(
      expect.arrayContaining(['completed', 'failed', 'rolled_back']),
    );
  });

  it('rolls back only completed production releases, after their completion, through a rollback deployment', () => {
    const rollbacks = ofType(commands, 'RollBackDeployment');
    expect(rollbacks.length).toBeGreaterThan(0);
    for (const rollback of rollbacks) {
      const completed = commands.find((c) => c.type === 'CompleteDeployment' && c.id === rollback.id)!;
      expect(timeOf(completed)).toBeLessThan(timeOf(rollback));
      const by = commands.find(
        (c) => c.type === 'RequestDeployment' && c.id === rollback.data.rollbackDeploymentId,
      )!;
      expect(by.data).toMatchObject({ type: 'rollback', rollbackOf: rollback.id, environment: 'production' });
    }
  });

  it('supersedes only decisions accepted before, by accepted successors', () => {
    const links = [
      ...ofType(commands, 'RecordDecision')
        .filter((c) => c.data.supersedes !== undefined)
        .map((c) => ({
          at: timeOf(c),
          old: c.data.supersedes as string,
          successorRecordedAccepted: c.data.status,
        })),
      ...ofType(commands, 'SupersedeDecision').map((c) => ({
        at: timeOf(c),
        old: c.id,
        by: c.data.by as string,
      })),
    ];
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) {
      const accepted = commands.find((c) => c.type === 'AcceptDecision' && c.id === link.old)!;
      expect(timeOf(accepted)).toBeLessThan(link.at);
      if ('by' in link) {
        const successorAccepted = commands.find((c) => c.type === 'AcceptDecision' && c.id === link.by)!;
        expect(timeOf(successorAccepted)).toBeLessThan(link.at);
      } else {
        expect(link.successorRecordedAccepted).toBe('accepted');
      }
    }
  });

  it('deploys only completed tasks, after their completion, and a task again only after a failed deployment', () => {
    const completedAt = new Map(ofType(commands, 'CompleteTask').map((c) => [c.id, timeOf(c)]));
    const failed = new Set(ofType(commands, 'FailDeployment').map((c) => c.id));
    const carriers = new Map<string, string[]>();
    for (const request of ofType(commands, 'RequestDeployment')) {
      for (const taskId of request.data.taskIds as string[]) {
        expect(completedAt.get(taskId)).toBeLessThan(timeOf(request));
        const key = `${request.data.service}/${request.data.environment}/${taskId}`;
        carriers.set(key, [...(carriers.get(key) ?? []), request.id]);
      }
    }
    expect(carriers.size).toBeGreaterThan(200);
    const shippedAgain = [...carriers.values()].filter((ids) => ids.length > 1);
    expect(shippedAgain.length).toBeGreaterThan(0);
    for (const ids of shippedAgain) expect(ids.slice(0, -1).every((id) => failed.has(id))).toBe(true);
  });

  it('captures what each environment runs after each deployment, so staging and production can be compared', () => {
    const latest = (environment: string) =>
      ofType(commands, 'CaptureSnapshot')
        .filter((c) => (c.data.subject as { id: string }).id === environment)
        .at(-1)!.data.checksums as Record<string, string>;
    const staging = latest('staging');
    const production = latest('production');
    expect(Object.keys(staging).length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(production).length).toBeGreaterThanOrEqual(8);
    expect(staging).not.toEqual(production);
    const repositorySnapshots = ofType(commands, 'CaptureSnapshot').filter((c) => c.data.kind === 'checksum');
    expect(repositorySnapshots.length).toBeGreaterThan(50);
  });

  it('records completions with files, scope mismatches and reviews that the decider reports', () => {
    const completed = [...replayed.streams.values()].flat().filter((e) => e.type === 'TaskCompleted');
    const data = completed.map(
      (e) => e.data as { scopeMatch: boolean; manualReviewNeeded: boolean; durationMs: number },
    );
    expect(data.filter((d) => !d.scopeMatch).length).toBe(summarizeScenario(commands).scopeMismatches);
    expect(data.some((d) => !d.scopeMatch)).toBe(true);
    expect(data.some((d) => d.manualReviewNeeded)).toBe(true);
    expect(data.every((d) => d.durationMs > 0)).toBe(true);
  });

  it('multiplies the volume by --scale and shortens the window with --days, still passing every rule', async () => {
    const twice = generateDemoScenario({ ...OPTIONS, scale: 2, days: 30 });
    const counts = summarizeScenario(twice.commands);
    expect(counts.workflows).toBe(12);
    expect(counts.tasks).toBe(600);
    expect(Math.min(...twice.commands.map(timeOf))).toBe(NOW.getTime() - 30 * DAY);
    await expect(replayScenario(twice.commands, NOW)).resolves.toBeDefined();
  });
});
