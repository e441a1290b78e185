import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsObject, Matches, Max, Min, ValidateNested } from 'class-validator';
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
import {
  EntityIdField,
  EntityIdListField,
  EnumField,
  OptionalNotNull,
  TextField,
  TextListField,
} from './field-decorators';
import { LIMITS } from './limits';
import { MaxJsonBytes } from './max-json-bytes.validator';

/** A file path or an area glob: as long as paths get on common file systems. */
const MAX_PATH_LENGTH = 1024;
/** Milestone metadata is context for a human reader, not a payload store. */
const MAX_METADATA_BYTES = 64 * 1024;

// Lists may be omitted everywhere in this file: an absent list is an empty one (the domain records []).
// A required nested object needs @IsDefined(): @ValidateNested() alone lets `undefined` through.

export class AssigneeDto implements Assignee {
  @EnumField(ASSIGNEE_TYPES)
  readonly type!: AssigneeType;

  @TextField(LIMITS.name, {
    description: "The assignee's id in its own system (an agent name, a user, a service)",
  })
  readonly id!: string;

  @TextField(LIMITS.name, { presence: 'notNull' })
  readonly name?: string;
}

export class ChangedFilesDto implements ChangedFiles {
  @TextListField(LIMITS.changedFiles, MAX_PATH_LENGTH, { presence: 'defaulted', nonEmptyItems: true })
  readonly added: string[] = [];

  @TextListField(LIMITS.changedFiles, MAX_PATH_LENGTH, { presence: 'defaulted', nonEmptyItems: true })
  readonly modified: string[] = [];

  @TextListField(LIMITS.changedFiles, MAX_PATH_LENGTH, { presence: 'defaulted', nonEmptyItems: true })
  readonly deleted: string[] = [];
}

export class CreateTaskDto extends CommandBodyDto implements Omit<CreateTaskData, 'taskId'> {
  @EntityIdField({ presence: 'notNull', description: 'The task id; a UUIDv7 is generated when absent' })
  readonly id?: string;

  @EntityIdField({ description: 'An existing workflow that is not archived' })
  readonly workflowId!: string;

  @EntityIdField({ presence: 'notNull', description: 'A phase of the workflow' })
  readonly phaseId?: string;

  @EntityIdField({ presence: 'notNull', description: 'A task of the same workflow' })
  readonly parentTaskId?: string;

  @TextField(LIMITS.name)
  readonly name!: string;

  @TextField(LIMITS.text)
  readonly goal!: string;

  @EnumField(TASK_PRIORITIES)
  readonly priority!: TaskPriority;

  @TextField(LIMITS.name, { presence: 'notNull' })
  readonly category?: string;

  @TextListField(LIMITS.list, MAX_PATH_LENGTH, {
    presence: 'defaulted',
    nonEmptyItems: true,
    description:
      'Path globs (`src/api/**`, `*.md`) or zone names (`api`): completing with files outside all of them is reported',
  })
  readonly areas: string[] = [];

  @EntityIdListField(LIMITS.list, {
    presence: 'defaulted',
    description: 'Tasks of the same workflow this one depends on (recorded on the workflow stream)',
  })
  readonly dependsOn: string[] = [];
}

export class StartTaskDto extends CommandBodyDto implements Omit<StartTaskData, 'taskId'> {
  @ApiPropertyOptional({ type: AssigneeDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => AssigneeDto)
  readonly assignee?: AssigneeDto;

  @EntityIdField({ presence: 'notNull', description: 'The code base the work starts from' })
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
  @TextField(LIMITS.text)
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
  @EntityIdField({ presence: 'notNull', description: 'Generated when absent' })
  readonly issueId?: string;

  @EnumField(ISSUE_TYPES)
  readonly type!: IssueType;

  @TextField(LIMITS.text)
  readonly description!: string;

  @TextField(LIMITS.text, { presence: 'notNull', allowEmpty: true })
  readonly resolution?: string;

  @ApiProperty()
  @IsBoolean()
  readonly requiresHumanReview!: boolean;
}

export class AskQuestionDto extends CommandBodyDto implements Omit<AskQuestionData, 'taskId' | 'questionId'> {
  @EntityIdField({ presence: 'notNull', description: 'Generated when absent' })
  readonly questionId?: string;

