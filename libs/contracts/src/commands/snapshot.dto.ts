import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  SNAPSHOT_KIND_PATTERN,
  SNAPSHOT_STATUSES,
  SNAPSHOT_SUBJECT_TYPES,
  SnapshotPayload,
  SnapshotStatus,
  SnapshotSubjectType,
} from '@annals/domain';
import { CommandBodyDto } from './command-body.dto';
import { EntityIdField, EnumField, TextField } from './field-decorators';
import { LIMITS } from './limits';
import { MaxJsonBytes } from './max-json-bytes.validator';

/** The longest file path a checksum snapshot may name. */
export const MAX_CHECKSUM_PATH_LENGTH = 1024;
/** The formats the domain requires (snapshot.capture.ts), checked here to name the field in a 400. */
const COMMIT_PATTERN = /^[0-9a-f]{7,64}$/i;
/** From CRC-32 (8 hex digits) to SHA-512 (128). */
const DIGEST_PATTERN = /^[0-9a-f]{8,128}$/i;

const isChecksumEntry = ([path, digest]: [string, unknown]): boolean =>
  path.length >= 1 &&
  path.length <= MAX_CHECKSUM_PATH_LENGTH &&
  typeof digest === 'string' &&
  DIGEST_PATTERN.test(digest);

const firstBadEntry = (value: object): string | undefined =>
  Object.entries(value).find((entry) => !isChecksumEntry(entry))?.[0];

// A constraint's name becomes its field code (`field.<name>`, see fieldProblems), hence the snake case.

/** At most `max` keys in an object (a map sent as JSON). */
function MaxEntries(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'too_many',
    constraints: [max],
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'object' || value === null || Object.keys(value).length <= max,
      defaultMessage: (args) =>
        `$property has ${Object.keys(args?.value ?? {}).length} entries; at most $constraint1 are accepted`,
    },
  });
}

/** Every key a path of 1 to 1024 characters, every value a hex digest. */
function ChecksumEntries(): PropertyDecorator {
  return ValidateBy({
    name: 'bad_format',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'object' || value === null || firstBadEntry(value) === undefined,
      defaultMessage: (args) => {
        const path = firstBadEntry(args?.value ?? {}) ?? '';
        const shown = path.length > 100 ? `${path.slice(0, 100)}… (${path.length} characters)` : path;
        return `$property maps file paths (1 to ${MAX_CHECKSUM_PATH_LENGTH} characters) to hex digests (8 to 128 hex digits); the entry "${shown}" breaks that`;
      },
    },
  });
}

export class SnapshotSubjectDto {
  @EnumField(SNAPSHOT_SUBJECT_TYPES)
  readonly type!: SnapshotSubjectType;

  @TextField(LIMITS.name, { example: 'runner-3' })
  readonly id!: string;
}

export class GitStateDto {
  @ApiProperty({
    description: '7 to 64 hex digits, any case (stored in lowercase)',
    pattern: COMMIT_PATTERN.source,
  })
  @IsString()
  @Matches(COMMIT_PATTERN, { message: 'git.commit is 7 to 64 hex digits' })
  readonly commit!: string;

  @TextField(LIMITS.name, { presence: 'optional' })
  readonly branch?: string;

  @ApiPropertyOptional({ description: 'Uncommitted changes in the working tree' })
  @IsOptional()
  @IsBoolean()
  readonly dirty?: boolean;
}

export class CaptureSnapshotDto extends CommandBodyDto {
  @EntityIdField({ presence: 'optional', description: 'The snapshot id; a UUIDv7 is generated when absent' })
  readonly id?: string;

  @ApiProperty({ type: SnapshotSubjectDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SnapshotSubjectDto)
  readonly subject!: SnapshotSubjectDto;

  @ApiProperty({
    example: 'git',
    description: 'git, checksum or a custom kind',
    pattern: SNAPSHOT_KIND_PATTERN.source,
    maxLength: LIMITS.name,
  })
  @IsString()
  @MaxLength(LIMITS.name)
  @Matches(SNAPSHOT_KIND_PATTERN, { message: 'kind is git, checksum or a name matching [a-z0-9_.-]+' })
  readonly kind!: string;

  @ApiProperty({ minimum: 1, description: "The version of the payload's shape" })
  @IsInt()
  @Min(1)
  readonly schemaVersion!: number;

  @EnumField(SNAPSHOT_STATUSES)
  readonly status!: SnapshotStatus;

  @ApiPropertyOptional({ type: GitStateDto, description: 'Required when kind is git' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GitStateDto)
  readonly git?: GitStateDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', pattern: DIGEST_PATTERN.source },
    maxProperties: LIMITS.checksums,
    example: { 'src/main.ts': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    description:
      'File path -> hex digest (any case; stored in lowercase); required and non-empty when kind is checksum',
  })
  @IsOptional()
  @IsObject()
  @MaxEntries(LIMITS.checksums)
  @ChecksumEntries()
  readonly checksums?: Record<string, string>;

  @ApiPropertyOptional({
    description: `Any JSON value, shaped by kind and schemaVersion; at most ${LIMITS.payloadBytes} bytes as JSON`,
  })
  @IsOptional()
  @MaxJsonBytes(LIMITS.payloadBytes)
  readonly payload?: SnapshotPayload;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "When the state was observed, with an offset; defaults to the command's occurredAt",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly capturedAt?: string;
}
