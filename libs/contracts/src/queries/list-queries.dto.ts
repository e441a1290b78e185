import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { OptionalIntegerQuery } from './query-decorators';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const TASK_STATUSES = [
  'backlog',
  'in_progress',
  'needs_input',
  'blocked',
  'completed',
  'failed',
  'cancelled',
];
const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const WORKFLOW_STATUSES = ['in_progress', 'completed', 'failed', 'partial', 'archived'];
export const withDescending = (fields: readonly string[]) => fields.flatMap((field) => [field, `-${field}`]);

/** `a,b` in the query string becomes `['a', 'b']`. */
export const commaList = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value));

const queryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Read your write, on every query. */
export class ConsistencyQuery {
  @OptionalIntegerQuery({
    min: 0,
    description:
      "Answer only once the projections read have reached this ledger position (a command result's `position`); " +
      'also accepted as the X-Annals-Min-Position header. 503 projection.behind past the wait.',
  })
  readonly minPosition?: number;

  @OptionalIntegerQuery({
    min: 0,
    max: 5000,
    description: 'How long to wait for minPosition, in ms (default 5000)',
  })
  readonly maxWaitMs?: number;
}

export class ListQuery extends ConsistencyQuery {
  @OptionalIntegerQuery({ min: 1, max: 500, default: 50 })
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (same filters and sort)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly cursor?: string;
}

export const TASK_SORTS = withDescending(['createdAt', 'updatedAt', 'priority']);

export class TaskListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(TASK_SORTS)
  readonly sort?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  readonly workflowId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  readonly phaseId?: string;

  @ApiPropertyOptional({ description: `Comma list of ${TASK_STATUSES.join(', ')}` })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(TASK_STATUSES.length)
  @IsIn(TASK_STATUSES, { each: true })
  readonly status?: string[];

  @ApiPropertyOptional({ description: `Comma list of ${TASK_PRIORITIES.join(', ')}` })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(TASK_PRIORITIES.length)
  @IsIn(TASK_PRIORITIES, { each: true })
  readonly priority?: string[];

  @ApiPropertyOptional({ description: 'The assignee id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly assignee?: string;

  @ApiPropertyOptional({ description: 'Tasks that declare this area (exactly as declared)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  readonly area?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  readonly parentTaskId?: string;

  @ApiPropertyOptional({
    description: 'true: completed tasks that asked for a manual review; false: all others',
  })
  @IsOptional()
  @queryBoolean()
  @IsBoolean()
  readonly needsReview?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly createdTo?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Last changed at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly updatedSince?: string;
}

export const WORKFLOW_SORTS = withDescending(['createdAt', 'updatedAt']);

export class WorkflowListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: WORKFLOW_SORTS, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(WORKFLOW_SORTS)
  readonly sort?: string;

  @ApiPropertyOptional({ description: `Comma list of ${WORKFLOW_STATUSES.join(', ')}` })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(WORKFLOW_STATUSES.length)
  @IsIn(WORKFLOW_STATUSES, { each: true })
  readonly status?: string[];

  @ApiPropertyOptional({ description: 'Workflows carrying this label' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly label?: string;
}
