import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { OptionalIntegerQuery } from '@annals/contracts';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

export class ReadLedgerQuery {
  @OptionalIntegerQuery({ min: 0, default: 0, description: 'Return events after this ledger position' })
  readonly after?: number;

  @OptionalIntegerQuery({ min: 1, max: 10000, default: 1000 })
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
