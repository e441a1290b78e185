import { Migration } from 'kysely';
import * as eventStore from './2026-11-22T00-00-00_event-store';
import * as commandIdempotency from './2026-11-22T01-00-00_command-idempotency';
import * as messaging from './2026-11-22T02-00-00_messaging';
import * as projections from './2026-11-22T03-00-00_projections';
import * as projectionBuilds from './2026-11-22T04-00-00_projection-builds';
import * as decisionsSnapshots from './2026-11-22T05-00-00_decisions-snapshots';
import * as deploymentsActivity from './2026-11-22T06-00-00_deployments-activity';
import * as taskDetails from './2026-11-22T07-00-00_task-details';
import * as apiKeys from './2026-11-22T08-00-00_api-keys';
import * as databaseLocalFence from './2026-11-22T09-00-00_database-local-fence';
import * as readFilterIndexes from './2026-11-22T10-00-00_read-filter-indexes';

/**
 * Every migration, by name. Names sort in the order they must run (ISO timestamps).
 * Migrations are frozen in time: they never import application code.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T00-00-00_event-store': eventStore,
  '2026-11-22T01-00-00_command-idempotency': commandIdempotency,
  '2026-11-22T02-00-00_messaging': messaging,
  '2026-11-22T03-00-00_projections': projections,
  '2026-11-22T04-00-00_projection-builds': projectionBuilds,
  '2026-11-22T05-00-00_decisions-snapshots': decisionsSnapshots,
  '2026-11-22T06-00-00_deployments-activity': deploymentsActivity,
  '2026-11-22T07-00-00_task-details': taskDetails,
  '2026-11-22T08-00-00_api-keys': apiKeys,
  '2026-11-22T09-00-00_database-local-fence': databaseLocalFence,
  '2026-11-22T10-00-00_read-filter-indexes': readFilterIndexes,
};
