import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AnswerQuestionData,
  AskQuestionData,
  Assignee,
  ASSIGNEE_TYPES,
  AssignTaskData,
  BlockTaskData,
  CancelTaskData,
  CompleteTaskData,
  CreateTaskData,
  DependencyData,
  FailTaskData,
  LogIssueData,
  RecordMilestoneData,
  RetryTaskData,
  StartTaskData,
  AssigneeType,
  ChangedFiles,
  ISSUE_TYPES,
  IssueType,
  TASK_PRIORITIES,
  TASK_RESULTS,
  TaskPriority,
  TaskResult,
  TESTS_STATUSES,
  TestsStatus,
} from '@annals/domain';
import { CommandBodyDto } from './command-body.dto';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from './command-envelope.dto';
import { LIMITS } from './limits';
import { MaxJsonBytes } from './max-json-bytes.validator';

/** A file path or an area glob: as long as paths get on common file systems. */
const MAX_PATH_LENGTH = 1024;
/** Milestone metadata is context for a human reader, not a payload store. */
const MAX_METADATA_BYTES = 64 * 1024;

/**
 * An optional field may be left out, but not sent as null: @IsOptional() lets null through to the
 * event, where no task field has a meaning for it (events are kept forever).
 */
const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

// Lists may be omitted everywhere in this file: an absent list is an empty one (the domain records []).
// A required nested object needs @IsDefined(): @ValidateNested() alone lets `undefined` through.

export class AssigneeDto implements Assignee {
  @ApiProperty({ enum: ASSIGNEE_TYPES })
  @IsIn(ASSIGNEE_TYPES)
  readonly type!: AssigneeType;

  @ApiProperty({
    maxLength: LIMITS.name,
    description: "The assignee's id in its own system (an agent name, a user, a service)",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly id!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly name?: string;
}

export class ChangedFilesDto implements ChangedFiles {
  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.changedFiles, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.changedFiles)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PATH_LENGTH, { each: true })
  readonly added: string[] = [];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.changedFiles, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.changedFiles)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PATH_LENGTH, { each: true })
  readonly modified: string[] = [];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.changedFiles, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.changedFiles)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PATH_LENGTH, { each: true })
  readonly deleted: string[] = [];
}

export class CreateTaskDto extends CommandBodyDto implements Omit<CreateTaskData, 'taskId'> {
  @ApiPropertyOptional({
    description: 'The task id; a UUIDv7 is generated when absent',
    pattern: ENTITY_ID_REGEX.source,
  })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id?: string;

  @ApiProperty({ pattern: ENTITY_ID_REGEX.source, description: 'An existing workflow that is not archived' })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly workflowId!: string;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source, description: 'A phase of the workflow' })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly phaseId?: string;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source, description: 'A task of the same workflow' })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly parentTaskId?: string;

  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly name!: string;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly goal!: string;

  @ApiProperty({ enum: TASK_PRIORITIES })
  @IsIn(TASK_PRIORITIES)
  readonly priority!: TaskPriority;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.name)
  readonly category?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.list,
    default: [],
    description:
      'Path globs (`src/api/**`, `*.md`) or zone names (`api`): completing with files outside all of them is reported',
  })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PATH_LENGTH, { each: true })
  readonly areas: string[] = [];

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.list,
    default: [],
    description: 'Tasks of the same workflow this one depends on (recorded on the workflow stream)',
  })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Matches(ENTITY_ID_REGEX, { each: true, message: ENTITY_ID_MESSAGE })
  readonly dependsOn: string[] = [];
}

export class StartTaskDto extends CommandBodyDto implements Omit<StartTaskData, 'taskId'> {
  @ApiPropertyOptional({ type: AssigneeDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => AssigneeDto)
  readonly assignee?: AssigneeDto;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source, description: 'The code base the work starts from' })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly snapshotId?: string;
}

export class AssignTaskDto extends CommandBodyDto implements Omit<AssignTaskData, 'taskId'> {
  @ApiProperty({ type: AssigneeDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AssigneeDto)
  readonly assignee!: AssigneeDto;
}

export class RecordMilestoneDto extends CommandBodyDto implements Omit<RecordMilestoneData, 'taskId'> {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly message!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Percent done' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  readonly progress?: number;

  @ApiPropertyOptional({
    type: Object,
    description: `Any JSON object, at most ${MAX_METADATA_BYTES} bytes serialized`,
  })
  @OptionalNotNull()
  @IsObject()
  @MaxJsonBytes(MAX_METADATA_BYTES)
  readonly metadata?: Record<string, unknown>;
}

export class LogIssueDto extends CommandBodyDto implements Omit<LogIssueData, 'taskId' | 'issueId'> {
  @ApiPropertyOptional({ description: 'Generated when absent', pattern: ENTITY_ID_REGEX.source })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly issueId?: string;

