import { ExpressionBuilder, sql } from 'kysely';
import { CursorKey, SortOrder } from './cursor';

/**
 * `(column, id) > (value, id)` (or `<` when descending): the rows after the cursor in the page
 * order. The id breaks ties, so the order is total and no row is skipped or repeated.
 */
export function afterCursor(eb: ExpressionBuilder<any, any>, sort: SortOrder, after: CursorKey) {
  const value = typeof after.value === 'number' ? after.value : sql`${after.value}::timestamptz`;
  return eb(eb.refTuple(sort.column, 'id'), sort.descending ? '<' : '>', eb.tuple(value, after.id));
}

/** A text[] parameter (a plain array would be spread into a value list). */
export const textArray = (values: readonly string[]) => sql<string[]>`${[...values]}::text[]`;
