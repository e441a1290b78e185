import { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import {
  TaskFilesTable,
  TaskIssuesTable,
  TaskMilestonesTable,
  TaskOutcomesTable,
  TaskQuestionsTable,
  TaskStatusIntervalsTable,
} from './task-details/task-details.schema';

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

/** A rebuild in progress or asked for; `position` is its own checkpoint (null: not started). */
export interface ProjectionBuildsTable {
  name: string;
  version: number;
  position: ColumnType<string | null, string | number | null, string | number | null>;
  requested_at: Generated<Date>;
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

export interface DecisionsTable {
  id: string;
  workflow_id: string | null;
  task_id: string | null;
  category: string;
  question: string;
  context: string | null;
  options_considered: string[];
  chosen: string;
  reasoning: string;
  trade_offs: string | null;
  drivers: string[];
  deciders: string[];
  status: string;
  status_reason: string | null;
  supersedes: string | null;
  superseded_by: string | null;
  created_at: Date;
  accepted_at: Date | null;
  superseded_at: Date | null;
  updated_at: Date;
  position: Int8;
}

export interface SnapshotsTable {
  id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  schema_version: number;
  status: string;
  git_commit: string | null;
  git_branch: string | null;
  git_dirty: boolean | null;
  has_checksums: boolean;
  file_count: number;
  payload: ColumnType<unknown, string | null, string | null>;
  captured_at: Date;
  occurred_at: Date;
  position: Int8;
}

export interface SnapshotFilesTable {
  snapshot_id: string;
  path: string;
  checksum: string;
  position: Int8;
}

export interface DeploymentsTable {
  id: string;
  service: string;
  environment: string;
  type: string;
  workflow_id: string | null;
  branch: string | null;
  commit: string | null;
  image_tag: string | null;
  task_ids: string[];
  triggered_by: string | null;
  rollback_of: string | null;
  status: string;
  requested_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  failed_at: Date | null;
  rolled_back_at: Date | null;
  url: string | null;
  error: string | null;
  logs_url: string | null;
  rollback_reason: string | null;
  rolled_back_by: string | null;
  updated_at: Date;
  position: Int8;
}

export interface EnvironmentsTable {
  service: string;
  environment: string;
  deployment_id: string;
  type: string;
  workflow_id: string | null;
  branch: string | null;
  commit: string | null;
  image_tag: string | null;
  deployed_at: Date;
  position: Int8;
}

export interface ActivityTable {
  position: Int8;
  event_id: string;
  occurred_at: Date;
  entity_kind: string;
  entity_id: string;
  workflow_id: string | null;
  event_type: string;
  actor_id: string | null;
  summary: string;
}

/** The read schema, table by table (schema-qualified names, as Kysely takes them). */
export interface ReadDB {
  'read.projection_checkpoints': ProjectionCheckpointsTable;
  'read.projection_builds': ProjectionBuildsTable;
  'read.workflows': WorkflowsTable;
  'read.tasks': TasksTable;
  'read.task_dependencies': TaskDependenciesTable;
  'read.task_milestones': TaskMilestonesTable;
  'read.task_issues': TaskIssuesTable;
  'read.task_questions': TaskQuestionsTable;
  'read.task_outcomes': TaskOutcomesTable;
  'read.task_files': TaskFilesTable;
  'read.task_status_intervals': TaskStatusIntervalsTable;
  'read.decisions': DecisionsTable;
  'read.snapshots': SnapshotsTable;
  'read.snapshot_files': SnapshotFilesTable;
  'read.deployments': DeploymentsTable;
  'read.environments': EnvironmentsTable;
  'read.activity': ActivityTable;
}

export type WorkflowRecord = Selectable<WorkflowsTable>;
export type NewWorkflowRecord = Insertable<WorkflowsTable>;
export type TaskRecord = Selectable<TasksTable>;
export type NewTaskRecord = Insertable<TasksTable>;
