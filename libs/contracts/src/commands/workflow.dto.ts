import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CommandBodyDto } from './command-body.dto';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from './command-envelope.dto';
import { LIMITS } from './limits';

export class PlanStepDto {
  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly step!: string;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MaxLength(LIMITS.text)
  readonly goal!: string;
}

export class RepositoryDto {
  @ApiProperty({ example: 'https://git.example.com/team/app.git', maxLength: LIMITS.url })
  @IsString()
  @IsUrl({ require_tld: false, protocols: ['http', 'https', 'ssh', 'git'] })
  @MaxLength(LIMITS.url)
  readonly url!: string;

  @ApiProperty({ example: 'main', maxLength: LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly defaultBranch!: string;
}

export class StartWorkflowDto extends CommandBodyDto {
  @ApiPropertyOptional({
    description: 'The workflow id; a UUIDv7 is generated when absent',
    pattern: ENTITY_ID_REGEX.source,
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id?: string;

  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly name!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly description?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly objective?: string;

  @ApiPropertyOptional({ type: [PlanStepDto], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  readonly plan?: PlanStepDto[];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.label, { each: true })
  readonly labels?: string[];

  @ApiPropertyOptional({ type: RepositoryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepositoryDto)
  readonly repository?: RepositoryDto;
}

/** Only the fields given change; null clears an optional field. */
export class UpdateWorkflowDto extends CommandBodyDto {
  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly name?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(LIMITS.text)
  readonly description?: string | null;

  @ApiPropertyOptional({ maxLength: LIMITS.text, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(LIMITS.text)
  readonly objective?: string | null;

  @ApiPropertyOptional({ type: [PlanStepDto], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  readonly plan?: PlanStepDto[];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.label, { each: true })
  readonly labels?: string[];

  @ApiPropertyOptional({ type: RepositoryDto, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @ValidateNested()
  @Type(() => RepositoryDto)
  readonly repository?: RepositoryDto | null;
}

export class StartPhaseDto extends CommandBodyDto {
  @ApiPropertyOptional({ description: 'Generated when absent', pattern: ENTITY_ID_REGEX.source })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly phaseId?: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  readonly number!: number;

  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  readonly parallel?: boolean;
}

export class CompletePhaseDto extends CommandBodyDto {
  @ApiProperty({ pattern: ENTITY_ID_REGEX.source })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly phaseId!: string;
}

export class CompleteWorkflowDto extends CommandBodyDto {
  @ApiProperty({ enum: ['completed', 'failed', 'partial'] })
  @IsIn(['completed', 'failed', 'partial'])
  readonly result!: 'completed' | 'failed' | 'partial';

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly summary?: string;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly achievements?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly limitations?: string[];
}

export class ArchiveWorkflowDto extends CommandBodyDto {
  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly reason?: string;
}
