import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, ValidateIf } from 'class-validator';

/** Every command body: `occurredAt` says when the fact happened (default: now; at most 5 minutes ahead). */
export class CommandBodyDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the fact happened; default now; never before the previous fact of the stream',
  })
  // Absent means now; null is not a time (IsOptional would let it through as the epoch).
  @ValidateIf((_, value) => value !== undefined)
  @IsISO8601({ strict: true })
  readonly occurredAt?: string;
}
