import { Kysely } from 'kysely';
import { foldRows } from '../engine/fold-rows';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import { evolveWorkflowRow, WORKFLOW_ROW_EVENTS } from './workflow-row';
import { WorkflowsRepository } from './workflows.repository';

/** read.workflows: one row per workflow, its phases as JSON. Task counts are read from read.tasks. */
export class WorkflowsProjection implements Projection {
  readonly name = 'workflows';
  readonly version = 1;
  readonly tables = ['workflows'];
  readonly handles = WORKFLOW_ROW_EVENTS;

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new WorkflowsRepository(trx);
    const workflowId = (event: EnvelopeWithUpcastData): string => event.data.workflowId;
    const rows = await repository.load([...new Set(events.map(workflowId))]);
    await repository.save(foldRows(rows, events, workflowId, evolveWorkflowRow));
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new WorkflowsRepository(trx).clear();
  }
}
