import { Kysely, Selectable } from 'kysely';
import { toNumber } from '@annals/event-store';
import { ActivityTable, ReadDB } from '../schema';
import { ActivityRow, EntityRef, entityKey } from './activity-row';
import { inStatementChunks } from '../engine/statement-chunks';

const ACTIVITY_COLUMNS = [
  'event_id',
  'occurred_at',
  'entity_kind',
  'entity_id',
  'workflow_id',
  'event_type',
  'actor_id',
  'summary',
] as const satisfies readonly Exclude<keyof ActivityRow, 'position'>[];

/** The activity projection's writes, and the workflow lookup it needs to fold a batch. */
export class ActivityRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /**
   * The workflow of each entity that has one on an earlier row of the timeline (the first such
   * row: an entity never changes workflow). Entities without are absent.
   */
  async workflowsOf(entities: readonly EntityRef[]): Promise<Map<string, string>> {
    if (entities.length === 0) return new Map();
    const records = await this.db
      .selectFrom('read.activity')
      .select(['entity_kind', 'entity_id', 'workflow_id'])
      .distinctOn(['entity_kind', 'entity_id'])
      .where('workflow_id', 'is not', null)
      .where((eb) =>
        eb(
          eb.refTuple('entity_kind', 'entity_id'),
          'in',
          entities.map((entity) => eb.tuple(entity.kind, entity.id)),
        ),
      )
      .orderBy('entity_kind')
      .orderBy('entity_id')
      .orderBy('position')
      .execute();
    return new Map(
      records.map((record) => [
        entityKey({ kind: record.entity_kind as EntityRef['kind'], id: record.entity_id }),
        record.workflow_id!,
      ]),
    );
  }

  async save(all: readonly ActivityRow[]): Promise<void> {
    await inStatementChunks(all, async (rows) => {
      await this.db
        .insertInto('read.activity')
        .values([...rows])
        .onConflict((oc) =>
          oc
            .column('position')
            .doUpdateSet((eb) =>
              Object.fromEntries(ACTIVITY_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute();
    });
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('read.activity').execute();
  }
}

export const activityRowOf = (record: Selectable<ActivityTable>): ActivityRow => ({
  ...record,
  position: toNumber(record.position),
});
