import { Kysely } from 'kysely';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import { foldTaskDetails, TASK_DETAIL_EVENTS } from './task-details.fold';
import { TaskDetailsRepository } from './task-details.repository';

/**
 * The task detail's lists (milestones, issues, questions, the last outcome and its files) and the
 * status intervals the flow metrics measure. Apart from the tasks projection so that each rebuilds
 * on its own: these tables grow with every event, read.tasks by one row per task.
 */
export class TaskDetailsProjection implements Projection {
  readonly name = 'task-details';
  readonly version = 1;
  readonly tables = [
    'task_milestones',
    'task_issues',
    'task_questions',
    'task_outcomes',
    'task_files',
    'task_status_intervals',
  ];
  readonly handles = TASK_DETAIL_EVENTS;

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new TaskDetailsRepository(trx);
    const taskIds = [...new Set(events.map((event): string => event.data.taskId))];
    await repository.save(foldTaskDetails(events, await repository.load(taskIds)));
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new TaskDetailsRepository(trx).clear();
  }
}
