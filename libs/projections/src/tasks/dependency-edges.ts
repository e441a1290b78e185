import { EnvelopeWithUpcastData } from '../engine/projection';

export interface DependencyEdgeRow {
  readonly task_id: string;
  readonly depends_on_task_id: string;
  readonly workflow_id: string;
  readonly position: number;
}

export const DEPENDENCY_EVENTS = ['DependencyAdded', 'DependencyRemoved'] as const;

export interface EdgeChanges {
  readonly present: DependencyEdgeRow[];
  readonly removed: { task_id: string; depends_on_task_id: string }[];
}

/** The last word of a batch on each edge it mentions: an edge added then removed ends removed. */
export function foldEdges(events: readonly EnvelopeWithUpcastData[]): EdgeChanges {
  const last = new Map<string, { row: DependencyEdgeRow; added: boolean }>();
  for (const event of events) {
    const { taskId, dependsOnTaskId, workflowId } = event.data;
    const row = {
      task_id: taskId,
      depends_on_task_id: dependsOnTaskId,
      workflow_id: workflowId,
      position: event.position,
    };
    last.set(JSON.stringify([taskId, dependsOnTaskId]), { row, added: event.type === 'DependencyAdded' });
  }
  const edges = [...last.values()];
  return {
    present: edges.filter((e) => e.added).map((e) => e.row),
    removed: edges
      .filter((e) => !e.added)
      .map(({ row }) => ({ task_id: row.task_id, depends_on_task_id: row.depends_on_task_id })),
  };
}
