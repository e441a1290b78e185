import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';

/** Refuses the property when `other` is given as well (field code `field.exclusive`). */
function NotWith(other: string): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'exclusive',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `give ${String(property)} or ${other}, not both` },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          (args.object as Record<string, unknown>)[other] === undefined,
      },
    });
}

export class HistoryQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'The first stream version to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly fromVersion?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  readonly limit?: number;
}

export class StateQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2025-03-01T09:30:00Z',
    description: 'The state as of this time: the events that occurred at or before it (not with version)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly asOf?: string;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'The state right after this stream version (not with asOf)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @NotWith('asOf')
  readonly version?: number;
}
