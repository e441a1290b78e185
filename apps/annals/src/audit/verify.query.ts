import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class VerifyQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly from?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Default: the ledger head' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly to?: number;
}
