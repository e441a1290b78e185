import { Migration } from 'kysely';
import * as eventStore from './2026-11-22T00-00-00_event-store';
import * as commandIdempotency from './2026-11-22T01-00-00_command-idempotency';
import * as messaging from './2026-11-22T02-00-00_messaging';
import * as projections from './2026-11-22T03-00-00_projections';

/**
 * Every migration, by name. Names sort in the order they must run (ISO timestamps).
 * Migrations are frozen in time: they never import application code.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T00-00-00_event-store': eventStore,
  '2026-11-22T01-00-00_command-idempotency': commandIdempotency,
  '2026-11-22T02-00-00_messaging': messaging,
  '2026-11-22T03-00-00_projections': projections,
};
