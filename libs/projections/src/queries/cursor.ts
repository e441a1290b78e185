/** A sort order of a list query: the column, its direction, and the id as the tie-breaker. */
export interface SortOrder<Column extends string = string> {
  /** As the caller names it, e.g. `-createdAt`. */
  readonly name: string;
  readonly column: Column;
  readonly descending: boolean;
}

/** The sort key of the last row of a page: where the next page starts. */
export interface CursorKey {
  readonly value: string | number;
  readonly id: string;
}

export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(`The cursor is not valid here: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}

/** Resolves `createdAt` or `-createdAt` against the sortable fields (field name -> column). */
export function sortOrder<Column extends string>(
  name: string,
  columns: Readonly<Record<string, Column>>,
): SortOrder<Column> {
  const descending = name.startsWith('-');
  const column = columns[descending ? name.slice(1) : name];
  if (column === undefined) throw new Error(`Unknown sort ${name}`);
  return { name, column, descending };
}

/**
 * Opaque to callers: base64url of the sort it was made for and the last row's key. A cursor
 * made for one sort is refused under another, where it would skip or repeat rows.
 */
export function encodeCursor(sort: SortOrder, key: CursorKey): string {
  return Buffer.from(JSON.stringify([sort.name, key.value, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: SortOrder): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor this service issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    !['string', 'number'].includes(typeof parsed[1]) ||
    typeof parsed[2] !== 'string'
  ) {
    throw new InvalidCursorError('not a cursor this service issued');
  }
  if (parsed[0] !== sort.name) throw new InvalidCursorError(`made for sort ${parsed[0]}, not ${sort.name}`);
  return { value: parsed[1], id: parsed[2] };
}

export interface Page<Item> {
  readonly items: Item[];
  readonly nextCursor: string | null;
}

/**
 * Rows were fetched with one more than `limit`: that extra row only tells that a next page exists.
 * Timestamps go into the cursor as ISO text (rows carry millisecond times, like the events).
 */
export function pageOf<Row extends { id: string }, Item>(
  rows: readonly Row[],
  limit: number,
  sort: SortOrder,
  present: (row: Row) => Item,
): Page<Item> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1] as (Row & Record<string, unknown>) | undefined;
  const value = last?.[sort.column];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(sort, {
          value: value instanceof Date ? value.toISOString() : (value as string | number),
          id: last.id,
        })
      : null;
  return { items: shown.map(present), nextCursor };
}
