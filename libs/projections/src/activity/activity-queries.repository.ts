import { Kysely } from 'kysely';
import { EVENT_AGGREGATES } from '@annals/contracts';
import { CursorKey, SortOrder } from '../queries/cursor';
import { ReadDB } from '../schema';
import { ActivityRow } from './activity-row';
import { activityRowOf } from './activity.repository';

export const ACTIVITY_SORT_COLUMNS = { position: 'position' } as const;

export interface ActivityFilter {
  readonly workflowId?: string;
  readonly entityKind?: string;
  readonly entityId?: string;
  readonly types?: readonly string[];
  readonly actorId?: string;
  /** Occurred in [from, to). */
  readonly from?: string;
  readonly to?: string;
}

/** The activity queries' SQL. */
export class ActivityQueriesRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /**
   * Up to `limit` rows in ledger order (newest first when descending), after the cursor. The ledger
   * position is unique, so it alone keys the pages: no tie to break.
   */
  async list(
    filter: ActivityFilter,
    sort: SortOrder<'position'>,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<ActivityRow[]> {
    const direction = sort.descending ? 'desc' : 'asc';
    const records = await this.db
      .selectFrom('read.activity')
      .selectAll()
      .$if(filter.workflowId !== undefined, (q) => q.where('workflow_id', '=', filter.workflowId!))
      // An id without its kind is looked up under every kind: the (kind, id, position) index then
      // serves it too, where an index of its own would cost the projection a write per event.
      .$if(filter.entityKind !== undefined || filter.entityId !== undefined, (q) =>
        q.where(
          'entity_kind',
          'in',
          filter.entityKind !== undefined ? [filter.entityKind] : [...EVENT_AGGREGATES],
        ),
      )
      .$if(filter.entityId !== undefined, (q) => q.where('entity_id', '=', filter.entityId!))
      .$if(filter.types !== undefined, (q) => q.where('event_type', 'in', filter.types!))
      .$if(filter.actorId !== undefined, (q) => q.where('actor_id', '=', filter.actorId!))
      .$if(filter.from !== undefined, (q) => q.where('occurred_at', '>=', new Date(filter.from!)))
      .$if(filter.to !== undefined, (q) => q.where('occurred_at', '<', new Date(filter.to!)))
      .$if(after !== undefined, (q) => q.where('position', sort.descending ? '<' : '>', String(after!.value)))
      .orderBy('position', direction)
      .limit(limit)
      .execute();
    return records.map(activityRowOf);
  }
}
