import { Kysely, sql } from 'kysely';
import { createDatabase, createPool, migrateToLatest } from '@annals/platform';
import { DataSet, writeDataSet } from './dataset';
import { createScratchDatabase, ScratchDatabase } from './server';

export interface DataSetDatabase {
  readonly scratch: ScratchDatabase;
  readonly db: Kysely<any>;
  readonly dataSet: DataSet;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database holding the benchmark data set (nothing is kept between runs), analysed
 * afterwards: it was filled faster than autovacuum would have gathered statistics, which a database in
 * service has (docs/benchmarks.md, append: reads without statistics).
 */
export async function createDataSetDatabase(
  adminUrl: string,
  label: string,
  events: number,
  log: (message: string) => void,
): Promise<DataSetDatabase> {
  const scratch = await createScratchDatabase(adminUrl, label);
  const db = createDatabase<any>(
    createPool({ url: scratch.url, poolSize: 10, applicationName: 'annals-bench' }),
  );
  try {
    await migrateToLatest(db);
    const dataSet = await writeDataSet({ events, db, url: scratch.url, log });
    await sql`analyze`.execute(db);
    return {
      scratch,
      db,
      dataSet,
      close: async () => {
        await db.destroy();
        await scratch.drop();
      },
    };
  } catch (error) {
    await db.destroy();
    await scratch.drop();
    throw error;
  }
}
