import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DEPLOYMENT_ENVIRONMENT_PATTERN,
  DEPLOYMENT_TYPES,
  DeploymentEnvironment,
  DeploymentType,
} from '@annals/domain';
import { CommandBodyDto } from './command-body.dto';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from './command-envelope.dto';
import { LIMITS } from './limits';

// A URL someone can open: scheme required, intranet hosts without a TLD allowed.
const URL_OPTIONS = { require_protocol: true, require_tld: false, protocols: ['http', 'https'] };

export class RequestDeploymentDto extends CommandBodyDto {
  @ApiPropertyOptional({
    description: 'The deployment id; a UUIDv7 is generated when absent',
    pattern: ENTITY_ID_REGEX.source,
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id?: string;

  @ApiProperty({ example: 'checkout-api', maxLength: LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
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

  @ApiProperty({ enum: DEPLOYMENT_TYPES })
  @IsIn(DEPLOYMENT_TYPES)
  readonly type!: DeploymentType;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly workflowId?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly branch?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly commit?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly imageTag?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.list,
    description: 'The tasks this deployment ships (lead time for changes); duplicates are dropped',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Matches(ENTITY_ID_REGEX, { each: true, message: ENTITY_ID_MESSAGE })
  readonly taskIds?: string[];

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly triggeredBy?: string;

  @ApiPropertyOptional({
    pattern: ENTITY_ID_REGEX.source,
    description: 'The deployment this one rolls back; required exactly when type is rollback',
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
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
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly error!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.url })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.url)
  @IsUrl(URL_OPTIONS)
  readonly logsUrl?: string;
}

export class RollBackDeploymentDto extends CommandBodyDto {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly reason!: string;

  @ApiPropertyOptional({
    pattern: ENTITY_ID_REGEX.source,
    description: 'The deployment that carried out the rollback, when there was one',
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly rollbackDeploymentId?: string;
}
