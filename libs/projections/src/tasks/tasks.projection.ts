import { Kysely } from 'kysely';
import { foldRows } from '../engine/fold-rows';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { ReadDB } from '../schema';
import { DEPENDENCY_EVENTS, foldEdges } from './dependency-edges';
import { evolveTaskRow, TASK_ROW_EVENTS } from './task-row';
import { TasksRepository } from './tasks.repository';

const isDependencyEvent = (event: EnvelopeWithUpcastData) =>
  (DEPENDENCY_EVENTS as readonly string[]).includes(event.type);

/**
 * read.tasks, one row per task, and read.task_dependencies, fed by the workflow stream's
 * DependencyAdded/Removed (the edges live there so that cycles are refused consistently).
 */
export class TasksProjection implements Projection {
  readonly name = 'tasks';
  readonly version = 1;
  readonly tables = ['tasks', 'task_dependencies'];
  readonly handles = [...TASK_ROW_EVENTS, ...DEPENDENCY_EVENTS];

  async apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void> {
    const repository = new TasksRepository(trx);
    const taskEvents = events.filter((event) => !isDependencyEvent(event));
    const taskId = (event: EnvelopeWithUpcastData): string => event.data.taskId;
    const rows = await repository.load([...new Set(taskEvents.map(taskId))]);
    await repository.save(foldRows(rows, taskEvents, taskId, evolveTaskRow));
    await repository.saveEdges(foldEdges(events.filter(isDependencyEvent)));
  }

  reset(trx: Kysely<ReadDB>): Promise<void> {
    return new TasksRepository(trx).clear();
  }
}
