import { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** pg returns int8 as a string; repositories convert at the edge. */
type Int8 = ColumnType<string, string | number, string | number>;
/** jsonb: read as parsed JSON, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  position: Int8;
  updated_at: Generated<Date>;
}

export interface WorkflowPhaseJson {
  readonly phaseId: string;
  readonly number: number;
  readonly name: string;
  readonly parallel: boolean;
  readonly status: 'in_progress' | 'completed';
  readonly startedAt: string;
  readonly completedAt: string | null;
}

export interface WorkflowsTable {
  id: string;
  name: string;
  description: string | null;
  objective: string | null;
  plan: Json<readonly { step: string; goal: string }[]>;
  labels: string[];
  repository: ColumnType<{ url: string; defaultBranch: string } | null, string | null, string | null>;
  status: string;
  result: string | null;
  summary: string | null;
  phases: Json<readonly WorkflowPhaseJson[]>;
  created_at: Date;
  updated_at: Date;
  position: Int8;
}

export interface TasksTable {
  id: string;
  workflow_id: string;
  phase_id: string | null;
  parent_task_id: string | null;
  name: string;
  goal: string;
  priority: string;
  priority_rank: number;
  category: string | null;
  areas: string[];
  status: string;
  assignee_type: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  attempt: number;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
  result: string | null;
  summary: string | null;
  failure_reason: string | null;
  tests_status: string | null;
  manual_review_needed: boolean | null;
  scope_match: boolean | null;
  unexpected_files: string[];
  milestones: number;
  issues: number;
  open_question_ids: string[];
  position: Int8;
}

export interface TaskDependenciesTable {
  task_id: string;
  depends_on_task_id: string;
  workflow_id: string;
  position: Int8;
}

/** The read schema, table by table (schema-qualified names, as Kysely takes them). */
export interface ReadDB {
  'read.projection_checkpoints': ProjectionCheckpointsTable;
  'read.workflows': WorkflowsTable;
  'read.tasks': TasksTable;
  'read.task_dependencies': TaskDependenciesTable;
}

export type WorkflowRecord = Selectable<WorkflowsTable>;
export type NewWorkflowRecord = Insertable<WorkflowsTable>;
export type TaskRecord = Selectable<TasksTable>;
export type NewTaskRecord = Insertable<TasksTable>;
