import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** An optional whole-number query parameter within bounds (query strings arrive as text). */
export const OptionalIntegerQuery = (options: {
  min: number;
  max?: number;
  default?: number;
  description?: string;
}) =>
  applyDecorators(
    ApiPropertyOptional({
      minimum: options.min,
      maximum: options.max,
      default: options.default,
      description: options.description,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(options.min),
    ...(options.max === undefined ? [] : [Max(options.max)]),
  );
