import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { API_KEY_ID_PATTERN, API_KEY_ROLES, ApiKeyRole } from '@annals/platform/auth/api-key';
import { EntityIdField, EnumField, TextField } from '../commands/field-decorators';
import { OptionalIntegerQuery } from '../queries/query-decorators';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with its offset, later than now: a key that expired on creation is a mistake. */
const FutureTime = () =>
  ValidateBy({
    name: 'futureTime',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && ISO_TIME.test(value) && Date.parse(value) > Date.now(),
      defaultMessage: () => '$property must be an ISO 8601 date-time with an offset, in the future',
    },
  });

export class CreateApiKeyDto {
  @TextField(200, { description: 'What the key is for, e.g. "ci-pipeline"', example: 'ci-pipeline' })
  readonly name!: string;

  @EnumField(API_KEY_ROLES, { description: 'publisher, analyst, auditor or admin (docs/security.md)' })
  readonly role!: ApiKeyRole;

  @EntityIdField({
    presence: 'notNull',
    description: 'Restrict the key to this workflow: its queries and its entities only (docs/security.md)',
  })
  readonly workflowId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working; default never' })
  @ValidateIf((_, value) => value !== undefined)
  @FutureTime()
  readonly expiresAt?: string;
}

export class ApiKeyIdDto {
  @ApiProperty({ pattern: API_KEY_ID_PATTERN.source, description: 'The key id (the 16 hex after ank_)' })
  @IsString()
  @Matches(API_KEY_ID_PATTERN, { message: 'id must be 16 lower-case hex characters' })
  readonly id!: string;
}

export class ApiKeyListQuery {
  @OptionalIntegerQuery({ min: 1, max: 500, default: 50 })
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly cursor?: string;
}

export class ApiKeyDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ enum: API_KEY_ROLES }) readonly role!: ApiKeyRole;
  @ApiProperty({ type: String, nullable: true }) readonly workflowId!: string | null;
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) readonly status!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly lastUsedAt!: string | null;
}

export class CreatedApiKeyDto {
  @ApiProperty({ type: ApiKeyDto }) readonly key!: ApiKeyDto;
  @ApiProperty({ description: 'The key to send as `Authorization: Bearer <key>`; shown this once only' })
  readonly token!: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) readonly items!: ApiKeyDto[];
  @ApiProperty({ type: String, nullable: true }) readonly nextCursor!: string | null;
}
