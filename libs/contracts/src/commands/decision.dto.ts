import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DECISION_CATEGORIES,
  DecisionCategory,
  INITIAL_DECISION_STATUSES,
  InitialDecisionStatus,
} from '@annals/domain';
import { CommandBodyDto } from './command-body.dto';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from './command-envelope.dto';
import { LIMITS } from './limits';

export class RecordDecisionDto extends CommandBodyDto {
  @ApiPropertyOptional({
    description: 'The decision id; a UUIDv7 is generated when absent',
    pattern: ENTITY_ID_REGEX.source,
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id?: string;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly workflowId?: string;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly taskId?: string;

  @ApiProperty({ enum: DECISION_CATEGORIES })
  @IsIn(DECISION_CATEGORIES)
  readonly category!: DecisionCategory;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly question!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly context?: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: LIMITS.list,
    description: 'Distinct options; `chosen` is one of them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly optionsConsidered!: string[];

  @ApiProperty({ maxLength: LIMITS.text, description: 'One of `optionsConsidered`, compared exactly' })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly chosen!: string;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly reasoning!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly tradeOffs?: string;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly drivers?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.name, { each: true })
  readonly deciders?: string[];

  @ApiPropertyOptional({ enum: INITIAL_DECISION_STATUSES, default: 'proposed' })
  @IsOptional()
  @IsIn(INITIAL_DECISION_STATUSES)
  readonly status?: InitialDecisionStatus;

  @ApiPropertyOptional({
    pattern: ENTITY_ID_REGEX.source,
    description:
      'An accepted decision this one replaces (status must then be accepted); both streams are written at once',
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly supersedes?: string;
}

/** Rejecting or deprecating a decision says why. */
export class DecisionReasonDto extends CommandBodyDto {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly reason!: string;
}

export class SupersedeDecisionDto extends CommandBodyDto {
  @ApiProperty({
    pattern: ENTITY_ID_REGEX.source,
    description: 'The accepted decision that replaces this one',
  })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly by!: string;
}
