import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DEPLOYMENT_ENVIRONMENT_PATTERN } from '@annals/domain';
import { EVENT_AGGREGATES, EVENT_CATALOG } from '../catalog';
import { EntityIdField, TextField } from '../commands/field-decorators';
import { LIMITS } from '../commands/limits';
import { commaList, ConsistencyQuery, ListQuery, withDescending } from './list-queries.dto';

export const DEPLOYMENT_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'rolled_back'];
export const DEPLOYMENT_SORTS = withDescending(['requestedAt', 'updatedAt']);
export const ACTIVITY_SORTS = withDescending(['position']);
const EVENT_TYPES = EVENT_CATALOG.all().map((definition) => definition.type);
const ENVIRONMENT_MESSAGE =
  'environment is preview, staging, production or a name matching [a-z0-9][a-z0-9_.-]*';

/** An optional environment name, as deployments name them. */
const EnvironmentQuery = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description,
      pattern: DEPLOYMENT_ENVIRONMENT_PATTERN.source,
      maxLength: LIMITS.name,
    }),
    IsOptional(),
    IsString(),
    MaxLength(LIMITS.name),
    Matches(DEPLOYMENT_ENVIRONMENT_PATTERN, { message: ENVIRONMENT_MESSAGE }),
  );

/** [from, to) of event times, both optional. */
class TimeWindowQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'At or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly to?: string;
}

export class DeploymentListQuery extends TimeWindowQuery {
  @ApiPropertyOptional({
    enum: DEPLOYMENT_SORTS,
    default: 'requestedAt',
    description: '`-` sorts descending',
  })
  @IsOptional()
  @IsIn(DEPLOYMENT_SORTS)
  readonly sort?: string;

  @TextField(LIMITS.name, { presence: 'optional' })
  readonly service?: string;

  @EnvironmentQuery('preview, staging, production or a custom name')
  readonly environment?: string;

  @ApiPropertyOptional({ description: `Comma list of ${DEPLOYMENT_STATUSES.join(', ')}` })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(DEPLOYMENT_STATUSES.length)
  @IsIn(DEPLOYMENT_STATUSES, { each: true })
  readonly status?: string[];

  @EntityIdField({ presence: 'optional' })
  readonly workflowId?: string;
}

export class EnvironmentListQuery extends ListQuery {
  @TextField(LIMITS.name, { presence: 'optional' })
  readonly service?: string;

  @EnvironmentQuery('preview, staging, production or a custom name')
  readonly environment?: string;
}

export class ActivityListQuery extends TimeWindowQuery {
  @ApiPropertyOptional({
    enum: ACTIVITY_SORTS,
    default: '-position',
    description: 'Ledger order; `-position` (the default) is newest first',
  })
  @IsOptional()
  @IsIn(ACTIVITY_SORTS)
  readonly sort?: string;

  @EntityIdField({ presence: 'optional', description: 'Events of the workflow and of everything in it' })
  readonly workflowId?: string;

  @ApiPropertyOptional({ enum: EVENT_AGGREGATES })
  @IsOptional()
  @IsIn(EVENT_AGGREGATES)
  readonly entityKind?: string;

  @EntityIdField({ presence: 'optional', description: 'With entityKind, the events of one entity' })
  readonly entityId?: string;

  @ApiPropertyOptional({ description: 'Comma list of event types (GET /v1/catalog/events)' })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true })
  readonly type?: string[];

  @TextField(LIMITS.name, { presence: 'optional', description: 'The actor id recorded with the events' })
  readonly actor?: string;
}

export class DoraMetricsQuery extends ConsistencyQuery {
  @TextField(LIMITS.name, { example: 'checkout-api' })
  readonly service!: string;

  @EnvironmentQuery('The environment (default production)')
  readonly environment?: string;

  @EntityIdField({ presence: 'optional', description: 'Only the deployments of this workflow' })
  readonly workflowId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Window start, included (default: to - 30 days)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Window end, excluded (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly to?: string;
}
