import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import {
  DEPLOYMENT_ENVIRONMENT_PATTERN,
  DEPLOYMENT_TYPES,
  DeploymentEnvironment,
  DeploymentType,
} from '@annals/domain';
import { CommandBodyDto } from './command-body.dto';
import { EntityIdField, EntityIdListField, EnumField, TextField } from './field-decorators';
import { LIMITS } from './limits';

// A URL someone can open: scheme required, intranet hosts without a TLD allowed.
const URL_OPTIONS = { require_protocol: true, require_tld: false, protocols: ['http', 'https'] };

export class RequestDeploymentDto extends CommandBodyDto {
  @EntityIdField({
    presence: 'optional',
    description: 'The deployment id; a UUIDv7 is generated when absent',
  })
  readonly id?: string;

  @TextField(LIMITS.name, { example: 'checkout-api' })
  readonly service!: string;

  @ApiProperty({
    example: 'production',
    description: 'preview, staging, production or a custom name',
    pattern: DEPLOYMENT_ENVIRONMENT_PATTERN.source,
    maxLength: LIMITS.name,
  })
  @IsString()
  @MaxLength(LIMITS.name)
  @Matches(DEPLOYMENT_ENVIRONMENT_PATTERN, {
    message: 'environment is preview, staging, production or a name matching [a-z0-9][a-z0-9_.-]*',
  })
  readonly environment!: DeploymentEnvironment;

  @EnumField(DEPLOYMENT_TYPES)
  readonly type!: DeploymentType;

  @EntityIdField({ presence: 'optional' })
  readonly workflowId?: string;

  @TextField(LIMITS.name, { presence: 'optional' })
  readonly branch?: string;

  @TextField(LIMITS.name, { presence: 'optional' })
  readonly commit?: string;

  @TextField(LIMITS.name, { presence: 'optional' })
  readonly imageTag?: string;

  @EntityIdListField(LIMITS.list, {
    presence: 'optional',
    description: 'The tasks this deployment ships (lead time for changes); duplicates are dropped',
  })
  readonly taskIds?: string[];

  @TextField(LIMITS.name, { presence: 'optional' })
  readonly triggeredBy?: string;

  @EntityIdField({
    presence: 'optional',
    description: 'The deployment this one rolls back; required exactly when type is rollback',
  })
  readonly rollbackOf?: string;
}

export class CompleteDeploymentDto extends CommandBodyDto {
  @ApiPropertyOptional({ description: 'Where the deployed service answers', maxLength: LIMITS.url })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.url)
  @IsUrl(URL_OPTIONS)
  readonly url?: string;
}

export class FailDeploymentDto extends CommandBodyDto {
  @TextField(LIMITS.text)
  readonly error!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.url })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.url)
  @IsUrl(URL_OPTIONS)
  readonly logsUrl?: string;
}

export class RollBackDeploymentDto extends CommandBodyDto {
  @TextField(LIMITS.text)
  readonly reason!: string;

  @EntityIdField({
    presence: 'optional',
    description: 'The deployment that carried out the rollback, when there was one',
  })
  readonly rollbackDeploymentId?: string;
}
