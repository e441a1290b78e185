import { ReadConsistency } from '../engine/read-consistency';
import { CursorKey, decodeCursor, Page, pageOf, SortOrder, sortOrder } from './cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from './list-request';

/**
 * The reads of one query class. Each waits (bounded) until the projections it reads have reached the
 * position the caller asked for, then reads, and answers with the position it was served at: the
 * position is taken before the read, so the answer includes at least everything up to it.
 */
export class ConsistentReads {
  constructor(
    private readonly consistency: ReadConsistency,
    /** The projections the class reads unless a read names others. */
    private readonly projections: readonly string[],
    /** The wait a caller gets when it names none. */
    private readonly defaultWaitMs: number,
  ) {}

  async serve<T>(
    wait: ConsistencyRequest,
    read: () => Promise<T>,
    projections: readonly string[] = this.projections,
  ): Promise<Served<T>> {
    const position = await this.consistency.atLeast(
      projections,
      wait.minPosition,
      wait.maxWaitMs ?? this.defaultWaitMs,
    );
    return { position, result: await read() };
  }

  /**
   * One keyset page: `fetch` is asked for one row past the limit, which only tells that a next page
   * exists, and each row shown is presented as an item.
   */
  servePage<Sort extends SortOrder, Row extends { id: string }, Item>(
    wait: ConsistencyRequest,
    page: PageRequest<Sort>,
    fetch: (sort: Sort, after: CursorKey | undefined, limit: number) => Promise<readonly Row[]>,
    present: (row: Row) => Item,
  ): Promise<Served<Page<Item>>> {
    return this.serve(wait, async () =>
      pageOf(await fetch(page.sort, page.after, page.limit + 1), page.limit, page.sort, present),
    );
  }
}

/** A keyset page as a list query asks for it: the order, the key it starts after, and its size. */
export interface PageRequest<Sort extends SortOrder = SortOrder> {
  readonly sort: Sort;
  readonly after: CursorKey | undefined;
  readonly limit: number;
}

/** The page of `request` in a fixed order (a cursor made for another order is refused). */
export function pageRequestOf<Sort extends SortOrder>(
  request: Omit<ListRequest, 'sort'>,
  sort: Sort,
): PageRequest<Sort> {
  return {
    sort,
    after: request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort),
    limit: request.limit ?? DEFAULT_LIST_LIMIT,
  };
}

/** The page of `request` in the order it names (`defaultSort` when none), among the sortable `columns`. */
export function sortedPageRequestOf<Column extends string>(
  request: ListRequest,
  defaultSort: string,
  columns: Readonly<Record<string, Column>>,
): PageRequest<SortOrder<Column>> {
  return pageRequestOf(request, sortOrder(request.sort ?? defaultSort, columns));
}
