import { Kysely, Selectable } from 'kysely';
import { toNumber } from '@annals/event-store';
import { DecisionsTable, ReadDB } from '../schema';
import { DecisionRow } from './decision-row';
import { inStatementChunks } from '../engine/statement-chunks';

/** Columns an upsert overwrites: all but the key. */
const DECISION_COLUMNS = [
  'workflow_id',
  'task_id',
  'category',
  'question',
  'context',
  'options_considered',
  'chosen',
  'reasoning',
  'trade_offs',
  'drivers',
  'deciders',
  'status',
  'status_reason',
  'supersedes',
  'superseded_by',
  'created_at',
  'accepted_at',
  'superseded_at',
  'updated_at',
  'position',
] as const satisfies readonly Exclude<keyof DecisionRow, 'id'>[];

/** The decisions projection's writes (and the reads it needs to fold a batch). */
export class DecisionsRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async load(ids: readonly string[]): Promise<Map<string, DecisionRow>> {
    if (ids.length === 0) return new Map();
    const records = await this.db.selectFrom('read.decisions').selectAll().where('id', 'in', ids).execute();
    return new Map(records.map((record) => [record.id, decisionRowOf(record)]));
  }

  async save(all: readonly DecisionRow[]): Promise<void> {
    await inStatementChunks(all, async (rows) => {
      await this.db
        .insertInto('read.decisions')
        .values(
          rows.map((row) => ({
            ...row,
            options_considered: [...row.options_considered],
            drivers: [...row.drivers],
            deciders: [...row.deciders],
          })),
        )
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) =>
              Object.fromEntries(DECISION_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute();
    });
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('read.decisions').execute();
  }
}

export const decisionRowOf = (record: Selectable<DecisionsTable>): DecisionRow => ({
  ...record,
  position: toNumber(record.position),
});
