import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';

export const ENTITY_ID_REGEX = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const ENTITY_ID_MESSAGE =
  'an id is 1 to 128 characters: a letter or digit, then letters, digits, . _ : -';

/** One command in `POST /v1/commands`, on gRPC and on Kafka: the same shape everywhere. */
export class CommandEnvelopeDto {
  @ApiProperty({ example: 'CompleteTask', description: "The command's name" })
  @IsString()
  @Matches(/^[A-Z][A-Za-z]{1,63}$/, { message: 'type is a command name such as CreateTask' })
  readonly type!: string;

  @ApiPropertyOptional({
    description: "The entity's id; optional for create commands (a UUIDv7 is generated)",
  })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id?: string;

  @ApiPropertyOptional({
    description: 'The expected version of the entity stream: a number, no_stream, stream_exists or any',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  })
  @IsOptional()
  readonly expectedVersion?: number | string;

  @ApiPropertyOptional({
    description: 'A retried command with the same key and body returns the first result',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:@/+=-]{1,200}$/, {
    message: 'idempotencyKey is 1 to 200 characters of letters, digits and ._:@/+=-',
  })
  readonly idempotencyKey?: string;

  @ApiProperty({ description: "The same body as the command's resource route", type: Object })
  @IsDefined()
  @IsObject()
  readonly data!: Record<string, unknown>;
}

export class CommandBatchDto {
  @ApiProperty({ type: [CommandEnvelopeDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CommandEnvelopeDto)
  readonly commands!: CommandEnvelopeDto[];
}
