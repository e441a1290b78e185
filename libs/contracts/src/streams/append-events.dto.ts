import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class NewEventDto {
  @ApiProperty({ example: 'OrderPlaced', pattern: '^[A-Za-z][A-Za-z0-9_.:-]{0,127}$' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/, {
    message: 'type starts with a letter; letters, digits, _ . : - follow; 128 at most',
  })
  readonly type!: string;

  @ApiProperty({
    description: 'Any JSON value; at most ANNALS_MAX_EVENT_BYTES (256 KiB) in canonical form',
    example: { orderId: 'o-1' },
  })
  @IsDefined()
  readonly data!: unknown;

  @ApiPropertyOptional({
    description: 'Merged with the actor, transport and correlation ids the server records',
    type: Object,
  })
  @IsOptional()
  @IsObject()
  readonly metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A UUID; derived from Idempotency-Key when absent', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly eventId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 32767, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32767)
  readonly schemaVersion?: number;
}

export class AppendEventsDto {
  @ApiProperty({ type: [NewEventDto], minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NewEventDto)
  readonly events!: NewEventDto[];
}
