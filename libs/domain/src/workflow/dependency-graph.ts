import { DependencyEdge } from './workflow.state';

/**
 * The cycle that adding `edge` would close, as the path of task ids that starts and ends with
 * `edge.taskId` (adding a->b when b->c->a exists gives [a, b, c, a]), or null when it closes none.
 * Breadth-first, so the path reported is a shortest one, and deterministic for a given history.
 */
export function cycleClosedBy(edge: DependencyEdge, edges: readonly DependencyEdge[]): string[] | null {
  const path = shortestPath(edge.dependsOnTaskId, edge.taskId, edges);
  return path === null ? null : [edge.taskId, ...path];
}

function shortestPath(from: string, to: string, edges: readonly DependencyEdge[]): string[] | null {
  const dependenciesOf = adjacency(edges);
  const reachedFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next === to) return pathTo(to, reachedFrom);
    for (const dependency of dependenciesOf.get(next) ?? []) {
      if (reachedFrom.has(dependency)) continue;
      reachedFrom.set(dependency, next);
      queue.push(dependency);
    }
  }
  return null;
}

function adjacency(edges: readonly DependencyEdge[]): Map<string, string[]> {
  const dependenciesOf = new Map<string, string[]>();
  for (const { taskId, dependsOnTaskId } of edges) {
    const dependencies = dependenciesOf.get(taskId);
    if (dependencies) dependencies.push(dependsOnTaskId);
    else dependenciesOf.set(taskId, [dependsOnTaskId]);
  }
  return dependenciesOf;
}

function pathTo(target: string, reachedFrom: ReadonlyMap<string, string | null>): string[] {
  const path: string[] = [];
  for (let node: string | null = target; node !== null; node = reachedFrom.get(node) ?? null) {
    path.unshift(node);
  }
  return path;
}
