import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsDefined,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import {
  DECISION_CATEGORIES,
  DECISION_TRANSITIONS,
  SNAPSHOT_KIND_PATTERN,
  SNAPSHOT_STATUSES,
  SNAPSHOT_SUBJECT_TYPES,
} from '@annals/domain';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from '../commands/command-envelope.dto';
import { EntityIdField } from '../commands/field-decorators';
import { LIMITS } from '../commands/limits';
import { commaList, ConsistencyQuery, ListQuery, withDescending } from './list-queries.dto';

const DECISION_STATUSES = Object.keys(DECISION_TRANSITIONS);
const FILE_CHANGES = ['added', 'removed', 'changed'];

/** A comma list of allowed values (`a,b` in the query string). */
const CommaListOf = (values: readonly string[]): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: `Comma list of ${values.join(', ')}` }),
    IsOptional(),
    commaList(),
    ArrayMaxSize(values.length),
    IsIn(values, { each: true }),
  );

/** The property must be a time after the time in `other` (field code `field.later_than`). */
export const LaterThan = (other: string): PropertyDecorator =>
  ValidateBy({
    name: 'later_than',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const start = Date.parse(String((args?.object as Record<string, unknown>)[other]));
        return Number.isNaN(start) || Date.parse(String(value)) > start;
      },
      defaultMessage: () => `$property must be later than ${other}`,
    },
  });

/** The property may not be given with any of `others` (field code `field.exclusive`). */
export const NotWith = (...others: string[]): PropertyDecorator =>
  ValidateBy({
    name: 'exclusive',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        others.every((other) => (args?.object as Record<string, unknown>)[other] === undefined),
      defaultMessage: () => `give $property or ${others.join(' / ')}, not both`,
    },
  });

const isGiven = (object: object, ...fields: string[]) =>
  fields.some((field) => (object as Record<string, unknown>)[field] !== undefined);

export const DECISION_SORTS = withDescending(['createdAt', 'updatedAt']);

export class DecisionListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: DECISION_SORTS, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(DECISION_SORTS)
  readonly sort?: string;

  @EntityIdField({ presence: 'optional' })
  readonly workflowId?: string;

  @EntityIdField({ presence: 'optional' })
  readonly taskId?: string;

  @CommaListOf(DECISION_CATEGORIES)
  readonly category?: string[];

  @CommaListOf(DECISION_STATUSES)
  readonly status?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly createdTo?: string;
}

export const SNAPSHOT_SORTS = withDescending(['capturedAt']);

/** Subject shorthands (workflowId, taskId, environment) or the subject spelled out; one way at a time. */
export class SnapshotListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: SNAPSHOT_SORTS, default: 'capturedAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(SNAPSHOT_SORTS)
  readonly sort?: string;

  @EntityIdField({ presence: 'optional', description: 'Snapshots whose subject is this workflow' })
  @NotWith('taskId', 'environment', 'subjectType', 'subjectId')
  readonly workflowId?: string;

  @EntityIdField({ presence: 'optional', description: 'Snapshots whose subject is this task' })
  @NotWith('environment', 'subjectType', 'subjectId')
  readonly taskId?: string;

  @ApiPropertyOptional({ description: 'Snapshots whose subject is this environment', maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  @NotWith('subjectType', 'subjectId')
  readonly environment?: string;

  @ApiPropertyOptional({ enum: SNAPSHOT_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(SNAPSHOT_SUBJECT_TYPES)
  readonly subjectType?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly subjectId?: string;

  @ApiPropertyOptional({
    description: 'git, checksum or a custom kind',
    pattern: SNAPSHOT_KIND_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.name)
  @ValidateBy({
    name: 'matches',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && SNAPSHOT_KIND_PATTERN.test(value),
      defaultMessage: () => `kind must match ${SNAPSHOT_KIND_PATTERN.source}`,
    },
  })
  readonly kind?: string;

  @CommaListOf(SNAPSHOT_STATUSES)
  readonly status?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Captured at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly capturedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Captured before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly capturedTo?: string;
}

/** `limit` and `cursor` page the snapshot's files (in path order). */
export class SnapshotDetailQuery extends ListQuery {}

/** `limit` and `cursor` page the differing files (in path order); the counts cover the whole diff. */
export class SnapshotDiffQuery extends ListQuery {
  @CommaListOf(FILE_CHANGES)
  readonly change?: string[];
}

/** A half-open window [from, to) of event times. */
export class DecisionMetricsQuery extends ConsistencyQuery {
  @ApiProperty({ format: 'date-time', description: 'Window start (included)' })
  @IsISO8601({ strict: true })
  readonly from!: string;

  @ApiProperty({ format: 'date-time', description: 'Window end (excluded); later than from' })
  @IsISO8601({ strict: true })
  @LaterThan('from')
  readonly to!: string;

  @EntityIdField({ presence: 'optional' })
  readonly workflowId?: string;
}

const PAIRS = 'give fromSnapshotId and toSnapshotId, or fromEnvironment and toEnvironment';

/** Two snapshots by id, or two environments (their latest snapshots with checksums). */
export class SnapshotDriftQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ description: `The baseline snapshot; ${PAIRS}` })
  @ValidateIf((o) => !isGiven(o, 'fromEnvironment', 'toEnvironment') || isGiven(o, 'fromSnapshotId'))
  @IsDefined({ message: PAIRS })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  @NotWith('fromEnvironment', 'toEnvironment')
  readonly fromSnapshotId?: string;

  @ApiPropertyOptional({ description: 'The snapshot compared with the baseline' })
  @ValidateIf((o) => isGiven(o, 'fromSnapshotId', 'toSnapshotId'))
  @IsDefined({ message: PAIRS })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly toSnapshotId?: string;

  @ApiPropertyOptional({ description: 'The baseline environment (its latest snapshot with checksums)' })
  @ValidateIf((o) => isGiven(o, 'fromEnvironment', 'toEnvironment'))
  @IsDefined({ message: PAIRS })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly fromEnvironment?: string;

  @ApiPropertyOptional({ description: 'The environment compared with the baseline' })
  @ValidateIf((o) => isGiven(o, 'fromEnvironment', 'toEnvironment'))
  @IsDefined({ message: PAIRS })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly toEnvironment?: string;
}
