import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CommandBodyDto } from './command-body.dto';
import { EntityIdField, NestedListField, EnumField, TextField, TextListField } from './field-decorators';
import { LIMITS } from './limits';

export class PlanStepDto {
  @TextField(LIMITS.name)
  readonly step!: string;

  @TextField(LIMITS.text, { allowEmpty: true })
  readonly goal!: string;
}

export class RepositoryDto {
  @ApiProperty({ example: 'https://git.example.com/team/app.git', maxLength: LIMITS.url })
  @IsString()
  @IsUrl({ require_tld: false, protocols: ['http', 'https', 'ssh', 'git'] })
  @MaxLength(LIMITS.url)
  readonly url!: string;

  @TextField(LIMITS.name, { example: 'main' })
  readonly defaultBranch!: string;
}

export class StartWorkflowDto extends CommandBodyDto {
  @EntityIdField({ presence: 'optional', description: 'The workflow id; a UUIDv7 is generated when absent' })
  readonly id?: string;

  @TextField(LIMITS.name)
  readonly name!: string;

  @TextField(LIMITS.text, { presence: 'optional', allowEmpty: true })
  readonly description?: string;

  @TextField(LIMITS.text, { presence: 'optional', allowEmpty: true })
  readonly objective?: string;

  @NestedListField(PlanStepDto, LIMITS.list, { presence: 'optional' })
  readonly plan?: PlanStepDto[];

  @TextListField(LIMITS.list, LIMITS.label, { presence: 'optional' })
  readonly labels?: string[];

  @ApiPropertyOptional({ type: RepositoryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepositoryDto)
  readonly repository?: RepositoryDto;
}

/** Only the fields given change; null clears an optional field. */
export class UpdateWorkflowDto extends CommandBodyDto {
  @TextField(LIMITS.name, { presence: 'optional' })
  readonly name?: string;

  @TextField(LIMITS.text, { presence: 'nullable', allowEmpty: true })
  readonly description?: string | null;

  @TextField(LIMITS.text, { presence: 'nullable', allowEmpty: true })
  readonly objective?: string | null;

  @NestedListField(PlanStepDto, LIMITS.list, { presence: 'optional' })
  readonly plan?: PlanStepDto[];

  @TextListField(LIMITS.list, LIMITS.label, { presence: 'optional' })
  readonly labels?: string[];

  @ApiPropertyOptional({ type: RepositoryDto, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @ValidateNested()
  @Type(() => RepositoryDto)
  readonly repository?: RepositoryDto | null;
}

export class StartPhaseDto extends CommandBodyDto {
  @EntityIdField({ presence: 'optional', description: 'Generated when absent' })
  readonly phaseId?: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  readonly number!: number;

  @TextField(LIMITS.name)
  readonly name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  readonly parallel?: boolean;
}

export class CompletePhaseDto extends CommandBodyDto {
  @EntityIdField()
  readonly phaseId!: string;
}

export class CompleteWorkflowDto extends CommandBodyDto {
  @EnumField(['completed', 'failed', 'partial'])
  readonly result!: 'completed' | 'failed' | 'partial';

  @TextField(LIMITS.text, { presence: 'optional', allowEmpty: true })
  readonly summary?: string;

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'optional' })
  readonly achievements?: string[];

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'optional' })
  readonly limitations?: string[];
}

export class ArchiveWorkflowDto extends CommandBodyDto {
  @TextField(LIMITS.text, { presence: 'optional', allowEmpty: true })
  readonly reason?: string;
}