  @TextField(LIMITS.text)
  readonly question!: string;

  @TextField(LIMITS.text, { presence: 'notNull', allowEmpty: true })
  readonly context?: string;
}

/** The body of `POST /v1/tasks/{id}/questions/{questionId}/answer`: the question is named by the path. */
export class AnswerDto extends CommandBodyDto {
  @TextField(LIMITS.text)
  readonly answer!: string;
}

export class AnswerQuestionDto extends AnswerDto implements Omit<AnswerQuestionData, 'taskId'> {
  @EntityIdField()
  readonly questionId!: string;
}

export class BlockTaskDto extends CommandBodyDto implements Omit<BlockTaskData, 'taskId'> {
  @TextField(LIMITS.text)
  readonly reason!: string;

  @TextListField(LIMITS.list, LIMITS.name, {
    presence: 'notNull',
    nonEmptyItems: true,
    description: 'What holds the task: task ids, tickets, people',
  })
  readonly blockedBy?: string[];
}

export class CompleteTaskDto extends CommandBodyDto implements Omit<CompleteTaskData, 'taskId'> {
  @EnumField(TASK_RESULTS)
  readonly result!: TaskResult;

  @TextField(LIMITS.text)
  readonly summary!: string;

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'defaulted' })
  readonly achievements: string[] = [];

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'defaulted' })
  readonly limitations: string[] = [];

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'defaulted' })
  readonly nextSteps: string[] = [];

  @ApiProperty()
  @IsBoolean()
  readonly manualReviewNeeded!: boolean;

  @TextField(LIMITS.text, { presence: 'notNull', allowEmpty: true })
  readonly manualReviewReason?: string;

  @EnumField(TESTS_STATUSES)
  readonly testsStatus!: TestsStatus;

  @TextListField(LIMITS.list, LIMITS.name, { presence: 'defaulted', nonEmptyItems: true })
  readonly packagesAdded: string[] = [];

  @TextListField(LIMITS.list, LIMITS.name, { presence: 'defaulted', nonEmptyItems: true })
  readonly packagesRemoved: string[] = [];

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'defaulted' })
  readonly commandsExecuted: string[] = [];

  @ApiProperty({
    type: ChangedFilesDto,
    description: 'Changed files outside every declared area are recorded as `unexpectedFiles`',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => ChangedFilesDto)
  readonly files!: ChangedFilesDto;

  @EntityIdField({ presence: 'notNull', description: 'The code base the work produced' })
  readonly snapshotId?: string;
}

/** A failed attempt reports what it can of the outcome; with `files`, its scope is checked too. */
export class FailTaskDto
  extends PartialType(OmitType(CompleteTaskDto, ['result'] as const), { skipNullProperties: false })
  implements Omit<FailTaskData, 'taskId'>
{
  @TextField(LIMITS.text)
  readonly reason!: string;
}

export class CancelTaskDto extends CommandBodyDto implements Omit<CancelTaskData, 'taskId'> {
  @TextField(LIMITS.text)
  readonly reason!: string;
}

export class RetryTaskDto extends CommandBodyDto implements Omit<RetryTaskData, 'taskId'> {
  @TextField(LIMITS.text, { presence: 'notNull', allowEmpty: true })
  readonly reason?: string;
}

/** AddDependency and RemoveDependency: the task (the command's id) depends on `dependsOnTaskId`. */
export class TaskDependencyDto
  extends CommandBodyDto
  implements Omit<DependencyData, 'workflowId' | 'taskId'>
{
  @EntityIdField({ description: 'A task of the same workflow' })
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
