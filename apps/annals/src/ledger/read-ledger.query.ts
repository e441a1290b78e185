import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

export class ReadLedgerQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Return events after this ledger position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  readonly after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'Comma-separated event types', example: 'TaskCompleted,TaskFailed' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/, { each: true })
  readonly types?: string[];

  @ApiPropertyOptional({ description: 'Comma-separated stream types', example: 'task,deployment' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { each: true })
  readonly streamTypes?: string[];
}