  @ApiProperty({ enum: ISSUE_TYPES })
  @IsIn(ISSUE_TYPES)
  readonly type!: IssueType;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly description!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @OptionalNotNull()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly resolution?: string;

  @ApiProperty()
  @IsBoolean()
  readonly requiresHumanReview!: boolean;
}

export class AskQuestionDto extends CommandBodyDto implements Omit<AskQuestionData, 'taskId' | 'questionId'> {
  @ApiPropertyOptional({ description: 'Generated when absent', pattern: ENTITY_ID_REGEX.source })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly questionId?: string;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly question!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @OptionalNotNull()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly context?: string;
}

/** The body of `POST /v1/tasks/{id}/questions/{questionId}/answer`: the question is named by the path. */
export class AnswerDto extends CommandBodyDto {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly answer!: string;
}

export class AnswerQuestionDto extends AnswerDto implements Omit<AnswerQuestionData, 'taskId'> {
  @ApiProperty({ pattern: ENTITY_ID_REGEX.source })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly questionId!: string;
}

export class BlockTaskDto extends CommandBodyDto implements Omit<BlockTaskData, 'taskId'> {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly reason!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.list,
    description: 'What holds the task: task ids, tickets, people',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.name, { each: true })
  readonly blockedBy?: string[];
}

export class CompleteTaskDto extends CommandBodyDto implements Omit<CompleteTaskData, 'taskId'> {
  @ApiProperty({ enum: TASK_RESULTS })
  @IsIn(TASK_RESULTS)
  readonly result!: TaskResult;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly summary!: string;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly achievements: string[] = [];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly limitations: string[] = [];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly nextSteps: string[] = [];

  @ApiProperty()
  @IsBoolean()
  readonly manualReviewNeeded!: boolean;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @OptionalNotNull()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly manualReviewReason?: string;

  @ApiProperty({ enum: TESTS_STATUSES })
  @IsIn(TESTS_STATUSES)
  readonly testsStatus!: TestsStatus;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.name, { each: true })
  readonly packagesAdded: string[] = [];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.name, { each: true })
  readonly packagesRemoved: string[] = [];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.list, default: [] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  readonly commandsExecuted: string[] = [];

  @ApiProperty({
    type: ChangedFilesDto,
    description: 'Changed files outside every declared area are recorded as `unexpectedFiles`',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => ChangedFilesDto)
  readonly files!: ChangedFilesDto;

  @ApiPropertyOptional({ pattern: ENTITY_ID_REGEX.source, description: 'The code base the work produced' })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly snapshotId?: string;
}

/** A failed attempt reports what it can of the outcome; with `files`, its scope is checked too. */
export class FailTaskDto
  extends PartialType(OmitType(CompleteTaskDto, ['result'] as const), { skipNullProperties: false })
  implements Omit<FailTaskData, 'taskId'>
{
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly reason!: string;
}

export class CancelTaskDto extends CommandBodyDto implements Omit<CancelTaskData, 'taskId'> {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  readonly reason!: string;
}

export class RetryTaskDto extends CommandBodyDto implements Omit<RetryTaskData, 'taskId'> {
  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @OptionalNotNull()
  @IsString()
  @MaxLength(LIMITS.text)
  readonly reason?: string;
}

/** AddDependency and RemoveDependency: the task (the command's id) depends on `dependsOnTaskId`. */
export class TaskDependencyDto
  extends CommandBodyDto
  implements Omit<DependencyData, 'workflowId' | 'taskId'>
{
  @ApiProperty({ pattern: ENTITY_ID_REGEX.source, description: 'A task of the same workflow' })
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly dependsOnTaskId!: string;
}

/** `/v1/tasks/{id}/questions/{questionId}/...`: both ids checked like body ids. */
export class TaskQuestionPathDto {
  @ApiProperty({ pattern: ENTITY_ID_REGEX.source })
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id!: string;

  @ApiProperty({ pattern: ENTITY_ID_REGEX.source })
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly questionId!: string;
}

/** `/v1/tasks/{id}/dependencies/{dependsOnId}`. */
export class TaskDependencyPathDto {
  @ApiProperty({ pattern: ENTITY_ID_REGEX.source })
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id!: string;

  @ApiProperty({ pattern: ENTITY_ID_REGEX.source, description: 'The task depended on' })
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly dependsOnId!: string;
}
