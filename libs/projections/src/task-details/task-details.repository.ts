import { Kysely } from 'kysely';
import { toNumber } from '@annals/event-store';
import { ReadDB } from '../schema';
import { IntervalRow, LoadedTaskDetails, QuestionRow, TaskDetailChanges } from './task-details.fold';
import { statementChunks } from '../engine/statement-chunks';

/** The task-details projection's writes, and the reads it needs to fold a batch. */
export class TaskDetailsRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  /** Two reads per batch: the current interval and the unanswered questions of each task in it. */
  async load(taskIds: readonly string[]): Promise<LoadedTaskDetails> {
    if (taskIds.length === 0) return { openIntervals: new Map(), openQuestions: new Map() };
    const intervals = await this.db
      .selectFrom('read.task_status_intervals')
      .selectAll()
      .where('task_id', 'in', taskIds)
      .where('ended_at', 'is', null)
      .execute();
    const questions = await this.db
      .selectFrom('read.task_questions')
      .selectAll()
      .where('task_id', 'in', taskIds)
      .where('answered_at', 'is', null)
      .orderBy('task_id')
      .orderBy('position')
      .execute();
    const openQuestions = new Map<string, QuestionRow[]>();
    for (const record of questions) {
      const row = { ...record, position: toNumber(record.position) };
      openQuestions.set(row.task_id, [...(openQuestions.get(row.task_id) ?? []), row]);
    }
    return {
      openIntervals: new Map(
        intervals.map((r): [string, IntervalRow] => [r.task_id, { ...r, position: toNumber(r.position) }]),
      ),
      openQuestions,
    };
  }

  async save(changes: TaskDetailChanges): Promise<void> {
    for (const rows of statementChunks(changes.milestones)) {
      await this.db
        .insertInto('read.task_milestones')
        .values(rows.map((row) => ({ ...row, metadata: row.metadata && JSON.stringify(row.metadata) })))
        .execute();
    }
    for (const rows of statementChunks(changes.issues)) {
      await this.db.insertInto('read.task_issues').values(rows).execute();
    }
    for (const rows of statementChunks(changes.questions)) {
      await this.db
        .insertInto('read.task_questions')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['task_id', 'question_id']).doUpdateSet((eb) => ({
            answer: eb.ref('excluded.answer'),
            answered_at: eb.ref('excluded.answered_at'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
    }
    await this.saveOutcomes(changes);
    for (const rows of statementChunks(changes.intervals)) {
      await this.db
        .insertInto('read.task_status_intervals')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['task_id', 'seq']).doUpdateSet((eb) => ({
            ended_at: eb.ref('excluded.ended_at'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
    }
  }

  private async saveOutcomes({ outcomes, files }: TaskDetailChanges): Promise<void> {
    for (const rows of statementChunks(outcomes)) {
      await this.db
        .insertInto('read.task_outcomes')
        .values(
          rows.map((row) => ({
            ...row,
            achievements: [...row.achievements],
            limitations: [...row.limitations],
            next_steps: [...row.next_steps],
            packages_added: [...row.packages_added],
            packages_removed: [...row.packages_removed],
            commands_executed: [...row.commands_executed],
          })),
        )
        .onConflict((oc) =>
          oc.column('task_id').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            achievements: eb.ref('excluded.achievements'),
            limitations: eb.ref('excluded.limitations'),
            next_steps: eb.ref('excluded.next_steps'),
            manual_review_reason: eb.ref('excluded.manual_review_reason'),
            packages_added: eb.ref('excluded.packages_added'),
            packages_removed: eb.ref('excluded.packages_removed'),
            commands_executed: eb.ref('excluded.commands_executed'),
            snapshot_id: eb.ref('excluded.snapshot_id'),
            duration_ms: eb.ref('excluded.duration_ms'),
            occurred_at: eb.ref('excluded.occurred_at'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
    }
    if (files.size === 0) return;
    await this.db
      .deleteFrom('read.task_files')
      .where('task_id', 'in', [...files.keys()])
      .execute();
    for (const rows of statementChunks([...files.values()].flat())) {
      await this.db.insertInto('read.task_files').values(rows).execute();
    }
  }

  async clear(): Promise<void> {
    for (const table of [
      'read.task_status_intervals',
      'read.task_files',
      'read.task_outcomes',
      'read.task_questions',
      'read.task_issues',
      'read.task_milestones',
    ] as const) {
      await this.db.deleteFrom(table).execute();
    }
  }
}
