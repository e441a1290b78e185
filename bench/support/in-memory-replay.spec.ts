import { EVENT_CATALOG } from '@annals/contracts';
import { generateDemoScenario } from '../../apps/cli/src/demo/demo-scenario';
import { InMemoryReplay } from './in-memory-replay';

describe('InMemoryReplay', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const scenario = generateDemoScenario({ seed: 7, scale: 1, days: 30, now });

  it('decides every demo command into events that its schema accepts, for every aggregate', async () => {
    const replay = new InMemoryReplay(now);
    const kinds = new Set<string>();
    let events = 0;

    for (const command of scenario.commands) {
      const changes = await replay.decide(command);
      for (const event of changes.flatMap((c) => c.events)) {
        expect(EVENT_CATALOG.violations(event.type, event.data)).toEqual([]);
        kinds.add(EVENT_CATALOG.get(event.type).aggregate);
        events += 1;
      }
    }

    expect([...kinds].sort()).toEqual(['decision', 'deployment', 'snapshot', 'task', 'workflow']);
    expect(events).toBeGreaterThanOrEqual(scenario.commands.length);
    expect(replay.streams).toBeGreaterThan(0);
  });

  it('folds each stream as it goes, so a command sees what the ones before it decided', async () => {
    const replay = new InMemoryReplay(now);
    const create = scenario.commands.find((c) => c.type === 'CreateTask')!;
    const workflowId = create.data.workflowId as string;
    for (const command of scenario.commands.slice(0, scenario.commands.indexOf(create)))
      await replay.decide(command);

    const changes = await replay.decide(create);

    expect(changes.map((c) => c.streamId).sort()).toEqual([`task-${create.id}`, `workflow-${workflowId}`]);
    // Run again, the same task is refused by its decider: the replay remembered the first creation.
    await expect(replay.decide(create)).rejects.toThrow();
  });
});
