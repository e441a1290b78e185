import { REPOSITORY, STRAY_FILES, WORKFLOW_TEMPLATES } from './demo-catalog';
import { DAY, RepositorySnapshot, ScenarioPlan } from './scenario-plan';
import { SeededRandom } from './seeded-random';

/**
 * Checksum snapshots of the repository every few days: between two of them some files change, a few
 * appear or disappear, so snapshot diffs and drift have something to show.
 */
export function planRepositorySnapshots(plan: ScenarioPlan): RepositorySnapshot[] {
  const { random } = plan;
  const files = new Map<string, string>();
  for (const path of [...WORKFLOW_TEMPLATES.flatMap((t) => t.files), ...STRAY_FILES]) {
    files.set(path, digest(random));
  }
  const snapshots: RepositorySnapshot[] = [];
  for (let at = plan.windowStart + random.between(0, DAY); at < plan.now; at += random.between(3, 6) * DAY) {
    for (const path of random.sample([...files.keys()], random.int(2, 6))) files.set(path, digest(random));
    if (random.chance(0.4)) files.set(`src/generated/schema-${snapshots.length + 1}.ts`, digest(random));
    if (random.chance(0.2)) {
      const generated = [...files.keys()].filter((p) => p.startsWith('src/generated/'));
      if (generated.length > 0) files.delete(random.pick(generated));
    }
    const snapshotId = plan.id('repo', String(snapshots.length + 1).padStart(3, '0'));
    plan.add(at, 'CaptureSnapshot', snapshotId, {
      subject: { type: 'repository', id: REPOSITORY.url.replace(/^https:\/\/[^/]+\//, '') },
      kind: 'checksum',
      schemaVersion: 1,
      status: random.chance(0.1) ? 'warning' : 'ok',
      git: { commit: random.hex(40), branch: REPOSITORY.defaultBranch, dirty: false },
      checksums: Object.fromEntries(files),
    });
    snapshots.push({ snapshotId, at });
  }
  return snapshots;
}

const digest = (random: SeededRandom): string => random.hex(64);
