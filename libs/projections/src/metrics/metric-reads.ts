import { Kysely } from 'kysely';
import { ReadDB } from '../schema';

/**
 * Runs `read` in one read-only, repeatable-read transaction: the several statements of one metric
 * answer see the same rows, however the projections move meanwhile.
 */
export function onOneSnapshot<T>(db: Kysely<ReadDB>, read: (trx: Kysely<ReadDB>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
}

/** A count as pg returns it (bigint as text), 0 where SQL gave none. */
export const countOf = (value: string | number | null | undefined): number => Number(value ?? 0);

/** A duration in seconds (pg may give numeric as text), null where there was no sample. */
export const secondsOf = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);
