/** Paging and sorting of a list query, as the caller gave them (already validated). */
export interface ListRequest {
  readonly sort?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/** Read your write: the ledger position the answer must include, and how long to wait for it. */
export interface ConsistencyRequest {
  readonly minPosition?: number;
  readonly maxWaitMs?: number;
}

/** An answer and the position the projections it read had reached. */
export interface Served<T> {
  readonly position: number;
  readonly result: T;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;
