import { ActivityRow } from './activity-row';

/** One entry of the timeline as queries answer it. */
export interface ActivityView {
  readonly position: number;
  readonly eventId: string;
  readonly occurredAt: string;
  readonly entityKind: string;
  readonly entityId: string;
  readonly workflowId: string | null;
  readonly type: string;
  readonly actorId: string | null;
  readonly summary: string;
}

export function activityView(row: ActivityRow): ActivityView {
  return {
    position: row.position,
    eventId: row.event_id,
    occurredAt: row.occurred_at.toISOString(),
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    workflowId: row.workflow_id,
    type: row.event_type,
    actorId: row.actor_id,
    summary: row.summary,
  };
}
