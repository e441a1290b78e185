import { EVENT_CATALOG, EventAggregate } from '@annals/contracts';
import { EnvelopeWithUpcastData } from '../engine/projection';
import { summaryOf } from './activity-summary';

/** A row of read.activity: one per domain event. */
export interface ActivityRow {
  readonly position: number;
  readonly event_id: string;
  readonly occurred_at: Date;
  readonly entity_kind: string;
  readonly entity_id: string;
  readonly workflow_id: string | null;
  readonly event_type: string;
  readonly actor_id: string | null;
  readonly summary: string;
}

/** Every domain event type, from the catalog. */
export const ACTIVITY_EVENTS: readonly string[] = EVENT_CATALOG.all().map((definition) => definition.type);

/** An entity as `kind:id`, e.g. `task:t-1`. */
export interface EntityRef {
  readonly kind: EventAggregate;
  readonly id: string;
}

export const entityKey = (ref: EntityRef): string => `${ref.kind}:${ref.id}`;

/** The entity an event is about: its aggregate, and the id its data names (`taskId` for a task). */
export function entityOf(event: EnvelopeWithUpcastData): EntityRef {
  const kind = EVENT_CATALOG.get(event.type).aggregate;
  const id = event.data[`${kind}Id`] ?? event.streamId.slice(kind.length + 1);
  return { kind, id };
}

/**
 * Where an event says outright which workflow its entity belongs to (a creation naming it), or
 * which other entity to ask (a decision or a snapshot about a task): `undefined` when it says
 * neither, and the entity's own workflow, learnt from its earlier events, applies.
 */
function workflowClue(
  event: EnvelopeWithUpcastData,
  entity: EntityRef,
): { workflowId: string } | { of: EntityRef } | undefined {
  const { data } = event;
  switch (event.type) {
    case 'TaskCreated':
    case 'DeploymentRequested':
      return data.workflowId === undefined ? undefined : { workflowId: data.workflowId };
    case 'DecisionRecorded':
      if (data.workflowId !== undefined) return { workflowId: data.workflowId };
      return data.taskId === undefined ? undefined : { of: { kind: 'task', id: data.taskId } };
    case 'SnapshotCaptured':
      if (data.subject.type === 'workflow') return { workflowId: data.subject.id };
      return data.subject.type === 'task' ? { of: { kind: 'task', id: data.subject.id } } : undefined;
    default:
      return entity.kind === 'workflow' ? { workflowId: entity.id } : undefined;
  }
}

/** The entities whose workflow a batch may need to look up: each event's own, and those it refers to. */
export function entitiesReferred(events: readonly EnvelopeWithUpcastData[]): EntityRef[] {
  const refs = new Map<string, EntityRef>();
  for (const event of events) {
    const entity = entityOf(event);
    refs.set(entityKey(entity), entity);
    const clue = workflowClue(event, entity);
    if (clue && 'of' in clue) refs.set(entityKey(clue.of), clue.of);
  }
  return [...refs.values()];
}

/**
 * The timeline rows of a batch. `known` maps entity keys to their workflow, as stored rows tell;
 * the batch's own creations add to it as they come, so an entity created and changed in one batch
 * gets its workflow on every row.
 */
export function activityRows(
  events: readonly EnvelopeWithUpcastData[],
  known: ReadonlyMap<string, string>,
): ActivityRow[] {
  const workflows = new Map(known);
  return events.map((event) => {
    const entity = entityOf(event);
    const key = entityKey(entity);
    const clue = workflowClue(event, entity);
    const workflowId =
      clue === undefined
        ? workflows.get(key)
        : 'workflowId' in clue
          ? clue.workflowId
          : workflows.get(entityKey(clue.of));
    if (workflowId !== undefined && !workflows.has(key)) workflows.set(key, workflowId);
    return {
      position: event.position,
      event_id: event.eventId,
      occurred_at: new Date(event.occurredAt),
      entity_kind: entity.kind,
      entity_id: entity.id,
      workflow_id: workflowId ?? null,
      event_type: event.type,
      actor_id: event.metadata.actor?.id ?? null,
      summary: summaryOf(event.type, event.data),
    };
  });
}
