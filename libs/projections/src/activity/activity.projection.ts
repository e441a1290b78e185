import { Kysely } from 'kysely';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import { ACTIVITY_EVENTS, activityRows, entitiesReferred } from './activity-row';
import { ActivityRepository } from './activity.repository';

/**
 * read.activity: the timeline, one row per domain event of every kind, with the workflow it belongs
 * to. Most events do not name their workflow; it is learnt from the entity's first rows on the
 * timeline itself, so this projection depends on no other.
 */
export class ActivityProjection implements Projection {
  readonly name = 'activity';
  readonly version = 1;
  readonly tables = ['activity'];
  readonly handles = ACTIVITY_EVENTS;

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new ActivityRepository(trx);
    const known = await repository.workflowsOf(entitiesReferred(events));
    await repository.save(activityRows(events, known));
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new ActivityRepository(trx).clear();
  }
}
