import { ColumnType } from 'kysely';

/** pg returns int8 as a string; repositories convert at the edge. */
type Int8 = ColumnType<string, string | number, string | number>;
/** jsonb: read as parsed JSON, written as JSON text. */
type Json<T> = ColumnType<T, string | null, string | null>;

export interface TaskMilestonesTable {
  task_id: string;
  /** Also the key: a milestone never changes after the event that recorded it. */
  position: Int8;
  message: string;
  progress: number | null;
  metadata: Json<Readonly<Record<string, unknown>> | null>;
  recorded_at: Date;
}

export interface TaskIssuesTable {
  task_id: string;
  issue_id: string;
  type: string;
  description: string;
  resolution: string | null;
  requires_human_review: boolean;
  logged_at: Date;
  position: Int8;
}

export interface TaskQuestionsTable {
  task_id: string;
  question_id: string;
  question: string;
  context: string | null;
  asked_at: Date;
  answer: string | null;
  answered_at: Date | null;
  position: Int8;
}

/** The outcome of a task's last finished attempt, beyond what read.tasks keeps. */
export interface TaskOutcomesTable {
  task_id: string;
  kind: string;
  achievements: string[];
  limitations: string[];
  next_steps: string[];
  manual_review_reason: string | null;
  packages_added: string[];
  packages_removed: string[];
  commands_executed: string[];
  snapshot_id: string | null;
  duration_ms: Int8;
  occurred_at: Date;
  position: Int8;
}

/** The files the last finished attempt changed, each with its scope check. */
export interface TaskFilesTable {
  task_id: string;
  path: string;
  change: string;
  in_scope: boolean;
  position: Int8;
}

/** A stretch of time a task spent in one status; `ended_at` is null for the current one. */
export interface TaskStatusIntervalsTable {
  task_id: string;
  seq: number;
  status: string;
  started_at: Date;
  ended_at: Date | null;
  position: Int8;
}
