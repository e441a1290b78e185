import { Kysely } from 'kysely';
import { foldRows } from '../engine/fold-rows';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import { DECISION_ROW_EVENTS, evolveDecisionRow } from './decision-row';
import { DecisionsRepository } from './decisions.repository';

/**
 * read.decisions, one row per decision. A supersession writes both rows: DecisionSuperseded on the
 * replaced decision's stream, DecisionRecorded (with supersedes) or DecisionLinkedAsSuccessor on the other.
 */
export class DecisionsProjection implements Projection {
  readonly name = 'decisions';
  readonly version = 1;
  readonly tables = ['decisions'];
  readonly handles = [...DECISION_ROW_EVENTS];

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new DecisionsRepository(trx);
    const decisionId = (event: EnvelopeWithUpcastData): string => event.data.decisionId;
    const rows = await repository.load([...new Set(events.map(decisionId))]);
    await repository.save(foldRows(rows, events, decisionId, evolveDecisionRow));
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new DecisionsRepository(trx).clear();
  }
}
